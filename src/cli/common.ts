/**
 * What the CLI verbs share: exit codes, usage errors, reading the search
 * (argument, -f, --detection), the macro table, lookups, time context and
 * event inputs. Only the CLI renders diagnostics.
 */
import { Command, Option } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Compiled } from '../api.js';
import { SplError, type Diagnostic, type SourceText } from '../diagnostics/diagnostic.js';
import { loadDetection } from '../testing/detection.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import type { FileSummary } from '../engine/source.js';
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
  const extra = [f.comments > 0 ? `${f.comments} comment line${f.comments === 1 ? '' : 's'} ignored` : '', f.gzip ? 'gzip' : ''].filter(Boolean);
  return `splinter: ${f.path}: read as ${f.format ?? 'nothing (empty)'}${sts ? `, sourcetype ${sts}` : ''}; ${f.events} event${f.events === 1 ? '' : 's'}, ${f.problems} skipped${extra.length ? ', ' + extra.join(', ') : ''}`;
}

export function formatOption(choices: string[], description: string): Option {
  return new Option('-o, --format <format>', description).choices(choices);
}

/** Wraps a verb's action so that its exit code reaches main. */
export type Wrap = <A extends unknown[]>(fn: (...a: A) => number | Promise<number>) => (...a: A) => Promise<void>;
