/**
 * dedup (dedup reference): keeps the first N (default 1) results for each
 * combination of the fields' values; results missing any of the fields are
 * dropped unless keepempty=true; consecutive=true only removes duplicates that
 * follow each other; keepevents=true keeps duplicates but clears the fields;
 * sortby orders the output.
 */
import type { DedupCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import type { Row } from '../../values/value.js';
import { valuesOf } from '../../values/value.js';
import { planFail } from '../plan-error.js';
import { rowComparator } from '../sortkeys.js';
import { batches, type Operator, type RowStream } from '../types.js';
import { declareOptions } from '../declared-options.js';
import { optionsHint } from '../../diagnostics/suggest.js';

const isTrue = (s: string) => /^(true|t|1|yes)$/i.test(s);

export function planDedup(node: DedupCommand): Operator {
  if (node.fields.length === 0) planFail('dedup needs at least one field', node.span, 'for example: dedup host');
  const count = node.count ?? 1;
  declareOptions('dedup', ['keepempty', 'consecutive', 'keepevents']);
  let keepempty = false;
  let consecutive = false;
  let keepevents = false;
  for (const o of node.options) {
    if (o.name === 'keepempty') keepempty = isTrue(o.value.text);
    else if (o.name === 'consecutive') consecutive = isTrue(o.value.text);
    else if (o.name === 'keepevents') keepevents = isTrue(o.value.text);
    else planFail(`unknown dedup option '${o.name}'`, o.span, optionsHint(o.name, ['keepempty', 'consecutive', 'keepevents'], 'dedup options: keepempty, consecutive, keepevents'));
  }
  const fields = node.fields.map((f) => f.name);
  const sortby = node.sortby.length ? rowComparator(node.sortby) : undefined;
  return {
    name: 'dedup',
    span: node.span,
    kind: sortby ? 'blocking' : 'streaming',
    orderSensitive: true,
    async *run(input: RowStream) {
      const seen = new Map<string, number>();
      let previous: string | undefined;
      const kept: Row[] = [];
      for await (const batch of input) {
        const out: Row[] = [];
        for (const row of batch) {
          const parts: string[] = [];
          let missing = false;
          for (const f of fields) {
            const vals = valuesOf(row.get(f));
            if (vals.length === 0) {
              missing = true;
              break;
            }
            parts.push(vals.map(toStr).join('\n'));
          }
          if (missing) {
            if (keepempty) out.push(row);
            continue;
          }
          const key = parts.join('\u0000');
          let keep: boolean;
          if (consecutive) {
            keep = key !== previous;
            previous = key;
          } else {
            const n = (seen.get(key) ?? 0) + 1;
            seen.set(key, n);
            keep = n <= count;
          }
          if (keep) out.push(row);
          else if (keepevents) {
            for (const f of fields) row.delete(f);
            out.push(row);
          }
        }
        if (sortby) kept.push(...out);
        else if (out.length) yield out;
      }
      if (sortby) {
        kept.sort(sortby);
        yield* batches(kept);
      }
    },
  };
}
