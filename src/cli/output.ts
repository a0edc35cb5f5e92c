/**
 * Result writers: table (for a terminal), json (one array), jsonl (an object
 * a line), csv. Columns are the fields in the order they first appear; a
 * single value prints as a string or number, a multivalue as an array (json),
 * one value a line in a table cell, newline-joined in csv.
 */
import { strftime } from '../time/index.js';
import { toStr } from '../values/coerce.js';
import type { Row, Scalar, Value } from '../values/value.js';

export type Format = 'table' | 'json' | 'jsonl' | 'csv';

export interface WriterOptions {
  readonly tz: string;
  readonly write: (s: string) => void;
  /** the printed form of a result (fieldformat: engine/commands/fieldformat.ts displayFormatter); default: the result itself */
  readonly display?: (row: Row) => Row;
  /** table: the terminal's width, to fit the table in (long cells cut with …); none when output is piped */
  readonly width?: number;
}

/** Splunk renders _time as a timestamp with the offset of the display zone. */
function displayValue(field: string, v: Value, tz: string): Value {
  if (field === '_time' && typeof v === 'number') return strftime(v, '%Y-%m-%dT%H:%M:%S.%3N%:z', tz);
  return v;
}

function jsonValue(v: Value): unknown {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? toStr(x) : x));
  return typeof v === 'number' ? (Number.isFinite(v) ? v : toStr(v)) : v;
}

export function rowObject(row: Row, tz: string): Record<string, unknown> {
  // no prototype: a field named `__proto__` is an own property like any other (JSON.stringify prints it);
  // on a plain object the assignment would set the prototype and the field would vanish
  const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of rowEntries(row, tz)) o[k] = v;
  return o;
}

/** A result as [field, printed value] pairs in column order (an object would put integer-like names first). */
export function rowEntries(row: Row, tz: string): [string, unknown][] {
  return [...row].map(([k, v]) => [k, jsonValue(displayValue(k, v, tz))]);
}

function cellLines(v: Value | undefined): string[] {
  if (v === undefined) return [''];
  if (Array.isArray(v)) return v.map((x: Scalar) => toStr(x));
  return toStr(v as Scalar).split('\n');
}

/** a cell line as it is drawn: a tab as spaces to the next multiple of 4, other control characters as a space */
function drawn(s: string): string {
  if (!/[\t\r\x00-\x08\x0b-\x1f\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    if (ch === '\t') out += ' '.repeat(4 - (out.length % 4));
    else out += /[\r\x00-\x08\x0b-\x1f\x7f]/.test(ch) ? ' ' : ch;
  }
  return out;
}

/**
 * Column widths that fit `width` characters (two spaces between columns):
 * `_raw`, drawn last, gives way first, down to 10 characters; then the
 * widest columns are cut to one common width, never below their header's
 * length or 6 characters. A table that cannot fit that way stays wider.
 */
export function fitWidths(natural: readonly number[], headers: readonly string[], width: number): number[] {
  const w = [...natural];
  const room = width - 2 * (w.length - 1);
  const total = () => w.reduce((a, b) => a + b, 0);
  if (total() <= room) return w;
  const raw = headers.indexOf('_raw');
  if (raw >= 0) w[raw] = Math.max(Math.min(natural[raw], 10), natural[raw] - (total() - room));
  if (total() <= room) return w;
  const floor = headers.map((h, i) => Math.min(natural[i], Math.max(h.length, 6)));
  // the largest cap c with sum(max(floor, min(w, c))) <= room
  let lo = 0;
  let hi = Math.max(...w);
  const sumAt = (c: number) => w.reduce((a, x, i) => a + (i === raw ? x : Math.max(floor[i], Math.min(x, c))), 0);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sumAt(mid) <= room) lo = mid;
    else hi = mid - 1;
  }
  return w.map((x, i) => (i === raw ? x : Math.max(floor[i], Math.min(x, lo))));
}

function cut(s: string, w: number): string {
  return s.length > w ? s.slice(0, Math.max(0, w - 1)) + '…' : s;
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface Writer {
  rows(rows: Row[]): void;
  end(): void;
}

export function makeWriter(format: Format, opts: WriterOptions): Writer {
  const w = rowWriter(format, opts);
  const display = opts.display;
  return display ? { rows: (rows) => w.rows(rows.map(display)), end: () => w.end() } : w;
}

function rowWriter(format: Format, opts: WriterOptions): Writer {
  const { tz, write } = opts;
  switch (format) {
    case 'jsonl':
      return {
        rows(rows) {
          for (const r of rows) write(JSON.stringify(rowObject(r, tz)) + '\n');
        },
        end() {},
      };
    case 'json': {
      let first = true;
      return {
        rows(rows) {
          for (const r of rows) {
            write((first ? '[\n  ' : ',\n  ') + JSON.stringify(rowObject(r, tz)));
            first = false;
          }
        },
        end() {
          write(first ? '[]\n' : '\n]\n');
        },
      };
    }
    case 'csv':
    case 'table': {
      // both need every column before the first line: collect
      const all: Row[] = [];
      return {
        rows(rows) {
          for (const r of rows) all.push(r);
        },
        end() {
          const columns: string[] = [];
          const seen = new Set<string>();
          for (const r of all) for (const k of r.keys()) if (!seen.has(k)) (seen.add(k), columns.push(k));
          // on a terminal, _raw (the longest, least read) comes last
          if (format === 'table' && opts.width !== undefined && seen.has('_raw')) columns.push(...columns.splice(columns.indexOf('_raw'), 1));
          const cells = all.map((r) => columns.map((c) => cellLines(r.has(c) ? displayValue(c, r.get(c)!, tz) : undefined)));
          if (format === 'csv') {
            write(columns.map(csvCell).join(',') + '\n');
            for (const row of cells) write(row.map((lines) => csvCell(lines.join('\n'))).join(',') + '\n');
            return;
          }
          if (all.length === 0) {
            write('(no results)\n');
            return;
          }
          for (const row of cells) for (let i = 0; i < row.length; i++) row[i] = row[i].map(drawn);
          const natural = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => Math.max(...row[i].map((l) => l.length)))));
          const widths = opts.width !== undefined ? fitWidths(natural, columns, opts.width) : natural;
          const line = (parts: string[]) => parts.map((p, i) => cut(p, widths[i]).padEnd(widths[i])).join('  ').trimEnd() + '\n';
          write(line(columns));
          write(line(widths.map((w) => '-'.repeat(w))));
          for (const row of cells) {
            const height = Math.max(...row.map((l) => l.length));
            for (let h = 0; h < height; h++) write(line(row.map((lines) => lines[h] ?? '')));
          }
        },
      };
    }
  }
}
