/**
 * timechart: statistics per time bucket, one row per bucket (timechart
 * reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/timechart):
 *
 *   timechart [span=<span> | bins=<int>] [limit=[top|bottom]<int>] [useother=<bool>] [usenull=<bool>]
 *             [otherstr=<string>] [nullstr=<string>] [sep=<string>] [format=<string>]
 *             [cont=<bool>] [partial=<bool>] [agg=<stats-func>] <agg-term>...
 *             [BY <field> [where <single-agg> (in|notin) (top|bottom)<int> | where <single-agg> (<|>) <num>]]
 *
 * - `_time` becomes the start of its bucket (bucketing as bin does, bin.ts);
 *   with cont=true (default) every bucket from the first to the last is a row,
 *   empty ones included; rows come in time order, oldest first.
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
 * 1d 30d that makes at most `bins` (default 100) buckets over the events'
 * range; series columns are in lexicographic order, then NULL, then OTHER;
 * series are scored as engine/series.ts describes.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toNumber } from '../../values/coerce.js';
import type { Scalar } from '../../values/value.js';
import { planAggregation, AggregateSet, type PlannedAggregation } from '../aggregations.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { aggregationTerms, extractWhereClause, pivot, readSplitOptions, seriesOf, type PivotItem } from '../series.js';
import { batches, type Operator, type RowStream } from '../types.js';
import { parseTimeSpan, spanSeconds, timeBinStart, type TimeSpan } from './bin.js';

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
  const split = readSplitOptions(args, where);
  const cont = args.bool('cont', true);
  args.bool('partial', true);
  const tz = ctx.tz;

  return {
    name: 'timechart',
    span: node.span,
    kind: 'blocking',
    groups: ['_time'],
    async *run(input: RowStream) {
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
      let span = fixed;
      if (!span) {
        const range = max - min;
        const secs = AUTO_SPANS.find((s) => range / s < bins) ?? AUTO_SPANS[AUTO_SPANS.length - 1];
        span = { amount: secs, unit: 's' };
      }
      const seconds = spanSeconds(span);
      const bucketOf = (t: number) => timeBinStart(t, span!, tz);
      const pivotItems: PivotItem[] = items.map((it) => ({ key: bucketOf(it.t), series: it.series, c: it.c, t: it.t }));
      let buckets = [...new Set(pivotItems.map((it) => it.key as number))].sort((a, b) => a - b);
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
      yield* batches(pivot(pivotItems, { terms, keyField: '_time', keys: buckets, ...(by ? { split } : {}), aggregate: { spanSeconds: seconds } }));
    },
  };
}
