/**
 * sort (sort reference): orders results by the keys (`-` descending, `+` or
 * nothing ascending; auto compares numbers numerically and other values
 * lexicographically; num(), str(), ip() force a kind), keeps at most N
 * results: `sort N ...`, `limit=N`, default 10000, 0 = all. A trailing
 * `desc` reverses the order. The sort is stable.
 */
import type { SortCommand } from '../../ast/nodes.js';
import { planFail } from '../plan-error.js';
import { rowComparator } from '../sortkeys.js';
import { batches, collect, type Operator, type RowStream } from '../types.js';
import { declareOptions } from '../declared-options.js';

const DEFAULT_LIMIT = 10000;

export function planSort(node: SortCommand): Operator {
  declareOptions('sort', ['limit']);
  let limit = node.limit ?? DEFAULT_LIMIT;
  for (const o of node.options) {
    if (o.name === 'limit' && /^\d+$/.test(o.value.text)) limit = Number(o.value.text);
    else planFail(`unknown sort option '${o.name}'`, o.span, 'sort takes limit=<N>');
  }
  if (node.keys.length === 0) planFail('sort needs at least one field', node.span, 'for example: sort - count');
  const cmp = rowComparator(node.keys);
  const compare = node.reverse ? (a: Parameters<typeof cmp>[0], b: Parameters<typeof cmp>[1]) => -cmp(a, b) : cmp;
  return {
    name: 'sort',
    span: node.span,
    kind: 'blocking',
    async *run(input: RowStream) {
      const rows = await collect(input);
      rows.sort(compare);
      yield* batches(limit === 0 ? rows : rows.slice(0, limit));
    },
  };
}
