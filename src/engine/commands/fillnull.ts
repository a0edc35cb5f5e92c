/**
 * fillnull: gives a value to fields that results lack.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/fillnull
 *
 * `fillnull [value=<string>] [<field-list>]`
 *
 * - value defaults to 0.
 * - With a field list, each listed field a result lacks is set (streaming).
 * - Without one, "null values are field values that are missing in a
 *   particular result but present in another result": the command reads all
 *   its input, then sets every field that some result has (internal fields,
 *   starting with `_`, aside) on the results that lack it.
 * - [decision] A field whose value is the empty string is not null: it keeps
 *   its value.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { Args } from '../args.js';
import { batches, collect, reading, streaming, type Operator, type RowStream } from '../types.js';

export function planFillnull(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('value').only(['value', 'operator'], 'fillnull [value=<string>] [<field> ...]');
  for (const a of args.rest) if (a.kind === 'operator' && a.text !== ',') args.fail(`unexpected '${a.text}' in fillnull`, a.span);
  const value = args.string('value', '0')!;
  const fields = args.values().map((v) => v.text);
  if (fields.length) {
    return reading(streaming('fillnull', node.span, (rows) => {
      for (const row of rows) for (const f of fields) if (!row.has(f)) row.set(f, value);
      return rows;
    }), fields);
  }
  return {
    name: 'fillnull',
    span: node.span,
    kind: 'blocking',
    // it fills only fields some result has: a field no later command reads is not worth computing
    reads: [],
    async *run(input: RowStream) {
      const rows = await collect(input);
      const all: string[] = [];
      const seen = new Set<string>();
      for (const r of rows) for (const k of r.keys()) if (!seen.has(k)) (seen.add(k), k.startsWith('_') || all.push(k));
      for (const r of rows) for (const f of all) if (!r.has(f)) r.set(f, value);
      yield* batches(rows);
    },
  };
}
