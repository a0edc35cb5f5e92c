/**
 * stats, eventstats and streamstats (one grammar, three behaviours):
 * - stats: one row per distinct combination of the by-fields, with the
 *   by-fields first then the aggregations in the order written; an event
 *   missing a by-field contributes to no row; a multivalue by-field puts the
 *   event in one group per value; rows come out ordered by the by-values.
 * - eventstats: every row is kept and gets its group's aggregates.
 * - streamstats: every row gets the aggregates of the rows seen so far in its
 *   group, itself included.
 */
import type { StatsCommand } from '../../ast/nodes.js';
import { compareScalars } from '../../values/coerce.js';
import type { Row, Scalar, Value } from '../../values/value.js';
import { valuesOf } from '../../values/value.js';
import { planAggregation, timeOf, type PlannedAggregation } from '../aggregations.js';
import { planFail, type PlanContext } from '../plan-error.js';
import type { Aggregator } from '../../functions/stats/types.js';
import { batches, type Operator, type RowStream } from '../types.js';

const SEP = '\u0000';

interface Group {
  keys: Scalar[];
  aggs: Aggregator[];
}

/** The by-value combinations of a row (none when a by-field is missing). */
function combinations(row: Row, by: readonly string[]): Scalar[][] {
  let combos: Scalar[][] = [[]];
  for (const f of by) {
    const vals = valuesOf(row.get(f));
    if (vals.length === 0) return [];
    if (vals.length === 1) {
      for (const c of combos) c.push(vals[0]);
    } else {
      const next: Scalar[][] = [];
      for (const c of combos) for (const v of vals) next.push([...c, v]);
      combos = next;
    }
  }
  return combos;
}

function keyOf(values: Scalar[]): string {
  return values.length === 1 ? String(values[0]) : values.map(String).join(SEP);
}

function feed(group: Group, aggs: readonly PlannedAggregation[], row: Row, time: number | undefined): void {
  for (let i = 0; i < aggs.length; i++) group.aggs[i].add(aggs[i].valueOf(row), time);
}

function resultsInto(row: Row, group: Group, aggs: readonly PlannedAggregation[]): void {
  for (let i = 0; i < aggs.length; i++) {
    const v: Value | undefined = group.aggs[i].result();
    if (v === undefined) row.delete(aggs[i].name);
    else row.set(aggs[i].name, v);
  }
}

export function planStats(node: StatsCommand, ctx: PlanContext): Operator {
  if (node.aggregations.length === 0) planFail(`${node.variant} needs at least one statistical function`, node.span, `for example: ${node.variant} count by host`);
  for (const o of node.options) {
    if (!['allnum', 'delim', 'partitions', 'dedup_splitvals', 'current', 'window', 'global', 'reset_on_change', 'time_window', 'reset_before', 'reset_after'].includes(o.name)) {
      planFail(`unknown ${node.variant} option '${o.name}'`, o.span);
    }
  }
  const aggs = node.aggregations.map((a) => planAggregation(a, ctx));
  const by = node.by.map((f) => f.name);
  // first(), last() and list() depend on the order events arrive in (newest first in Splunk)
  const orderSensitive = node.aggregations.some((a) => /^(first|last|list)$/i.test(a.func));
  const newGroup = (keys: Scalar[]): Group => ({ keys, aggs: aggs.map((a) => a.create()) });

  if (node.variant === 'stats') {
    return {
      name: 'stats',
      span: node.span,
      kind: 'blocking',
      orderSensitive,
      async *run(input: RowStream) {
        const groups = new Map<string, Group>();
        for await (const batch of input) {
          for (const row of batch) {
            const time = timeOf(row);
            if (by.length === 0) {
              let g = groups.get('');
              if (!g) groups.set('', (g = newGroup([])));
              feed(g, aggs, row, time);
              continue;
            }
            for (const combo of combinations(row, by)) {
              const k = keyOf(combo);
              let g = groups.get(k);
              if (!g) groups.set(k, (g = newGroup(combo)));
              feed(g, aggs, row, time);
            }
          }
        }
        // without a by clause stats always returns one row (count=0 on no events)
        if (by.length === 0 && groups.size === 0) groups.set('', newGroup([]));
        const list = [...groups.values()];
        list.sort((a, b) => {
          for (let i = 0; i < a.keys.length; i++) {
            const c = compareScalars(a.keys[i], b.keys[i]);
            if (c !== 0) return c;
          }
          return 0;
        });
        const out: Row[] = list.map((g) => {
          const row: Row = new Map();
          by.forEach((f, i) => row.set(f, g.keys[i]));
          resultsInto(row, g, aggs);
          return row;
        });
        yield* batches(out);
      },
    };
  }

  if (node.variant === 'eventstats') {
    return {
      name: 'eventstats',
      span: node.span,
      kind: 'blocking',
      async *run(input: RowStream) {
        const groups = new Map<string, Group>();
        const rows: Row[] = [];
        for await (const batch of input) {
          for (const row of batch) {
            rows.push(row);
            const time = timeOf(row);
            const combos = by.length === 0 ? [[]] : combinations(row, by);
            for (const combo of combos) {
              const k = keyOf(combo);
              let g = groups.get(k);
              if (!g) groups.set(k, (g = newGroup(combo)));
              feed(g, aggs, row, time);
            }
          }
        }
        for (const row of rows) {
          const combos = by.length === 0 ? [[]] : combinations(row, by);
          if (combos.length === 1) resultsInto(row, groups.get(keyOf(combos[0]))!, aggs);
        }
        yield* batches(rows);
      },
    };
  }

  // streamstats
  return {
    name: 'streamstats',
    span: node.span,
    kind: 'streaming',
    orderSensitive: true,
    async *run(input: RowStream) {
      const groups = new Map<string, Group>();
      for await (const batch of input) {
        for (const row of batch) {
          const combos = by.length === 0 ? [[]] : combinations(row, by);
          if (combos.length !== 1) continue;
          const k = keyOf(combos[0]);
          let g = groups.get(k);
          if (!g) groups.set(k, (g = newGroup(combos[0])));
          feed(g, aggs, row, timeOf(row));
          resultsInto(row, g, aggs);
        }
        yield batch;
      }
    },
  };
}
