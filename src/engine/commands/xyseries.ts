/**
 * xyseries: turns rows of (x, series name, value) into a table with one row
 * per x value and one column per series (xyseries reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/xyseries):
 *
 *   xyseries [grouped=<bool>] <x-field> <y-name-field> <y-data-field>... [sep=<string>] [format=<string>]
 *
 * - Each input row with an x value and a y-name value sets, in the output
 *   row of its x value, the column named by the y-name value to the y-data
 *   field's value. Other fields of the input are not kept; the x field comes
 *   first, then the series columns in order of first appearance.
 * - [decision] With several y-data fields the columns are grouped by data
 *   field, in the order the fields are written, and within each by series in
 *   order of first appearance: `count: 404, count: 500, mb: 404, mb: 500`, the
 *   order chart gives its `<function>: <value>` columns (xyseries is the
 *   command that turns untable's or stats' rows back into chart's table; the
 *   page does not state the order). Every output row has its columns in that
 *   one order (with one data field too: a table has one column order).
 * - With several y-data fields, the columns are `<y-data-field><sep><y-name>`
 *   (sep default ": ", the column naming chart uses), or format= with
 *   `$AGG$` (the data field) and `$VAL$` (the y-name value); format takes
 *   precedence over sep.
 * - grouped=true: "the input is sorted by the value of the <x-field>": an
 *   output row is finished when the x value changes, so memory holds one
 *   row (and an x value that comes back starts a new row).
 *
 * Decisions where the page is silent: output rows come in the order their x
 * value first appears; a row without the x field or the y-name field gives
 * nothing; a missing y-data value leaves its cell as it was; when two input
 * rows fill the same cell, the later one wins; each value of a multivalue
 * y-name names a column of its own; a multivalue x value is one x value
 * (its values in order).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf, type Row } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { batches, type Batch, type Operator, type RowStream } from '../types.js';

const USAGE = 'xyseries <x-field> <y-name-field> <y-data-field> ...';

export function planXyseries(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('grouped', 'sep', 'format').only(['value', 'operator'], USAGE);
  for (const a of args.rest) if (a.kind === 'operator' && a.text !== ',') planFail(`unexpected '${a.text}' in xyseries`, a.span, USAGE);
  const fields = args.values().map((v) => v.text);
  if (fields.length < 3) planFail('xyseries needs an x field, a y-name field and at least one y-data field', node.span, `e.g. ... | stats count by host status | xyseries host status count`);
  const [x, yname, ...data] = fields;
  const grouped = args.bool('grouped', false);
  const sep = args.string('sep', ': ')!;
  const format = args.string('format');
  const columnOf = (d: string, name: string): string => {
    if (format !== undefined) return format.split('$AGG$').join(d).split('$VAL$').join(name);
    return data.length === 1 ? name : `${d}${sep}${name}`;
  };
  const xKey = (r: Row): string | undefined => {
    const vals = valuesOf(r.get(x));
    return vals.length === 0 ? undefined : vals.map(toStr).join('\n');
  };
  /** the series names in order of first appearance */
  const names = new Set<string>();
  /** Writes one input row into its output row. */
  const fill = (out: Row, r: Row): void => {
    for (const name of valuesOf(r.get(yname))) {
      names.add(toStr(name));
      for (const d of data) {
        const v = r.get(d);
        if (v !== undefined) out.set(columnOf(d, toStr(name)), v);
      }
    }
  };
  const newRow = (r: Row): Row => new Map([[x, r.get(x)!]]);
  /** The row with its columns in output order: x, then by data field, then by series. */
  const ordered = (row: Row): Row => {
    const out: Row = new Map([[x, row.get(x)!]]);
    for (const d of data) {
      for (const n of names) {
        const col = columnOf(d, n);
        const v = row.get(col);
        if (v !== undefined && !out.has(col)) out.set(col, v);
      }
    }
    return out;
  };
  return {
    name: 'xyseries',
    span: node.span,
    kind: 'blocking',
    orderSensitive: true,
    async *run(input: RowStream) {
      if (grouped) {
        let key: string | undefined;
        let current: Row | undefined;
        for await (const batch of input) {
          const out: Batch = [];
          for (const r of batch) {
            const k = xKey(r);
            if (k === undefined || valuesOf(r.get(yname)).length === 0) continue;
            if (!current || k !== key) {
              if (current) out.push(ordered(current));
              current = newRow(r);
              key = k;
            }
            fill(current, r);
          }
          if (out.length) yield out;
        }
        if (current) yield [ordered(current)];
        return;
      }
      const rows = new Map<string, Row>();
      for await (const batch of input) {
        for (const r of batch) {
          const k = xKey(r);
          if (k === undefined || valuesOf(r.get(yname)).length === 0) continue;
          let out = rows.get(k);
          if (!out) rows.set(k, (out = newRow(r)));
          fill(out, r);
        }
      }
      yield* batches([...rows.values()].map(ordered));
    },
  };
}
