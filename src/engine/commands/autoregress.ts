/**
 * autoregress: copies a field's values from earlier results into each result.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/autoregress
 *
 * `autoregress <field> [AS <newfield>] [p=<int> | p=<int>-<int>]`
 *
 * - Copies "one or more of the previous values for field into each event";
 *   "The first few events will lack the augmentation of prior values, since
 *   the prior values do not exist."
 * - p (default 1): a single p copies the value of the p-th prior result; a
 *   range p=2-4 copies the 2nd, 3rd and 4th.
 * - The new fields are named `<field>_p<num>` (`count_p2`...); AS <newfield>
 *   names the single field and is "Invalid if p is set to a range".
 * - Streaming, in the order the results arrive (order-sensitive).
 *
 * Decisions where the page is silent:
 * - Values are copied as they are (text, numbers and multivalues alike); a
 *   prior result that lacks the field gives no field.
 * - p values are whole numbers ≥ 1 and a range must not run backwards.
 *
 * Limits: Splunk's limits.conf `[autoregress]` sets `maxp = 50000` (the
 * largest p) and `maxrange = 1000` (the most fields one range makes); a p
 * over them is a plan-time error here, as a larger p would allocate a ring
 * of that many values.
 */
export const AUTOREGRESS_MAXP = 50_000;
export const AUTOREGRESS_MAXRANGE = 1_000;

import type { GenericCommand } from '../../ast/nodes.js';
import type { Value } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import type { Operator, RowStream } from '../types.js';
import { fieldAs } from './accum.js';

export function planAutoregress(node: GenericCommand): Operator {
  const usage = 'autoregress <field> [AS <newfield>] [p=<int> | p=<int>-<int>]';
  const args = new Args(node).allowOnly('p').only(['value'], usage);
  const { field, as, asSpan } = fieldAs(args, usage);
  const pArg = args.option('p');
  let from = 1;
  let to = 1;
  if (pArg) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(pArg.text);
    if (!m) planFail(`autoregress p must be a whole number or a range such as 2-4, not '${pArg.text}'`, pArg.span, usage);
    from = Number(m[1]);
    to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1) planFail('autoregress p must be at least 1', pArg.span);
    if (to < from) planFail(`autoregress p range ${pArg.text} runs backwards`, pArg.span, 'write the smaller number first: p=2-4');
    if (to > AUTOREGRESS_MAXP) planFail(`autoregress p=${pArg.text} is over the limit of ${AUTOREGRESS_MAXP.toLocaleString('en-US')} (limits.conf maxp)`, pArg.span);
    if (to - from + 1 > AUTOREGRESS_MAXRANGE) planFail(`autoregress p=${pArg.text} makes ${to - from + 1} fields, over the limit of ${AUTOREGRESS_MAXRANGE.toLocaleString('en-US')} (limits.conf maxrange)`, pArg.span);
    if (m[2] !== undefined && as !== undefined) planFail('autoregress AS <newfield> is invalid when p is a range', asSpan ?? pArg.span, 'the copies are named <field>_p<num>');
  }
  const names: string[] = [];
  for (let k = from; k <= to; k++) names.push(as !== undefined && from === to ? as : `${field}_p${k}`);
  return {
    name: 'autoregress',
    span: node.span,
    kind: 'streaming',
    orderSensitive: true,
    async *run(input: RowStream) {
      // the field's value in the last `to` results, as a ring (undefined: absent)
      const ring: (Value | undefined)[] = new Array<Value | undefined>(to);
      let seen = 0;
      for await (const batch of input) {
        for (const row of batch) {
          const current = row.get(field);
          for (let k = from; k <= to; k++) {
            if (seen < k) break;
            const v = ring[(seen - k) % to];
            if (v !== undefined) row.set(names[k - from], v);
          }
          ring[seen % to] = current;
          seen++;
        }
        yield batch;
      }
    },
  };
}
