/**
 * uniq: removes a result that is an exact duplicate of the result just
 * before it (uniq reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/uniq:
 * "removes any search result if that result is an exact duplicate with the
 * previous result"). Takes no arguments.
 *
 * Exact duplicate: the same fields with the same values; the field order does
 * not count (a decision: the page does not say).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import type { Row, Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import type { PlanContext } from '../plan-error.js';
import { streaming, type Operator } from '../types.js';

function signature(row: Row): string {
  const parts: string[] = [];
  for (const k of [...row.keys()].sort()) {
    const v = row.get(k)!;
    parts.push(k + '\u0001' + (Array.isArray(v) ? 'm' + v.map((x: Scalar) => toStr(x)).join('\u0002') : 's' + toStr(v as Scalar)));
  }
  return parts.join('\u0000');
}

export function planUniq(node: GenericCommand, _ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly();
  if (args.rest.length) args.fail('uniq takes no arguments', args.rest[0].span, 'to keep one result per value of a field, use dedup <field>');
  let previous: string | undefined;
  const op = streaming(
    'uniq',
    node.span,
    (rows) =>
      rows.filter((r) => {
        const s = signature(r);
        if (s === previous) return false;
        previous = s;
        return true;
      }),
    true,
  );
  return {
    ...op,
    run(input, ctx) {
      previous = undefined;
      return op.run(input, ctx);
    },
  };
}
