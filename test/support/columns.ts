/**
 * Column order in the queries/ cases: which searches fix the order of their
 * output columns, and the expected rows as ordered [field, value] lists.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Command, Pipeline } from '../../src/ast/nodes.js';

/**
 * Commands whose output columns are in an order the command defines, per the
 * Splunk Search Reference (/work/shared/docs/spl-semantics.md and the
 * command pages):
 * - table: "columns are displayed in the same order that fields are specified"
 * - fields (keep, `fields + a b`): the kept fields in the order listed; `fields - x` only removes, the
 *   order of the rest is the input's, so it is not listed here (see fixesColumnOrder)
 * - stats, tstats: the by-fields first, then one column per aggregation in the order written
 * - chart, timechart: the row-split field (or _time) first, then one column per series
 * - top, rare: the fields, then count, then percent
 * - xyseries: the x field, then one column per y-name value
 * - untable: the x field, then the y-name field, then the y-data field
 * - transpose: `column`, then `row 1`, `row 2`...
 * [decision] eventstats, streamstats and the other commands that add fields to rows keep the input's
 * columns where they were and add theirs after; the Search Reference does not define that order, so
 * the cases ending in them are compared without column order.
 */
export const ORDER_FIXING_COMMANDS: ReadonlySet<string> = new Set(['table', 'fields', 'stats', 'tstats', 'chart', 'timechart', 'top', 'rare', 'xyseries', 'untable', 'transpose']);

function commandName(c: Command): string {
  if (c.type === 'command') return c.name.toLowerCase();
  if (c.type === 'stats') return c.variant;
  return c.type;
}

/** True when the last command of the (macro-expanded, parsed) search fixes its column order. */
export function fixesColumnOrder(ast: Pipeline): boolean {
  const last = ast.commands[ast.commands.length - 1];
  if (!last) return false;
  if (last.type === 'fields' && last.remove) return false;
  return ORDER_FIXING_COMMANDS.has(commandName(last));
}

export type Entries = [string, unknown][];

/**
 * The case's `expected` rows as [field, value] lists in the order written in
 * the YAML. (A parsed JS object would put integer-like keys such as `200`
 * first, whatever order the file gives them.)
 */
export function expectedEntries(yamlText: string): Entries[] | undefined {
  const doc = parseDocument(yamlText);
  const expected = doc.get('expected');
  if (!isSeq(expected)) return undefined;
  return expected.items.map((row) => {
    if (!isMap(row)) throw new Error('an expected row is not a mapping');
    return row.items.map((p) => [String((p.key as { value?: unknown })?.value ?? p.key), (p.value as { toJSON(): unknown } | null)?.toJSON() ?? null] as [string, unknown]);
  });
}
