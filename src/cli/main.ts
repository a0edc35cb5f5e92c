#!/usr/bin/env node
/**
 * splinter's command line: one verb per stage (expand, parse, validate) and
 * `run`. Exit codes: 0 success, 1 runtime error, 2 usage error, 3 search
 * error (lex, parse, expand or plan).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compile, run, type Compiled } from '../api.js';
import { printPipeline } from '../ast/print.js';
import { SplError, lineCol, type Diagnostic, type SourceText } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import type { EventInput, FileSummary, SourceStats } from '../engine/source.js';
import { expandInputs } from '../io/inputs.js';
import { listMacroCalls, loadMacroTable, type MacroTable } from '../macros/index.js';
import { LookupRegistry, lookupsBesideMacros } from '../lookups/registry.js';
import { StageReport } from './stages.js';
import type { KnowledgeSet } from '../io/profiles/eventtype-types.js';
import { loadKnowledge } from '../searchtime/knowledge-files.js';
import { parse } from '../parser/index.js';
import { isValidTimeZone, localTimeZone, parseNow, parseTimeModifier } from '../time/index.js';
import { makeWriter, type Format } from './output.js';
import { displayFormatter } from '../engine/commands/fieldformat.js';

const EXIT = { ok: 0, runtime: 1, usage: 2, search: 3 } as const;

class UsageError extends Error {}

function stderr(s: string): void {
  process.stderr.write(s.endsWith('\n') ? s : s + '\n');
}

function report(diags: readonly Diagnostic[], search?: SourceText): void {
  for (const d of diags) stderr(renderDiagnostic(d, search));
}

interface SearchOptions {
  file?: string;
  detection?: string;
  macros?: string[];
  macro?: string[];
  now?: string;
  tz?: string;
  lookups?: string[];
  outputlookupDir?: string;
}

/** The search text and a name for it: an argument, -f file, or --detection yml. */
function searchText(arg: string | undefined, o: SearchOptions): { text: string; name: string } {
  const given = [arg !== undefined, !!o.file, !!o.detection].filter(Boolean).length;
  if (given === 0) throw new UsageError('no search given: pass it as an argument, with -f <file.spl>, or with --detection <detection.yml>');
  if (given > 1) throw new UsageError('give the search only one way: an argument, -f, or --detection');
  if (arg !== undefined) return { text: arg, name: 'search' };
  if (o.file) return { text: readText(o.file).replace(/\s+$/, ''), name: o.file };
  return detectionSearch(o.detection!);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

function detectionSearch(path: string): { text: string; name: string; title?: string } {
  let doc: unknown;
  try {
    doc = parseYaml(readText(path));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const d = doc as { search?: unknown; name?: unknown } | null;
  if (!d || typeof d.search !== 'string') throw new UsageError(`${path} has no 'search:' text`);
  return { text: d.search.trim(), name: path, ...(typeof d.name === 'string' ? { title: d.name } : {}) };
}

function macroTable(o: SearchOptions): MacroTable {
  return loadMacroTable({ paths: o.macros ?? [], inline: o.macro ?? [] });
}

/**
 * Lookup definitions: --lookups folders and files, and the lookups/ folder
 * beside each macros/ folder given with -m (security_content's layout).
 */
function lookupRegistry(o: SearchOptions): LookupRegistry {
  const paths = [...lookupsBesideMacros(o.macros ?? []), ...(o.lookups ?? [])];
  for (const p of o.lookups ?? []) {
    try {
      statSync(p);
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or folder`);
    }
  }
  const reg = LookupRegistry.load(paths, o.outputlookupDir ? { outputDir: o.outputlookupDir } : {});
  for (const p of reg.problems) stderr(`warning: lookups: ${p}`);
  return reg;
}

function timeContext(o: SearchOptions): { now: number; tz: string } {
  const tz = o.tz ?? localTimeZone();
  if (!isValidTimeZone(tz)) throw new UsageError(`unknown time zone '${tz}' (use an IANA name such as UTC or Europe/Paris)`);
  let now = Date.now() / 1000;
  if (o.now !== undefined) {
    const n = parseNow(o.now, tz);
    if (n === undefined) throw new UsageError(`--now must be an ISO 8601 time or an epoch number, not '${o.now}'`);
    now = n;
  }
  return { now, tz };
}

function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

interface EventSpec {
  path: string;
  sourcetype?: string;
  source?: string;
  host?: string;
}

/** `path`, or `path:sourcetype=X` (also `:source=Y`, `:host=Z`, in any order) */
function eventArgs(values: string[]): EventSpec[] {
  return values.map((v) => {
    const parts = v.split(/:(?=(?:sourcetype|source|host)=)/);
    const spec: EventSpec = { path: parts[0] };
    for (const part of parts.slice(1)) {
      const eq = part.indexOf('=');
      const key = part.slice(0, eq) as 'sourcetype' | 'source' | 'host';
      const value = part.slice(eq + 1);
      if (value.length === 0) throw new UsageError(`-e ${v}: ${key}= needs a value`);
      spec[key] = value;
    }
    return spec;
  });
}

/**
 * An inputs file: one input per line, `<path|folder|glob> [sourcetype=X]
 * [source=Y] [host=Z]`; values with spaces in double quotes; blank lines and
 * lines starting with `#` are skipped. Relative paths are relative to the
 * inputs file's folder.
 */
function inputsFile(file: string): EventSpec[] {
  const text = readText(file);
  const out: EventSpec[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t.length === 0 || t.startsWith('#')) return;
    const tokens = [...t.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ''));
    const [first, ...rest] = tokens;
    const spec: EventSpec = { path: first === '-' || isAbsolute(first) ? first : join(dirname(file), first) };
    for (const tok of rest) {
      const m = /^(sourcetype|source|host)=(.+)$/.exec(tok);
      if (!m) throw new UsageError(`${file}:${i + 1}: '${tok}' is not sourcetype=, source= or host= (an inputs line is: <path> [sourcetype=X] [source=Y] [host=Z])`);
      spec[m[1] as 'sourcetype' | 'source' | 'host'] = m[2];
    }
    out.push(spec);
  });
  return out;
}

function addSearchOptions(cmd: Command): Command {
  return cmd
    .option('-f, --file <spl>', 'read the search from a file')
    .option('--detection <yml>', "run the 'search:' of a security_content detection YAML")
    .option('-m, --macros <paths...>', 'macros.conf files, security_content macro YAML files, or folders of them (later override earlier)')
    .option('--macro <name=definition>', "define or override a macro, e.g. 'sysmon=index=main' or 'ctime(1)=convert ctime($field$)' (repeatable)", collectList)
    .option('--now <time>', 'the search time, ISO 8601 or epoch seconds (default: the clock)')
    .option('--tz <zone>', 'IANA time zone for times shown and parsed (default: this machine\'s zone)')
    .option('--lookups <paths...>', 'lookup definitions: folders of security_content lookup YAML + CSV, transforms.conf files, CSV files (default: the lookups/ folder beside a -m macros/ folder)')
    .option('--outputlookup-dir <folder>', 'the folder outputlookup writes its files to (default: outputlookup writes nothing)');
}

function failCompile(c: Compiled): number {
  report(c.diagnostics, c.search);
  return EXIT.search;
}

// ------------------------------------------------------------------ run
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
  const inputs: EventInput[] = [];
  for (const spec of [...eventArgs(o.events ?? []), ...(o.inputs ? inputsFile(o.inputs) : [])]) {
    const files = await expandInputs([spec.path]);
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
  const problems: string[] = [];
  let strictFailure: string | undefined;
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
      onProblem: (p) => {
        const line = `${p.file}:${p.line}: ${p.reason}`;
        if (o.strict && !strictFailure) strictFailure = line;
        if (problems.length < 20) stderr(`warning: skipped ${line}`);
        problems.push(line);
      },
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
    for await (const batch of rows) {
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
    if (f.noTime > 0) {
      stderr(`notice: ${f.path}: ${f.noTime} event${f.noTime === 1 ? ' has' : 's have'} no timestamp Splunk would recognise; given the file's modification time ${new Date(f.mtime * 1000).toISOString()}`);
    }
    if (o.verbose || f.problems > 0) stderr(fileSummary(f));
  }
  if (o.verbose || problems.length > 0) {
    stderr(`splinter: ${stats.events} events read from ${stats.files} file${stats.files === 1 ? '' : 's'}, ${problems.length} skipped, ${results} result${results === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(2)}s`);
  }
  if (strictFailure) {
    stderr(`error: --strict: an input line could not be read: ${strictFailure}`);
    return EXIT.runtime;
  }
  return EXIT.ok;
}

/** --knowledge: the user's apps' eventtypes and tags; unreadable parts are warnings. */
function knowledgeSets(paths: string[]): KnowledgeSet[] {
  const loaded = loadKnowledge(paths);
  for (const p of loaded.problems) stderr(`warning: knowledge: ${p}`);
  return loaded.sets;
}

/** --stages [n]: the rows shown per stage (default 3). */
function stageRows(v: string | boolean): number {
  if (v === true) return 3;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--stages takes a number of rows to show per stage, not '${String(v)}'`);
  return n;
}

/** `splinter: <file>: <format> → sourcetype X (n), ...; N events, K skipped[, C comment lines][, gzip]` */
function fileSummary(f: FileSummary): string {
  const sts = [...f.sourcetypes].map(([st, n]) => `${st} (${n})`).join(', ');
  const extra = [f.comments > 0 ? `${f.comments} comment line${f.comments === 1 ? '' : 's'} ignored` : '', f.gzip ? 'gzip' : ''].filter(Boolean);
  return `splinter: ${f.path}: read as ${f.format ?? 'nothing (empty)'}${sts ? `, sourcetype ${sts}` : ''}; ${f.events} event${f.events === 1 ? '' : 's'}, ${f.problems} skipped${extra.length ? ', ' + extra.join(', ') : ''}`;
}

// ------------------------------------------------------------------ parse / expand
function parseCommand(arg: string | undefined, o: SearchOptions & { raw?: boolean; format?: string }): number {
  const { text, name } = searchText(arg, o);
  let ast;
  if (o.raw) {
    const parsed = parse(text);
    if (!parsed.ast) {
      report(parsed.diagnostics, { name, text });
      return EXIT.search;
    }
    ast = parsed.ast;
  } else {
    const compiled = compile(text, { macros: macroTable(o), ...timeContext(o), name, until: 'parse' });
    if (!compiled.ast) return failCompile(compiled);
    ast = compiled.ast;
  }
  if (o.format === 'spl') process.stdout.write(printPipeline(ast) + '\n');
  else if (o.format === 'tree') process.stdout.write(tree(ast, 0) + '\n');
  else process.stdout.write(JSON.stringify(ast, null, 2) + '\n');
  return EXIT.ok;
}

/** An indented view of the AST: node types and their scalar properties. */
function tree(node: unknown, depth: number, label = ''): string {
  const pad = '  '.repeat(depth);
  if (Array.isArray(node)) return node.map((n, i) => tree(n, depth, `${label}[${i}]`)).join('\n');
  if (node === null || typeof node !== 'object') return `${pad}${label}${label ? ': ' : ''}${JSON.stringify(node)}`;
  const o = node as Record<string, unknown>;
  const scalars = Object.entries(o).filter(([k, v]) => k !== 'span' && k !== 'type' && (v === null || typeof v !== 'object'));
  const head = `${pad}${label ? label + ': ' : ''}${(o.type as string) ?? ''}${scalars.length ? ' ' + scalars.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') : ''}`;
  const kids = Object.entries(o).filter(([k, v]) => k !== 'span' && v !== null && typeof v === 'object' && !(Array.isArray(v) && v.length === 0));
  return [head, ...kids.map(([k, v]) => tree(v, depth + 1, k))].join('\n');
}

function expandCommand(arg: string | undefined, o: SearchOptions & { trace?: boolean }): number {
  const { text, name } = searchText(arg, o);
  const compiled = compile(text, { macros: macroTable(o), ...timeContext(o), name, until: 'expand' });
  for (const n of compiled.notices) stderr(renderDiagnostic({ ...n, severity: n.severity ?? 'notice' }, compiled.search));
  if (!compiled.expansion) return failCompile(compiled);
  if (o.trace) {
    for (const c of compiled.expansion.calls) {
      const at = lineCol(c.source.text, c.span.start);
      stderr(`${'  '.repeat(c.depth)}\`${c.source.text.slice(c.span.start, c.span.end).replace(/^`|`$/g, '')}\` (${c.source.name}:${at.line}:${at.column}) → ${c.generated ? '(generated) ' : ''}${compiled.expansion.text.slice(c.output.start, c.output.end)}`);
    }
  }
  process.stdout.write(compiled.expansion.text + '\n');
  return EXIT.ok;
}

// ------------------------------------------------------------------ validate
function specFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or folder`);
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) walk(join(p, e));
    } else if (/\.(ya?ml|spl)$/i.test(p)) out.push(p);
  };
  paths.forEach(walk);
  return out;
}

function validateCommand(paths: string[], o: SearchOptions & { format?: string; exclude?: string[] }): number {
  const table = macroTable(o);
  const tctx = timeContext(o);
  const lookups = lookupRegistry(o);
  const excluded = (o.exclude ?? []).map((e) => resolve(e));
  const results: { file: string; name: string; ok: boolean; stage: string; message: string; line: number | null; column: number | null }[] = [];
  for (const file of specFiles(paths)) {
    if (excluded.some((e) => resolve(file).startsWith(e))) continue;
    let text: string;
    let name = file;
    try {
      if (/\.spl$/i.test(file)) text = readText(file).trim();
      else {
        const d = detectionSearch(file);
        text = d.text;
        name = d.title ?? file;
      }
    } catch (e) {
      results.push({ file, name, ok: false, stage: 'input', message: (e as Error).message, line: null, column: null });
      continue;
    }
    const c = compile(text, { macros: table, ...tctx, name: file, lookups });
    const d = c.diagnostics[0];
    const where = d?.span ? lineCol((d.source ?? c.search).text, d.span.start) : undefined;
    results.push({ file, name, ok: c.stage === 'ok', stage: c.stage, message: d?.message ?? '', line: where?.line ?? null, column: where?.column ?? null });
  }
  if (o.format === 'json') process.stdout.write(JSON.stringify({ results }, null, 2) + '\n');
  else {
    for (const r of results) if (!r.ok) process.stdout.write(`${r.file}:${r.line ?? 0}:${r.column ?? 0}: ${r.stage}: ${r.message}\n`);
    const byStage = new Map<string, number>();
    for (const r of results) byStage.set(r.stage, (byStage.get(r.stage) ?? 0) + 1);
    process.stdout.write(`${results.length} searches: ${[...byStage].map(([s, n]) => `${n} ${s}`).join(', ')}\n`);
  }
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.search;
}

// ------------------------------------------------------------------ program
function formatOption(choices: string[], description: string): Option {
  return new Option('-o, --format <format>', description).choices(choices);
}

export function program(setExit: (code: number) => void): Command {
  const prog = new Command('splinter')
    .description('Run Splunk SPL searches offline over local event files (XmlWinEventLog, JSON, CSV).')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();

  const wrap =
    <A extends unknown[]>(fn: (...a: A) => number | Promise<number>) =>
    async (...a: A) => {
      setExit(await fn(...a));
    };

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

  addSearchOptions(
    prog
      .command('parse')
      .argument('[search]', 'the search')
      .description('parse a search (after macro expansion) and print its syntax tree')
      .option('--raw', 'parse the search as written, with macro calls as nodes, without expanding them')
      .addOption(formatOption(['json', 'tree', 'spl'], 'json (default): the AST; tree: an indented outline; spl: the AST printed back as SPL').default('json')),
  ).action(wrap(parseCommand));

  addSearchOptions(
    prog
      .command('expand')
      .argument('[search]', 'the search')
      .description('print the search with every macro expanded')
      .option('--trace', 'also list every macro call and what it became, on stderr'),
  ).action(wrap(expandCommand));

  addSearchOptions(
    prog
      .command('validate')
      .argument('<paths...>', 'detection YAML files, .spl files, or folders of them')
      .description('check that searches lex, parse, expand and plan; report the first failing stage of each')
      .option('--exclude <paths...>', 'skip files under these paths (e.g. a deprecated/ folder)')
      .addOption(formatOption(['text', 'json'], 'text (default) or json: {"results":[{file,name,ok,stage,message,line,column}]}').default('text')),
  ).action(wrap(validateCommand));

  prog.addHelpText(
    'after',
    `
Examples:
  splinter run --detection detection.yml -m security_content/macros -e sysmon.log --tz UTC
  splinter run '\`sysmon\` EventCode=1 | stats count by Image' -m macros/ -e logs/ --format csv
  splinter run -f search.spl -e events.xml --macro 'sysmon=source=XmlWinEventLog:*'
  splinter run --detection detection.yml -m security_content/macros -e sysmon.log --stages 2
  splinter expand --detection detection.yml -m security_content/macros --trace
  splinter validate security_content/detections -m security_content/macros --exclude security_content/detections/deprecated

Exit codes: 0 success, 1 runtime error, 2 usage error, 3 search error (lex, parse, expand, plan).`,
  );
  return prog;
}

async function main(): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  let code: number = EXIT.ok;
  const prog = program((c) => (code = c));
  try {
    await prog.parseAsync(process.argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      code = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (e instanceof UsageError || e instanceof InvalidArgumentError) {
      stderr(`error: ${(e as Error).message}\n(see splinter --help)`);
      code = EXIT.usage;
    } else if (e instanceof SplError) {
      report(e.diagnostics);
      const stage = e.first.stage;
      code = stage === 'input' || stage === 'runtime' ? EXIT.runtime : stage === 'usage' ? EXIT.usage : EXIT.search;
    } else {
      stderr(`internal error: ${(e as Error).stack ?? String(e)}\nThis is a bug in splinter; please report it with the search that caused it.`);
      code = EXIT.runtime;
    }
  }
  process.exitCode = code;
}

void main();
