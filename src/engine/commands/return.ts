/**
 * return: passes values up from a subsearch (return reference,
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/return):
 *
 *   return [<count>] [<alias>=<field>...] [<field>...] [$<field>...]
 *
 * Replaces its input with one result whose only field is `search`: for each
 * of the first <count> results (default 1), `field="value"`,
 * `alias="value"` or, for `$field`, the value alone; several results are
 * "viewed as an OR clause": `(ip="a") OR (ip="b")`.
 *
 * Decisions where the page is silent: the parts of one result are separated
 * by a space (an implicit AND); a missing field gives no part; a multivalue
 * field gives `( f="a" OR f="b" )`; no input gives an empty `search`.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf, type Row } from '../../values/value.js';
import { planFail, type PlanContext } from '../plan-error.js';
import type { Operator } from '../types.js';
import { quoteValue } from './format.js';

type Part = { kind: 'field'; name: string; as: string } | { kind: 'value'; name: string };

export function planReturn(node: GenericCommand, _ctx: PlanContext): Operator {
  let count = 1;
  const parts: Part[] = [];
  node.args.forEach((a, i) => {
    if (a.kind === 'option') {
      if (a.group) planFail('return takes alias=field, not a parenthesised group', a.span);
      parts.push({ kind: 'field', name: a.value.text, as: a.name });
    } else if (a.kind === 'value') {
      const t = a.value.text;
      if (i === 0 && !a.value.quoted && /^\d+$/.test(t)) count = Number(t);
      else if (!a.value.quoted && t.startsWith('$') && t.length > 1) parts.push({ kind: 'value', name: t.slice(1) });
      else parts.push({ kind: 'field', name: t, as: t });
    } else if (a.kind !== 'operator' || a.text !== ',') {
      planFail(`unexpected ${a.kind} in return`, a.span, 'return [count] [alias=field...] [field...] [$field...]');
    }
  });
  if (parts.length === 0) planFail('return needs at least one field', node.span, 'return [count] [alias=field...] [field...] [$field...]');
  const render = (row: Row): string =>
    parts
      .map((p) => {
        const values = valuesOf(row.get(p.name)).map(toStr);
        const each = p.kind === 'value' ? values : values.map((v) => `${p.as}=${quoteValue(v)}`);
        return each.length > 1 ? `( ${each.join(' OR ')} )` : each[0];
      })
      .filter((s): s is string => s !== undefined)
      .join(' ');
  return {
    name: 'return',
    span: node.span,
    kind: 'blocking',
    orderSensitive: true,
    async *run(input) {
      const rows: Row[] = [];
      outer: for await (const batch of input) {
        for (const r of batch) {
          rows.push(r);
          if (rows.length >= count) break outer;
        }
      }
      const rendered = rows.map(render).filter((s) => s !== '');
      const text = rendered.length > 1 ? rendered.map((s) => `(${s})`).join(' OR ') : rendered[0] ?? '';
      yield [new Map([['search', text]])];
    },
  };
}
