/**
 * Eventtypes, then tags: the search-time steps after LOOKUP ("The sequence
 * of search-time operations", Knowledge Manager Manual: ... lookups →
 * event types → tags). Each eventtype is a search-language expression,
 * compiled once with the search predicate; an eventtype may name another
 * (`eventtype=wineventlog_security EventCode=4624`), so they run in an order
 * where the named ones come first. An event gets:
 * - `eventtype`: the names of the eventtypes it matches (sorted);
 * - `tag`: the tags of those eventtypes and of its field-value pairs
 *   (tags.conf `[field=value]`), sorted and without duplicates;
 * - `tag::eventtype` and `tag::<field>`: the same tags by where they come from.
 * The knowledge itself is data (src/io/profiles/eventtypes-*.ts).
 */
import type * as A from '../ast/nodes.js';
import type { EventtypeDef, KnowledgeSet } from '../io/profiles/eventtype-types.js';
import { CIM_5_0_1 } from '../io/profiles/eventtypes-cim.js';
import { SYSMON_5_0_0 } from '../io/profiles/eventtypes-sysmon.js';
import { WINDOWS_SECURITY_9_1_2 } from '../io/profiles/eventtypes-windows.js';
import { parse } from '../parser/index.js';
import { compileSearch, searchFields, type RowPredicate } from '../search/predicate.js';
import type { Row } from '../values/value.js';
import type { RowProcessor } from './apply.js';

/** The knowledge the engine applies: add-ons first, SA_CIM's field tags last. */
export const DEFAULT_KNOWLEDGE: readonly KnowledgeSet[] = [SYSMON_5_0_0, WINDOWS_SECURITY_9_1_2, CIM_5_0_1];

/** The built-in knowledge with the user's apps (--knowledge) after the add-ons, before SA_CIM. */
export function knowledgeWith(apps: readonly KnowledgeSet[] | undefined): readonly KnowledgeSet[] {
  return apps && apps.length ? [SYSMON_5_0_0, WINDOWS_SECURITY_9_1_2, ...apps, CIM_5_0_1] : DEFAULT_KNOWLEDGE;
}

/** Fields this step writes. */
export const KNOWLEDGE_TARGETS: ReadonlySet<string> = new Set(['eventtype', 'tag', 'tag::eventtype']);

/** True when a field name is one this step writes (`tag::<field>` included). */
export function isKnowledgeField(name: string): boolean {
  return KNOWLEDGE_TARGETS.has(name) || name.startsWith('tag::');
}

export function parseSearchText(text: string, where: string): A.SearchExpr {
  const parsed = parse(`search ${text}`);
  const cmd = parsed.ast?.commands[0];
  if (!cmd || cmd.type !== 'search' || !cmd.expr || parsed.ast!.commands.length !== 1) {
    throw new Error(`${where}: cannot parse '${text}': ${parsed.diagnostics[0]?.message ?? 'not a search expression'}`);
  }
  return cmd.expr;
}

/** The eventtype names an expression refers to (`eventtype=x`). */
function referenced(e: A.SearchExpr, out: Set<string>): Set<string> {
  switch (e.type) {
    case 'and':
    case 'or':
      e.items.forEach((x) => referenced(x, out));
      break;
    case 'not':
      referenced(e.expr, out);
      break;
    case 'compare':
      if (e.field.name === 'eventtype') out.add(e.value.text);
      break;
    case 'in':
      if (e.field.name === 'eventtype') e.values.forEach((v) => out.add(v.text));
      break;
  }
  return out;
}

interface CompiledEventtype {
  readonly name: string;
  readonly test: RowPredicate;
  readonly tags: readonly string[];
}

export interface CompiledKnowledge {
  readonly process: RowProcessor;
  /** the fields the eventtype searches and field-value tags read */
  readonly reads: ReadonlySet<string>;
}

const cache = new Map<string, CompiledKnowledge>();

export function compileKnowledge(ctx: { now: number; tz: string }, sets: readonly KnowledgeSet[] = DEFAULT_KNOWLEDGE): CompiledKnowledge {
  const key = sets.map((s) => s.addon).join('\u0000') + '\u0000' + ctx.now + '\u0000' + ctx.tz;
  const hit = cache.get(key);
  if (hit) return hit;
  const reads = new Set<string>();
  const defs = new Map<string, { def: EventtypeDef; expr: A.SearchExpr; deps: Set<string> }>();
  const moreTags = new Map<string, string[]>();
  for (const s of sets) {
    for (const t of s.eventtypeTags ?? []) moreTags.set(t.eventtype, [...(moreTags.get(t.eventtype) ?? []), ...t.tags]);
    for (const def of s.eventtypes) {
      const expr = parseSearchText(def.search, `${s.addon} eventtype ${def.name}`);
      searchFields(expr, reads);
      defs.set(def.name, { def, expr, deps: referenced(expr, new Set()) });
    }
  }
  // the eventtypes another one names come first
  const ordered: CompiledEventtype[] = [];
  const done = new Set<string>();
  const visit = (name: string, stack: Set<string>): void => {
    const d = defs.get(name);
    if (!d || done.has(name) || stack.has(name)) return;
    stack.add(name);
    for (const dep of d.deps) visit(dep, stack);
    stack.delete(name);
    done.add(name);
    const more = moreTags.get(name);
    ordered.push({ name, test: compileSearch(d.expr, ctx), tags: more ? [...new Set([...d.def.tags, ...more])] : d.def.tags });
  };
  for (const name of defs.keys()) visit(name, new Set());
  const fieldTags = sets.flatMap((s) => s.fieldTags).map((t) => {
    reads.add(t.field);
    const test = compileSearch(parseSearchText(`${quoteField(t.field)}=${quoteValue(t.value)}`, `${t.field}=${t.value}`), ctx);
    return { field: t.field, test, tags: t.tags };
  });
  reads.delete('eventtype');

  const process: RowProcessor = (row: Row) => {
    row.delete('eventtype');
    const matched: string[] = [];
    const etTags = new Set<string>();
    for (const et of ordered) {
      if (et.test(row)) {
        matched.push(et.name);
        for (const t of et.tags) etTags.add(t);
        // later eventtypes that name this one see it
        row.set('eventtype', matched.length === 1 ? matched[0] : [...matched]);
      }
    }
    const all = new Set(etTags);
    const byField = new Map<string, Set<string>>();
    for (const ft of fieldTags) {
      if (!ft.test(row)) continue;
      let s = byField.get(ft.field);
      if (!s) byField.set(ft.field, (s = new Set()));
      for (const t of ft.tags) {
        s.add(t);
        all.add(t);
      }
    }
    setList(row, 'eventtype', matched);
    setList(row, 'tag', [...all]);
    setList(row, 'tag::eventtype', [...etTags]);
    for (const [field, tags] of byField) setList(row, `tag::${field}`, [...tags]);
  };
  const out = { process, reads };
  if (cache.size > 50) cache.clear();
  cache.set(key, out);
  return out;
}

function setList(row: Row, name: string, values: string[]): void {
  if (values.length === 0) row.delete(name);
  else {
    values.sort();
    row.set(name, values.length === 1 ? values[0] : values);
  }
}

const quoteField = (f: string): string => (/^[\w.:]+$/.test(f) ? f : `"${f.replace(/["\\]/g, '\\$&')}"`);
const quoteValue = (v: string): string => `"${v.replace(/["\\]/g, '\\$&')}"`;
