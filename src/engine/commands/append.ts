/**
 * append: adds a subsearch's results after the current results (append
 * reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/append):
 *
 *   append [extendtimerange=<bool>] [maxtime=<int>] [maxout=<int>] [timeout=<int>] <subsearch>
 *
 * maxout: the most subsearch results appended, default 50,000. maxtime and
 * timeout do not change anything offline (the subsearch reads the same
 * inputs and has no time limit); extendtimerange=true is refused.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { BATCH_SIZE, type Operator, type RowStream, type RunContext } from '../types.js';
import type { Row } from '../../values/value.js';
import { truncationNotice } from './search.js';

export const APPEND_MAXOUT = 50_000;

export function planAppend(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('extendtimerange', 'maxtime', 'maxout', 'timeout');
  // extendtimerange=true widens the whole search's time range to the subsearch's (append reference);
  // splinter has no search-wide time range to widen, so it refuses rather than ignores it
  if (args.bool('extendtimerange', false)) {
    args.fail('splinter does not support append extendtimerange=true', args.options.get('extendtimerange')!.span, "the search's time range is --earliest/--latest; leave extendtimerange out");
  }
  args.int('maxtime', 60);
  args.int('timeout', 60);
  const maxout = args.int('maxout', APPEND_MAXOUT)!;
  args.only(['subsearch'], 'append [maxout=N] [search ...]');
  const subs = args.subsearches();
  if (subs.length !== 1) planFail('append needs one subsearch: append [search ...]', node.span);
  const plan = ctx.planSubsearch(subs[0]);
  return {
    name: 'append',
    span: node.span,
    kind: 'streaming',
    async *run(input: RowStream, rctx: RunContext) {
      yield* input;
      let left = maxout;
      if (left <= 0) return;
      const cut = truncationNotice(rctx, "append's subsearch", maxout, node.span, `maxout=${maxout}`);
      for await (const batch of rctx.runPlan(plan)) {
        if (batch.length === 0) continue;
        // a result past maxout (in this batch or a later one) means the subsearch was cut
        if (left <= 0) return cut();
        const out: Row[] = batch.length > left ? batch.slice(0, left) : batch;
        left -= out.length;
        for (let i = 0; i < out.length; i += BATCH_SIZE) yield out.slice(i, i + BATCH_SIZE);
        if (out.length < batch.length) return cut();
      }
    },
  };
}
