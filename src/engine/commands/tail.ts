/**
 * tail: the last N results (default 10), "returned in reverse order,
 * starting at the end of the result set" (tail reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/tail).
 *
 *   tail [<N>]
 *
 * tail 0 returns nothing; fewer than N results are all returned, reversed.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import type { PlanContext } from '../plan-error.js';
import { batches, type Operator, type RowStream } from '../types.js';

export function planTail(node: GenericCommand, _ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly();
  args.only(['value'], 'tail takes a count: tail 5');
  const values = args.values();
  if (values.length > 1) args.fail('tail takes one count', values[1].span, 'tail 5');
  let n = 10;
  if (values.length === 1) {
    if (!/^\d+$/.test(values[0].text)) args.fail(`tail count must be a whole number, not '${values[0].text}'`, values[0].span);
    n = Number(values[0].text);
  }
  return {
    name: 'tail',
    span: node.span,
    kind: 'blocking',
    orderSensitive: true,
    async *run(input: RowStream) {
      // keep only the last n (a ring would do; slicing per batch keeps it simple and bounded)
      let last: Row[] = [];
      for await (const batch of input) {
        if (n === 0) continue;
        last = last.concat(batch);
        if (last.length > 2 * n + 1024) last = last.slice(last.length - n);
      }
      yield* batches(n === 0 ? [] : last.slice(Math.max(0, last.length - n)).reverse());
    },
  };
}
