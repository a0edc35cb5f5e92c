/** `splinter run`: a search over event files, results on stdout. */
import type { Command } from 'commander';
import { run } from '../../api.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { displayFormatter } from '../../engine/commands/fieldformat.js';
import { makeWriter, type Format } from '../output.js';
import { StageReport } from '../stages.js';
import { EXIT, KNOWLEDGE_HELP, ReadReport, UsageError, addEventOptions, addSearchOptions, compileSearch, failCompile, formatOption, lookupRegistry, macroTable, runSetup, searchText, stderr, timeContext, type EventOptions, type SearchOptions, type Wrap } from '../common.js';

async function runCommand(arg: string | undefined, o: SearchOptions & EventOptions & {
  format?: Format;
  verbose?: boolean;
  strict?: boolean;
  stages?: string | boolean;
}): Promise<number> {
  const { text, name, at } = searchText(arg, o);
  const tctx = timeContext(o);
  const table = macroTable(o);
  const compiled = compileSearch(text, { macros: table, ...tctx, name, ...(at ? { at } : {}), lookups: lookupRegistry(o) });
  if (!compiled.plan) return failCompile(compiled);

  // an unreadable line, or a file or folder inside an input folder that cannot be read: reported, skipped; fatal under --strict
  const read = new ReadReport(o.strict);
  const setup = await runSetup(o, compiled.plan.readsEvents, tctx, read.onProblem);
  const format: Format = o.format ?? (process.stdout.isTTY ? 'table' : 'json');
  const display = displayFormatter(compiled.plan, tctx);
  const width = format === 'table' && process.stdout.isTTY ? process.stdout.columns : undefined;
  const writer = makeWriter(format, { tz: tctx.tz, write: (s) => process.stdout.write(s), ...(display ? { display } : {}), ...(width ? { width } : {}) });
  const started = Date.now();
  let results = 0;
  const stages =
    o.stages === undefined
      ? undefined
      : new StageReport(compiled.plan, compiled.expansion?.text ?? text, stageRows(o.stages), { ...tctx, ...(compiled.ast ? { ast: compiled.ast } : {}), ...(process.stderr.isTTY ? { width: process.stderr.columns } : {}) });
  const rows = run(
    compiled.plan,
    {
      inputs: setup.inputs,
      ...(setup.earliest !== undefined ? { earliest: setup.earliest } : {}),
      ...(setup.latest !== undefined ? { latest: setup.latest } : {}),
      onProblem: read.onProblem,
      stats: read.stats,
      ...(stages ? { observe: stages.observe } : {}),
    },
    { ...tctx, notify: (d) => stderr(renderDiagnostic(d, compiled.search)), ...(setup.knowledge ? { knowledge: setup.knowledge } : {}) },
  );
  const stopProgress = read.progress(started, setup.inputs);
  try {
    for await (const batch of read.strictFailure ? empty() : rows) {
      if (read.strictFailure) break;
      results += batch.length;
      writer.rows(batch);
    }
  } finally {
    stopProgress();
  }
  writer.end();
  if (stages) stderr(stages.render(tctx.tz, read.stats.events));
  read.end(!!o.verbose);
  if (o.verbose || read.problems.length > 0) stderr(read.summary(`${results} result${results === 1 ? '' : 's'}`, started));
  if (read.strictFailure) {
    stderr(`error: --strict: an input could not be read: ${read.strictFailure}`);
    return EXIT.runtime;
  }
  return EXIT.ok;
}


async function* empty(): AsyncGenerator<never> {}

/** --stages [n]: the rows shown per stage (default 3). */
function stageRows(v: string | boolean): number {
  if (v === true) return 3;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--stages takes a number of rows to show per stage, not '${String(v)}'`);
  return n;
}

export function runVerb(prog: Command, wrap: Wrap): void {
  addSearchOptions(
    addEventOptions(
      prog
        .command('run')
        .argument('[search]', 'the search, as you would type it in Splunk')
        .description('run a search over event files and print the results'),
    )
      .addOption(formatOption(['table', 'json', 'jsonl', 'csv'], 'output format (default: table on a terminal, json otherwise)'))
      .option('--strict', 'fail when an input line cannot be read, instead of skipping it')
      .option('-v, --verbose', 'print per-file lines (how each file was read, detected sourcetypes, events, skipped) and a summary line on stderr')
      .option('--knowledge <paths...>', KNOWLEDGE_HELP)
      .option('--stages [rows]', 'after the results, show on stderr what each stage of the search did: the command as it ran (macros expanded), the rows it handed on, and its first rows (default 3)'),
  ).action(wrap(runCommand));
}
