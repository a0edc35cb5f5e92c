/**
 * untable: the inverse of xyseries; turns each row of a table into one row
 * per column (untable reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/untable):
 *
 *   untable <x-field> <y-name-field> <y-data-field>
 *
 * - For each input row and each of its fields other than <x-field>, in
 *   column order, one output row: <x-field> = the row's x value,
 *   <y-name-field> = the field's name, <y-data-field> = the field's value
 *   (multivalues kept). Streaming: each row is turned over on its own.
 *
 * Decisions where the page is silent: a field the row does not have (an
 * empty cell) gives no output row; internal fields (a leading `_`, such as
 * `_raw` or the `_span` of a timechart) are not turned into rows unless one
 * is the x field; a row without the x field gives rows without it.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { streaming, type Batch, type Operator } from '../types.js';

const USAGE = 'untable <x-field> <y-name-field> <y-data-field>';

export function planUntable(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly().only(['value'], USAGE);
  const fields = args.values();
  if (fields.length !== 3) planFail(`untable takes exactly three fields, not ${fields.length}`, fields[3]?.span ?? node.span, USAGE);
  const [x, yname, ydata] = fields.map((f) => f.text);
  return streaming('untable', node.span, (rows) => {
    const out: Batch = [];
    for (const r of rows) {
      const xv = r.get(x);
      for (const [k, v] of r) {
        if (k === x || k.startsWith('_')) continue;
        const row: Row = new Map();
        if (xv !== undefined) row.set(x, xv);
        row.set(yname, k);
        row.set(ydata, v);
        out.push(row);
      }
    }
    return out;
  });
}
