/**
 * transpose: turns the first rows of the results into columns (transpose
 * reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/transpose):
 *
 *   transpose [<int>] [column_name=<string>] [header_field=<field>] [include_empty=<bool>]
 *
 * - <int>: how many rows to transpose (default 5; 0 = all of them).
 * - One output row per field of those rows: the column `column`
 *   (column_name=) holds the field's name, the columns `row 1`, `row 2`, ...
 *   hold its value in the first, second... input row (nothing where that row
 *   lacks the field).
 * - header_field=<field>: the columns are named by that field's values in
 *   each row instead of `row N`.
 * - include_empty=false leaves out the fields that have no value in any of
 *   the transposed rows (default true: they are kept).
 *
 * Decisions where the page is silent: fields come in order of first
 * appearance across the transposed rows; internal fields (a leading `_`,
 * such as `_raw`) are left out, as Splunk's results table hides them, except
 * `_time`; the header field itself is not a row; a row without a value in header_field
 * keeps `row N`; a field whose only value is the empty string counts as
 * empty for include_empty; when two rows give the same header, the later
 * one wins. After the N rows the command stops reading its input.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf, type Row, type Value } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { batches, type Operator, type RowStream } from '../types.js';

const USAGE = 'transpose [<int>] [column_name=<string>] [header_field=<field>] [include_empty=<bool>]';

function isEmpty(v: Value | undefined): boolean {
  if (v === undefined) return true;
  return valuesOf(v).every((s) => s === '');
}

export function planTranspose(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('column_name', 'header_field', 'include_empty').only(['value'], USAGE);
  const vals = args.values();
  let limit = 5;
  if (vals.length > 1) planFail('transpose takes at most one number', vals[1].span, USAGE);
  if (vals.length === 1) {
    if (!/^\d+$/.test(vals[0].text)) planFail(`transpose takes a number of rows, not '${vals[0].text}'`, vals[0].span, USAGE);
    limit = Number(vals[0].text);
  }
  const columnName = args.string('column_name', 'column')!;
  const header = args.string('header_field');
  const includeEmpty = args.bool('include_empty', true);
  return {
    name: 'transpose',
    span: node.span,
    kind: 'blocking',
    orderSensitive: true,
    async *run(input: RowStream) {
      const rows: Row[] = [];
      outer: for await (const batch of input) {
        for (const r of batch) {
          if (limit > 0 && rows.length >= limit) break outer;
          rows.push(r);
        }
      }
      const fields: string[] = [];
      const seen = new Set<string>();
      for (const r of rows) {
        for (const k of r.keys()) {
          if (seen.has(k)) continue;
          seen.add(k);
          if (k === header || (k.startsWith('_') && k !== '_time')) continue;
          fields.push(k);
        }
      }
      const names = rows.map((r, i) => {
        const h = header === undefined ? [] : valuesOf(r.get(header));
        return h.length ? h.map(toStr).join(' ') : `row ${i + 1}`;
      });
      const out: Row[] = [];
      for (const f of fields) {
        if (!includeEmpty && rows.every((r) => isEmpty(r.get(f)))) continue;
        const row: Row = new Map([[columnName, f]]);
        rows.forEach((r, i) => {
          const v = r.get(f);
          if (v !== undefined) row.set(names[i], v);
        });
        out.push(row);
      }
      yield* batches(out);
    },
  };
}
