/**
 * nomv: turns a multivalue field into one single value.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/nomv
 *
 * `nomv <field>`
 *
 * - "Converts values of the specified multivalue field into one single
 *   value. Separates the values using a new line "\n" delimiter."
 * - Right after mvcombine, the field's single-value form is the one
 *   mvcombine built with its delim (mvcombine reference: "to use the delim
 *   argument, you must use the nomv command immediately after"); see
 *   `combinedText` in mvcombine.ts.
 * - Streaming.
 *
 * Decisions where the page is silent: a single value (a number stays a
 * number) and a missing field are left as they are; the field name is one
 * name, without wildcards.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import type { MultiValue, Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { streaming, type Operator } from '../types.js';
import { combinedText } from './mvcombine.js';

export function planNomv(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly().only(['value'], 'nomv <field>');
  const vals = args.values();
  if (vals.length !== 1) planFail('nomv needs one field', vals[1]?.span ?? node.span, 'for example: nomv senders');
  const field = vals[0].text;
  if (field.includes('*')) planFail('nomv takes one field name, without wildcards', vals[0].span);
  return streaming('nomv', node.span, (rows) => {
    for (const row of rows) {
      const v = row.get(field);
      if (!Array.isArray(v)) continue;
      const mv = v as MultiValue;
      row.set(field, combinedText.get(mv) ?? mv.map((x: Scalar) => toStr(x)).join('\n'));
    }
    return rows;
  });
}
