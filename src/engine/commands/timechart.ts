/**
 * timechart: statistics per time bucket, one row per bucket (timechart
 * reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/timechart):
 *
 *   timechart [span=<span> | bins=<int>] [limit=<int>] [useother=<bool>] [usenull=<bool>]
 *             [otherstr=<string>] [nullstr=<string>] [cont=<bool>] [partial=<bool>]
 *             <agg-term>... [BY <field>]
 *
 * - `_time` becomes the start of its bucket (bucketing as bin does, bin.ts);
 *   with cont=true (default) every bucket from the first to the last is a row,
 *   empty ones included; rows come in time order, oldest first.
 * - Without BY, one column per aggregation (named as stats names it). With
 *   BY, one column per value of the field (a single aggregation) or
 *   `<agg>: <value>` (several); events without the field go to the `NULL`
 *   series (usenull=true, nullstr); beyond the `limit` (default 10; 0: no
 *   limit) series with the largest totals, the rest are merged into `OTHER`
 *   (useother=true, otherstr).
 * - An empty cell holds what the function gives over no events: count and
 *   dc give 0, avg and the like give nothing.
 * - The per_second family divides a bucket's sum by the bucket's length.
 *
 * Decisions where the page is silent or depends on the time-range picker:
 * without span=, the span is the smallest of 1s 5s 10s 30s 1m 5m 10m 30m 1h
 * 1d 30d that makes at most `bins` (default 100) buckets over the events'
 * range; series columns are in lexicographic order, then NULL, then OTHER;
 * series are ranked by the sum of their cells' numeric values.
 */
import type { GenericCommand, StatsCommand } from '../../ast/nodes.js';
import { parse } from '../../parser/index.js';
import { compareStrings, toNumber, toStr } from '../../values/coerce.js';
import type { Row, Scalar } from '../../values/value.js';
import { valuesOf } from '../../values/value.js';
import { AggregateSet, planAggregation, type Contribution, type PlannedAggregation } from '../aggregations.js';
import { Args } from '../args.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { batches, type Operator, type RowStream } from '../types.js';
import { parseTimeSpan, spanSeconds, timeBinStart, type TimeSpan } from './bin.js';

const AUTO_SPANS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 86400, 2592000];

/** The aggregation terms and BY field of a timechart, read by the stats grammar. */
function statsPart(node: GenericCommand, ctx: PlanContext): StatsCommand {
  const firstTerm = node.args.findIndex((a) => a.kind !== 'option');
  if (firstTerm < 0) planFail('timechart needs at least one statistical function', node.span, 'for example: timechart span=1h count by host');
  // options may also follow the BY clause (timechart count by host limit=0)
  let lastTerm = node.args.length - 1;
  while (lastTerm > firstTerm && node.args[lastTerm].kind === 'option') lastTerm--;
  for (let i = firstTerm; i <= lastTerm; i++) {
    const a = node.args[i];
    if (a.kind === 'option' && !/^(as)$/i.test(a.name)) planFail(`timechart option '${a.name}' must come before the functions or after the BY clause`, a.span);
  }
  const start = node.args[firstTerm].span.start;
  const end = node.args[lastTerm].span.end;
  const prefix = '|stats ';
  const parsed = parse(' '.repeat(Math.max(0, start - prefix.length)) + prefix + ctx.text.slice(start, end));
  const cmd = parsed.ast?.commands[0];
  if (!parsed.ast || parsed.ast.commands.length !== 1 || cmd?.type !== 'stats') {
    throw new PlanError(parsed.diagnostics[0] ?? { stage: 'plan', message: 'timechart: expected statistical functions and an optional BY field', span: node.span });
  }
  return cmd;
}

export function planTimechart(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('span', 'bins', 'minspan', 'limit', 'useother', 'usenull', 'otherstr', 'nullstr', 'cont', 'partial', 'sep', 'format', 'fixedrange', 'agg', 'aligntime');
  const stats = statsPart(node, ctx);
  if (stats.aggregations.length === 0) planFail('timechart needs at least one statistical function', node.span, 'for example: timechart span=1h count by host');
  if (stats.by.length > 1) planFail('timechart takes one BY field', stats.by[1].span, 'to split by two fields, combine them first: eval k=a."/".b | timechart count by k');
  const by = stats.by[0]?.name;
  const terms: PlannedAggregation[] = stats.aggregations.map((a) => planAggregation(a, ctx, { timeSpan: true, ...(by ? { exclude: [by] } : {}) }));
  if (by && terms.some((t) => t.wildcard)) planFail('timechart: wildcard field arguments cannot be combined with BY', stats.span);
  const spanOpt = args.option('span');
  let fixed: TimeSpan | undefined;
  if (spanOpt) {
    const text = spanOpt.text.trim();
    fixed = parseTimeSpan(text) ?? (/^\d+(\.\d+)?$/.test(text) && Number(text) > 0 ? { amount: Number(text), unit: 's' } : undefined);
    if (!fixed) planFail(`timechart span must be a time span such as 5m, 1h or 1d, not '${spanOpt.text}'`, spanOpt.span, 'time units: s, m, h, d, w, mon, q, y');
  }
  const bins = args.int('bins', 100, 1)!;
  const limit = args.int('limit', 10)!;
  const useother = args.bool('useother', true);
  const usenull = args.bool('usenull', true);
  const otherstr = args.string('otherstr', 'OTHER')!;
  const nullstr = args.string('nullstr', 'NULL')!;
  const cont = args.bool('cont', true);
  args.bool('partial', true);
  const tz = ctx.tz;

  return {
    name: 'timechart',
    span: node.span,
    kind: 'blocking',
    async *run(input: RowStream) {
      const items: { t: number; series: string[]; c: Contribution }[] = [];
      let min = Infinity;
      let max = -Infinity;
      for await (const batch of input) {
        for (const row of batch) {
          const t = toNumber(row.get('_time') as Scalar | undefined);
          if (t === undefined) continue; // timechart needs _time
          if (t < min) min = t;
          if (t > max) max = t;
          let series = [''];
          if (by) {
            const vals = valuesOf(row.get(by));
            if (vals.length === 0) {
              if (!usenull) continue;
              series = [nullstr];
            } else series = [...new Set(vals.map(toStr))];
          }
          items.push({ t, series, c: AggregateSet.contribution(terms, row) });
        }
      }
      for (const t of terms) t.begin();
      if (items.length === 0) return;
      let span = fixed;
      if (!span) {
        const range = max - min;
        const secs = AUTO_SPANS.find((s) => range / s < bins) ?? AUTO_SPANS[AUTO_SPANS.length - 1];
        span = { amount: secs, unit: 's' };
      }
      const seconds = spanSeconds(span);
      const bucketOf = (t: number) => timeBinStart(t, span!, tz);

      // which series get their own columns
      let keep: Set<string> | undefined;
      let seriesNames: string[] = [''];
      if (by) {
        const totals = new Map<string, AggregateSet>();
        for (const it of items) {
          for (const s of it.series) {
            let set = totals.get(s);
            if (!set) totals.set(s, (set = new AggregateSet(terms)));
            set.add(it.c, it.t);
          }
        }
        const score = (set: AggregateSet): number => {
          const r: Row = new Map();
          set.writeInto(r);
          let sum = 0;
          for (const v of r.values()) for (const x of valuesOf(v)) sum += toNumber(x) ?? 0;
          return sum;
        };
        const ranked = [...totals.entries()].map(([s, set]) => ({ s, score: score(set) })).sort((a, b) => b.score - a.score || compareStrings(a.s, b.s));
        const all = ranked.map((r) => r.s);
        keep = new Set(limit > 0 ? all.slice(0, limit) : all);
        const order = (a: string, b: string) => (a === nullstr ? 1 : b === nullstr ? -1 : compareStrings(a, b));
        seriesNames = [...keep].sort(order);
        if (useother && keep.size < all.length) seriesNames.push(otherstr);
      }
      const cells = new Map<number, Map<string, AggregateSet>>();
      for (const it of items) {
        const b = bucketOf(it.t);
        let row = cells.get(b);
        if (!row) cells.set(b, (row = new Map()));
        const targets = new Set<string>();
        for (const s of it.series) {
          if (!keep || keep.has(s)) targets.add(s);
          else if (useother) targets.add(otherstr);
        }
        for (const s of targets) {
          let set = row.get(s);
          if (!set) row.set(s, (set = new AggregateSet(terms, { spanSeconds: seconds })));
          set.add(it.c, it.t);
        }
      }
      let buckets = [...cells.keys()].sort((a, b) => a - b);
      if (cont && buckets.length > 1) {
        const filled: number[] = [];
        for (let b = buckets[0]; b <= buckets[buckets.length - 1]; ) {
          filled.push(b);
          const next = bucketOf(b + seconds);
          b = next > b ? next : bucketOf(b + seconds * 1.5);
          if (filled.length > 1_000_000) break;
        }
        buckets = filled;
      }
      const out: Row[] = [];
      for (const b of buckets) {
        const row: Row = new Map([['_time', b]]);
        const sets = cells.get(b);
        for (const s of seriesNames) {
          const set = sets?.get(s) ?? new AggregateSet(terms, { spanSeconds: seconds });
          const r: Row = new Map();
          set.writeInto(r);
          if (!by) {
            for (const [k, v] of r) row.set(k, v);
            continue;
          }
          for (const t of terms) {
            const v = r.get(t.name);
            if (v !== undefined) row.set(terms.length === 1 ? s : `${t.name}: ${s}`, v);
          }
        }
        out.push(row);
      }
      yield* batches(out);
    },
  };
}
