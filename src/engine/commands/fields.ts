/**
 * fields: `fields a b` keeps the listed fields (and the internal fields _raw
 * and _time, which fields only removes when named); `fields - a b` removes
 * them. Wildcards allowed.
 */
import type { FieldsCommand } from '../../ast/nodes.js';
import { matchesField } from '../fieldmatch.js';
import { streaming, type Operator } from '../types.js';
import { projectRow } from './table.js';

const KEPT_INTERNAL = ['_raw', '_time'];

export function planFields(node: FieldsCommand): Operator {
  const patterns = node.fields.map((f) => f.name);
  if (node.remove) {
    return streaming('fields', node.span, (rows) => {
      for (const row of rows) for (const name of [...row.keys()]) if (patterns.some((p) => matchesField(name, p))) row.delete(name);
      return rows;
    });
  }
  return streaming('fields', node.span, (rows) =>
    rows.map((row) => {
      const out = projectRow(row, patterns);
      for (const f of KEPT_INTERNAL) if (row.has(f) && !out.has(f)) out.set(f, row.get(f)!);
      return out;
    }),
  );
}
