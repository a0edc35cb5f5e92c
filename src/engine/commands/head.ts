/** head: the first N results (default 10); stops reading once it has them. */
import type { HeadCommand } from '../../ast/nodes.js';
import { planFail } from '../plan-error.js';
import type { Operator, RowStream } from '../types.js';
import { declareOptions } from '../declared-options.js';

export function planHead(node: HeadCommand): Operator {
  declareOptions('head', ['limit']);
  let limit = node.count ?? 10;
  for (const o of node.options) {
    if (o.name === 'limit' && /^\d+$/.test(o.value.text)) limit = Number(o.value.text);
    else if (o.name === 'limit') planFail(`head limit must be a whole number, not '${o.value.text}'`, o.value.span);
    else planFail(`head option '${o.name}' is not supported`, o.span, 'head takes a count: head 10 or head limit=10');
  }
  return {
    name: 'head',
    span: node.span,
    kind: 'streaming',
    orderSensitive: true,
    async *run(input: RowStream) {
      if (limit === 0) return;
      let left = limit;
      for await (const batch of input) {
        if (batch.length >= left) {
          yield batch.slice(0, left);
          return; // returning closes the upstream iterators and the files
        }
        left -= batch.length;
        yield batch;
      }
    },
  };
}
