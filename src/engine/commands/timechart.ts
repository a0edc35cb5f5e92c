/**
 * timechart: statistics per time bucket, one row per bucket (timechart
 * reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/timechart):
 *
 *   timechart [span=<span> | bins=<int> [minspan=<span>]] [aligntime=<time>] [limit=[top|bottom]<int>]
 *             [useother=<bool>] [usenull=<bool>] [otherstr=<string>] [nullstr=<string>] [sep=<string>]
 *             [format=<string>] [cont=<bool>] [partial=<bool>] [fixedrange=<bool>] [agg=<stats-func>] <agg-term>...
 *             [BY <field> [where <single-agg> (in|notin) (top|bottom)<int> | where <single-agg> (<|>) <num>]]
 *
 * - `_time` becomes the start of its bucket (bucketing as bin does, bin.ts);
 *   with cont=true (default) every bucket from the first to the last is a row,
 *   empty ones included; rows come in time order, oldest first.
 * - The search's time range (--earliest / --latest): fixedrange=true
 *   (default) "enforce[s] the earliest and latest times of the search", so
 *   the buckets run from earliest's to the last one starting before latest
 *   (and the automatic span is chosen over that range); fixedrange=false
 *   "constrict[s] to just the time range with valid data". partial=false
 *   drops the first bucket when it starts before earliest and the last when
 *   it ends after latest ("Only the first and last bin can be partial"),
 *   with their events; without a time range no bucket is partial.
 *   [decision] A range that would make more than 50,000 buckets at the span
 *   is an error (a hint names span=, the range and fixedrange=false).
 * - aligntime=<time> (an epoch time or a time modifier such as @d+3h, or
 *   earliest / latest: the search's range, epoch 0 without one) aligns the
 *   buckets of spans up to hours on that time instead of epoch 0; spans in
 *   days and longer follow the calendar, as in bin.
 * - minspan: the automatic span is no smaller ("the smallest span
 *   granularity to use automatically inferring span from the data time
 *   range").
 * - Without BY, one column per aggregation (named as stats names it). With
 *   BY, one column per value of the field (a single aggregation) or
 *   `<agg>: <value>` (several); events without the field go to the `NULL`
 *   series (usenull=true, nullstr); beyond the `limit` (default 10; 0: no
 *   limit) series with the largest totals, the rest are merged into `OTHER`
 *   (useother=true, otherstr). The series logic is shared with chart
 *   (engine/series.ts: limit=topN/bottomN, agg= (the function that scores
 *   the series for limit=, default sum), the where clause (`by host where
 *   max in top5`, `where count > 100`, which replaces limit= and agg=),
 *   sep=, format=).
 * - An empty cell holds what the function gives over no events: count and
 *   dc give 0, avg and the like give nothing.
 * - The per_second family divides a bucket's sum by the bucket's length.
 *
 * Decisions where the page is silent or depends on the time-range picker:
 * without span=, the span is the smallest of 1s 5s 10s 30s 1m 5m 10m 30m 1h
 * 1d 30d (no smaller than minspan) that makes at most `bins` (default 100) buckets over the events'
 * range (the search's, with fixedrange); series columns are in lexicographic order, then NULL, then OTHER;
 * series are scored as engine/series.ts describes; with no events there are
 * no rows, even with fixedrange over a time range.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toNumber } from '../../values/coerce.js';
import type { Scalar } from '../../values/value.js';
import { planAggregation, AggregateSet, type PlannedAggregation } from '../aggregations.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { aggregationTerms, extractWhereClause, pivot, readSplitOptions, seriesOf, type PivotItem } from '../series.js';
import { batches, type Operator, type RowStream, type RunContext } from '../types.js';
import { parseTimeModifier } from '../../time/index.js';
import { SplError } from '../../diagnostics/diagnostic.js';
import { parseTimeSpan, spanSeconds, timeBinStart, type TimeSpan } from './bin.js';

/** the most buckets fixedrange may spread over the search's time range */
const MAX_RANGE_BUCKETS = 50_000;
const AUTO_SPANS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 86400, 2592000];

export function planTimechart(written: GenericCommand, ctx: PlanContext): Operator {
  const { node, where } = extractWhereClause(written);
  const args = new Args(node).allowOnly('span', 'bins', 'minspan', 'limit', 'useother', 'usenull', 'otherstr', 'nullstr', 'cont', 'partial', 'sep', 'format', 'fixedrange', 'agg', 'aligntime');
  // options may also follow the BY clause (timechart count by host limit=0)
  const firstTerm = node.args.findIndex((a) => a.kind !== 'option');
  let lastTerm = node.args.length - 1;
  while (lastTerm > firstTerm && node.args[lastTerm].kind === 'option') lastTerm--;
  const stats = aggregationTerms(node, ctx, firstTerm, lastTerm, 'timechart span=1h count by host');
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
  // minspan: "the smallest span granularity to use automatically inferring span from the data time range"
  const minspanOpt = args.option('minspan');
  let minspan = 0;
  if (minspanOpt) {
    const text = minspanOpt.text.trim();
    const ms = parseTimeSpan(text);
    const n = ms ? spanSeconds(ms) : /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
    if (n === undefined) planFail(`timechart minspan must be a time span such as 5m, 1h or 1d, not '${minspanOpt.text}'`, minspanOpt.span, 'time units: s, m, h, d, w, mon, q, y');
    minspan = n;
  }
  // aligntime: an epoch time or a time modifier, or earliest/latest (the search's time range, at run time)
  const alignOpt = args.option('aligntime');
  let align: number | 'earliest' | 'latest' = 0;
  if (alignOpt) {
    const t = alignOpt.text.trim().toLowerCase();
    if (t === 'earliest' || t === 'latest') align = t;
    else {
      const at = /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : parseTimeModifier(alignOpt.text, ctx.now, ctx.tz);
      if (at === undefined) planFail(`timechart aligntime must be earliest, latest, an epoch time or a time modifier such as @d+3h, not '${alignOpt.text}'`, alignOpt.span);
      align = at;
    }
  }
  const split = readSplitOptions(args, where);
  const cont = args.bool('cont', true);
  const partial = args.bool('partial', true);
  const fixedrange = args.bool('fixedrange', true);
  const tz = ctx.tz;
  return {
    name: 'timechart',
    span: node.span,
    kind: 'blocking',
    groups: ['_time'],
    async *run(input: RowStream, rctx: RunContext) {
      const items: { t: number; series: string[]; c: PivotItem['c'] }[] = [];
      let min = Infinity;
      let max = -Infinity;
      for await (const batch of input) {
        for (const row of batch) {
          const t = toNumber(row.get('_time') as Scalar | undefined);
          if (t === undefined) continue; // timechart needs _time
          let series: string[] = [];
          if (by) {
            const s = seriesOf(row, by, split, true);
            if (!s) continue;
            series = s;
          }
          if (t < min) min = t;
          if (t > max) max = t;
          items.push({ t, series, c: AggregateSet.contribution(terms, row) });
        }
      }
      for (const t of terms) t.begin();
      if (items.length === 0) return;
      // fixedrange=true (default): the buckets cover the search's time range (--earliest/--latest) when
      // it is given, not only the events' range
      const earliest = fixedrange ? rctx.earliest : undefined;
      const latest = fixedrange ? rctx.latest : undefined;
      const lo = earliest ?? min;
      const hi = latest ?? max;
      let span = fixed;
      if (!span) {
        const range = hi - lo;
        const secs = AUTO_SPANS.find((s) => s >= minspan && range / s < bins) ?? Math.max(AUTO_SPANS[AUTO_SPANS.length - 1], minspan);
        span = { amount: secs, unit: 's' };
      }
      const seconds = spanSeconds(span);
      const alignAt = align === 'earliest' ? rctx.earliest ?? 0 : align === 'latest' ? rctx.latest ?? 0 : align;
      const bucketOf = (t: number) => timeBinStart(t, span!, tz, alignAt);
      const nextBucket = (b: number) => {
        const next = bucketOf(b + seconds);
        return next > b ? next : bucketOf(b + seconds * 1.5);
      };
      let pivotItems: PivotItem[] = items.map((it) => ({ key: bucketOf(it.t), series: it.series, c: it.c, t: it.t }));
      let buckets = [...new Set(pivotItems.map((it) => it.key as number))].sort((a, b) => a - b);
      const first = bucketOf(lo);
      const lastData = buckets[buckets.length - 1];
      if (cont && (buckets.length > 1 || earliest !== undefined || latest !== undefined)) {
        const from = Math.min(first, buckets[0]);
        const to = Math.max(lastData, latest ?? lastData);
        if ((earliest !== undefined || latest !== undefined) && (to - from) / seconds > MAX_RANGE_BUCKETS) {
          // [decision] a search range far wider than the span would make rows without end (--earliest 0
          // with span=1m: 28 million): refused, as Splunk refuses a span that makes too many rows
          throw new SplError({
            stage: 'runtime',
            message: `timechart: the search's time range at span ${spanOpt?.text ?? `${seconds}s`} would make more than ${MAX_RANGE_BUCKETS} rows`,
            span: spanOpt?.span ?? node.span,
            hint: 'give a larger span=, a narrower --earliest/--latest, or fixedrange=false to chart only the events\' range',
          });
        }
        const filled: number[] = [];
        for (let b = Math.min(first, buckets[0]); b <= lastData || (latest !== undefined && b < latest); b = nextBucket(b)) {
          filled.push(b);
          if (filled.length > 1_000_000) break;
        }
        buckets = filled;
      }
      if (!partial) {
        // partial=false: "Only the first and last bin can be partial": a bin that starts before the
        // search's earliest time or ends after its latest is dropped, with its events
        buckets = buckets.filter((b) => !(rctx.earliest !== undefined && b < rctx.earliest) && !(rctx.latest !== undefined && nextBucket(b) > rctx.latest));
        const kept = new Set(buckets);
        pivotItems = pivotItems.filter((it) => kept.has(it.key as number));
      }
      yield* batches(pivot(pivotItems, { terms, keyField: '_time', keys: buckets, ...(by ? { split } : {}), aggregate: { spanSeconds: seconds } }));
    },
  };
}
