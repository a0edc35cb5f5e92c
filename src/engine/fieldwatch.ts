/**
 * Field names a learner got wrong. Field names are case-sensitive in Splunk
 * ("Field names are case sensitive, but field values are not": Splunk's
 * training material, spl-semantics.md §1 on field names), so `stats count by image` over events that
 * have `Image` groups nothing and says nothing. When a field a command names
 * (stats/eventstats/streamstats BY, table, fields, where, a later search) is
 * in no row that reaches the command in the whole run, but a field whose name
 * differs by case or a small edit distance is, the run ends with one notice:
 * "no event has field 'image'; events have 'Image'".
 *
 * Cost: the names of the first SAMPLE rows are collected; after that a row
 * is only asked for the named fields not yet seen, and once every named field
 * has been seen (the usual case, often in the first batch) batches pass
 * untouched. [decision] The first search is not watched: the events source
 * filters by it before the rows reach any command, so a wrong name there
 * leaves no rows to learn the right names from.
 */
import type * as A from '../ast/nodes.js';
import type { Span } from '../diagnostics/diagnostic.js';
import { closestNames } from '../diagnostics/suggest.js';
import { someExpr } from '../ast/chain.js';
import type { RowStream, RunContext } from './types.js';

/** A field a command names, where it names it, and what the rows reaching it are called. */
export interface FieldRef {
  readonly name: string;
  readonly span: Span;
  readonly rows: 'event' | 'result';
}

/** How many rows' field names are collected to suggest from. */
const SAMPLE = 1000;

/** The fields a command names without wildcards, in order, each once. */
export function namedFields(c: A.Command, rows: FieldRef['rows']): FieldRef[] {
  const out: FieldRef[] = [];
  const add = (name: string, span: Span): void => {
    if (!name.includes('*') && !out.some((r) => r.name === name)) out.push({ name, span, rows });
  };
  switch (c.type) {
    case 'stats':
      for (const f of c.by) add(f.name, f.span);
      break;
    case 'table':
      for (const f of c.fields) add(f.name, f.span);
      break;
    case 'fields':
      if (!c.remove) for (const f of c.fields) add(f.name, f.span);
      break;
    case 'where':
      someExpr(c.expr, (x) => {
        if (x.type === 'field') add(x.name, x.span);
        return false;
      });
      break;
    case 'search': {
      const stack: A.SearchExpr[] = c.expr ? [c.expr] : [];
      while (stack.length) {
        const e = stack.pop()!;
        if (e.type === 'and' || e.type === 'or') stack.push(...[...e.items].reverse());
        else if (e.type === 'not') stack.push(e.expr);
        else if (e.type === 'compare' || e.type === 'in') add(e.field.name, e.field.span);
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * Passes the rows on unchanged; when the stream ends (not when a later
 * command stops reading early), notifies once per named field that no row
 * had and that has near names among the fields rows had. `told` holds the
 * names already reported in this run, so a name is reported once.
 */
export async function* watchFields(stream: RowStream, refs: readonly FieldRef[], ctx: RunContext, told: Set<string>): RowStream {
  const seen = new Set<string>();
  let sampled = 0;
  let missing = [...refs];
  for await (const batch of stream) {
    if (missing.length) {
      for (const row of batch) {
        if (sampled < SAMPLE) {
          sampled++;
          for (const k of row.keys()) seen.add(k);
        } else {
          for (const r of missing) if (row.has(r.name)) seen.add(r.name);
        }
      }
      missing = missing.filter((r) => !seen.has(r.name));
    }
    yield batch;
  }
  for (const r of missing) {
    if (told.has(r.name)) continue;
    const near = closestNames(r.name, seen, { prefixes: false, strict: true });
    if (!near.length) continue;
    told.add(r.name);
    const caseOnly = near.some((n) => n.toLowerCase() === r.name.toLowerCase());
    ctx.notify({
      stage: 'runtime',
      severity: 'notice',
      message: `no ${r.rows} has field '${r.name}'; ${r.rows}s have ${near.map((n) => `'${n}'`).join(', ')}`,
      span: r.span,
      ...(caseOnly ? { hint: 'field names are case-sensitive' } : {}),
    });
  }
}
