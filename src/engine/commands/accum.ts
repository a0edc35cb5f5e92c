/**
 * accum: a running total of a numeric field.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/accum
 *
 * `accum <field> [AS <newfield>]`
 *
 * - "For each event where field is a number, the accum command calculates a
 *   running total or sum of the numbers. The accumulated sum can be returned
 *   to either the same field, or a newfield that you specify."
 * - Streaming, in the order the results arrive (order-sensitive).
 *
 * Decisions where the page is silent:
 * - A result whose field is not a number (absent, text, or a multivalue of
 *   more than one value) adds nothing and gets no total: without AS its
 *   field keeps its value, with AS the new field is not set.
 * - Numeric strings count ("12" and 12 alike, coerce.ts's rule); the total
 *   is a number.
 */
import type { GenericCommand, SearchValue } from '../../ast/nodes.js';
import { toNumber } from '../../values/coerce.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import type { Operator, RowStream } from '../types.js';

/** `<field> [AS <newfield>]` among a command's positional values (shared with delta and autoregress). */
export function fieldAs(args: Args, usage: string): { field: string; as?: string; asSpan?: SearchValue['span'] } {
  const vals = args.values();
  const ok = vals.length === 1 || (vals.length === 3 && /^as$/i.test(vals[1].text) && !vals[1].quoted);
  if (!ok) planFail(vals.length === 0 ? `${args.name} needs a field` : `${args.name} takes one field and an optional AS <newfield>`, vals.length > 1 ? vals[1].span : args.node.span, usage);
  for (const v of [vals[0], vals[2]]) if (v && v.text.includes('*')) planFail(`${args.name} takes field names without wildcards`, v.span, usage);
  return { field: vals[0].text, ...(vals[2] ? { as: vals[2].text, asSpan: vals[2].span } : {}) };
}

export function planAccum(node: GenericCommand): Operator {
  const usage = 'accum <field> [AS <newfield>]';
  const args = new Args(node).allowOnly().only(['value'], usage);
  const { field, as } = fieldAs(args, usage);
  const target = as ?? field;
  return {
    name: 'accum',
    span: node.span,
    kind: 'streaming',
    orderSensitive: true,
    async *run(input: RowStream) {
      let total = 0;
      for await (const batch of input) {
        for (const row of batch) {
          const n = toNumber(row.get(field));
          if (n === undefined) continue;
          total += n;
          row.set(target, total);
        }
        yield batch;
      }
    },
  };
}
