/**
 * What chart and timechart share: reading their aggregation terms (with the
 * stats grammar), the split-by options, and the pivot that turns aggregated
 * events into one row per x-axis value with one column per series.
 *
 * References (Search Reference 10.0):
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/chart
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/timechart
 *
 * - limit=<chart-limit-opt> ((top | bottom) <int> | <int>, default top10;
 *   0 = no limit): the N series with the largest (top) or smallest (bottom)
 *   sum of their cells keep a column; with useother=true (default) the events
 *   of the others are aggregated again into one `OTHER` (otherstr) series.
 * - usenull=true (default): events without the split-by field go to the
 *   `NULL` (nullstr) series; with usenull=false they are left out.
 * - Column names: with one aggregation, the series value; with several,
 *   `<agg><sep><value>` (sep default ": "), or format= with `$AGG$` and
 *   `$VAL$` in it (format takes precedence over sep).
 * - A cell without events holds what the function gives over no events
 *   (count and dc: 0; avg and the like: nothing).
 *
 * Decisions where the pages are silent: ties in the ranking go to the series
 * name that sorts first; series columns come in lexicographic order, then
 * NULL, then OTHER; with several aggregations the columns are grouped by
 * aggregation (all series of the first, then of the second...).
 */
import type { GenericCommand, StatsCommand } from '../ast/nodes.js';
import { parse } from '../parser/index.js';
import { compareStrings, toNumber, toStr } from '../values/coerce.js';
import type { Row, Scalar } from '../values/value.js';
import { valuesOf } from '../values/value.js';
import { AggregateSet, type AggregateOptions, type Contribution, type PlannedAggregation } from './aggregations.js';
import type { Args } from './args.js';
import { PlanError, planFail, type PlanContext } from './plan-error.js';

/**
 * The aggregation terms written in node.args[first..last] (options between
 * them are not allowed), read by the stats grammar so that `count(eval(...))`,
 * `AS` and wildcards mean what they mean for stats.
 */
export function aggregationTerms(node: GenericCommand, ctx: PlanContext, first: number, last: number, example: string): StatsCommand {
  if (first < 0 || first > last) planFail(`${node.name} needs at least one statistical function`, node.span, `for example: ${example}`);
  for (let i = first; i <= last; i++) {
    const a = node.args[i];
    if (a.kind === 'option' && !/^(as)$/i.test(a.name)) planFail(`${node.name} option '${a.name}' must not come between the statistical functions`, a.span, `put it before the functions or at the end, e.g. ${example}`);
  }
  const start = node.args[first].span.start;
  const end = node.args[last].span.end;
  const prefix = '|stats ';
  const parsed = parse(' '.repeat(Math.max(0, start - prefix.length)) + prefix + ctx.text.slice(start, end));
  const cmd = parsed.ast?.commands[0];
  if (!parsed.ast || parsed.ast.commands.length !== 1 || cmd?.type !== 'stats') {
    throw new PlanError(parsed.diagnostics[0] ?? { stage: 'plan', message: `${node.name}: expected statistical functions`, span: node.span });
  }
  if (cmd.aggregations.length === 0) planFail(`${node.name} needs at least one statistical function`, node.span, `for example: ${example}`);
  return cmd;
}

export interface SplitOptions {
  /** how many series keep a column; 0 = all */
  readonly limit: number;
  /** limit=bottomN: the smallest series are kept */
  readonly bottom: boolean;
  readonly useother: boolean;
  readonly usenull: boolean;
  readonly otherstr: string;
  readonly nullstr: string;
  readonly sep: string;
  readonly format?: string;
}

/** Reads limit, useother, usenull, otherstr, nullstr, sep and format. */
export function readSplitOptions(args: Args): SplitOptions {
  let limit = 10;
  let bottom = false;
  const l = args.option('limit');
  if (l) {
    const m = /^(top|bottom)?\s*(\d+)$/i.exec(l.text.trim());
    if (!m) planFail(`${args.name} option limit must be a whole number, optionally after top or bottom, not '${l.text}'`, l.span, 'e.g. limit=5, limit=top5, limit=bottom3, limit=0 (no limit)');
    limit = Number(m[2]);
    bottom = m[1]?.toLowerCase() === 'bottom';
  }
  const format = args.string('format');
  return {
    limit,
    bottom,
    useother: args.bool('useother', true),
    usenull: args.bool('usenull', true),
    otherstr: args.string('otherstr', 'OTHER')!,
    nullstr: args.string('nullstr', 'NULL')!,
    sep: args.string('sep', ': ')!,
    ...(format !== undefined ? { format } : {}),
  };
}

/**
 * The series an event belongs to: the values of the split-by field (each
 * value once when `dedup`), `[nullstr]` when it has none, or undefined when
 * such events are left out (usenull=false).
 */
export function seriesOf(row: Row, field: string, opts: SplitOptions, dedup: boolean): string[] | undefined {
  const vals = valuesOf(row.get(field));
  if (vals.length === 0) return opts.usenull ? [opts.nullstr] : undefined;
  if (vals.length === 1) return [toStr(vals[0])];
  const all = vals.map(toStr);
  return dedup ? [...new Set(all)] : all;
}

/** One event as the pivot sees it. */
export interface PivotItem {
  /** its x-axis value (time bucket, over-field value or bin) */
  readonly key: Scalar;
  /** its series ([] without a split-by field) */
  readonly series: readonly string[];
  readonly c: Contribution;
  readonly t: number | undefined;
}

export interface PivotSpec {
  readonly terms: readonly PlannedAggregation[];
  /** the x-axis column (none: a single row) */
  readonly keyField?: string;
  /** the rows to make, in order (keys without events get empty cells) */
  readonly keys: readonly Scalar[];
  /** the split-by options; undefined without a split-by field */
  readonly split?: SplitOptions;
  readonly aggregate?: AggregateOptions;
}

const keyString = (k: Scalar): string => (typeof k === 'number' ? `n${k}` : `s${k}`);

/** The numbers in a cell's results (the series' ranking sums them). */
function cellSum(set: AggregateSet): number {
  const r: Row = new Map();
  set.writeInto(r);
  let sum = 0;
  for (const v of r.values()) for (const x of valuesOf(v)) sum += toNumber(x) ?? 0;
  return sum;
}

/** The column of one aggregation of one series. */
export function seriesColumn(term: string, series: string, terms: number, opts: SplitOptions): string {
  if (opts.format !== undefined) return opts.format.split('$AGG$').join(term).split('$VAL$').join(series);
  return terms === 1 ? series : `${term}${opts.sep}${series}`;
}

/** Aggregates items into rows: one per key, one column per aggregation × kept series. */
export function pivot(items: readonly PivotItem[], spec: PivotSpec): Row[] {
  const { terms, split } = spec;
  const fresh = () => new AggregateSet(terms, spec.aggregate);
  const cells = new Map<string, Map<string, AggregateSet>>();
  const cell = (k: Scalar, s: string): AggregateSet => {
    const ks = keyString(k);
    let row = cells.get(ks);
    if (!row) cells.set(ks, (row = new Map()));
    let set = row.get(s);
    if (!set) row.set(s, (set = fresh()));
    return set;
  };
  for (const it of items) {
    if (!split) cell(it.key, '').add(it.c, it.t);
    else for (const s of it.series) cell(it.key, s).add(it.c, it.t);
  }
  let columns: string[] = [''];
  if (split) {
    const scores = new Map<string, number>();
    for (const row of cells.values()) for (const [s, set] of row) scores.set(s, (scores.get(s) ?? 0) + cellSum(set));
    const ranked = [...scores.entries()].sort((a, b) => (split.bottom ? a[1] - b[1] : b[1] - a[1]) || compareStrings(a[0], b[0])).map(([s]) => s);
    const keep = new Set(split.limit > 0 ? ranked.slice(0, split.limit) : ranked);
    const order = (a: string, b: string) => (a === split.nullstr ? 1 : b === split.nullstr ? -1 : compareStrings(a, b));
    columns = [...keep].sort(order);
    if (split.useother && keep.size < ranked.length) {
      // the other series' events are aggregated again (an average of averages is not an average)
      const other = split.otherstr;
      for (const row of cells.values()) for (const s of row.keys()) if (!keep.has(s)) row.delete(s);
      for (const it of items) if (it.series.some((s) => !keep.has(s))) cell(it.key, other).add(it.c, it.t);
      columns.push(other);
    }
  }
  const out: Row[] = [];
  for (const k of spec.keys) {
    const row: Row = new Map();
    if (spec.keyField !== undefined) row.set(spec.keyField, k);
    const sets = cells.get(keyString(k));
    if (!split) {
      (sets?.get('') ?? fresh()).writeInto(row);
      out.push(row);
      continue;
    }
    const results = columns.map((s) => {
      const r: Row = new Map();
      (sets?.get(s) ?? fresh()).writeInto(r);
      return r;
    });
    for (const t of terms) {
      columns.forEach((s, i) => {
        const v = results[i].get(t.name);
        if (v !== undefined) row.set(seriesColumn(t.name, s, terms.length, split), v);
      });
    }
    out.push(row);
  }
  return out;
}
