/**
 * Search macro definitions and the table that holds them.
 *
 * A macro is identified by its name and its number of arguments: macros.conf
 * names a stanza `name` when the macro takes no argument and `name(N)`
 * otherwise, and "[foobar], [foobar(1)], [foobar(2)]... are not the same
 * macro" (macros.conf.spec, Splunk 10.0,
 * https://help.splunk.com/en/data-management/splunk-enterprise-admin-manual/10.0/10.0.0-configuration-file-reference/macros.conf).
 * Names are case-sensitive, as .conf stanza names are.
 */
import { SplError, type Span } from '../diagnostics/diagnostic.js';
import { closestNames } from '../diagnostics/suggest.js';

export interface MacroOrigin {
  /** file the definition was read from; `<built-in>` or `<command line>` otherwise */
  readonly file: string;
  /** 1-based line of the stanza header / YAML `definition` key (1 when unknown) */
  readonly line: number;
}

export interface MacroDef {
  readonly name: string;
  readonly arity: number;
  /** argument names, in order; `args.length === arity` */
  readonly args: readonly string[];
  /** the text the macro expands to (for iseval macros: an eval expression) */
  readonly definition: string;
  readonly iseval: boolean;
  /** eval expression checking the arguments (macros.conf `validation`) */
  readonly validation?: string;
  /** message when a boolean validation fails (macros.conf `errormsg`) */
  readonly errormsg?: string;
  readonly description?: string;
  readonly origin: MacroOrigin;
  /**
   * Stanzas of later sources that changed this macro's other settings but not
   * its `definition` (a macros.conf stanza without `definition` layers on the
   * macro an earlier source defined, see conf.ts), in load order.
   */
  readonly amendedBy?: readonly MacroOrigin[];
}

/** Table key of a macro: `name` when it takes no argument, else `name(N)`. */
export function macroKey(name: string, arity: number): string {
  return arity === 0 ? name : `${name}(${arity})`;
}

/** Argument names may only hold alphanumerics, `_` and `-` (macros.conf.spec `args`). */
export const ARG_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Characters accepted in a macro name when it is called. Splunk does not
 * document the set; security_content only uses [a-z0-9_]. We accept letters,
 * digits, `_`, `-`, `.` and `:` (the docs only advise against hyphens).
 */
export const MACRO_NAME = /^[A-Za-z0-9_.:-]+$/;

export const BUILTIN_ORIGIN: MacroOrigin = { file: '<built-in>', line: 1 };
/** `file` of a `--macro` definition; its `line` is the definition's 1-based place among them */
export const COMMAND_LINE_FILE = '<command line>';
/** `file` of the `search *` definition generated for an undefined `<name>_filter` */
export const GENERATED_FILE = '<generated>';

export type MacroOriginKind = 'built-in' | 'command-line' | 'generated' | 'file';

export function originKind(o: MacroOrigin): MacroOriginKind {
  if (o.file === BUILTIN_ORIGIN.file) return 'built-in';
  if (o.file === COMMAND_LINE_FILE) return 'command-line';
  if (o.file === GENERATED_FILE) return 'generated';
  return 'file';
}

/** An origin as a person reads it: `file:line`, `built-in`, `--macro #2`, `generated`. */
export function originText(o: MacroOrigin): string {
  switch (originKind(o)) {
    case 'built-in':
      return 'built-in';
    case 'command-line':
      return `--macro #${o.line}`;
    case 'generated':
      return 'generated';
    default:
      return `${o.file}:${o.line}`;
  }
}

/**
 * Macros Splunk apps outside security_content provide, which its detections
 * call (corpus README: 874 uses of `drop_dm_object_name(1)`).
 *
 * drop_dm_object_name comes from the CIM add-on (SA-Utils) as
 * `rename $field$.* AS *`. security_content calls it both as
 * `drop_dm_object_name(Processes)` and `drop_dm_object_name("Processes")`.
 * Splunk substitutes arguments verbatim (see expand.ts), so the second gives
 * `rename "Processes".* AS *`, which Splunk's argument tokenizer reads as the
 * field pattern Processes.*: the lexer joins a quoted part and the text
 * written against it into one argument (src/lexer/lexer.ts joinedWordEnd),
 * so both calls rename Processes.* to *.
 */
export const BUILTIN_MACROS: readonly MacroDef[] = [
  {
    name: 'drop_dm_object_name',
    arity: 1,
    args: ['field'],
    definition: 'rename $field$.* AS *',
    iseval: false,
    description: 'Strip the data model object prefix from field names (CIM add-on macro).',
    origin: BUILTIN_ORIGIN,
  },
];

/**
 * contentctl generates every detection's `<name>_filter` macro that has no
 * YAML with exactly this definition (contentctl detection_abstract.py).
 */
export const FILTER_FALLBACK_DEFINITION = 'search *';

export function isFilterMacroName(name: string): boolean {
  return name.endsWith('_filter');
}

/** The macro contentctl would generate for an undefined `<name>_filter`. */
export function filterFallback(name: string): MacroDef {
  return {
    name,
    arity: 0,
    args: [],
    definition: FILTER_FALLBACK_DEFINITION,
    iseval: false,
    description: 'Generated like contentctl does for a detection filter macro without definition.',
    origin: { file: GENERATED_FILE, line: 1 },
  };
}

/** True when two origins name the same place. */
export function sameOrigin(a: MacroOrigin, b: MacroOrigin): boolean {
  return a.file === b.file && a.line === b.line;
}

/**
 * Macro definitions by key. Later additions override earlier ones, so apply
 * sources in order: built-ins, files in the order given, inline definitions.
 * The table remembers the definitions an addition replaced (`overridden`),
 * so that a user can see what an override changed.
 */
export class MacroTable {
  private readonly byKey = new Map<string, MacroDef>();
  private readonly byName = new Map<string, Set<number>>();
  /** replaced definitions by key, newest first */
  private readonly replaced = new Map<string, MacroDef[]>();

  constructor(defs: Iterable<MacroDef> = []) {
    for (const d of defs) this.add(d);
  }

  /** A table holding the built-in macros only. */
  static withBuiltins(): MacroTable {
    return new MacroTable(BUILTIN_MACROS);
  }

  /**
   * Adds (or overrides) a definition. Internal consistency is checked. The
   * definition it replaces is remembered, unless the new one keeps its
   * definition text from the same place (a stanza that only amends other
   * settings: the same definition, not an override of it).
   */
  add(def: MacroDef): void {
    if (def.args.length !== def.arity) {
      throw new Error(`macro ${def.name}: ${def.args.length} argument names for arity ${def.arity}`);
    }
    const key = macroKey(def.name, def.arity);
    const prev = this.byKey.get(key);
    if (prev && !sameOrigin(prev.origin, def.origin)) {
      let list = this.replaced.get(key);
      if (!list) this.replaced.set(key, (list = []));
      list.unshift(prev);
    }
    this.byKey.set(key, def);
    let set = this.byName.get(def.name);
    if (!set) this.byName.set(def.name, (set = new Set()));
    set.add(def.arity);
  }

  addAll(defs: Iterable<MacroDef>): void {
    for (const d of defs) this.add(d);
  }

  get(name: string, arity: number): MacroDef | undefined {
    return this.byKey.get(macroKey(name, arity));
  }

  /**
   * The definitions of this name and arity that later sources replaced,
   * newest first (the one the effective definition overrode comes first).
   */
  overridden(name: string, arity: number): readonly MacroDef[] {
    return this.replaced.get(macroKey(name, arity)) ?? [];
  }

  /** By table key, `name` or `name(N)`. */
  getByKey(key: string): MacroDef | undefined {
    return this.byKey.get(key);
  }

  /** The arities defined for a name, ascending. */
  arities(name: string): number[] {
    const set = this.byName.get(name);
    return set ? [...set].sort((a, b) => a - b) : [];
  }

  /** Distinct macro names. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** All definitions, in key order. */
  definitions(): MacroDef[] {
    return [...this.byKey.keys()].sort().map((k) => this.byKey.get(k) as MacroDef);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Defined names close to `name` (edit distance), best first, at most 3. */
  suggestions(name: string): string[] {
    return closestNames(name, this.byName.keys());
  }
}

/**
 * Checks argument names (macros.conf.spec: alphanumerics, `_`, `-`; no
 * repeats). Returns a message, or undefined when the list is fine.
 */
export function checkArgNames(args: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const a of args) {
    if (!ARG_NAME.test(a)) {
      return `argument name '${a}' may only contain letters, digits, '_' and '-'`;
    }
    if (seen.has(a)) return `argument name '${a}' is repeated`;
    seen.add(a);
  }
  return undefined;
}

/**
 * SplError for a problem in a macro definition file. When the file text is
 * given, the diagnostic points at the whole offending line in it.
 */
export function fileError(
  file: string,
  line: number,
  message: string,
  hint?: string,
  text?: string,
): SplError {
  let span: Span | undefined;
  if (text !== undefined && line >= 1) {
    let start = 0;
    for (let l = 1; l < line; l++) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      start = nl + 1;
    }
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    span = { start, end };
  }
  return new SplError({
    stage: 'expand',
    message: `${file}:${line}: ${message}`,
    hint,
    severity: 'error',
    ...(span ? { span, source: { name: file, text: text as string } } : {}),
  });
}
