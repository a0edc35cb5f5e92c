/**
 * Search-time field processing in Splunk's order (props.conf.spec, "search
 * time operations"): REPORT extractions (done with the raw extraction, in
 * src/io/extract.ts) → FIELDALIAS → EVAL (all EVAL-
 * settings of a stanza run "in parallel": each sees the row as it was before
 * any of them) → LOOKUP. The knowledge itself is data (src/io/profiles/); this
 * is the one mechanism that runs it. EVAL expressions are compiled once, with
 * the same eval compiler the eval command uses.
 */
import { fieldsOf, tryCompile } from '../eval/compile.js';
import { makeEnv, storeValue } from '../eval/env.js';
import type { InlineLookup, SearchTimeProfile } from '../io/profiles/types.js';
import { parse } from '../parser/index.js';
import type { Compiled } from '../functions/eval/types.js';
import type { EvalValue, Row, Value } from '../values/value.js';
import { toStr } from '../values/coerce.js';

export type RowProcessor = (row: Row) => void;

export function compileEvalText(expr: string, where: string): { compiled: Compiled; reads: string[] } {
  const hit = evalTexts.get(expr);
  if (hit) return hit;
  const parsed = parse(`| eval x=${expr}`);
  const cmd = parsed.ast?.commands[0];
  if (!cmd || cmd.type !== 'eval') throw new Error(`${where}: cannot parse ${expr}: ${parsed.diagnostics[0]?.message}`);
  const { compiled, diagnostic } = tryCompile(cmd.assignments[0].expr);
  if (!compiled) throw new Error(`${where}: ${diagnostic?.message}`);
  const out = { compiled, reads: fieldsOf(cmd.assignments[0].expr) };
  evalTexts.set(expr, out);
  return out;
}

/**
 * The add-ons' EVAL texts, parsed and compiled once per process: every run
 * compiles the profiles of each (source, sourcetype) it meets, and parsing
 * them again was most of the work of running many searches (a compiled
 * expression holds no state of its own: the row and time come in its env).
 */
const evalTexts = new Map<string, { compiled: Compiled; reads: string[] }>();

function lookupProcessor(l: InlineLookup): RowProcessor {
  const index = new Map<string, readonly string[]>();
  const matchCols = l.match.map((m) => l.columns.indexOf(m.column));
  for (const r of l.rows) index.set(matchCols.map((i) => r[i].toLowerCase()).join('\u0000'), r);
  const outs = l.outputs.map((o) => ({ col: l.columns.indexOf(o.column), field: o.field }));
  return (row) => {
    let key = '';
    for (let i = 0; i < l.match.length; i++) {
      const v = row.get(l.match[i].field);
      if (v === undefined) return;
      const part = toStr(Array.isArray(v) ? v[0] : (v as string)).toLowerCase();
      key = i === 0 ? part : key + '\u0000' + part;
    }
    const hit = index.get(key);
    for (const o of outs) {
      if (l.mode === 'OUTPUTNEW' && row.has(o.field)) continue;
      const v = hit ? hit[o.col] : l.defaultMatch;
      if (v !== undefined && v !== '') row.set(o.field, v);
    }
  };
}

export interface CompiledProfiles {
  /** applies the settings to a row that holds the raw extractions */
  readonly process: RowProcessor;
  /** every field the settings may set or remove: a predicate on other fields can run before them */
  readonly targets: ReadonlySet<string>;
}

/**
 * Compiles the profiles that apply to one (source, sourcetype). With
 * `needed`, only the settings that produce those fields (and the aliases
 * they read) run: the plan knows which fields the search can use.
 */
export function compileProfiles(profiles: readonly SearchTimeProfile[], ctx: { now: number; tz: string }, needed?: ReadonlySet<string>): CompiledProfiles {
  // later settings of the same name (source stanza) override earlier ones (sourcetype stanza)
  const aliases = new Map<string, { from: string; to: string }>();
  const evals = new Map<string, { field: string; compiled: Compiled; reads: string[] }>();
  const lookups = new Map<string, { run: RowProcessor; reads: string[]; outputs: string[] }>();
  for (const p of profiles) {
    for (const e of p.entries) {
      if (e.kind === 'alias') aliases.set(`${e.setting}:${e.from}:${e.to}`, { from: e.from, to: e.to });
      else evals.set(e.setting, { field: e.field, ...compileEvalText(e.expr, `${p.addon} ${e.setting}`) });
    }
    for (const l of p.lookups) lookups.set(l.setting, { run: lookupProcessor(l), reads: l.match.map((m) => m.field), outputs: l.outputs.map((o) => o.field) });
  }
  const targets = new Set<string>([...[...aliases.values()].map((a) => a.to), ...[...evals.values()].map((e) => e.field), ...[...lookups.values()].flatMap((l) => l.outputs)]);
  let aliasList = [...aliases.values()];
  let evalList = [...evals.values()];
  let lookupList = [...lookups.values()];
  if (needed) {
    // the settings whose results the search can see, and what they read in turn
    const want = new Set(needed);
    let size = -1;
    while (want.size !== size) {
      size = want.size;
      for (const l of lookupList) if (l.outputs.some((o) => want.has(o))) l.reads.forEach((r) => want.add(r));
      for (const e of evalList) if (want.has(e.field)) e.reads.forEach((r) => want.add(r));
    }
    lookupList = lookupList.filter((l) => l.outputs.some((o) => want.has(o)));
    evalList = evalList.filter((e) => want.has(e.field));
    aliasList = aliasList.filter((a) => want.has(a.to));
  }
  const env = makeEnv(ctx);
  const results: EvalValue[] = new Array(evalList.length);
  const runs = lookupList.map((l) => l.run);
  const process: RowProcessor = (row) => {
    for (const a of aliasList) {
      const v = row.get(a.from);
      // FIELDALIAS: a missing source removes the alias field
      if (v === undefined) row.delete(a.to);
      else row.set(a.to, v as Value);
    }
    env.row = row;
    for (let i = 0; i < evalList.length; i++) results[i] = evalList[i].compiled(env);
    for (let i = 0; i < evalList.length; i++) storeValue(row, evalList[i].field, results[i]);
    for (const l of runs) l(row);
  };
  return { process, targets };
}
