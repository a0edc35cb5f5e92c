/**
 * addcoltotals: appends a result with the sum of each numeric field
 * (addcoltotals reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/addcoltotals):
 *
 *   addcoltotals [labelfield=<field>] [label=<string>] [<wc-field-list>]
 *
 * - "appends a new result to the end of the search result set. The result
 *   contains the sum of each numeric field or you can specify which fields to
 *   summarize";
 * - <wc-field-list>: only these fields are summed; `*` is a wildcard
 *   (value* = every field starting with value); default: all fields;
 * - labelfield: a field added to the summary result holding label; "If the
 *   labelfield argument is absent, the label argument has no effect"
 *   (label default Total).
 *
 * Decisions where the page is silent (as addtotals col=true does): a field
 * is summed over the values that are numbers (other values are skipped; a
 * field with no number gets no sum), every value of a multivalue counts;
 * without a field list internal fields (a leading `_`, such as _time) are not
 * summed; the label replaces a sum of the label field; a summary with
 * neither a sum nor a label (no results, or no numbers and no labelfield) is
 * left out. The results stream through: only the sums are kept.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toNumber } from '../../values/coerce.js';
import { valuesOf, type Row } from '../../values/value.js';
import { Args } from '../args.js';
import { expandFieldPatterns } from '../fieldmatch.js';
import type { Operator, RowStream } from '../types.js';

export function planAddcoltotals(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('labelfield', 'label').only(['value', 'operator'], 'addcoltotals [labelfield=<field>] [label=<string>] [<field> ...]');
  for (const a of args.rest) if (a.kind === 'operator' && a.text !== ',') args.fail(`unexpected '${a.text}' in addcoltotals`, a.span, 'list the fields to sum, separated by spaces');
  const labelfield = args.string('labelfield');
  const label = args.string('label', 'Total')!;
  const patterns = args.values().map((v) => v.text);
  const plain = patterns.every((p) => !p.includes('*'));
  const fieldsOf = (row: Row): Iterable<string> =>
    patterns.length === 0 ? [...row.keys()].filter((k) => !k.startsWith('_')) : plain ? patterns.filter((p) => row.has(p)) : expandFieldPatterns(row.keys(), patterns);
  return {
    name: 'addcoltotals',
    span: node.span,
    kind: 'streaming',
    async *run(input: RowStream) {
      const sums = new Map<string, number>();
      for await (const batch of input) {
        for (const row of batch) {
          for (const f of fieldsOf(row)) {
            for (const v of valuesOf(row.get(f))) {
              const n = toNumber(v);
              if (n !== undefined) sums.set(f, (sums.get(f) ?? 0) + n);
            }
          }
        }
        yield batch;
      }
      const summary: Row = new Map();
      for (const [f, s] of sums) summary.set(f, s);
      if (labelfield) summary.set(labelfield, label);
      if (summary.size) yield [summary];
    },
  };
}
