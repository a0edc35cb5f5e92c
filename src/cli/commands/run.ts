/** `splinter run`: a search over event files, results on stdout. */
import type { Command } from 'commander';
import { compile, run } from '../../api.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import type { EventInput, SourceStats } from '../../engine/source.js';
import { displayFormatter } from '../../engine/commands/fieldformat.js';
import { expandInputs } from '../../io/inputs.js';
import type { ReadProblem } from '../../io/types.js';
import { parseTimeModifier } from '../../time/index.js';
import { makeWriter, type Format } from '../output.js';
import { StageReport } from '../stages.js';
import { EXIT, UsageError, addSearchOptions, eventArgs, failCompile, fileSummary, formatOption, inputsFile, knowledgeSets, lookupRegistry, macroTable, searchText, stderr, timeContext, type SearchOptions, type Wrap } from '../common.js';

async function runCommand(arg: string | undefined, o: SearchOptions & {
  events?: string[];
  inputs?: string;
  source?: string;
  sourcetype?: string;
  host?: string;
  earliest?: string;
  latest?: string;
  format?: Format;
  verbose?: boolean;
  strict?: boolean;
  stages?: string | boolean;
  knowledge?: string[];
}): Promise<number> {
  const { text, name } = searchText(arg, o);
  const tctx = timeContext(o);
  const table = macroTable(o);
  const compiled = compile(text, { macros: table, ...tctx, name, lookups: lookupRegistry(o) });
  for (const n of compiled.notices) stderr(renderDiagnostic({ ...n, severity: n.severity ?? 'notice' }, compiled.search));
  if (!compiled.plan) return failCompile(compiled);

  // a search that starts with a generating command (| makeresults, | inputlookup...) may run without events
  if ((!o.events || o.events.length === 0) && !o.inputs && compiled.plan.readsEvents) throw new UsageError('no events given: use -e <file|folder|glob|-> (repeatable) or --inputs <file>');
  const problems: string[] = [];
  let strictFailure: string | undefined;
  // an unreadable line, or a file or folder inside an input folder that cannot be read: reported, skipped; fatal under --strict
  const onProblem = (p: ReadProblem): void => {
    const line = p.line > 0 ? `${p.file}:${p.line}: ${p.reason}` : `${p.file}: ${p.reason}`;
    if (o.strict && !strictFailure) strictFailure = line;
    if (problems.length < 20) stderr(`warning: skipped ${line}`);
    problems.push(line);
  };
  const inputs: EventInput[] = [];
  for (const spec of [...eventArgs(o.events ?? []), ...(o.inputs ? inputsFile(o.inputs) : [])]) {
    const files = await expandInputs([spec.path], onProblem);
    for (const file of files) {
      const sourcetype = spec.sourcetype ?? o.sourcetype;
      const source = spec.source ?? o.source;
      const host = spec.host ?? o.host;
      inputs.push({ file: sourcetype ? { ...file, sourcetype } : file, ...(source ? { source } : {}), ...(sourcetype ? { sourcetype } : {}), ...(host ? { host } : {}) });
    }
  }
  const bound = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const t = parseTimeModifier(v, tctx.now, tctx.tz);
    if (t === undefined) throw new UsageError(`${flag} '${v}' is not a time modifier (examples: -24h, -7d@d, @d, now, 0, 11/15/2024:20:00:00)`);
    return t;
  };
  const earliest = bound('--earliest', o.earliest);
  const latest = bound('--latest', o.latest);
  const format: Format = o.format ?? (process.stdout.isTTY ? 'table' : 'json');
  const display = displayFormatter(compiled.plan, tctx);
  const writer = makeWriter(format, { tz: tctx.tz, write: (s) => process.stdout.write(s), ...(display ? { display } : {}) });
  const stats: SourceStats = { files: 0, events: 0, problems: 0, perFile: [] };
  const started = Date.now();
  let results = 0;
  const knowledge = o.knowledge?.length ? knowledgeSets(o.knowledge) : undefined;
  const stages = o.stages === undefined ? undefined : new StageReport(compiled.plan, compiled.expansion?.text ?? text, stageRows(o.stages));
  const rows = run(
    compiled.plan,
    {
      inputs,
      ...(earliest !== undefined ? { earliest } : {}),
      ...(latest !== undefined ? { latest } : {}),
      onProblem,
      stats,
      ...(stages ? { observe: stages.observe } : {}),
    },
    { ...tctx, notify: (d) => stderr(renderDiagnostic(d, compiled.search)), ...(knowledge ? { knowledge } : {}) },
  );
  // progress on a terminal, for long runs: events read so far, rewritten in place
  const progress = process.stderr.isTTY
    ? setInterval(() => process.stderr.write(`\rsplinter: ${stats.events} events read from ${stats.files} file${stats.files === 1 ? '' : 's'}, ${((Date.now() - started) / 1000).toFixed(0)}s `), 1000)
    : undefined;
  try {
    for await (const batch of strictFailure ? empty() : rows) {
      if (strictFailure) break;
      results += batch.length;
      writer.rows(batch);
    }
  } finally {
    if (progress) {
      clearInterval(progress);
      process.stderr.write('\r\x1b[K');
    }
  }
  writer.end();
  if (stages) stderr(stages.render(tctx.tz, stats.events));
  if (problems.length > 20) stderr(`warning: ${problems.length - 20} more unreadable lines or records not shown`);
  for (const f of stats.perFile ?? []) {
    if (f.badTime) {
      stderr(`warning: ${f.path}: ${f.badTime} event${f.badTime === 1 ? ' has' : 's have'} an impossible timestamp (first: ${f.badTimeExample}); given the file's modification time ${new Date(f.mtime * 1000).toISOString()}`);
    }
    if (f.noTime > 0) {
      stderr(`notice: ${f.path}: ${f.noTime} event${f.noTime === 1 ? ' has' : 's have'} no timestamp Splunk would recognise; given the file's modification time ${new Date(f.mtime * 1000).toISOString()}`);
    }
    if (o.verbose || f.problems > 0) stderr(fileSummary(f));
  }
  if (o.verbose || problems.length > 0) {
    stderr(`splinter: ${stats.events} events read from ${stats.files} file${stats.files === 1 ? '' : 's'}, ${problems.length} skipped, ${results} result${results === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(2)}s`);
  }
  if (strictFailure) {
    stderr(`error: --strict: an input could not be read: ${strictFailure}`);
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
    prog
      .command('run')
      .argument('[search]', 'the search, as you would type it in Splunk')
      .description('run a search over event files and print the results')
      .option('-e, --events <paths...>', 'event files (gzip too), folders (read recursively), globs, or - for stdin; path:sourcetype=X (also :source=Y, :host=Z) sets them for one input')
      .option('--inputs <file>', 'read inputs from a file: one per line, <path> [sourcetype=X] [source=Y] [host=Z]')
      .option('--source <source>', 'the source of every event (default: XmlWinEventLog:<Channel> for XML, else the file path)')
      .option('--sourcetype <sourcetype>', 'the sourcetype of every event (default: detected from the content)')
      .option('--host <host>', 'the host of every event (default: <Computer> for XML, else this machine)')
      .option('--earliest <time>', 'only events at or after this time (a Splunk time modifier: -24h, -7d@d, 0, ...)')
      .option('--latest <time>', 'only events before this time')
      .addOption(formatOption(['table', 'json', 'jsonl', 'csv'], 'output format (default: table on a terminal, json otherwise)'))
      .option('--strict', 'fail when an input line cannot be read, instead of skipping it')
      .option('-v, --verbose', 'print per-file lines (how each file was read, detected sourcetypes, events, skipped) and a summary line on stderr')
      .option('--knowledge <paths...>', "your Splunk apps' eventtypes.conf and tags.conf (files, app folders, or folders of apps): their eventtypes and tags apply with the built-in add-ons', so their events can fill CIM data models")
      .option('--stages [rows]', 'after the results, show on stderr what each stage of the search did: the command as it ran (macros expanded), the rows it handed on, and its first rows (default 3)'),
  ).action(wrap(runCommand));
}
