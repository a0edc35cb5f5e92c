/**
 * What the CLI verbs share: exit codes, usage errors, reading the search
 * (argument, -f, --detection), the macro table, lookups, time context and
 * event inputs. Only the CLI renders diagnostics.
 */
import { Command, Option } from 'commander';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { compile, type Compiled, type CompileOptions } from '../api.js';
import { SplError, type Diagnostic, type SourceText } from '../diagnostics/diagnostic.js';
import { loadDetection } from '../testing/detection.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import type { EventInput, FileSummary, SourceStats } from '../engine/source.js';
import { problemText } from '../engine/source.js';
import { expandInputs } from '../io/inputs.js';
import type { ReadProblem } from '../io/types.js';
import { parseTimeModifier } from '../time/index.js';
import { loadMacroTable, type MacroTable } from '../macros/index.js';
import { LookupRegistry, lookupsBesideMacros } from '../lookups/registry.js';
import type { KnowledgeSet } from '../io/profiles/eventtype-types.js';
import { loadKnowledge } from '../searchtime/knowledge-files.js';
import { isValidTimeZone, localTimeZone, parseNow } from '../time/index.js';

export const EXIT = { ok: 0, runtime: 1, usage: 2, search: 3 } as const;

export class UsageError extends Error {}

export function stderr(s: string): void {
  process.stderr.write(s.endsWith('\n') ? s : s + '\n');
}

export function report(diags: readonly Diagnostic[], search?: SourceText): void {
  for (const d of diags) stderr(renderDiagnostic(d, search));
}

export interface SearchOptions {
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
export function searchText(arg: string | undefined, o: SearchOptions): { text: string; name: string; at?: SourceText['at'] } {
  const given = [arg !== undefined, !!o.file, !!o.detection].filter(Boolean).length;
  if (given === 0) throw new UsageError('no search given: pass it as an argument, with -f <file.spl>, or with --detection <detection.yml> (a one-word search after -m or -e is read as a path: put it before them, or after --)');
  if (given > 1) throw new UsageError('give the search only one way: an argument, -f, or --detection');
  if (arg !== undefined) return { text: arg, name: 'search' };
  if (o.file) return { text: readText(o.file).replace(/\s+$/, ''), name: o.file };
  return detectionSearch(o.detection!);
}

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

export function detectionSearch(path: string): { text: string; name: string; title?: string; at: SourceText['at'] } {
  let d;
  try {
    d = loadDetection(path);
  } catch (e) {
    if (e instanceof SplError) throw new UsageError(e.first.message);
    throw e;
  }
  return { text: d.search, name: path, at: d.at, ...(d.name !== path ? { title: d.name } : {}) };
}

/**
 * The paths given to an option that reads files or folders (-m, --lookups,
 * --knowledge, --data-root): one that does not exist is a usage error, the
 * same for each option.
 */
export function requirePaths(flag: string, paths: readonly string[] | undefined): void {
  for (const p of paths ?? []) {
    try {
      statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`${flag} ${p}: ${code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : (e as Error).message}`);
    }
  }
}

/**
 * The files of searches to check or test: each path named (`explicit`,
 * whatever its name), and in folders, recursively in name order, the files
 * whose name matches `pattern`; hidden entries and paths under `exclude`
 * are skipped. A path that does not exist is a usage error.
 */
export function searchFiles(paths: readonly string[], pattern: RegExp, exclude: readonly string[]): { file: string; explicit: boolean }[] {
  const out: { file: string; explicit: boolean }[] = [];
  const excluded = exclude.map((e) => resolve(e));
  const skip = (p: string) => excluded.some((e) => resolve(p) === e || resolve(p).startsWith(e + sep));
  const walk = (p: string, explicit: boolean) => {
    if (skip(p)) return;
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or folder`);
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) if (!e.startsWith('.')) walk(join(p, e), false);
    } else if (explicit || pattern.test(p)) out.push({ file: p, explicit });
  };
  for (const p of paths) walk(p, true);
  return out;
}

export function macroTable(o: SearchOptions): MacroTable {
  requirePaths('-m', o.macros);
  return loadMacroTable({ paths: o.macros ?? [], inline: o.macro ?? [] });
}

/**
 * Lookup definitions: --lookups folders and files, and the lookups/ folder
 * beside each macros/ folder given with -m (security_content's layout).
 */
export function lookupRegistry(o: SearchOptions): LookupRegistry {
  const paths = [...lookupsBesideMacros(o.macros ?? []), ...(o.lookups ?? [])];
  requirePaths('--lookups', o.lookups);
  const reg = LookupRegistry.load(paths, o.outputlookupDir ? { outputDir: o.outputlookupDir } : {});
  for (const p of reg.problems) stderr(`warning: lookups: ${p}`);
  return reg;
}

export function timeContext(o: SearchOptions): { now: number; tz: string } {
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

export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface EventSpec {
  path: string;
  sourcetype?: string;
  source?: string;
  host?: string;
}

/** `path`, or `path:sourcetype=X` (also `:source=Y`, `:host=Z`, in any order) */
export function eventArgs(values: string[]): EventSpec[] {
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
export function inputsFile(file: string): EventSpec[] {
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

/** -m and --macro: where macros come from (see loadMacroTable for the layering). */
export function addMacroOptions(cmd: Command): Command {
  return cmd
    .option('-m, --macros <paths...>', 'macros.conf files, security_content macro YAML files, folders of them, or Splunk apps (default/ then local/); later override earlier')
    .option('--macro <name=definition>', "define or override a macro, e.g. 'sysmon=index=main' or 'ctime(1)=convert ctime($field$)' (repeatable)", collectList);
}

export function addSearchOptions(cmd: Command): Command {
  return addContextOptions(
    cmd.option('-f, --file <spl>', 'read the search from a file').option('--detection <yml>', "run the 'search:' of a security_content detection YAML"),
  ).option('--outputlookup-dir <folder>', 'the folder outputlookup writes its files to (default: outputlookup writes nothing)');
}

/** What a search runs with besides its text: macros, lookups, search time and zone. */
export function addContextOptions(cmd: Command): Command {
  return addMacroOptions(cmd)
    .option('--now <time>', 'the search time, ISO 8601 or epoch seconds (default: the clock)')
    .option('--tz <zone>', 'IANA time zone for times shown and parsed (default: this machine\'s zone)')
    .option('--lookups <paths...>', 'lookup definitions: folders of security_content lookup YAML + CSV, transforms.conf files, CSV files (default: the lookups/ folder beside a -m macros/ folder)');
}

/** Compiles a search and prints its notices (undefined filter macros, plan warnings) on stderr. */
export function compileSearch(text: string, opts: CompileOptions): Compiled {
  const compiled = compile(text, opts);
  for (const n of noticesOf(compiled)) stderr(n);
  return compiled;
}

/** The notices of a compiled search, rendered. */
export function noticesOf(compiled: Compiled): string[] {
  return compiled.notices.map((n) => renderDiagnostic({ ...n, severity: n.severity ?? 'notice' }, compiled.search));
}

export function failCompile(c: Compiled): number {
  report(c.diagnostics, c.search);
  return EXIT.search;
}


/** --knowledge: the user's apps' eventtypes and tags; unreadable parts are warnings. */
export function knowledgeSets(paths: string[]): KnowledgeSet[] {
  requirePaths('--knowledge', paths);
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
export function fileSummary(f: FileSummary): string {
  const sts = [...f.sourcetypes].map(([st, n]) => `${st} (${n})`).join(', ');
  const extra = [
    f.recovered !== undefined ? `${f.recovered} recovered from slack space` : '',
    f.comments > 0 ? `${f.comments} comment line${f.comments === 1 ? '' : 's'} ignored` : '',
    f.gzip ? 'gzip' : '',
  ].filter(Boolean);
  return `splinter: ${f.path}: read as ${f.format ?? 'nothing (empty)'}${sts ? `, sourcetype ${sts}` : ''}; ${f.events} event${f.events === 1 ? '' : 's'}, ${f.problems} skipped${extra.length ? ', ' + extra.join(', ') : ''}`;
}

export function formatOption(choices: string[], description: string): Option {
  return new Option('-o, --format <format>', description).choices(choices);
}

/** Wraps a verb's action so that its exit code reaches main. */
export type Wrap = <A extends unknown[]>(fn: (...a: A) => number | Promise<number>) => (...a: A) => Promise<void>;

/** The options that say which events a search reads (run, diff). */
export interface EventOptions {
  events?: string[];
  inputs?: string;
  source?: string;
  sourcetype?: string;
  host?: string;
  earliest?: string;
  latest?: string;
  knowledge?: string[];
  recover?: boolean;
}

/** -e, --inputs, --source, --sourcetype, --host, --earliest, --latest, --recover */
export function addEventOptions(cmd: Command): Command {
  return cmd
    .option('-e, --events <paths...>', 'event files (gzip too), folders (read recursively), globs, or - for stdin; path:sourcetype=X (also :source=Y, :host=Z) sets them for one input')
    .option('--inputs <file>', 'read inputs from a file: one per line, <path> [sourcetype=X] [source=Y] [host=Z]')
    .option('--source <source>', 'the source of every event (default: XmlWinEventLog:<Channel> for XML, else the file path)')
    .option('--sourcetype <sourcetype>', 'the sourcetype of every event (default: detected from the content)')
    .option('--host <host>', 'the host of every event (default: <Computer> for XML, else this machine)')
    .option('--earliest <time>', 'only events at or after this time (a Splunk time modifier: -24h, -7d@d, 0, ...)')
    .option('--latest <time>', 'only events before this time')
    .option('--recover', '.evtx files: also read the records carved from the slack space of their chunks (counted apart in the summary)');
}

export const KNOWLEDGE_HELP = "your Splunk apps' eventtypes.conf and tags.conf (files, app folders, or folders of apps): their eventtypes and tags apply with the built-in add-ons', so their events can fill CIM data models";

/** What a run reads besides its plan: the event inputs, the time bounds, the user's knowledge objects. */
export interface RunSetup {
  inputs: EventInput[];
  earliest?: number;
  latest?: number;
  knowledge?: KnowledgeSet[];
}

/**
 * The inputs (-e and --inputs, each file with its own or the common
 * --sourcetype/--source/--host), --earliest/--latest resolved against the
 * search time, and --knowledge. A search that reads events needs inputs; one
 * that starts with a generating command (| makeresults, | inputlookup...)
 * may run without.
 */
export async function runSetup(o: EventOptions, readsEvents: boolean, tctx: { now: number; tz: string }, onProblem?: (p: ReadProblem) => void): Promise<RunSetup> {
  if ((!o.events || o.events.length === 0) && !o.inputs && readsEvents) throw new UsageError('no events given: use -e <file|folder|glob|-> (repeatable) or --inputs <file>');
  const inputs: EventInput[] = [];
  for (const spec of [...eventArgs(o.events ?? []), ...(o.inputs ? inputsFile(o.inputs) : [])]) {
    const files = await expandInputs([spec.path], onProblem);
    for (const file of files) {
      const sourcetype = spec.sourcetype ?? o.sourcetype;
      const source = spec.source ?? o.source;
      const host = spec.host ?? o.host;
      const f = o.recover ? { ...file, recover: true } : file;
      inputs.push({ file: sourcetype ? { ...f, sourcetype } : f, ...(source ? { source } : {}), ...(sourcetype ? { sourcetype } : {}), ...(host ? { host } : {}) });
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
  const knowledge = o.knowledge?.length ? knowledgeSets(o.knowledge) : undefined;
  return { inputs, ...(earliest !== undefined ? { earliest } : {}), ...(latest !== undefined ? { latest } : {}), ...(knowledge ? { knowledge } : {}) };
}

/**
 * What a run read: counts for the summary, unreadable lines (the first 20
 * as warnings while reading), and what to say about each file at the end.
 */
export class ReadReport {
  readonly stats: SourceStats = { files: 0, events: 0, problems: 0, perFile: [] };
  readonly problems: string[] = [];
  /** --strict: the first unreadable line, or file or folder inside an input folder */
  strictFailure: string | undefined;
  constructor(private readonly strict = false) {}

  readonly onProblem = (p: ReadProblem): void => {
    const line = problemText(p);
    if (this.strict && !this.strictFailure) this.strictFailure = line;
    if (this.problems.length < 20) stderr(`warning: skipped ${line}`);
    this.problems.push(line);
  };

  /** Progress on a terminal, for long runs: events read so far, rewritten in place; returns the function that clears it. */
  progress(started: number, inputs: readonly EventInput[] = []): () => void {
    if (!process.stderr.isTTY) return () => {};
    const stats = this.stats;
    const sizes = inputs.map((i) => i.file.size);
    const total = sizes.every((s) => s !== undefined) ? sizes.reduce((a: number, s) => a + s!, 0) : undefined;
    const timer = setInterval(() => process.stderr.write(`\r\x1b[K${progressLine(stats, started, inputs.length, total)}`), 1000);
    return () => {
      clearInterval(timer);
      process.stderr.write('\r\x1b[K');
    };
  }

  /** After the run: how many problems were not shown, files without timestamps, and per-file lines (all with --verbose). */
  end(verbose: boolean): void {
    if (this.problems.length > 20) stderr(`warning: ${this.problems.length - 20} more unreadable lines or records not shown`);
    for (const f of this.stats.perFile ?? []) {
      if (f.badTime) {
        stderr(`warning: ${f.path}: ${f.badTime} event${f.badTime === 1 ? ' has' : 's have'} an impossible timestamp (first: ${f.badTimeExample}); given the file's modification time ${new Date(f.mtime * 1000).toISOString()}`);
      }
      if (f.noTime > 0) {
        stderr(`notice: ${f.path}: ${f.noTime} event${f.noTime === 1 ? ' has' : 's have'} no timestamp Splunk would recognise; given the file's modification time ${new Date(f.mtime * 1000).toISOString()}`);
      }
      if (verbose || f.problems > 0) stderr(fileSummary(f));
    }
  }

  /** `splinter: N events read from F files, K skipped, R results in S s` (`results`: what the run gave, as words) */
  summary(results: string, started: number): string {
    const stats = this.stats;
    return `splinter: ${stats.events} events read from ${stats.files} file${stats.files === 1 ? '' : 's'}, ${this.problems.length} skipped, ${results} in ${((Date.now() - started) / 1000).toFixed(2)}s`;
  }
}

/** a size in bytes as a person reads it */
export function byteSize(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/**
 * The progress line of a long run: bytes read against the inputs' total
 * size, the share done and an estimate of the time left when every size is
 * known (not for stdin), events and files read, time so far.
 */
export function progressLine(stats: SourceStats, started: number, files: number, total: number | undefined, now = Date.now()): string {
  const secs = (now - started) / 1000;
  const events = `${stats.events.toLocaleString('en-US')} events`;
  const filePart = files > 0 ? `file ${Math.min(stats.files, files)} of ${files}` : `${stats.files} file${stats.files === 1 ? '' : 's'}`;
  if (total === undefined || total === 0) return `splinter: ${events} read, ${filePart}, ${secs.toFixed(0)}s `;
  const done = Math.min(total, (stats.bytes ?? 0) + (stats.reading?.bytes ?? 0));
  const share = done / total;
  const left = share > 0.01 && share < 1 ? `, about ${Math.max(1, Math.round((secs * (1 - share)) / share))}s left` : '';
  return `splinter: ${byteSize(done)} of ${byteSize(total)} (${Math.floor(share * 100)}%), ${events}, ${filePart}, ${secs.toFixed(0)}s${left} `;
}
