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

function renameOnce(row: Row, from: string, to: string): Row {
  if (!from.includes('*')) {
    if (!row.has(from) || from === to) return row;
  }
  let changed = false;
  const renamed: [string, Value][] = [];
  for (const [name, value] of row) {
    const target = renameField(name, from, to);
    if (target !== undefined && target !== name) changed = true;
    renamed.push([target ?? name, value]);
  }
  if (!changed) return row;
  const targets = new Set(renamed.filter(([n], i) => n !== [...row.keys()][i]).map(([n]) => n));
  const out: Row = new Map();
  const keys = [...row.keys()];
  renamed.forEach(([name, value], i) => {
    const isRenamed = name !== keys[i];
    // an untouched field that a rename overwrites disappears
    if (!isRenamed && targets.has(name)) return;
    out.set(name, value);
  });
  return out;
}
