/**
 * table: keeps the listed fields (wildcards expand in the row's field order)
 * in the order listed.
 */
import type { TableCommand } from '../../ast/nodes.js';
import type { Row } from '../../values/value.js';
import { expandFieldPatterns } from '../fieldmatch.js';
import { streaming, type Operator } from '../types.js';

export function projectRow(row: Row, patterns: readonly string[]): Row {
  const out: Row = new Map();
  for (const p of patterns) {
    if (p.includes('*')) {
      for (const name of expandFieldPatterns(row.keys(), [p])) if (!out.has(name)) out.set(name, row.get(name)!);
    } else if (row.has(p) && !out.has(p)) out.set(p, row.get(p)!);
  }
  return out;
}

export function planTable(node: TableCommand): Operator {
  const patterns = node.fields.map((f) => f.name);
  return streaming('table', node.span, (rows) => rows.map((r) => projectRow(r, patterns)));
}
