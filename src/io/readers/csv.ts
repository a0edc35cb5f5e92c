/**
 * CSV with a header row (RFC 4180): fields separated by commas, a field in
 * double quotes may hold commas, line breaks and doubled quotes (`""` → `"`).
 * The first record names the fields. Blank lines between records are
 * ignored. A record with more cells than the header is reported (the extra
 * cells are dropped); an unclosed quote at the end of the file is reported.
 */
import type { Assembler, EmitEvent, EmitProblem } from './assembler.js';
import { isBlank } from './assembler.js';

const QUOTE = 34;

/** counts `"` characters: an odd total means a quoted field is still open */
function quoteCount(text: string): number {
  let n = 0;
  let i = text.indexOf('"');
  while (i >= 0) {
    n++;
    i = text.indexOf('"', i + 1);
  }
  return n;
}

/**
 * Splits one complete record into cells. Text around a quoted part is kept
 * as written (`a"b"c` → `abc`... RFC 4180 does not allow it; we take the
 * characters as they come, quotes removed).
 */
export function splitCsvRecord(record: string): string[] {
  const cells: string[] = [];
  let i = 0;
  const n = record.length;
  for (;;) {
    if (i < n && record.charCodeAt(i) === QUOTE) {
      let cell = '';
      let j = i + 1;
      for (;;) {
        const q = record.indexOf('"', j);
        if (q < 0) {
          cell += record.slice(j);
          i = n;
          break;
        }
        cell += record.slice(j, q);
        if (record.charCodeAt(q + 1) === QUOTE) {
          cell += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // anything after the closing quote up to the comma is kept
      const c = record.indexOf(',', i);
      const stop = c < 0 ? n : c;
      if (stop > i) cell += record.slice(i, stop).replaceAll('"', '');
      cells.push(cell);
      if (c < 0) break;
      i = c + 1;
    } else {
      const c = record.indexOf(',', i);
      if (c < 0) {
        cells.push(record.slice(i));
        break;
      }
      cells.push(record.slice(i, c));
      i = c + 1;
    }
  }
  return cells;
}

export class CsvAssembler implements Assembler {
  private header: string[] | undefined;
  private parts: string[] | undefined;
  private partsStart = 0;
  private quotes = 0;

  constructor(
    private readonly emit: EmitEvent,
    private readonly problem: EmitProblem,
  ) {}

  line(text: string, lineNo: number): void {
    if (this.parts !== undefined) {
      this.parts.push(text);
      this.quotes += quoteCount(text);
      if (this.quotes % 2 === 0) {
        const record = this.parts.join('\n');
        this.parts = undefined;
        this.record(record, this.partsStart);
      }
      return;
    }
    if (isBlank(text)) return;
    const q = text.indexOf('"') < 0 ? 0 : quoteCount(text);
    if (q % 2 === 1) {
      this.parts = [text];
      this.partsStart = lineNo;
      this.quotes = q;
      return;
    }
    this.record(text, lineNo);
  }

  private record(record: string, lineNo: number): void {
    const cells = splitCsvRecord(record);
    if (this.header === undefined) {
      this.header = cells.map((c) => c.trim());
      return;
    }
    if (cells.length > this.header.length) {
      this.problem(lineNo, `record has ${cells.length} fields but the header names ${this.header.length}; extra fields ignored`);
    }
    this.emit({ raw: record, line: lineNo, format: 'csv', header: this.header, cells });
  }

  end(): void {
    if (this.parts !== undefined) {
      this.problem(this.partsStart, 'quoted field is not closed: the file ends inside it; record skipped');
      this.parts = undefined;
    }
  }
}

/** A first line looks like a CSV header: at least two distinct, non-empty, non-numeric names. */
export function looksLikeCsvHeader(line: string): boolean {
  if (line.indexOf(',') < 0) return false;
  const cells = splitCsvRecord(line);
  if (cells.length < 2) return false;
  const seen = new Set<string>();
  for (const raw of cells) {
    const c = raw.trim();
    if (c.length === 0 || c.length > 200 || seen.has(c)) return false;
    if (/^[-+]?[\d.]+$/.test(c)) return false;
    seen.add(c);
  }
  return true;
}
