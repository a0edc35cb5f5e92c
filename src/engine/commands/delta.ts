/**
 * delta: the difference between a numeric field's value in a result and in
 * the result p places before it.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/delta
 *
 * `delta <field> [AS <newfield>] [p=<int>]`
 *
 * - "For each event where <field> is a number, the delta command computes
 *   the difference, in search order, between the <field> value for the
 *   current event and the <field> value for the previous event" and writes
 *   it to <newfield>, by default `delta(<field>)`.
 * - p (default 1) is "how many results prior to the current result to use
 *   for the comparison"; "If <field> is not a numeric field, no output field
 *   is generated."
 * - It works in the order the results arrive (order-sensitive): for events
 *   newest first, values ascending over time give negative deltas.
 *
 * Decisions where the page is silent:
 * - The p-th prior result is counted among all results; when its field is
 *   not a number (or there is none: the first p results), no field is
 *   written.
 * - p must be a whole number ≥ 1.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toNumber } from '../../values/coerce.js';
import { Args } from '../args.js';
import type { Operator, RowStream } from '../types.js';
import { fieldAs } from './accum.js';

export function planDelta(node: GenericCommand): Operator {
  const usage = 'delta <field> [AS <newfield>] [p=<int>]';
  const args = new Args(node).allowOnly('p').only(['value'], usage);
  const { field, as } = fieldAs(args, usage);
  const p = args.int('p', 1, 1)!;
  const target = as ?? `delta(${field})`;
  return {
    name: 'delta',
    span: node.span,
    kind: 'streaming',
    orderSensitive: true,
    async *run(input: RowStream) {
      // the field's number in the last p results (undefined: not a number), as a ring
      const ring: (number | undefined)[] = new Array<number | undefined>(p);
      let seen = 0;
      for await (const batch of input) {
        for (const row of batch) {
          const n = toNumber(row.get(field));
          const slot = seen % p;
          const prior = seen >= p ? ring[slot] : undefined;
          if (n !== undefined && prior !== undefined) row.set(target, n - prior);
          ring[slot] = n;
          seen++;
        }
        yield batch;
      }
    },
  };
}
