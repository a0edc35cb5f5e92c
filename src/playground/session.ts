/**
 * The playground's one step, without the page: a search, pasted events and
 * macros in; the expansion, the explain page, what each stage did, the
 * results and the rendered diagnostics out. It calls the library API as the
 * CLI does (compile, run with the `observe` hook, the same JSON writer and
 * diagnostics renderer), so the browser shows what `splinter run` would.
 * Nothing here reads a file: the events are an input held in memory.
 */
import { compile, run, type Stage } from '../api.js';
import { SplError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import { displayFormatter } from '../engine/commands/fieldformat.js';
import { explain } from '../explain/explain.js';
import { BUILTIN_MACROS, loadMacroText, MacroTable } from '../macros/index.js';
import type { ReadProblem } from '../io/types.js';
import { makeWriter } from '../cli/output.js';
import { StageReport } from '../cli/stages.js';

export interface PlaygroundInput {
  readonly search: string;
  /** the events, as the text of one file */
  readonly events: string;
  /** the events' file name: the `source` field, and only that */
  readonly eventsName?: string;
  /** macros.conf text */
  readonly macros: string;
}

export interface PlaygroundOutput {
  /** 'ok', the stage that failed, 'macros' when the macros text could not be loaded, 'run' when running failed */
  readonly stage: Stage | 'macros' | 'run';
  /** errors, rendered as the CLI renders them (caret under the span, hint) */
  readonly errors: string[];
  /** warnings and notices (unreadable lines, undefined filter macros...) */
  readonly notices: string[];
  readonly expanded?: string;
  readonly explain?: string;
  /** `run --stages` for the search */
  readonly stages?: string;
  /** the results as `splinter run -o json` writes them */
  readonly results?: Record<string, unknown>[];
  readonly eventsRead?: number;
}

export const EVENTS_NAME = 'events.log';
/** rows shown per stage */
const STAGE_ROWS = 3;

export async function runPlayground(input: PlaygroundInput, opts: { now: number; tz: string }): Promise<PlaygroundOutput> {
  const macros = new MacroTable(BUILTIN_MACROS);
  try {
    if (input.macros.trim() !== '') loadMacroText(input.macros, 'macros.conf', macros);
  } catch (e) {
    if (e instanceof SplError) return { stage: 'macros', errors: e.diagnostics.map((d) => renderDiagnostic(d)), notices: [] };
    throw e;
  }
  const compiled = compile(input.search, { macros, now: opts.now, tz: opts.tz });
  const render = (d: Diagnostic) => renderDiagnostic(d, compiled.search);
  const notices = compiled.notices.map(render);
  const expanded = compiled.expansion?.text;
  if (!compiled.plan) {
    return { stage: compiled.stage, errors: compiled.diagnostics.map(render), notices, ...(expanded !== undefined ? { expanded } : {}) };
  }
  const page = explain(compiled);
  const stages = new StageReport(compiled.plan, expanded ?? input.search, STAGE_ROWS, { now: opts.now, tz: opts.tz, ...(compiled.ast ? { ast: compiled.ast } : {}) });
  let json = '';
  const display = displayFormatter(compiled.plan, opts);
  const writer = makeWriter('json', { tz: opts.tz, write: (s) => (json += s), ...(display ? { display } : {}) });
  const stats = { files: 0, events: 0, problems: 0 };
  const name = input.eventsName ?? EVENTS_NAME;
  const problem = (p: ReadProblem) => notices.push(render({ stage: 'input', severity: 'warning', message: p.line > 0 ? `${p.file}:${p.line}: ${p.reason}` : `${p.file}: ${p.reason}` }));
  try {
    const rows = run(
      compiled.plan,
      { inputs: [{ file: { path: name, mtime: opts.now, text: input.events } }], onProblem: problem, stats, observe: stages.observe },
      { ...opts, notify: (d) => notices.push(render(d)) },
    );
    for await (const batch of rows) writer.rows(batch);
  } catch (e) {
    if (e instanceof SplError) return { stage: 'run', errors: e.diagnostics.map(render), notices, ...(expanded !== undefined ? { expanded } : {}), explain: page };
    throw e;
  }
  writer.end();
  return {
    stage: 'ok',
    errors: [],
    notices,
    ...(expanded !== undefined ? { expanded } : {}),
    explain: page,
    stages: stages.render(opts.tz, stats.events),
    results: JSON.parse(json) as Record<string, unknown>[],
    eventsRead: stats.events,
  };
}

