/**
 * rename: `rename a AS b`, with wildcards (`rename Processes.* AS *`). A
 * renamed field keeps its place; an existing field of the new name is
 * replaced.
 */
import type { RenameCommand } from '../../ast/nodes.js';
import type { Row, Value } from '../../values/value.js';
import { renameField } from '../fieldmatch.js';
import { planFail } from '../plan-error.js';
import { streaming, type Operator } from '../types.js';

export function planRename(node: RenameCommand): Operator {
  const pairs = node.renames.map((r) => {
    const fromStars = (r.from.name.match(/\*/g) ?? []).length;
    const toStars = (r.to.name.match(/\*/g) ?? []).length;
    if (toStars > fromStars) planFail(`'${r.to.name}' has more wildcards than '${r.from.name}'`, r.to.span, 'each * in the new name takes the text matched by a * in the old name');
    return { from: r.from.name, to: r.to.name };
  });
  return streaming('rename', node.span, (rows) => rows.map((row) => {
    let current = row;
    for (const p of pairs) current = renameOnce(current, p.from, p.to);
    return current;
  }));
}

/**
 * One rename pair over a row: matching fields take their new names in place;
 * an untouched field whose name a rename takes is replaced.
 */
function renameOnce(row: Row, from: string, to: string): Row {
  if (!from.includes('*') && (!row.has(from) || from === to)) return row;
  const renamed: { name: string; value: Value; moved: boolean }[] = [];
  for (const [name, value] of row) {
    const target = renameField(name, from, to);
    renamed.push({ name: target ?? name, value, moved: target !== undefined && target !== name });
  }
  if (!renamed.some((r) => r.moved)) return row;
  const taken = new Set(renamed.filter((r) => r.moved).map((r) => r.name));
  const out: Row = new Map();
  for (const r of renamed) if (r.moved || !taken.has(r.name)) out.set(r.name, r.value);
  return out;
}
