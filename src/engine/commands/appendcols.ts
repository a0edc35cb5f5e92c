/**
 * appendcols: adds the fields of a subsearch's results to the current
 * results, row by row (appendcols reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/appendcols):
 *
 *   appendcols [override=<bool>] [maxtime=<int>] [maxout=<int>] [timeout=<int>] <subsearch>
 *
 * - "the first subsearch result is merged with the first main result, the
 *   second subsearch result is merged with the second main result, and so
 *   on"; every field of the subsearch is merged "with the exception of
 *   internal fields" (a leading `_`).
 * - override=false (default): "if a field is present in both a subsearch
 *   result and the main result, the main result is used"; override=true: the
 *   subsearch result's value is used.
 * - maxout: the most subsearch results read (default 50,000); maxtime and
 *   timeout change nothing offline.
 *
 * Decisions where the page is silent: main results beyond the subsearch's
 * count stay as they are; subsearch results beyond the main results' count
 * become results of their own (their non-internal fields; none: no result),
 * after the main results. The pairing is by position, so the command depends on the order
 * of its input (orderSensitive). The subsearch is read first (it is bounded
 * by maxout); the main results stream through.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { batches, type Operator, type RowStream, type RunContext } from '../types.js';
import { collectUpTo, truncationNotice } from './search.js';

export const APPENDCOLS_MAXOUT = 50_000;

export function planAppendcols(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('override', 'maxtime', 'maxout', 'timeout');
  const override = args.bool('override', false);
  args.int('maxtime', 60);
  args.int('timeout', 60);
  const maxout = args.int('maxout', APPENDCOLS_MAXOUT)!;
  args.only(['subsearch'], 'appendcols [override=<bool>] [search ...]');
  const subs = args.subsearches();
  if (subs.length !== 1) planFail(subs.length === 0 ? 'appendcols needs a subsearch: appendcols [search ...]' : 'appendcols takes one subsearch', node.span);
  const plan = ctx.planSubsearch(subs[0]);
  return {
    name: 'appendcols',
    span: node.span,
    kind: 'streaming',
    orderSensitive: true,
    async *run(input: RowStream, rctx: RunContext) {
      const sub = await collectUpTo(rctx.runPlan(plan), maxout, truncationNotice(rctx, "appendcols's subsearch", maxout, node.span, `maxout=${maxout}`));
      let i = 0;
      for await (const batch of input) {
        for (const row of batch) {
          if (i >= sub.length) break;
          for (const [f, v] of sub[i++]) {
            if (f.startsWith('_')) continue;
            if (override || !row.has(f)) row.set(f, v);
          }
        }
        yield batch;
      }
      if (i < sub.length) {
        const rest: Row[] = [];
        for (; i < sub.length; i++) {
          const r: Row = new Map();
          for (const [f, v] of sub[i]) if (!f.startsWith('_')) r.set(f, v);
          if (r.size) rest.push(r);
        }
        yield* batches(rest);
      }
    },
  };
}
