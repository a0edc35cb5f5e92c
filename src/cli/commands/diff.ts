/**
 * `splinter diff`: one search run twice over the same events, with two sets
 * of macros (side A and side B), and the rows that differ. The everyday
 * question is "what does my filter remove?":
 *
 *   splinter diff --detection d.yml -m macros/ -e events.xml \
 *     --macro-b 'd_filter=search NOT dest="WS-FIN-07*"'
 *
 * Rows are matched on the search's result key (plan/keys.ts): the group-by
 * fields of a search that ends in stats, tstats, chart, timechart, top or
 * rare, so a group whose statistics differ is one "changed" row; otherwise
 * rows are compared whole and are only in A or only in B. Rows are counted
 * as a multiset: two equal rows on one side and one on the other leave one
 * row only on that side.
 *
 * Exit codes follow diff(1): 0 the two sides give the same rows, 1 they
 * differ, 2 trouble (a usage error, or input that cannot be read), 3 a
 * search error (lex, parse, expand or plan) on either side.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { compile, run, type Compiled } from '../../api.js';
import { SplError } from '../../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { loadMacroTable } from '../../macros/index.js';
import { resultKey } from '../../plan/keys.js';
import { formatNumber, toNumber, toStr } from '../../values/coerce.js';
import { valuesOf, type Row, type Value } from '../../values/value.js';
import { makeWriter, rowObject } from '../output.js';
import {
  EXIT,
  KNOWLEDGE_HELP,
  ReadReport,
  addEventOptions,
  addSearchOptions,
  collectList,
  lookupRegistry,
  noticesOf,
  report,
  runSetup,
  searchText,
  stderr,
  timeContext,
  type EventOptions,
  type RunSetup,
  type SearchOptions,
  type Wrap,
} from '../common.js';

type DiffFormat = 'text' | 'json';

interface DiffOptions extends SearchOptions, EventOptions {
  macrosA?: string[];
  macrosB?: string[];
  macroA?: string[];
  macroB?: string[];
  format?: DiffFormat;
  verbose?: boolean;
}

// ---------------------------------------------------------------- comparing rows

export interface RowDiff {
  /** the key fields rows were matched on; undefined: whole rows */
  readonly key: readonly string[] | undefined;
  readonly a: number;
  readonly b: number;
  readonly onlyA: Row[];
  readonly onlyB: Row[];
  readonly changed: { a: Row; b: Row }[];
  readonly same: number;
}

/**
 * The comparable form of a field's values. [decision] Two values are equal
 * when they print the same (Splunk shows and exports every value as its
 * text), so the number 17 equals the string "17"; `_time` compares as a
 * number ("1715684523.000" equals 1715684523). A multivalue equals a
 * multivalue of the same values in the same order; a single value equals a
 * multivalue of that one value.
 */
function canonValues(field: string, v: Value | undefined): string[] {
  return valuesOf(v).map((x) => {
    if (field === '_time') {
      const n = toNumber(x);
      if (n !== undefined) return formatNumber(n);
    }
    return toStr(x);
  });
}

/** A whole row, field order ignored; a field that is absent differs from one that holds "". */
function canonRow(row: Row): string {
  return JSON.stringify([...row.keys()].sort().map((f) => [f, canonValues(f, row.get(f))]));
}

function canonKey(row: Row, key: readonly string[]): string {
  return JSON.stringify(key.map((f) => (row.has(f) ? canonValues(f, row.get(f)) : null)));
}

/**
 * Matches the rows of the two sides. In each key group, equal rows pair up
 * first (same); the rows left pair up in order as changed rows; the rest are
 * only in A or only in B. Without a key a group holds equal rows only, so
 * nothing is "changed". Each list keeps its side's row order.
 */
export function diffRows(a: readonly Row[], b: readonly Row[], key: readonly string[] | undefined): RowDiff {
  const canonA = a.map(canonRow);
  const canonB = b.map(canonRow);
  const groups = new Map<string, { a: number[]; b: number[] }>();
  const group = (k: string) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { a: [], b: [] }));
    return g;
  };
  a.forEach((r, i) => group(key ? canonKey(r, key) : canonA[i]).a.push(i));
  b.forEach((r, j) => group(key ? canonKey(r, key) : canonB[j]).b.push(j));
  let same = 0;
  const onlyA: number[] = [];
  const onlyB: number[] = [];
  const changed: [number, number][] = [];
  for (const g of groups.values()) {
    const free = new Map<string, number[]>();
    for (const j of g.b) {
      const list = free.get(canonB[j]);
      if (list) list.push(j);
      else free.set(canonB[j], [j]);
    }
    const used = new Set<number>();
    const restA: number[] = [];
    for (const i of g.a) {
      const j = free.get(canonA[i])?.shift();
      if (j === undefined) restA.push(i);
      else (used.add(j), same++);
    }
    const restB = g.b.filter((j) => !used.has(j));
    const paired = key ? Math.min(restA.length, restB.length) : 0;
    for (let n = 0; n < paired; n++) changed.push([restA[n], restB[n]]);
    onlyA.push(...restA.slice(paired));
    onlyB.push(...restB.slice(paired));
  }
  const byIndex = (x: number, y: number) => x - y;
  return {
    key,
    a: a.length,
    b: b.length,
    onlyA: onlyA.sort(byIndex).map((i) => a[i]),
    onlyB: onlyB.sort(byIndex).map((j) => b[j]),
    changed: changed.sort((x, y) => x[0] - y[0]).map(([i, j]) => ({ a: a[i], b: b[j] })),
    same,
  };
}

// ---------------------------------------------------------------- printing

function summaryOf(d: RowDiff) {
  return { a: d.a, b: d.b, onlyA: d.onlyA.length, onlyB: d.onlyB.length, changed: d.changed.length, same: d.same };
}

function keyObject(row: Row, key: readonly string[], tz: string): Record<string, unknown> {
  const sub: Row = new Map();
  for (const f of key) if (row.has(f)) sub.set(f, row.get(f)!);
  return rowObject(sub, tz);
}

export function diffJson(d: RowDiff, tz: string): string {
  return (
    JSON.stringify(
      {
        keyFields: d.key ?? null,
        onlyA: d.onlyA.map((r) => rowObject(r, tz)),
        onlyB: d.onlyB.map((r) => rowObject(r, tz)),
        changed: d.changed.map((c) => ({ key: keyObject(c.a, d.key ?? [], tz), a: rowObject(c.a, tz), b: rowObject(c.b, tz) })),
        summary: summaryOf(d),
      },
      null,
      2,
    ) + '\n'
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A value as the report shows it: _time as a timestamp, a multivalue as [x, y]. */
function shown(field: string, row: Row, tz: string): string {
  if (!row.has(field)) return '(absent)';
  const v = rowObject(new Map([[field, row.get(field)!]]), tz)[field];
  return Array.isArray(v) ? `[${v.map(String).join(', ')}]` : String(v);
}

function tableLines(rows: Row[], tz: string): string {
  let out = '';
  const w = makeWriter('table', { tz, write: (s) => (out += s) });
  w.rows(rows);
  w.end();
  return out.replace(/^(?=.)/gm, '  ');
}

export function diffText(d: RowDiff, tz: string): string {
  const s = summaryOf(d);
  const keyNote = d.key === undefined ? 'rows compared whole' : d.key.length === 0 ? 'one result row a side' : `rows keyed on ${d.key.join(', ')}`;
  let out = `A: ${plural(s.a, 'row')}, B: ${plural(s.b, 'row')} (${keyNote})\n`;
  if (s.onlyA + s.onlyB + s.changed === 0) return out + `same rows on both sides\n`;
  out += `${s.onlyA} only in A, ${s.onlyB} only in B, ${s.changed} changed, ${s.same} same\n`;
  if (s.onlyA) out += `\nonly in A (${s.onlyA}):\n` + tableLines(d.onlyA, tz);
  if (s.onlyB) out += `\nonly in B (${s.onlyB}):\n` + tableLines(d.onlyB, tz);
  if (s.changed) {
    out += `\nchanged (${s.changed}):\n`;
    for (const c of d.changed) {
      const key = d.key ?? [];
      out += `  ${key.length ? key.map((f) => `${f}=${shown(f, c.a, tz)}`).join(' ') : '(the result row)'}\n`;
      const fields = [...new Set([...c.a.keys(), ...c.b.keys()])].filter((f) => !key.includes(f));
      const differing = fields.filter((f) => c.a.has(f) !== c.b.has(f) || JSON.stringify(canonValues(f, c.a.get(f))) !== JSON.stringify(canonValues(f, c.b.get(f))));
      const width = Math.max(...differing.map((f) => f.length));
      for (const f of differing) out += `    ${f.padEnd(width)}  ${shown(f, c.a, tz)} → ${shown(f, c.b, tz)}\n`;
    }
  }
  return out;
}

// ---------------------------------------------------------------- the verb

/** Runs a compiled side over the events and collects its rows. */
async function rowsOf(c: Compiled, setup: RunSetup, tctx: { now: number; tz: string }, read: ReadReport | undefined, notify: (d: Parameters<typeof renderDiagnostic>[0], c: Compiled) => void): Promise<Row[]> {
  const out: Row[] = [];
  const rows = run(
    c.plan!,
    {
      inputs: setup.inputs,
      ...(setup.earliest !== undefined ? { earliest: setup.earliest } : {}),
      ...(setup.latest !== undefined ? { latest: setup.latest } : {}),
      // the events are the same on both sides: side A reports what could not be read
      onProblem: read ? read.onProblem : () => {},
      ...(read ? { stats: read.stats } : {}),
    },
    { ...tctx, notify: (d) => notify(d, c), ...(setup.knowledge ? { knowledge: setup.knowledge } : {}) },
  );
  for await (const batch of rows) for (const r of batch) out.push(r);
  return out;
}

async function diffCommand(arg: string | undefined, o: DiffOptions): Promise<number> {
  const { text, name, at } = searchText(arg, o);
  const tctx = timeContext(o);
  const side = (paths: string[] | undefined, inline: string[] | undefined) => ({ macros: [...(o.macros ?? []), ...(paths ?? [])], macro: [...(o.macro ?? []), ...(inline ?? [])] });
  const sideA = side(o.macrosA, o.macroA);
  const sideB = side(o.macrosB, o.macroB);
  const tableA = loadMacroTable({ paths: sideA.macros, inline: sideA.macro });
  const tableB = loadMacroTable({ paths: sideB.macros, inline: sideB.macro });
  // lookups come from --lookups and the lookups/ folder beside each macros folder: shared unless a side has macros folders of its own
  const lookupsA = lookupRegistry({ ...o, macros: sideA.macros });
  const lookupsB = o.macrosB?.length || o.macrosA?.length ? lookupRegistry({ ...o, macros: sideB.macros }) : lookupsA;
  const a = compile(text, { macros: tableA, ...tctx, name, ...(at ? { at } : {}), lookups: lookupsA });
  const b = compile(text, { macros: tableB, ...tctx, name, ...(at ? { at } : {}), lookups: lookupsB });
  // notices (an undefined filter macro...): once when both sides have the same, else per side
  const [noticesA, noticesB] = [noticesOf(a), noticesOf(b)];
  if (noticesA.join('\n') === noticesB.join('\n')) noticesA.forEach((n) => stderr(n));
  else {
    if (noticesA.length) stderr(['side A:', ...noticesA].join('\n'));
    if (noticesB.length) stderr(['side B:', ...noticesB].join('\n'));
  }
  for (const [label, c] of [['A', a], ['B', b]] as const) {
    if (!c.plan) {
      stderr(`side ${label}:`);
      report(c.diagnostics, c.search);
      return EXIT.search;
    }
  }
  const keyA = resultKey(a.ast!, a.plan!);
  const keyB = resultKey(b.ast!, b.plan!);
  let key = keyA;
  if (JSON.stringify(keyA) !== JSON.stringify(keyB)) {
    stderr(`notice: the two sides do not end in the same grouping (A: ${keyA?.join(', ') || 'none'}; B: ${keyB?.join(', ') || 'none'}): rows are compared whole`);
    key = undefined;
  }

  let setup: RunSetup;
  const read = new ReadReport();
  const started = Date.now();
  let rowsA: Row[];
  let rowsB: Row[];
  try {
    setup = await runSetup(o, a.plan!.readsEvents || b.plan!.readsEvents, tctx, read.onProblem);
    const said = new Set<string>();
    const notify = (d: Parameters<typeof renderDiagnostic>[0], c: Compiled) => {
      const s = renderDiagnostic(d, c.search);
      if (!said.has(s)) (said.add(s), stderr(s));
    };
    const stopProgress = read.progress(started, setup.inputs);
    try {
      rowsA = await rowsOf(a, setup, tctx, read, notify);
      rowsB = await rowsOf(b, setup, tctx, undefined, notify);
    } finally {
      stopProgress();
    }
  } catch (e) {
    // unreadable input is "trouble" (2), as in diff(1): 1 means only that the rows differ
    if (e instanceof SplError && (e.first.stage === 'input' || e.first.stage === 'runtime')) {
      report(e.diagnostics);
      return EXIT.usage;
    }
    throw e;
  }
  read.end(!!o.verbose);
  if (o.verbose || read.problems.length > 0) stderr(read.summary(`${plural(rowsA.length, 'result')} on side A, ${rowsB.length} on side B`, started));

  const d = diffRows(rowsA, rowsB, key);
  const format: DiffFormat = o.format ?? (process.stdout.isTTY ? 'text' : 'json');
  process.stdout.write(format === 'json' ? diffJson(d, tctx.tz) : diffText(d, tctx.tz));
  return d.onlyA.length + d.onlyB.length + d.changed.length === 0 ? EXIT.ok : 1;
}

export function diffVerb(prog: Command, wrap: Wrap): void {
  addSearchOptions(
    addEventOptions(
      prog
        .command('diff')
        .argument('[search]', 'the search, as you would type it in Splunk')
        .description('run a search with two sets of macros (side A and side B) over the same events and print the rows only in A, only in B, and changed')
        .option('--macros-a <paths...>', 'macros for side A only, after -m (later override earlier)')
        .option('--macros-b <paths...>', 'macros for side B only, after -m (later override earlier)')
        .option('--macro-a <name=definition>', 'define or override a macro on side A only (repeatable; overrides -m, --macros-a and --macro)', collectList)
        .option('--macro-b <name=definition>', "define or override a macro on side B only (repeatable), e.g. 'x_filter=search NOT dest=\"WS-*\"'", collectList),
    )
      .addOption(new Option('-o, --format <format>', 'output format (default: text on a terminal, json otherwise)').choices(['text', 'json']))
      .option('-v, --verbose', 'print per-file lines and a summary line on stderr')
      .option('--knowledge <paths...>', KNOWLEDGE_HELP),
  )
    .addHelpText(
      'after',
      `
Side A runs with -m, --macros-a, --macro, --macro-a; side B with -m, --macros-b, --macro, --macro-b (later
override earlier). When the search ends in stats, tstats, chart, timechart, top or rare, rows are matched on
its group-by fields and a group whose values differ is "changed"; otherwise rows are compared whole.

Examples:
  splinter diff --detection detection.yml -m security_content/macros -e sysmon.log \\
    --macro-b 'windows_anonymous_pipe_activity_filter=search NOT dest="WS-FIN-07*"'
  splinter diff '\`sysmon\` EventCode=1 | stats count by Image' -e logs/ --macros-a old/macros --macros-b new/macros

Exit codes (as diff(1)): 0 the two sides give the same rows, 1 they differ, 2 trouble (usage error,
unreadable input), 3 search error on either side (lex, parse, expand, plan).`,
    )
    .action(wrap(diffCommand));
}
