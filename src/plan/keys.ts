/**
 * The fields that identify a result row of a search, for comparing two runs
 * of it (`splinter diff`). When the search ends in a grouping command
 * (stats, tstats, chart, timechart, top, rare: Operator.groups), each result
 * row is one combination of its group-by fields, so rows of two runs with the
 * same values there are "the same row", changed or not. Commands after the
 * last grouping command are followed when they keep that one-row-per-group
 * shape: filters, sorts, field changes, renames (which rename the key).
 *
 * [decision] When a later command may add, merge or split rows, or drops or
 * overwrites a key field (table/fields without it, `rename x AS <key>`), there
 * is no key: rows are compared whole. Comparing whole rows is never wrong,
 * only less informative (a changed row shows as removed plus added).
 */
import type * as A from '../ast/nodes.js';
import { matchesField, renameField } from '../engine/fieldmatch.js';
import type { Plan } from './plan.js';

/** Commands without a grammar of their own that keep one row per group (they filter, reorder, or add or change fields). */
const KEEPS_ROWS = new Set([
  'accum', 'addinfo', 'addtotals', 'autoregress', 'delta', 'filldown', 'fillnull', 'iplocation', 'lookup', 'makemv', 'nomv',
  'rangemap', 'regex', 'replace', 'reverse', 'rex', 'spath', 'strcat', 'tail', 'uniq',
]);

/**
 * The key fields of the search's result rows, or undefined when the search
 * does not end in a grouping command (rows are then compared whole). `[]`
 * is a search with a single result row (`stats count`).
 */
export function resultKey(ast: A.Pipeline, plan: Plan): string[] | undefined {
  const ops = plan.operators;
  let at = -1;
  for (let i = ops.length - 1; i >= 0; i--) {
    if (ops[i].groups) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const grouping = ops[at];
  const start = ast.commands.findIndex((c) => c.span.start === grouping.span.start);
  if (start < 0) return undefined;
  let keys = [...grouping.groups!];
  for (const c of ast.commands.slice(start + 1)) {
    const next = follow(keys, c);
    if (!next) return undefined;
    keys = next;
  }
  return keys;
}

/** The key after one more command, or undefined when the command breaks it. */
function follow(keys: string[], c: A.Command): string[] | undefined {
  switch (c.type) {
    case 'search':
    case 'where':
    case 'eval':
    case 'convert':
    case 'head':
    case 'sort':
    case 'dedup':
      return keys;
    case 'stats':
      // eventstats and streamstats add fields to each row; a stats is a grouping command of its own (found first)
      return c.variant === 'stats' ? undefined : keys;
    case 'table':
      return keys.every((k) => c.fields.some((f) => matchesField(k, f.name))) ? keys : undefined;
    case 'fields':
      if (c.remove) return keys.some((k) => c.fields.some((f) => matchesField(k, f.name))) ? undefined : keys;
      // fields keeps _raw and _time unless it names them (engine/commands/fields.ts)
      return keys.every((k) => k === '_time' || k === '_raw' || c.fields.some((f) => matchesField(k, f.name))) ? keys : undefined;
    case 'rename': {
      let out = keys;
      for (const r of c.renames) {
        const from = r.from.name;
        const to = r.to.name;
        // a field that is not a key, renamed onto a key field, replaces its values
        if (!to.includes('*') && from !== to && out.includes(to) && !out.some((k) => renameField(k, from, to) !== undefined)) return undefined;
        out = out.map((k) => renameField(k, from, to) ?? k);
      }
      return new Set(out).size === out.length ? out : undefined;
    }
    case 'command':
      return KEEPS_ROWS.has(c.name.toLowerCase()) ? keys : undefined;
    default:
      return undefined;
  }
}
