/**
 * Building a MacroTable from the sources the user gives: built-ins, macro
 * files or folders (in the order given), then inline `--macro` definitions.
 * Later sources override earlier ones.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { SplError } from '../diagnostics/diagnostic.js';
import { parseMacrosConf } from './conf.js';
import { BUILTIN_MACROS, checkArgNames, COMMAND_LINE_FILE, MacroTable, type MacroDef } from './definitions.js';
import { parseMacroYaml } from './yaml.js';

const MACRO_EXTENSIONS = new Set(['.conf', '.yml', '.yaml']);

export interface MacroSources {
  /** macros.conf / *.yml / *.yaml files, or folders holding them */
  readonly paths?: readonly string[];
  /** inline definitions, `name=def`, `name(2)=def` or `name(a,b)=def` */
  readonly inline?: readonly string[];
  /** include the built-in macros (default true) */
  readonly builtins?: boolean;
}

function usageError(message: string, hint?: string): SplError {
  return new SplError({ stage: 'expand', message, hint, severity: 'error' });
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'ENOENT') return 'no such file or folder';
  if (err && err.code === 'EACCES') return 'permission denied';
  if (err && err.code === 'EISDIR') return 'is a folder';
  return err instanceof Error ? err.message : String(e);
}

/** Loads one macros.conf or macro YAML file into the table. */
export function loadMacroFile(file: string, table: MacroTable): void {
  const ext = extname(file).toLowerCase();
  if (!MACRO_EXTENSIONS.has(ext)) {
    throw usageError(
      `cannot load macros from ${file}: expected a .conf, .yml or .yaml file`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw usageError(`cannot read macro file ${file}: ${errText(e)}`);
  }
  loadMacroText(text, file, table);
}

/**
 * Loads the text of a macros.conf or macro YAML file into the table; the
 * name's extension says which (`.conf`, else YAML). For macros that are not
 * in a file (the playground's).
 */
export function loadMacroText(text: string, file: string, table: MacroTable): void {
  if (file.toLowerCase().endsWith('.conf')) {
    table.addAll(parseMacrosConf(text, file, (n, a) => table.get(n, a)));
  } else {
    table.add(parseMacroYaml(text, file));
  }
}

/**
 * Splunk's layering of an app's configuration ("Configuration file
 * precedence", Splunk Enterprise Admin Manual 9.1,
 * https://help.splunk.com/data-management/splunk-enterprise-admin-manual/9.1/administer-splunk-enterprise-with-configuration-files/configuration-file-precedence):
 * an app keeps its shipped settings in `default/` and the site's changes in
 * `local/`, and within an app "local, followed by default" is the order of
 * priority, settings merged stanza by stanza and setting by setting. Here a
 * source loaded later overrides an earlier one, so an app's `default/` files
 * are read before its `local/` ones.
 *
 * What a `-m` path stands for:
 * - a folder holding a `default/` or `local/` folder is a Splunk app: its
 *   `default/macros.conf`, then its `local/macros.conf`;
 * - a folder named `default` or `local` is an app's configuration folder,
 *   which also holds props.conf, savedsearches.conf...: only its
 *   `macros.conf` is read, as Splunk reads macros from no other file;
 * - any other folder: every .conf, .yml and .yaml file directly inside it
 *   (sorted by name, code point order; sub-folders are not searched);
 * - a file: that file.
 * Then the site's layer: a path inside an app's `default/` folder (the folder
 * itself or a file in it) is followed by the same path under `local/`, and a
 * `macros/` folder (security_content's layout) by the `local/` folder beside
 * it, when they exist. [decision] security_content has no local/ of its own;
 * reading `local/macros.conf` beside `macros/` lets a site override its YAML
 * macros the way it would override the app contentctl builds from them.
 */
export function macroFiles(path: string): string[] {
  const kind = pathKind(path);
  if (kind === 'file') {
    const dir = dirname(path);
    const out = [path];
    if (basename(dir) === 'default') {
      const local = join(dirname(dir), 'local', basename(path));
      if (pathKind(local) === 'file') out.push(local);
    }
    return out;
  }
  if (isApp(path)) {
    return ['default', 'local'].map((sub) => join(path, sub, 'macros.conf')).filter((f) => pathKind(f) === 'file');
  }
  const out = folderFiles(path);
  const name = basename(resolve(path));
  if (name === 'default' || name === 'macros') {
    const local = join(path, '..', 'local');
    if (pathKind(local) === 'folder') out.push(...folderFiles(local));
  }
  return out;
}

function pathKind(path: string): 'file' | 'folder' | 'other' {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

/** A folder holding an app's `default/` or `local/` configuration folder. */
function isApp(path: string): boolean {
  const name = basename(resolve(path));
  if (name === 'default' || name === 'local') return false;
  return pathKind(join(path, 'default')) === 'folder' || pathKind(join(path, 'local')) === 'folder';
}

/** The macro files directly inside a folder, in load order. */
function folderFiles(path: string): string[] {
  const name = basename(resolve(path));
  if (name === 'default' || name === 'local') {
    const conf = join(path, 'macros.conf');
    return pathKind(conf) === 'file' ? [conf] : [];
  }
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch (e) {
    throw usageError(`cannot read macro folder ${path}: ${errText(e)}`);
  }
  const files = entries
    .filter((f) => MACRO_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((f) => join(path, f));
  for (const f of files) {
    try {
      statSync(f);
    } catch (e) {
      throw usageError(`cannot read macro file ${f}: ${errText(e)}`);
    }
  }
  return files.filter((f) => pathKind(f) === 'file');
}

/** The files of several `-m` paths in load order; a file met twice is read at its last place. */
export function macroFilesOf(paths: readonly string[]): string[] {
  for (const p of paths) {
    try {
      statSync(p);
    } catch (e) {
      throw usageError(`cannot read macros from ${p}: ${errText(e)}`);
    }
  }
  const all = paths.flatMap((p) => macroFiles(p));
  const last = new Map<string, number>();
  all.forEach((f, i) => last.set(resolve(f), i));
  return all.filter((f, i) => last.get(resolve(f)) === i);
}

/** Loads a `-m` path (see macroFiles) into the table. */
export function loadMacroPath(path: string, table: MacroTable): void {
  for (const f of macroFilesOf([path])) loadMacroFile(f, table);
}

const INLINE = /^\s*([A-Za-z0-9_.:-]+)\s*(?:\(([^()]*)\))?\s*=([\s\S]*)$/;

/**
 * Parses an inline definition (`--macro`):
 * - `name=definition`: no argument;
 * - `name(a,b)=definition`: two arguments named a and b (`$a$`, `$b$`);
 * - `name(2)=definition`: two arguments named `1` and `2`, used as `$1$` and
 *   `$2$` in the definition (digits are valid argument names per
 *   macros.conf.spec, and this keeps the short form usable).
 * The definition is taken as written after the first `=` (leading blanks
 * dropped).
 */
export function parseInlineMacro(spec: string, index = 0): MacroDef {
  const m = INLINE.exec(spec);
  if (!m) {
    throw usageError(
      `bad inline macro '${spec}'`,
      'write name=definition, name(a,b)=definition or name(2)=definition',
    );
  }
  const name = m[1];
  let args: string[] = [];
  if (m[2] !== undefined) {
    const inside = m[2].trim();
    if (/^\d+$/.test(inside)) {
      const n = Number(inside);
      args = Array.from({ length: n }, (_, i) => String(i + 1));
    } else if (inside !== '') {
      args = inside.split(',').map((a) => a.trim());
      const bad = checkArgNames(args);
      if (bad) throw usageError(`bad inline macro '${spec}': ${bad}`);
    }
  }
  return {
    name,
    arity: args.length,
    args,
    definition: m[3].replace(/^[ \t]+/, ''),
    iseval: false,
    origin: { file: COMMAND_LINE_FILE, line: index + 1 },
  };
}

/**
 * Builds the table: built-ins, then the paths in order (each app's
 * `default/` then `local/`, see macroFiles), then inline definitions.
 */
export function loadMacroTable(sources: MacroSources = {}): MacroTable {
  const table = sources.builtins === false ? new MacroTable() : new MacroTable(BUILTIN_MACROS);
  for (const f of macroFilesOf(sources.paths ?? [])) loadMacroFile(f, table);
  (sources.inline ?? []).forEach((spec, i) => table.add(parseInlineMacro(spec, i)));
  return table;
}
