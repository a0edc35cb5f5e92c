/**
 * addtotals: the sum of each result's numeric fields, and optionally a
 * summary result with each field's sum.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/addtotals
 *
 * `addtotals [row=<bool>] [col=<bool>] [labelfield=<field>] [label=<string>] [fieldname=<field>] [<field-list>]`
 *
 * - row=true (default): fieldname (default Total) gets the sum of the
 *   listed fields (wildcards allowed; default: every field except internal
 *   ones) whose values are numbers; values that are not numbers are
 *   ignored, and a result with no numeric value gets no total.
 * - col=true: a last result holds the sum of each numeric field over all
 *   results; labelfield (if given) holds label (default Total) there.
 * - The values of a multivalue field are all added.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toNumber } from '../../values/coerce.js';
import { valuesOf, type Row } from '../../values/value.js';
import { Args } from '../args.js';
import { expandFieldPatterns } from '../fieldmatch.js';
import { batches, collect, streaming, type Operator, type RowStream } from '../types.js';

export function planAddtotals(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('row', 'col', 'labelfield', 'label', 'fieldname').only(['value', 'operator'], 'addtotals [fieldname=<name>] [<field> ...]');
  for (const a of args.rest) if (a.kind === 'operator' && a.text !== ',') args.fail(`unexpected '${a.text}' in addtotals`, a.span);
  const rowTotals = args.bool('row', true);
  const colTotals = args.bool('col', false);
  const fieldname = args.string('fieldname', 'Total')!;
  const labelfield = args.string('labelfield');
  const label = args.string('label', 'Total')!;
  const patterns = args.values().map((v) => v.text);
  const fieldsOf = (row: Row): string[] => (patterns.length ? expandFieldPatterns(row.keys(), patterns) : [...row.keys()].filter((k) => !k.startsWith('_')));
  const addRow = (row: Row) => {
    let sum = 0;
    let any = false;
    for (const f of fieldsOf(row)) {
      if (f === fieldname) continue;
      for (const v of valuesOf(row.get(f))) {
        const n = toNumber(v);
        if (n !== undefined) {
          sum += n;
          any = true;
        }
      }
    }
    if (any) row.set(fieldname, sum);
  };
  if (!colTotals) {
    return streaming('addtotals', node.span, (rows) => {
      if (rowTotals) rows.forEach(addRow);
      return rows;
    });
  }
  return {
    name: 'addtotals',
    span: node.span,
    kind: 'blocking',
    async *run(input: RowStream) {
      const rows = await collect(input);
      if (rowTotals) rows.forEach(addRow);
      const sums = new Map<string, number>();
      for (const row of rows) {
        for (const f of fieldsOf(row)) {
          for (const v of valuesOf(row.get(f))) {
            const n = toNumber(v);
            if (n !== undefined) sums.set(f, (sums.get(f) ?? 0) + n);
          }
        }
      }
      const summary: Row = new Map();
      if (labelfield) summary.set(labelfield, label);
      for (const [f, s] of sums) if (f !== labelfield) summary.set(f, s);
      rows.push(summary);
      yield* batches(rows);
    },
  };
}
