/**
 * filldown: gives a result that lacks a field the last value that field had
 * in an earlier result.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/filldown
 *
 * `filldown [<wc-field-list>]`
 *
 * - "Replaces null values with the last non-null value for a field or set of
 *   fields"; without a field list every field is filled; a field with no
 *   earlier value stays null.
 * - Field names may hold `*` wildcards (`filldown count score*`).
 * - Streaming and order-sensitive: it keeps only the last value of each field.
 *
 * Decisions where the page is silent:
 * - Null means absent, as for fillnull: a field whose value is the empty
 *   string keeps it and becomes the value carried down.
 * - A wildcard, and the list-less form, match the fields seen in the results
 *   so far; the list-less form leaves internal fields (a leading `_`) alone,
 *   as fillnull does.
 * - Commas between the fields are accepted (`filldown a, b`).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import type { Value } from '../../values/value.js';
import { Args } from '../args.js';
import { matchesField } from '../fieldmatch.js';
import type { Operator, RowStream } from '../types.js';

export function planFilldown(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly().only(['value', 'operator'], 'filldown [<field> ...]');
  for (const a of args.rest) if (a.kind === 'operator' && a.text !== ',') args.fail(`unexpected '${a.text}' in filldown`, a.span, 'filldown [<field> ...]');
  const patterns = args.values().map((v) => v.text);
  const plain = patterns.filter((p) => !p.includes('*'));
  const wild = patterns.filter((p) => p.includes('*'));
  const all = patterns.length === 0;
  return {
    name: 'filldown',
    span: node.span,
    kind: 'streaming',
    orderSensitive: true,
    async *run(input: RowStream) {
      /** the last value of each field that is filled down */
      const last = new Map<string, Value>();
      /** every field name seen so far, with whether it is filled */
      const seen = new Map<string, boolean>();
      const filled = (k: string): boolean => {
        let f = seen.get(k);
        if (f === undefined) {
          f = all ? !k.startsWith('_') : plain.includes(k) || wild.some((p) => matchesField(k, p));
          seen.set(k, f);
        }
        return f;
      };
      for (const k of plain) filled(k);
      for await (const batch of input) {
        for (const row of batch) {
          for (const [k, v] of row) if (filled(k)) last.set(k, v);
          for (const [k, v] of last) if (!row.has(k)) row.set(k, v);
        }
        yield batch;
      }
    },
  };
}
