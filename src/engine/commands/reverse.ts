/**
 * reverse: reverses the order of the results (reverse reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/reverse).
 * Takes no arguments.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { Args } from '../args.js';
import type { PlanContext } from '../plan-error.js';
import { batches, collect, type Operator, type RowStream } from '../types.js';

export function planReverse(node: GenericCommand, _ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly();
  if (args.rest.length) args.fail('reverse takes no arguments', args.rest[0].span);
  return {
    name: 'reverse',
    span: node.span,
    kind: 'blocking',
    orderSensitive: true,
    async *run(input: RowStream) {
      yield* batches((await collect(input)).reverse());
    },
  };
}
