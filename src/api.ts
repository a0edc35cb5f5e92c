/**
 * The library API, one function per stage: expand → parse → plan → run.
 * Every stage returns data and Diagnostics; only the CLI renders them.
 * Diagnostics from parse and plan are mapped back through the macro
 * expansion, so an error inside a macro points into its definition and names
 * the call site.
 */
import type { Pipeline } from './ast/nodes.js';
import { SplError, type Diagnostic, type SourceText } from './diagnostics/diagnostic.js';
import { EventCache } from './engine/event-cache.js';
import { eventsSource, type EventInput, type SourceStats } from './engine/source.js';
import type { BaseContext, RowStream, RunContext } from './engine/types.js';
import type { SearchExpr } from './ast/nodes.js';
import type { ReadProblem } from './io/types.js';
import { expandMacros, type Expansion, type MacroTable } from './macros/index.js';
import { parse } from './parser/index.js';
import { planPipeline, type Plan } from './plan/plan.js';
import type { LookupRegistry } from './lookups/registry.js';
import type { Row } from './values/value.js';
import { watchFields } from './engine/fieldwatch.js';

export type Stage = 'lex' | 'parse' | 'expand' | 'plan' | 'ok';

export interface Compiled {
  readonly search: SourceText;
  readonly expansion?: Expansion;
  readonly ast?: Pipeline;
  readonly plan?: Plan;
  /** the first stage that failed, or 'ok' */
  readonly stage: Stage;
  readonly diagnostics: Diagnostic[];
  /** notices (undefined filter macros...) */
  readonly notices: Diagnostic[];
}

export interface CompileOptions {
  readonly macros: MacroTable;
  readonly now: number;
  readonly tz: string;
  /** stop after this stage */
  readonly until?: 'expand' | 'parse' | 'plan';
  /** name of the search text in messages */
  readonly name?: string;
  /** line and column in the file the search came from (a detection's YAML) */
  readonly at?: SourceText['at'];
  /** lookup definitions for lookup, inputlookup and outputlookup */
  readonly lookups?: LookupRegistry;
}

/** Maps a diagnostic on the expanded text back to where the user wrote it. */
function relocate(d: Diagnostic, exp: Expansion, search: SourceText): Diagnostic {
  if (!d.span || d.source) return d;
  const at = exp.locate(d.span);
  return { ...d, span: at.span, ...(at.source.text !== search.text || at.source.name !== search.name ? { source: at.source } : {}), related: [...(d.related ?? []), ...at.related] };
}

export function compile(text: string, opts: CompileOptions): Compiled {
  const search: SourceText = { name: opts.name ?? 'search', text, ...(opts.at ? { at: opts.at } : {}) };
  let expansion: Expansion;
  try {
    expansion = expandMacros(text, opts.macros, { source: search });
  } catch (e) {
    if (e instanceof SplError) return { search, stage: 'expand', diagnostics: [...e.diagnostics], notices: [] };
    throw e;
  }
  const notices = expansion.notices;
  if (opts.until === 'expand') return { search, expansion, stage: 'ok', diagnostics: [], notices };
  const parsed = parse(expansion.text);
  if (!parsed.ast) {
    const d = parsed.diagnostics.map((x) => relocate(x, expansion, search));
    return { search, expansion, stage: d[0]?.stage === 'lex' ? 'lex' : 'parse', diagnostics: d, notices };
  }
  if (opts.until === 'parse') return { search, expansion, ast: parsed.ast, stage: 'ok', diagnostics: [], notices };
  const warnings: Diagnostic[] = [];
  const planned = planPipeline(parsed.ast, { now: opts.now, tz: opts.tz, text: expansion.text, warnings, expand: (t) => expandMacros(t, opts.macros).text, ...(opts.lookups ? { lookups: opts.lookups } : {}) });
  notices.push(...warnings.map((w) => relocate(w, expansion, search)));
  if (!planned.plan) {
    const d = planned.diagnostics.map((x) => relocate(x, expansion, search));
    return { search, expansion, ast: parsed.ast, stage: d[0]?.stage === 'expand' ? 'expand' : 'plan', diagnostics: d, notices };
  }
  return { search, expansion, ast: parsed.ast, plan: planned.plan, stage: 'ok', diagnostics: [], notices };
}

export interface RunOptions {
  readonly inputs: readonly EventInput[];
  /** --earliest / --latest, already resolved to epoch seconds */
  readonly earliest?: number;
  readonly latest?: number;
  readonly onProblem?: (p: ReadProblem) => void;
  readonly stats?: SourceStats;
  /**
   * Sees every batch that a stage of the search hands on: stage 0 is the
   * events that reach the first command, stage i the output of
   * `plan.operators[i - 1]`. Subsearches are not observed. Rows are live:
   * copy what you keep, later stages change them.
   */
  readonly observe?: (stage: number, rows: readonly Row[]) => void;
  /**
   * Events shared between runs over the same inputs: each input is read and
   * extracted once, by the first run that reads it to its end.
   */
  readonly cache?: EventCache;
}

/** Runs a planned search: the rows it returns, in batches. */
export function run(plan: Plan, opts: RunOptions, base: BaseContext): RowStream {
  const events = (narrow: { filter?: SearchExpr; fields?: ReadonlySet<string> } = {}, counted = false): RowStream =>
    eventsSource(
      {
        inputs: opts.inputs,
        ...(narrow.filter ? { filter: narrow.filter } : {}),
        ...(narrow.fields ? { fields: narrow.fields } : {}),
        ...(opts.earliest !== undefined ? { earliest: opts.earliest } : {}),
        ...(opts.latest !== undefined ? { latest: opts.latest } : {}),
        ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
        ...(opts.cache ? { cache: opts.cache } : {}),
        // only the main search counts events and problems once
        ...(opts.stats && counted ? { stats: opts.stats } : {}),
      },
      ctx,
    );
  const cache = opts.cache;
  // shared rows are keyed on the inputs and the time range they come from
  const scope = cache ? [opts.inputs.map((i) => EventCache.key(i.file.path, i.source, i.sourcetype, i.host)).join('\u0001'), opts.earliest ?? '', opts.latest ?? ''].join('\u0002') : '';
  const sharedRows = cache
    ? async (name: string, make: () => Promise<Row[]>): Promise<readonly Row[]> => {
        const before = opts.stats?.relevant ?? 0;
        const rows = await cache.rows(`${scope}\u0003${name}`, make);
        // the relevant events of a search over shared rows are those rows, whoever built them
        if (opts.stats) opts.stats.relevant = before + rows.length;
        return rows;
      }
    : undefined;
  const ctx: RunContext = {
    ...base,
    ...(opts.earliest !== undefined ? { earliest: opts.earliest } : {}),
    ...(opts.latest !== undefined ? { latest: opts.latest } : {}),
    ...(sharedRows ? { sharedRows } : {}),
    events: (narrow) => events(narrow, !plan.readsEvents),
    runPlan: (sub) => pipe(sub, sub.readsEvents ? events({ ...(sub.filter ? { filter: sub.filter } : {}), ...(sub.fields ? { fields: sub.fields } : {}) }) : empty()),
  };
  // field names no row had, reported once per run (main search only)
  const told = new Set<string>();
  /** Runs the operators of a plan over an input; `observe` sees what each stage hands on. */
  const pipe = (p: Plan, input: RowStream, observe?: RunOptions['observe'], main = false): RowStream => {
    let stream = observe ? observed(input, 0, observe) : input;
    p.operators.forEach((op, i) => {
      const refs = main ? p.namedFields?.get(op) : undefined;
      if (refs) stream = watchFields(stream, refs, ctx, told);
      stream = op.run(stream, ctx);
      if (observe) stream = observed(stream, i + 1, observe);
    });
    return stream;
  };
  const input = plan.readsEvents ? events({ ...(plan.filter ? { filter: plan.filter } : {}), ...(plan.fields ? { fields: plan.fields } : {}) }, true) : empty();
  return pipe(plan, input, opts.observe, true);
}

async function* observed(stream: RowStream, stage: number, observe: (stage: number, rows: readonly Row[]) => void): RowStream {
  for await (const batch of stream) {
    observe(stage, batch);
    yield batch;
  }
}

async function* empty(): RowStream {}

export { EventCache };
export type { EventInput, SourceStats, Plan, Pipeline };
