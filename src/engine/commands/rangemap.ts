/**
 * rangemap: names the numeric ranges a field's value falls in, in a field
 * called `range`.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/rangemap
 *
 * `rangemap field=<string> [<attribute_name>=<numeric_range>]... [default=<string>]`
 *
 * - Each `<attribute_name>=<num>-<num>` is a range, both ends included
 *   (the page's example: with low=1-10 and elevated=5-15, 10 is in both);
 *   the numbers may be negative or have a fraction (`Dislike=-5--1
 *   DontCare=0-0 Like=1-5`); "The first value must be lower than the
 *   second" (equal is allowed, as 0-0 shows).
 * - Overlapping ranges that match give a multivalue of all their names.
 * - "If no range is matched, the range value is set to the default value";
 *   default is "None" when not given.
 * - Streaming.
 *
 * Decisions where the page is silent:
 * - The names come in the order the ranges are written.
 * - A result whose field is absent or not a number matches no range and
 *   gets the default; of a multivalue, the result's ranges are those of
 *   each of its numeric values (each name once).
 * - The attribute names keep their case; `field` and `default` are the
 *   options, whatever their case.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toNumber } from '../../values/coerce.js';
import { fromList, valuesOf } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { streaming, type Operator } from '../types.js';
import { declareOptions } from '../declared-options.js';

const NUM = '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)';
const RANGE = new RegExp(`^(${NUM})-(${NUM})$`);

export function planRangemap(node: GenericCommand): Operator {
  const usage = 'rangemap field=<field> <name>=<min>-<max>... [default=<string>]';
  const args = new Args(node).only([], usage);
  declareOptions('rangemap', ['field', 'default']); // the other name=value arguments are ranges
  const fieldOpt = args.option('field');
  if (!fieldOpt) planFail('rangemap needs field=<field>', node.nameSpan, usage);
  const field = fieldOpt.text;
  const dflt = args.string('default', 'None')!;
  const ranges: { name: string; lo: number; hi: number }[] = [];
  for (const [key, o] of args.options) {
    if (key === 'field' || key === 'default') continue;
    const m = RANGE.exec(o.value.text);
    if (!m) planFail(`rangemap range ${o.name}=${o.value.text} is not <min>-<max>`, o.value.span, 'for example: low=0-10 elevated=10.5-50 severe=-5--1');
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    if (lo > hi) planFail(`rangemap range ${o.name}=${o.value.text}: the first value must not be greater than the second`, o.value.span);
    ranges.push({ name: o.name, lo, hi });
  }
  return streaming('rangemap', node.span, (rows) => {
    for (const row of rows) {
      const names: string[] = [];
      for (const s of valuesOf(row.get(field))) {
        const n = toNumber(s);
        if (n === undefined) continue;
        for (const r of ranges) if (n >= r.lo && n <= r.hi && !names.includes(r.name)) names.push(r.name);
      }
      row.set('range', fromList(names) ?? dflt);
    }
    return rows;
  });
}
