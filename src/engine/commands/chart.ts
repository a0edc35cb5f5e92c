/**
 * chart: statistics in a table with one row per value of a row-split field
 * and one column per value of a column-split field (chart reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/chart):
 *
 *   chart [limit=[top|bottom]<int>] [agg=<stats-func>] [useother=<bool>] [otherstr=<string>] [usenull=<bool>]
 *         [nullstr=<string>] [sep=<string>] [format=<string>] [cont=<bool>] [dedup_splitvals=<bool>]
 *         <stats-agg-term>... ( [BY <row-split> [<column-split>]] | [OVER <row-split> [<bins-options>]] [BY <column-split>] )
 *         [where <single-agg> (in|notin) (top|bottom)<int> | where <single-agg> (<|>) <num>]
 *
 * - `chart <agg> BY <row> <col>` is `chart <agg> OVER <row> BY <col>`; a
 *   single BY field is the row split. The terms are stats terms (engine/
 *   aggregations.ts): eval arguments, AS, wildcards (not with a column split).
 * - Without any split: one row with the aggregations, also over no events
 *   (count=0), as stats does. With a row split: one row per value of the
 *   field (each value of a multivalue counting), ordered by value as stats
 *   orders its groups; events without the field contribute to no row; the
 *   row field comes first, then the aggregations (named as stats names
 *   them) or the series columns.
 * - Column split (shared with timechart, engine/series.ts): one column per
 *   value with one aggregation, `<agg>: <value>` with several (sep=,
 *   format= with $AGG$ and $VAL$); limit= (default top10, 0 = all; ranked by
 *   the sum of each series, or by the function agg= names), the where clause
 *   of the column split (`by status where max in top5`, `where count > 100`;
 *   limit= and agg= are then ignored), useother/otherstr (OTHER),
 *   usenull/nullstr (NULL); an empty cell holds what the function gives over
 *   no events (count 0, avg nothing).
 * - bins-options on the row split: span=, bins=, minspan=, start=, end=
 *   discretize the row-split field as bin does (bin.ts): numbers into
 *   `lo-hi` ranges, `_time` into bucket starts. cont=true (default) adds
 *   the empty bins between the first and the last (count 0); cont=false
 *   shows only the bins that have events.
 * - dedup_splitvals=true: a value repeated in a multivalue split field
 *   counts once (default false, as for stats).
 * - The per_second family is allowed only over a binned `_time`.
 *
 * Decisions where the page is silent: `OVER _time` is always binned (bins=100
 * unless span= or bins= is given, as bin does); a numeric row split is binned
 * only when span= or bins= is given; numeric bins are ordered by their lower
 * bound, and values that are not numbers come after them; cont= fills gaps
 * for time spans and numeric spans, not log spans; a where clause without a
 * column split is refused (there are no series to select).
 */
import type { FieldName, GenericCommand } from '../../ast/nodes.js';
import { compareScalars, toNumber, toStr } from '../../values/coerce.js';
import type { Scalar } from '../../values/value.js';
import { valuesOf } from '../../values/value.js';
import { AggregateSet, planAggregation, timeOf, type PlannedAggregation } from '../aggregations.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { aggregationTerms, extractWhereClause, pivot, readSplitOptions, seriesOf, type PivotItem } from '../series.js';
import { batches, type Operator, type RowStream } from '../types.js';
import { chooseSpan, readBinning, scalarBinner, spanSeconds, timeBinStart, type Binning } from './bin.js';

const EXAMPLE = 'chart count over host by status';
const BIN_OPTIONS = ['span', 'bins', 'minspan', 'start', 'end'];

const isWord = (a: GenericCommand['args'][number], word: string): boolean => a.kind === 'value' && !a.value.quoted && a.value.text.toLowerCase() === word;

export function planChart(written: GenericCommand, ctx: PlanContext): Operator {
  const { node, where } = extractWhereClause(written);
  const args = new Args(node).allowOnly('limit', 'agg', 'useother', 'usenull', 'otherstr', 'nullstr', 'sep', 'format', 'cont', 'dedup_splitvals', ...BIN_OPTIONS);
  const all = node.args;
  const overIdx = all.findIndex((a) => isWord(a, 'over'));
  const byIdx = all.findIndex((a) => a.kind === 'by');
  if (overIdx >= 0 && byIdx >= 0 && byIdx < overIdx) planFail('chart: OVER must come before BY', all[overIdx].span, `e.g. ${EXAMPLE}`);
  const termsEnd = Math.min(overIdx >= 0 ? overIdx : all.length, byIdx >= 0 ? byIdx : all.length);
  const firstTerm = all.findIndex((a) => a.kind !== 'option');
  let lastTerm = termsEnd - 1;
  while (lastTerm > firstTerm && all[lastTerm].kind === 'option') lastTerm--;
  if (firstTerm < 0 || firstTerm >= termsEnd) planFail('chart needs at least one statistical function', node.span, `for example: ${EXAMPLE}`);
  const stats = aggregationTerms(node, ctx, firstTerm, lastTerm, EXAMPLE);

  let rowField: FieldName | undefined;
  let colField: FieldName | undefined;
  const byFields = byIdx >= 0 ? (all[byIdx] as Extract<GenericCommand['args'][number], { kind: 'by' }>).fields : [];
  for (const f of byFields) {
    if (!f.quoted && /^over$/i.test(f.name)) planFail(`chart: '${f.name}' is not supported after BY`, f.span, `put OVER before BY: ${EXAMPLE}`);
  }
  if (overIdx >= 0) {
    const f = all[overIdx + 1];
    if (!f || f.kind !== 'value') planFail('chart: OVER needs a field', all[overIdx].span, `e.g. ${EXAMPLE}`);
    rowField = { span: f.span, name: f.value.text, quoted: f.value.quoted };
    const stop = byIdx >= 0 ? byIdx : all.length;
    for (let i = overIdx + 2; i < stop; i++) {
      if (all[i].kind !== 'option') planFail('chart: OVER takes one field', all[i].span, `e.g. ${EXAMPLE}`);
    }
    if (byFields.length > 1) planFail('chart: with OVER, BY takes one field (the column split)', byFields[1].span, `e.g. ${EXAMPLE}`);
    colField = byFields[0];
  } else {
    if (byFields.length > 2) planFail('chart: BY takes at most two fields (the row split and the column split)', byFields[2].span, 'to split by more fields, use stats');
    rowField = byFields[0];
    colField = byFields[1];
  }
  if (byIdx >= 0) {
    for (let i = byIdx + 1; i < all.length; i++) if (all[i].kind !== 'option') planFail('chart: unexpected argument after the BY clause', all[i].span, `e.g. ${EXAMPLE}`);
  }
  const row = rowField?.name;
  const col = colField?.name;
  const timeRow = row === '_time';

  // bins-options of the row split
  const binOpts = BIN_OPTIONS.filter((o) => args.option(o));
  if (binOpts.length && !row) planFail(`chart option ${binOpts[0]}= needs a row split to discretize`, args.options.get(binOpts[0])!.span, 'e.g. chart count over bytes span=100');
  // _time is always binned; another row split only when span= or bins= asks for it
  const binning: Binning | undefined = row && (timeRow || args.option('span') || args.option('bins')) ? readBinning(args, timeRow, 'chart') : undefined;

  if (where && !col) planFail('chart: the where clause selects the series of a column split, and this chart has none', where.span, 'e.g. chart count over host by status where count in top5');
  const split = readSplitOptions(args, where);
  const cont = args.bool('cont', true);
  const dedup = args.bool('dedup_splitvals', false);
  const exclude = [row, col].filter((f): f is string => f !== undefined);
  const terms: PlannedAggregation[] = stats.aggregations.map((a) => planAggregation(a, ctx, { timeSpan: timeRow, exclude }));
  if (col && terms.some((t) => t.wildcard)) planFail('chart: wildcard field arguments cannot be combined with a column split', stats.span);
  const orderSensitive = stats.aggregations.some((a) => /^(first|last|list)$/i.test(a.func));
  const tz = ctx.tz;

  return {
    name: 'chart',
    span: node.span,
    kind: 'blocking',
    groups: row ? [row] : [],
    orderSensitive,
    async *run(input: RowStream) {
      const items: PivotItem[] = [];
      for await (const batch of input) {
        for (const r of batch) {
          let keys: readonly Scalar[] = [''];
          if (row) {
            keys = valuesOf(r.get(row));
            if (keys.length === 0) continue;
            if (dedup && keys.length > 1) keys = [...new Map(keys.map((k) => [toStr(k), k])).values()];
          }
          let series: string[] = [];
          if (col) {
            const s = seriesOf(r, col, split, dedup);
            if (!s) continue;
            series = s;
          }
          const c = AggregateSet.contribution(terms, r);
          const t = timeOf(r);
          for (const key of keys) items.push({ key, series, c, t });
        }
      }
      for (const t of terms) t.begin();
      if (!row) {
        yield* batches(pivot(items, { terms, keys: [''], ...(col ? { split } : {}) }));
        return;
      }
      if (items.length === 0) return;
      let spanSecs: number | undefined;
      let binned = items;
      // numeric sort key of each row key (the smallest value in a bin orders the bin)
      const order = new Map<string, number>();
      let fill: ((present: Scalar[]) => Scalar[]) | undefined;
      if (binning) {
        let b = binning;
        if (b.kind === 'auto') {
          let lo = b.start ?? Infinity;
          let hi = b.end ?? -Infinity;
          for (const it of items) {
            const n = toNumber(it.key);
            if (n === undefined) continue;
            if (n < lo) lo = n;
            if (n > hi) hi = n;
          }
          if (lo <= hi) b = chooseSpan(b, lo, hi);
        }
        if (b.kind !== 'auto') {
          const one = scalarBinner(b, tz);
          // time bins are numbers and order themselves; numeric bins (`lo-hi`) are ordered by their lowest value
          binned = items.map((it) => {
            const key = one(it.key);
            const n = b.kind === 'time' ? undefined : toNumber(it.key);
            if (n !== undefined) {
              const k = toStr(key);
              const prev = order.get(k);
              if (prev === undefined || n < prev) order.set(k, n);
            }
            return { ...it, key };
          });
          const bb = b;
          if (bb.kind === 'time') {
            spanSecs = spanSeconds(bb.span);
            const secs = spanSecs;
            fill = (present) => {
              const nums = present.filter((k): k is number => typeof k === 'number').sort((x, y) => x - y);
              if (nums.length < 2) return present;
              const out: Scalar[] = [];
              const at = (t: number) => timeBinStart(t, bb.span, tz, bb.align);
              for (let k = nums[0]; k <= nums[nums.length - 1] && out.length <= 1_000_000; ) {
                out.push(k);
                const next = at(k + secs);
                k = next > k ? next : at(k + secs * 1.5);
              }
              return [...out, ...present.filter((k) => typeof k !== 'number')];
            };
          } else if (bb.kind === 'number') {
            fill = (present) => {
              const bounds = present.map((k) => order.get(toStr(k))).filter((n): n is number => n !== undefined);
              if (bounds.length < 2) return present;
              const lo = Math.floor(Math.min(...bounds) / bb.span);
              const hi = Math.floor(Math.max(...bounds) / bb.span);
              const out: Scalar[] = [];
              for (let i = lo; i <= hi && out.length <= 1_000_000; i++) {
                const label = one((i + 0.5) * bb.span);
                if (!order.has(toStr(label))) order.set(toStr(label), i * bb.span);
                out.push(label);
              }
              const labels = new Set(out.map(toStr));
              return [...out, ...present.filter((k) => !labels.has(toStr(k)))];
            };
          }
        }
      }
      const seen = new Map<string, Scalar>();
      for (const it of binned) if (!seen.has(toStr(it.key))) seen.set(toStr(it.key), it.key);
      let keys = [...seen.values()];
      if (cont && fill) keys = fill(keys);
      keys.sort((a, b) => {
        const na = order.get(toStr(a));
        const nb = order.get(toStr(b));
        if (na !== undefined && nb !== undefined) return na - nb;
        if (na !== undefined) return -1;
        if (nb !== undefined) return 1;
        return compareScalars(a, b);
      });
      yield* batches(pivot(binned, { terms, keyField: row, keys, ...(col ? { split } : {}), ...(spanSecs !== undefined ? { aggregate: { spanSeconds: spanSecs } } : {}) }));
    },
  };
}
