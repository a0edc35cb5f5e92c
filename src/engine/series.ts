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
 *   0 = no limit): the N series with the highest (top) or lowest (bottom)
 *   score keep a column; with useother=true (default) the events of the
 *   others are aggregated again into one `OTHER` (otherstr) series.
 * - The score (timechart page, limit=): with one aggregation, the series'
 *   cell values summed; with several, "the frequency of each value", i.e.
 *   the series' events. agg=<stats-func> replaces the sum by another
 *   function of the series' cell values ("replace sum with max to find the
 *   series with the ten highest spikes"); ties go to the series name that
 *   sorts first lexicographically.
 * - where clause, the end of the split-by clause: `where <single-agg>
 *   <where-comp>`, <where-comp> = (in | notin) (top | bottom)<int> |
 *   (< | >)[" "]<num>. The function scores every series as agg= does
 *   (`where sum in top10` is the default); `in topN`/`in bottomN` keep the N
 *   best/worst, `notin` keeps all the others, `> x`/`< x` keep the series
 *   whose score is above/below x. The series not kept go to OTHER as with
 *   limit=. "The limit and agg options are ignored if an explicit
 *   where-clause is provided" (chart page, X-axis); `count` measures the
 *   series' "total number of events over the period" (timechart page, Where
 *   clause examples, 4).
 * - usenull=true (default): events without the split-by field go to the
 *   `NULL` (nullstr) series; with usenull=false they are left out.
 * - Column names: with one aggregation, the series value; with several,
 *   `<agg><sep><value>` (sep default ": "), or format= with `$AGG$` and
 *   `$VAL$` in it (format takes precedence over sep).
 * - A cell without events holds what the function gives over no events
 *   (count and dc: 0; avg and the like: nothing).
 *
 * Decisions where the pages are silent: series columns come in
 * lexicographic order, then NULL, then OTHER; with several aggregations the
 * columns are grouped by aggregation (all series of the first, then of the
 * second...). The scoring function sees one value per x-axis row in which
 * the series has events (rows filled in by cont=true are not values: `min`
 * would otherwise be 0 for any series missing from one bucket), in x-axis
 * order; a series whose score is not a number ranks after every scored one
 * (top and bottom alike) and passes no threshold. The where clause and agg=
 * name the function bare (`where max in top5`, `agg=max`, as the examples
 * do): a field in parentheses is refused, since the page does not say what
 * it would mean; NULL competes like any other series.
 */
import type { GenericArg, GenericCommand, StatsCommand } from '../ast/nodes.js';
import type { Span } from '../diagnostics/diagnostic.js';
import { SplError } from '../diagnostics/diagnostic.js';
import { resolveAggregation } from '../functions/stats/registry.js';
import type { ResolvedAggregation } from '../functions/stats/types.js';
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
    const d = parsed.diagnostics[0];
    // the terms are read as stats terms: the message names the command as written
    throw new PlanError(d ? { ...d, message: d.message.replace(/^stats: /, `${node.name}: `) } : { stage: 'plan', message: `${node.name}: expected statistical functions`, span: node.span });
  }
  if (cmd.aggregations.length === 0) planFail(`${node.name} needs at least one statistical function`, node.span, `for example: ${example}`);
  return cmd;
}

/** The function that scores a series (agg=, the where clause's single-agg). */
export interface SeriesScore {
  /** as written, for messages */
  readonly name: string;
  /** bare count: the series' events; any other function: applied to the series' cell values */
  readonly countsEvents: boolean;
  readonly fn: ResolvedAggregation;
}

/** Which series keep a column, by their score. */
export type SeriesTest =
  | { readonly kind: 'in'; readonly not: boolean; readonly bottom: boolean; readonly n: number }
  | { readonly kind: 'threshold'; readonly op: '<' | '>'; readonly value: number };

export interface SeriesSelection {
  readonly score: SeriesScore;
  readonly test: SeriesTest;
}

export interface SplitOptions {
  /** which series keep a column (limit= with agg=, or the where clause); undefined: all (limit=0) */
  readonly select?: SeriesSelection;
  readonly useother: boolean;
  readonly usenull: boolean;
  readonly otherstr: string;
  readonly nullstr: string;
  readonly sep: string;
  readonly format?: string;
}

/** The where clause of a split-by clause, taken out of the command's arguments. */
export interface WhereClause {
  readonly span: Span;
  readonly select: SeriesSelection;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Resolves the function of agg= or of a where clause; `what` names it in messages. */
function scoreFunction(name: string, span: Span, command: string, what: string, example: string): SeriesScore {
  let fn: ResolvedAggregation | undefined;
  try {
    fn = resolveAggregation(name);
  } catch (e) {
    if (e instanceof SplError) planFail(`${command}: ${e.first.message}`, span, 'write the percentile in the name, e.g. perc95 or p99.9');
    throw e;
  }
  if (!fn) planFail(`${command}: '${name}' in ${what} is not a statistical function`, span, `name the function that scores each series, e.g. ${example}`);
  if (fn.def.needsSpan || fn.def.sharesRange) planFail(`${command}: ${fn.def.name} cannot score a series in ${what}`, span, `use a function of the series' values such as sum, max, min or avg, e.g. ${example}`);
  return { name, countsEvents: fn.def.name === 'count', fn };
}

/** One word or operator of a where clause, wherever the parser put it (BY fields, values, operators). */
interface ClauseToken {
  readonly text: string;
  readonly span: Span;
  readonly op: boolean;
}

const WHERE_EXAMPLE = 'where max in top5, where sum notin bottom3, where count > 100';

/**
 * Takes the where clause (`where <single-agg> <where-comp>`) out of a
 * split-by clause: the parser reads its words as more BY fields or as values
 * after the BY clause. Returns the command without it (the BY clause ends
 * before `where`) and the clause, if any.
 */
export function extractWhereClause(node: GenericCommand): { node: GenericCommand; where?: WhereClause } {
  const args = node.args;
  const byIdx = args.findIndex((a) => a.kind === 'by');
  const isWhere = (a: GenericArg) => a.kind === 'value' && !a.value.quoted && a.value.text.toLowerCase() === 'where';
  let whereSpan: Span | undefined;
  const kept: GenericArg[] = [];
  const tokens: ClauseToken[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.kind === 'by' && whereSpan === undefined) {
      const j = a.fields.findIndex((f, k) => k > 0 && !f.quoted && f.name.toLowerCase() === 'where');
      if (j < 0) {
        kept.push(a);
        continue;
      }
      whereSpan = a.fields[j].span;
      kept.push({ kind: 'by', span: { start: a.span.start, end: a.fields[j - 1].span.end }, fields: a.fields.slice(0, j) });
      for (const f of a.fields.slice(j + 1)) tokens.push({ text: f.name, span: f.span, op: false });
      continue;
    }
    if (whereSpan === undefined && isWhere(a)) {
      if (byIdx < 0 || i < byIdx) {
        if (byIdx < 0 && i === 0) {
          kept.push(a);
          continue;
        }
        planFail(`${node.name}: the where clause selects the series of the split-by field, so it comes after BY <field>`, a.span, `e.g. ${node.name} count ${node.name === 'chart' ? 'over host by status' : 'by host'} where max in top5`);
      }
      whereSpan = a.span;
      continue;
    }
    if (whereSpan === undefined || a.kind === 'option') {
      kept.push(a);
      continue;
    }
    if (a.kind === 'value') tokens.push({ text: a.value.text, span: a.span, op: false });
    else if (a.kind === 'operator') tokens.push({ text: a.text, span: a.span, op: true });
    else if (a.kind === 'group') planFail(`${node.name}: the function of the where clause takes no field`, a.span, `it scores each series by the values in its column, e.g. ${WHERE_EXAMPLE}`);
    else planFail(`${node.name}: unexpected argument in the where clause`, a.span, `e.g. ${WHERE_EXAMPLE}`);
  }
  if (whereSpan === undefined) return { node };
  const clauseSpan = (last: ClauseToken | undefined): Span => ({ start: whereSpan!.start, end: last ? last.span.end : whereSpan!.end });
  const [fnTok, ...comp] = tokens;
  if (!fnTok || fnTok.op) planFail(`${node.name}: the where clause needs a function and a comparison`, clauseSpan(fnTok), `e.g. ${WHERE_EXAMPLE}`);
  const score = scoreFunction(fnTok.text, fnTok.span, node.name, 'the where clause', 'where max in top5');
  let test: SeriesTest | undefined;
  let used = 0;
  const word = comp[0];
  if (!word) planFail(`${node.name}: the where clause needs a comparison after '${fnTok.text}'`, clauseSpan(fnTok), 'in topN, in bottomN, notin topN, notin bottomN, > number or < number');
  if (!word.op && /^(in|notin)$/i.test(word.text)) {
    const group = comp[1];
    const m = group && !group.op ? /^(top|bottom)(\d+)$/i.exec(group.text) : null;
    if (!m) planFail(`${node.name}: '${word.text}' must be followed by top<N> or bottom<N>`, group?.span ?? word.span, `e.g. where ${fnTok.text} ${word.text.toLowerCase()} top5 (no space before the number)`);
    test = { kind: 'in', not: word.text.toLowerCase() === 'notin', bottom: m[1].toLowerCase() === 'bottom', n: Number(m[2]) };
    used = 2;
  } else {
    // `> 100`, `>100` (an operator and a number), or a word such as `>100` the parser kept whole
    const glued = word.op ? undefined : /^([<>])\s*(.+)$/.exec(word.text);
    const op = word.op ? word.text : glued?.[1];
    const num = word.op ? comp[1] : glued ? { text: glued[2], span: word.span, op: false } : undefined;
    if (op !== '<' && op !== '>') planFail(`${node.name}: the where clause compares with in, notin, < or >, not '${word.text}'`, word.span, `e.g. ${WHERE_EXAMPLE}`);
    if (!num || num.op || !NUMBER.test(num.text)) planFail(`${node.name}: '${op}' in the where clause must be followed by a number`, num?.span ?? word.span, `e.g. where ${fnTok.text} ${op} 100`);
    test = { kind: 'threshold', op, value: Number(num.text) };
    used = word.op ? 2 : 1;
  }
  if (comp.length > used) planFail(`${node.name}: unexpected '${comp[used].text}' after the where clause`, comp[used].span, `the where clause ends the split-by clause, e.g. ${WHERE_EXAMPLE}`);
  return { node: { ...node, args: kept }, where: { span: clauseSpan(comp[used - 1]), select: { score, test } } };
}

/** Reads limit, agg, useother, usenull, otherstr, nullstr, sep and format; a where clause replaces limit and agg. */
export function readSplitOptions(args: Args, where?: WhereClause): SplitOptions {
  let limit = 10;
  let bottom = false;
  const l = args.option('limit');
  if (l) {
    const m = /^(top|bottom)?\s*(\d+)$/i.exec(l.text.trim());
    if (!m) planFail(`${args.name} option limit must be a whole number, optionally after top or bottom, not '${l.text}'`, l.span, 'e.g. limit=5, limit=top5, limit=bottom3, limit=0 (no limit)');
    limit = Number(m[2]);
    bottom = m[1]?.toLowerCase() === 'bottom';
  }
  let score: SeriesScore = { name: 'sum', countsEvents: false, fn: resolveAggregation('sum')! };
  const agg = args.option('agg');
  if (agg) {
    const text = agg.text.trim();
    if (!/^[A-Za-z_][\w.]*$/.test(text)) planFail(`${args.name} option agg takes the name of the function that scores each series, not '${agg.text}'`, agg.span, 'e.g. agg=max limit=5 keeps the 5 series with the highest peaks; the function applies to the values in each series\' column');
    score = scoreFunction(text, agg.span, args.name, 'agg=', 'agg=max');
  }
  const format = args.string('format');
  const select: SeriesSelection | undefined = where ? where.select : limit > 0 ? { score, test: { kind: 'in', not: false, bottom, n: limit } } : undefined;
  return {
    ...(select ? { select } : {}),
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

/**
 * Scores every series: the function applied to its cell values in x-axis
 * order (one aggregation: the cell's result; several: the cell's events), or
 * its events for bare count. undefined: not a number.
 */
function scoreSeries(
  select: SeriesSelection,
  single: string | undefined,
  keys: readonly Scalar[],
  cells: ReadonlyMap<string, ReadonlyMap<string, AggregateSet>>,
  counts: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Map<string, number | undefined> {
  const { score } = select;
  const aggs = new Map<string, ReturnType<ResolvedAggregation['def']['create']>>();
  const events = new Map<string, number>();
  const seen = new Set<string>();
  for (const k of keys) {
    const ks = keyString(k);
    if (seen.has(ks)) continue;
    seen.add(ks);
    const row = cells.get(ks);
    if (!row) continue;
    for (const [s, set] of row) {
      const n = counts.get(ks)?.get(s) ?? 0;
      events.set(s, (events.get(s) ?? 0) + n);
      if (score.countsEvents) continue;
      let agg = aggs.get(s);
      if (!agg) aggs.set(s, (agg = score.fn.def.create(score.fn.spec)));
      if (single === undefined) agg.add(n, undefined);
      else {
        const r: Row = new Map();
        set.writeInto(r);
        const v = r.get(single);
        if (v !== undefined) agg.add(v, undefined);
      }
    }
  }
  const out = new Map<string, number | undefined>();
  for (const [s, n] of events) {
    if (score.countsEvents) {
      out.set(s, n);
      continue;
    }
    const v = aggs.get(s)?.result();
    out.set(s, v === undefined || Array.isArray(v) ? undefined : toNumber(v as Scalar));
  }
  return out;
}

/** The series that keep a column. */
function selectSeries(select: SeriesSelection, scores: ReadonlyMap<string, number | undefined>): Set<string> {
  const { test } = select;
  if (test.kind === 'threshold') {
    return new Set([...scores].filter(([, v]) => v !== undefined && (test.op === '>' ? v > test.value : v < test.value)).map(([s]) => s));
  }
  const ranked = [...scores]
    .sort(([sa, a], [sb, b]) => {
      if (a === undefined || b === undefined) return a === b ? compareStrings(sa, sb) : a === undefined ? 1 : -1;
      return (test.bottom ? a - b : b - a) || compareStrings(sa, sb);
    })
    .map(([s]) => s);
  const group = new Set(ranked.slice(0, test.n));
  return test.not ? new Set(ranked.filter((s) => !group.has(s))) : group;
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
  // events per cell (the score of several aggregations, and of bare count)
  const counts = new Map<string, Map<string, number>>();
  for (const it of items) {
    if (!split) {
      cell(it.key, '').add(it.c, it.t);
      continue;
    }
    const ks = keyString(it.key);
    let n = counts.get(ks);
    if (!n) counts.set(ks, (n = new Map()));
    for (const s of it.series) {
      cell(it.key, s).add(it.c, it.t);
      n.set(s, (n.get(s) ?? 0) + 1);
    }
  }
  let columns: string[] = [''];
  if (split) {
    const all = new Set<string>();
    for (const row of cells.values()) for (const s of row.keys()) all.add(s);
    const keep = split.select ? selectSeries(split.select, scoreSeries(split.select, terms.length === 1 ? terms[0].name : undefined, spec.keys, cells, counts)) : all;
    const order = (a: string, b: string) => (a === split.nullstr ? 1 : b === split.nullstr ? -1 : compareStrings(a, b));
    columns = [...keep].sort(order);
    if (split.useother && keep.size < all.size) {
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
