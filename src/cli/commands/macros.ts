/**
 * `splinter macros`: the effective macro definitions after every source is
 * layered (built-ins, then -m paths in order, each app's default/ then
 * local/, then --macro), each with the file and line it came from and the
 * definitions it overrides.
 *
 * Text: one block per macro, blocks separated by a blank line. The first line
 * is `<key>\t<origin>` (so `grep -v '^ '` lists one macro a line); the lines
 * after it are indented two spaces:
 *   args: a, b                  (macros with arguments)
 *   iseval: true | validation: ... | errormsg: ... | description: ...  (when set)
 *   definition: <text>          (later lines of a multi-line definition indented four spaces)
 *   amended by: <origin>        (a later stanza without `definition` that changed other settings)
 *   overrides: <origin>: <definition on one line>   (newest first)
 * An origin is `file:line`, `built-in` or `--macro #N`.
 *
 * JSON (`--format json`): `{"macros":[{"key","name","arity","args","definition","iseval",
 * "validation"?,"errormsg"?,"description"?,"origin","amendedBy","overrides"}]}` where an origin is
 * `{"kind":"file"|"built-in"|"command-line","file","line"}`, `amendedBy` a list of origins and
 * `overrides` a list of `{"origin","args","definition"}`, newest first.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import {
  macroKey,
  originKind,
  originText,
  type MacroDef,
  type MacroOrigin,
  type MacroTable,
} from '../../macros/index.js';
import { EXIT, UsageError, addMacroOptions, formatOption, macroTable, report, type Wrap } from '../common.js';
import { didYouMean } from '../../diagnostics/suggest.js';

interface MacrosOptions {
  macros?: string[];
  macro?: string[];
  format?: 'text' | 'json';
}

/** `name`, `name(N)`, optionally in backquotes as it is written in a search. */
const NAME_ARG = /^`?([A-Za-z0-9_.:-]+)(?:\(\s*(\d+)\s*\))?`?$/;
const MACRO_FILE = /\.(conf|ya?ml)$/i;

interface Wanted {
  readonly given: string;
  readonly name: string;
  /** undefined: every arity of the name */
  readonly arity?: number;
}

function parseName(given: string): Wanted {
  const m = NAME_ARG.exec(given.trim());
  if (!m) throw new UsageError(`'${given}' is not a macro name: write name or name(N), N the number of arguments`);
  return { given, name: m[1], ...(m[2] !== undefined ? { arity: Number(m[2]) } : {}) };
}

/**
 * `-m <paths...>` takes every argument up to the next option, so in
 * `splinter macros -m macros/ sysmon` the name lands among the paths.
 * [decision] A trailing -m value that is not an existing path and reads as a
 * macro name (not a .conf/.yml file name) is taken as a name.
 */
function splitNames(o: MacrosOptions, names: string[]): { paths: string[]; names: string[] } {
  const paths = [...(o.macros ?? [])];
  const moved: string[] = [];
  while (paths.length > 1) {
    const last = paths[paths.length - 1];
    if (existsSync(last) || MACRO_FILE.test(last) || !NAME_ARG.test(last)) break;
    moved.unshift(paths.pop() as string);
  }
  return { paths, names: [...moved, ...names] };
}

function lookup(table: MacroTable, w: Wanted): MacroDef[] | Diagnostic {
  if (w.arity !== undefined) {
    const d = table.get(w.name, w.arity);
    if (d) return [d];
  } else {
    const defs = table.arities(w.name).map((a) => table.get(w.name, a) as MacroDef);
    if (defs.length) return defs;
  }
  const key = w.arity === undefined ? w.name : macroKey(w.name, w.arity);
  const arities = table.arities(w.name);
  if (arities.length) {
    return {
      stage: 'usage',
      severity: 'error',
      message: `macro '${key}' is not defined`,
      hint: `${w.name} is defined as ${arities.map((a) => `\`${macroKey(w.name, a)}\``).join(' and ')}`,
    };
  }
  const close = table.suggestions(w.name);
  return {
    stage: 'usage',
    severity: 'error',
    message: `macro '${key}' is not defined`,
    hint: didYouMean(close, (c) => `\`${c}\``) ??
      'splinter macros with no name lists every macro the -m paths and --macro options define',
  };
}

function originJson(o: MacroOrigin): { kind: string; file: string; line: number } {
  return { kind: originKind(o), file: o.file, line: o.line };
}

function macroJson(table: MacroTable, d: MacroDef): Record<string, unknown> {
  return {
    key: macroKey(d.name, d.arity),
    name: d.name,
    arity: d.arity,
    args: d.args,
    definition: d.definition,
    iseval: d.iseval,
    ...(d.validation !== undefined ? { validation: d.validation } : {}),
    ...(d.errormsg !== undefined ? { errormsg: d.errormsg } : {}),
    ...(d.description !== undefined ? { description: d.description } : {}),
    origin: originJson(d.origin),
    amendedBy: (d.amendedBy ?? []).map(originJson),
    overrides: table.overridden(d.name, d.arity).map((o) => ({ origin: originJson(o.origin), args: o.args, definition: o.definition })),
  };
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}

function macroText(table: MacroTable, d: MacroDef): string {
  const lines = [`${macroKey(d.name, d.arity)}\t${originText(d.origin)}`];
  if (d.arity > 0) lines.push(`  args: ${d.args.join(', ')}`);
  if (d.iseval) lines.push('  iseval: true');
  if (d.validation !== undefined) lines.push(`  validation: ${oneLine(d.validation)}`);
  if (d.errormsg !== undefined) lines.push(`  errormsg: ${oneLine(d.errormsg)}`);
  if (d.description !== undefined) lines.push(`  description: ${oneLine(d.description)}`);
  lines.push(`  definition: ${d.definition.split(/\r?\n/).join('\n    ')}`);
  for (const a of d.amendedBy ?? []) lines.push(`  amended by: ${originText(a)}`);
  for (const o of table.overridden(d.name, d.arity)) lines.push(`  overrides: ${originText(o.origin)}: ${oneLine(o.definition)}`);
  return lines.join('\n');
}

function macrosCommand(givenNames: string[], o: MacrosOptions): number {
  const { paths, names } = splitNames(o, givenNames);
  const table = macroTable({ macros: paths, macro: o.macro ?? [] });
  const wanted = names.map(parseName);
  const shown: MacroDef[] = [];
  const problems: Diagnostic[] = [];
  if (wanted.length === 0) shown.push(...table.definitions());
  for (const w of wanted) {
    const r = lookup(table, w);
    if (Array.isArray(r)) {
      for (const d of r) if (!shown.includes(d)) shown.push(d);
    } else problems.push(r);
  }
  if (o.format === 'json') {
    process.stdout.write(JSON.stringify({ macros: shown.map((d) => macroJson(table, d)) }, null, 2) + '\n');
  } else if (shown.length) {
    process.stdout.write(shown.map((d) => macroText(table, d)).join('\n\n') + '\n');
  }
  report(problems);
  return problems.length ? EXIT.usage : EXIT.ok;
}

export function macrosVerb(prog: Command, wrap: Wrap): void {
  addMacroOptions(
    prog
      .command('macros')
      .argument('[names...]', 'macros to show, as name (every arity) or name(N); all when none is given')
      .description('list the effective macro definitions: the file and line each comes from and what it overrides')
      .addOption(formatOption(['text', 'json'], 'text (one block per macro) or json').default('text')),
  ).action(wrap(macrosCommand));
}
