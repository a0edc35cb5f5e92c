/**
 * Column order in the queries/ cases: which searches fix the order of their
 * output columns, and the expected rows as ordered [field, value] lists.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Command, Pipeline } from '../../src/ast/nodes.js';

/**
 * Commands whose output columns are in an order the command defines, per the
 * Splunk Search Reference command pages (quoted for table, paraphrased for
 * the others from their descriptions and examples):
 * - table: "Columns are displayed in the same order that fields are specified."
 *   (https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/table)
 * - fields (keep, `fields + a b`): the kept fields in the order listed; `fields - x` only removes, the
 *   order of the rest is the input's, so it is not listed here (see fixesColumnOrder)
 * - stats, tstats: the by-fields first, then one column per aggregation in the order written
 * - chart, timechart: the row-split field (or _time) first, then one column per series
 * - top, rare: the fields, then count, then percent
 * - xyseries: the x field, then one column per y-name value (several y-data fields: grouped by data field,
 *   a [decision] in src/engine/commands/xyseries.ts)
 * - untable: the x field, then the y-name field, then the y-data field
 * - transpose: `column`, then `row 1`, `row 2`...
 * [decision] eventstats, streamstats and the other commands that add fields to rows keep the input's
 * columns where they were and add theirs after; the Search Reference does not define that order, so
 * the cases ending in them are compared without column order.
 */
export const ORDER_FIXING_COMMANDS: ReadonlySet<string> = new Set(['table', 'fields', 'stats', 'tstats', 'chart', 'timechart', 'top', 'rare', 'xyseries', 'untable', 'transpose']);

/**
 * Commands that pass each row's fields through as they are, only dropping or
 * reordering rows (Search Reference: sort, head, tail, reverse, where, search,
 * dedup, regex, uniq): after one of them the columns are still in the order the
 * command before fixed.
 */
export const COLUMN_KEEPING_COMMANDS: ReadonlySet<string> = new Set(['sort', 'head', 'tail', 'reverse', 'where', 'search', 'dedup', 'regex', 'uniq']);

function commandName(c: Command): string {
  if (c.type === 'command') return c.name.toLowerCase();
  if (c.type === 'stats') return c.variant;
  return c.type;
}

/**
 * True when the last command of the (macro-expanded, parsed) search that
 * changes columns fixes their order; commands that keep every row's columns
 * (COLUMN_KEEPING_COMMANDS) after it are looked through. The first command
 * reads events (or generates rows): it never counts as column-keeping.
 */
export function fixesColumnOrder(ast: Pipeline): boolean {
  for (let i = ast.commands.length - 1; i >= 0; i--) {
    const c = ast.commands[i]!;
    const name = commandName(c);
    if (i > 0 && COLUMN_KEEPING_COMMANDS.has(name)) continue;
    if (c.type === 'fields' && c.remove) return false;
    return ORDER_FIXING_COMMANDS.has(name);
  }
  return false;
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
