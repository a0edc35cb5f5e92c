/**
 * timeorder: puts events in Splunk's retrieval order, newest first (stable for
 * equal times). Inserted by the planner, not written by users.
 */
import type { Span } from '../../diagnostics/diagnostic.js';
import { batches, collect, type Operator, type RowStream } from '../types.js';

export function timeOrder(span: Span): Operator {
  return {
    name: 'timeorder',
    span,
    kind: 'blocking',
    async *run(input: RowStream) {
      const rows = await collect(input);
      const keyed = rows.map((r, i) => ({ r, i, t: (r.get('_time') as number) ?? 0 }));
      keyed.sort((a, b) => b.t - a.t || a.i - b.i);
      yield* batches(keyed.map((k) => k.r));
    },
  };
}
