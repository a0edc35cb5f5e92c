/**
 * mvcombine: merges results that are identical except for one field into one
 * result whose field holds all their values.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/mvcombine
 *
 * `mvcombine [delim=<string>] <field>`
 *
 * - "finds groups of results where all field values are identical, except
 *   the specified field. All of these results are merged into a single
 *   result, where the specified field is now a multivalue field" holding
 *   "all of the single values from the combined events".
 * - delim (default a single space) separates the values in the single-value
 *   form of the combined field, which the page says is seen by running nomv
 *   right after mvcombine: the combined multivalue remembers that text
 *   (`combinedText`) and nomv prints it.
 * - A transforming command: it reads all its input.
 * - It does not apply to internal fields: `mvcombine _time` is an error.
 *
 * Decisions where the page is silent:
 * - Every other field counts when comparing results, internal ones included
 *   (the page notes raw events rarely combine "because [they] have many
 *   fields that vary"); field order does not.
 * - A result that lacks the field is not combined: it is passed on as it is.
 * - Values are kept in input order, duplicates included ("all of the single
 *   values"); a multivalue contributes each of its values. A group of one
 *   result keeps its value as it was.
 * - Results come out in the order their group first appears, and values in
 *   the order of the results (order-sensitive: events newest first).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import type { MultiValue, Row, Scalar } from '../../values/value.js';
import { valuesOf } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { batches, collect, type Operator, type RowStream } from '../types.js';

/**
 * The single-value text of multivalues built by mvcombine (their values
 * joined with delim). nomv prints it; any command that builds a new value
 * drops it, since the key is the array itself.
 */
export const combinedText = new WeakMap<MultiValue, string>();

/** A key for a row's fields other than `skip`, independent of field order. */
function groupKey(row: Row, skip: string): string {
  const parts: string[] = [];
  for (const k of [...row.keys()].sort()) {
    if (k === skip) continue;
    const v = row.get(k)!;
    parts.push(k + '\u0001' + (Array.isArray(v) ? 'm' + v.map((x: Scalar) => typeof x + toStr(x)).join('\u0002') : 's' + typeof v + toStr(v as Scalar)));
  }
  return parts.join('\u0000');
}

export function planMvcombine(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('delim').only(['value'], 'mvcombine [delim=<string>] <field>');
  const vals = args.values();
  if (vals.length !== 1) planFail('mvcombine needs one field', vals[1]?.span ?? node.span, 'for example: mvcombine delim="," host');
  const field = vals[0].text;
  if (field.includes('*')) planFail('mvcombine takes one field name, without wildcards', vals[0].span);
  if (field.startsWith('_')) planFail(`mvcombine does not apply to internal fields ('${field}')`, vals[0].span, 'copy it to another field first: eval t=_time | mvcombine t');
  const delim = args.string('delim', ' ')!;
  return {
    name: 'mvcombine',
    span: node.span,
    kind: 'blocking',
    // the values come in the order of the results
    orderSensitive: true,
    async *run(input: RowStream) {
      const rows = await collect(input);
      type Group = { row: Row; values: Scalar[]; count: number };
      const out: (Row | Group)[] = [];
      const groups = new Map<string, Group>();
      for (const row of rows) {
        const v = row.get(field);
        if (v === undefined) {
          out.push(row);
          continue;
        }
        const key = groupKey(row, field);
        let g = groups.get(key);
        if (!g) {
          g = { row, values: [], count: 0 };
          groups.set(key, g);
          out.push(g);
        }
        g.count++;
        for (const x of valuesOf(v)) g.values.push(x);
      }
      const result: Row[] = out.map((o) => {
        if (o instanceof Map) return o;
        if (o.count > 1 && o.values.length > 1) {
          const mv: MultiValue = o.values;
          combinedText.set(mv, o.values.map((x) => toStr(x)).join(delim));
          o.row.set(field, mv);
        } else if (o.values.length > 1) {
          combinedText.set(o.row.get(field) as MultiValue, o.values.map((x) => toStr(x)).join(delim));
        }
        return o.row;
      });
      yield* batches(result);
    },
  };
}
