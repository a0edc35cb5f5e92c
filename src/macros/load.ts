/**
 * Building a MacroTable from the sources the user gives: built-ins, macro
 * files or folders (in the order given), then inline `--macro` definitions.
 * Later sources override earlier ones.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { SplError } from '../diagnostics/diagnostic.js';
import { parseMacrosConf } from './conf.js';
import { BUILTIN_MACROS, checkArgNames, MacroTable, type MacroDef } from './definitions.js';
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
  if (ext === '.conf') {
    table.addAll(parseMacrosConf(text, file, (n, a) => table.get(n, a)));
  } else {
    table.add(parseMacroYaml(text, file));
  }
}

/**
 * Loads a file, or every .conf/.yml/.yaml file directly inside a folder
 * (sorted by name, code point order; sub-folders are not searched).
 */
export function loadMacroPath(path: string, table: MacroTable): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw usageError(`cannot read macros from ${path}: ${errText(e)}`);
  }
  if (!isDir) {
    loadMacroFile(path, table);
    return;
  }
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch (e) {
    throw usageError(`cannot read macro folder ${path}: ${errText(e)}`);
  }
  const files = entries
    .filter((f) => MACRO_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const f of files) {
    const full = join(path, f);
    let file = false;
    try {
      file = statSync(full).isFile();
    } catch (e) {
      throw usageError(`cannot read macro file ${full}: ${errText(e)}`);
    }
    if (file) loadMacroFile(full, table);
  }
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
    origin: { file: '<command line>', line: index + 1 },
  };
}

/** Builds the table: built-ins, then paths in order, then inline definitions. */
export function loadMacroTable(sources: MacroSources = {}): MacroTable {
  const table = sources.builtins === false ? new MacroTable() : new MacroTable(BUILTIN_MACROS);
  for (const p of sources.paths ?? []) loadMacroPath(p, table);
  (sources.inline ?? []).forEach((spec, i) => table.add(parseInlineMacro(spec, i)));
  return table;
}
