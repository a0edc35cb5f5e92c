/**
 * fromjson: expands the top-level keys of a JSON object held in a field
 * into fields.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/fromjson
 *
 * `fromjson <field> [prefix=<string>]`
 *
 * - Each key of the object becomes a field (its name after prefix): strings
 *   without quotes, numbers and true/false as values, arrays as multivalues
 *   (an element that is an object or array as compact JSON text), objects
 *   as compact JSON text; null gives no value.
 * - A result without the field, or whose value is not a JSON object, is
 *   left alone.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { parseJson, type Json } from '../../functions/eval/json.js';
import { JsonNumber, stringifyJson } from '../../io/json.js';
import { formatNumber, toStr } from '../../values/coerce.js';
import { fromList, valuesOf, type Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';


function scalar(v: Json): Scalar | undefined {
  if (v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof JsonNumber) return v.text;
  return stringifyJson(v);
}

export function planFromjson(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('prefix').only(['value'], 'fromjson <field> [prefix=<string>]');
  const vals = args.values();
  if (vals.length !== 1) planFail('fromjson needs one field', vals[1]?.span ?? node.span, 'for example: fromjson Data');
  const field = vals[0].text;
  const prefix = args.string('prefix', '')!;
  return reading(streaming('fromjson', node.span, (rows) => {
    for (const row of rows) {
      const first = valuesOf(row.get(field))[0];
      if (first === undefined) continue;
      const doc = parseJson(toStr(first)) as Json | undefined;
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) continue;
      for (const [k, v] of Object.entries(doc)) {
        const name = prefix + k;
        const out = Array.isArray(v) ? fromList(v.map(scalar).filter((x): x is Scalar => x !== undefined)) : scalar(v);
        if (out === undefined) row.delete(name);
        else row.set(name, out);
      }
    }
    return rows;
  }), [field]);
}
