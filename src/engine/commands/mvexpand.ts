/**
 * mvexpand: one result per value of a multivalue field.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/mvexpand
 *
 * `mvexpand <field> [limit=<int>]`
 *
 * - Each value gives a copy of the result with the field set to that value;
 *   limit keeps the first N values (default: all).
 * - A result without the field is dropped ([decision]: there is nothing to
 *   expand; Splunk users add fillnull first to keep such results).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';

export function planMvexpand(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('limit').only(['value'], 'mvexpand <field> [limit=<int>]');
  const vals = args.values();
  if (vals.length !== 1) planFail('mvexpand needs one field', vals[1]?.span ?? node.span, 'for example: mvexpand recipients');
  const field = vals[0].text;
  const limit = args.int('limit', 0)!;
  return reading(streaming('mvexpand', node.span, (rows) => {
    const out: Row[] = [];
    for (const row of rows) {
      const v = row.get(field);
      if (v === undefined) continue;
      if (!Array.isArray(v)) {
        out.push(row);
        continue;
      }
      const list = limit > 0 ? v.slice(0, limit) : v;
      for (const one of list) {
        const copy: Row = new Map(row);
        copy.set(field, one);
        out.push(copy);
      }
    }
    return out;
  }), [field]);
}
