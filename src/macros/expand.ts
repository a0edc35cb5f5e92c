/**
 * Search macro expansion.
 *
 * Splunk expands macros as text before it parses the search, and adds no
 * parentheses: the definition is "the string that the macro will expand to,
 * with the argument substitutions made" (macros.conf.spec, Splunk 10.0,
 * https://help.splunk.com/en/data-management/splunk-enterprise-admin-manual/10.0/10.0.0-configuration-file-reference/macros.conf;
 * users are told to parenthesise definitions themselves: "Use macros with
 * event types and tags", Knowledge Manager Manual 9.0).
 *
 * - `$arg$` is replaced "globally in the string, even inside quotation marks"
 *   (macros.conf.spec). Other `$...$` text is left alone.
 * - Arguments are substituted as written, quotes included. Splunk's docs tell
 *   users who pass a quoted string to escape the quotes inside it
 *   (`mymacro("He said \"hello!\"")`, "Use search macros in searches",
 *   https://docs.splunk.com/Documentation/SplunkLight/7.0.3/GettingStarted/Usingsearchmacros):
 *   that only makes sense if the argument lands in the search as the quoted
 *   string it is, so quotes are kept, for every macro. In command
 *   arguments a quoted part joined to an unquoted one (`rename $f$.* AS *`
 *   called with "Processes" gives `"Processes".*`) is one argument without
 *   its quotes: the lexer's rule (src/lexer/lexer.ts joinedWordEnd).
 * - Named arguments, `iis_search(fragment=TM)` ("Search macro examples",
 *   Knowledge Manager Manual 9.3): an argument list is taken as named when
 *   every argument is `word=value` and at least one word is an argument
 *   name of the macro; each name must then be one of the macro's arguments,
 *   given once.
 * - Macros in the definition, and in the substituted arguments, are
 *   expanded after substitution, recursively ("You can reference a search
 *   macro within other search macros"). A macro that expands into itself is
 *   an error naming the chain; nesting is limited to 50 levels.
 * - `iseval = true`: the definition (after substitution) is an eval
 *   expression whose string result is the expansion; `validation` is an eval
 *   expression: true passes; false or NULL fails with `errormsg`; a string
 *   is the error message. macros.conf.spec adds that a NULL result of a
 *   non-Boolean validation passes; the evaluator cannot tell us the type of a
 *   NULL, so NULL fails when the macro has an `errormsg` (which the spec only
 *   uses for Boolean validations) and passes otherwise.
 * - An undefined macro `<x>_filter` with no argument expands to `search *`,
 *   as contentctl generates it, with a notice.
 *
 * Every character of the expanded text keeps its origin: the search, or a
 * macro definition (with the chain of call sites). `locate` maps a span of
 * the expanded text back to where it was written.
 */
import type { Diagnostic, Related, SourceText, Span } from '../diagnostics/diagnostic.js';
import { SplError } from '../diagnostics/diagnostic.js';
import {
  filterFallback,
  FILTER_FALLBACK_DEFINITION,
  isFilterMacroName,
  macroKey,
  type MacroDef,
  type MacroOrigin,
  type MacroTable,
} from './definitions.js';
import { type MacroCall, type MacroCallArg, ScanProblem, scanCalls } from './scan.js';
import { didYouMean } from '../diagnostics/suggest.js';

export type { MacroCall, MacroCallArg } from './scan.js';

/** Maximum nesting of macro calls. */
export const MAX_MACRO_DEPTH = 50;
/**
 * Maximum size of an expansion: characters of expanded text, and macro calls
 * expanded. Depth alone does not bound the work: `f1` = `f2`_`f2`, 24 levels
 * deep, is 2^24 calls (it ran 2 minutes to 2.6 GB). [decision] Splunk
 * documents no limit that we could find; a megabyte of search text and
 * 10,000 calls are far beyond real searches (the security_content corpus
 * expands to a few KB).
 */
export const MAX_EXPANDED_CHARS = 1_000_000;
export const MAX_MACRO_CALLS = 10_000;

export interface ExpandOptions {
  /**
   * Evaluates an eval expression (for `iseval` definitions and
   * `validation`), returning its string or Boolean result, or null.
   */
  readonly evaluate?: (expr: string) => string | boolean | null;
  /** the search's name and where it lies in its file, for the spans that point into it (default: "search") */
  readonly source?: Omit<SourceText, 'text'>;
}

export interface MacroCallTrace {
  readonly name: string;
  /** `name` or `name(N)` */
  readonly key: string;
  /** argument values in the order of the definition's `args` */
  readonly args: readonly string[];
  /** 0 for calls written in the search */
  readonly depth: number;
  /** where the call is written: the search or a macro definition */
  readonly source: SourceText;
  readonly span: Span;
  /** what the call became, in the expanded text */
  readonly output: Span;
  readonly origin: MacroOrigin;
  /** true when the macro is the generated `search *` filter */
  readonly generated: boolean;
}

export interface Located {
  readonly source: SourceText;
  readonly span: Span;
  /** "expanded from `name` here" for each call site, innermost first */
  readonly related: Related[];
}

export interface Expansion {
  readonly text: string;
  readonly notices: Diagnostic[];
  readonly calls: MacroCallTrace[];
  locate(span: Span): Located;
}

// ---------------------------------------------------------------------------
// Text with origins

/** One macro call being expanded. */
interface Frame {
  readonly def: MacroDef;
  readonly source: SourceText;
  /** the frame whose text holds the call site; null for the search */
  readonly parent: Frame | null;
  /** the call site, in the parent's text */
  readonly site: Span;
  readonly depth: number;
}

/** A run of characters coming from one place. */
interface Piece {
  start: number;
  end: number;
  frame: Frame | null;
  /** source offset of the piece's first character */
  src: number;
  /** every character stands for the whole definition (iseval results) */
  whole: boolean;
}

interface Mapped {
  readonly text: string;
  readonly pieces: readonly Piece[];
}

class Builder {
  private readonly parts: string[] = [];
  private readonly pieces: Piece[] = [];
  length = 0;

  private push(len: number, frame: Frame | null, src: number, whole: boolean): void {
    if (len <= 0) return;
    const last = this.pieces[this.pieces.length - 1];
    if (
      last &&
      !whole &&
      !last.whole &&
      last.frame === frame &&
      last.end === this.length &&
      last.src + (last.end - last.start) === src
    ) {
      last.end += len;
    } else {
      this.pieces.push({ start: this.length, end: this.length + len, frame, src, whole });
    }
    this.length += len;
  }

  /** Text written in `frame`'s source at `src`. */
  source(text: string, frame: Frame | null, src: number): void {
    this.parts.push(text);
    this.push(text.length, frame, src, false);
  }

  /** Text standing for the whole of `frame`'s definition. */
  whole(text: string, frame: Frame): void {
    this.parts.push(text);
    this.push(text.length, frame, 0, true);
  }

  /** Characters [from, to) of a mapped text, keeping their origins. */
  slice(m: Mapped, from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(m.text.slice(from, to));
    let i = pieceIndex(m.pieces, from);
    for (; i < m.pieces.length; i++) {
      const p = m.pieces[i];
      if (p.start >= to) break;
      const a = Math.max(p.start, from);
      const b = Math.min(p.end, to);
      this.push(b - a, p.frame, p.whole ? 0 : p.src + (a - p.start), p.whole);
    }
  }

  finish(): Mapped {
    return { text: this.parts.join(''), pieces: this.pieces };
  }
}

/** Index of the piece holding offset (or the last piece when past the end). */
function pieceIndex(pieces: readonly Piece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Loc {
  frame: Frame | null;
  start: number;
  end: number;
}

/** Source range of character `offset` of a mapped text. */
function charLoc(m: Mapped, offset: number): Loc {
  const p = m.pieces[pieceIndex(m.pieces, offset)];
  if (p.whole) return { frame: p.frame, start: 0, end: (p.frame as Frame).source.text.length };
  const o = p.src + (offset - p.start);
  return { frame: p.frame, start: o, end: o + 1 };
}

function frameDepth(f: Frame | null): number {
  return f ? f.depth + 1 : 0;
}

/**
 * The innermost source holding all of `span`: when both ends come from the
 * same text, the span there; otherwise the ends are lifted to the call sites
 * that contain them until they meet.
 */
function locateLoc(m: Mapped, span: Span): Loc {
  if (m.pieces.length === 0) return { frame: null, start: 0, end: 0 };
  const len = m.text.length;
  if (span.end <= span.start) {
    if (span.start < len) {
      const l = charLoc(m, span.start);
      return { frame: l.frame, start: l.start, end: l.start };
    }
    const l = charLoc(m, len - 1);
    return { frame: l.frame, start: l.end, end: l.end };
  }
  let a = charLoc(m, Math.min(span.start, len - 1));
  let b = charLoc(m, Math.min(span.end, len) - 1);
  while (a.frame !== b.frame) {
    if (frameDepth(a.frame) >= frameDepth(b.frame)) {
      const f = a.frame as Frame;
      a = { frame: f.parent, start: f.site.start, end: f.site.end };
    } else {
      const f = b.frame as Frame;
      b = { frame: f.parent, start: f.site.start, end: f.site.end };
    }
  }
  return { frame: a.frame, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function relatedChain(frame: Frame | null): Related[] {
  const out: Related[] = [];
  for (let f = frame; f; f = f.parent) {
    out.push({
      message: `expanded from \`${f.def.name}\` here`,
      span: f.site,
      ...(f.parent ? { source: f.parent.source } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Definitions: templates and source texts

type TemplatePart = { kind: 'text'; at: number; text: string } | { kind: 'arg'; index: number };

const templates = new WeakMap<MacroDef, TemplatePart[]>();
const sources = new WeakMap<MacroDef, SourceText>();

function sourceOf(def: MacroDef): SourceText {
  let s = sources.get(def);
  if (!s) {
    s = { name: `macro \`${macroKey(def.name, def.arity)}\``, text: def.definition };
    sources.set(def, s);
  }
  return s;
}

/** Splits a text on `$arg$` references to the given argument names. */
function splitTemplate(text: string, args: readonly string[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const index = new Map<string, number>();
  args.forEach((a, i) => index.set(a, i));
  let litStart = 0;
  let i = text.indexOf('$');
  while (i >= 0) {
    const close = text.indexOf('$', i + 1);
    if (close < 0) break;
    const k = index.get(text.slice(i + 1, close));
    if (k !== undefined) {
      if (i > litStart) parts.push({ kind: 'text', at: litStart, text: text.slice(litStart, i) });
      parts.push({ kind: 'arg', index: k });
      litStart = close + 1;
      i = text.indexOf('$', close + 1);
    } else {
      i = close; // the closing `$` may open a reference
    }
  }
  if (litStart < text.length) parts.push({ kind: 'text', at: litStart, text: text.slice(litStart) });
  return parts;
}

function templateOf(def: MacroDef): TemplatePart[] {
  let t = templates.get(def);
  if (!t) {
    t = splitTemplate(def.definition, def.args);
    templates.set(def, t);
  }
  return t;
}

function substitutePlain(text: string, def: MacroDef, values: readonly string[]): string {
  return splitTemplate(text, def.args)
    .map((p) => (p.kind === 'text' ? p.text : values[p.index]))
    .join('');
}

// ---------------------------------------------------------------------------
// Expansion

const NAMED_ARG = /^([A-Za-z0-9_-]+)\s*=(?!=)/;

interface ArgValue {
  text: string;
  /** span in the text the call was found in */
  span: Span;
}

class Expander {
  readonly notices: Diagnostic[] = [];
  readonly calls: MacroCallTrace[] = [];
  readonly out = new Builder();

  constructor(
    readonly table: MacroTable,
    readonly options: ExpandOptions,
    readonly searchSource: SourceText,
  ) {}

  /** A diagnostic located at `span` of mapped text `m`. */
  located(m: Mapped, span: Span): Pick<Diagnostic, 'span' | 'source' | 'related'> {
    const l = locateLoc(m, span);
    const related = relatedChain(l.frame);
    return {
      span: { start: l.start, end: l.end },
      ...(l.frame ? { source: l.frame.source } : {}),
      ...(related.length ? { related } : {}),
    };
  }

  error(m: Mapped, span: Span, message: string, hint?: string): SplError {
    return new SplError({
      stage: 'expand',
      severity: 'error',
      message,
      ...(hint ? { hint } : {}),
      ...this.located(m, span),
    });
  }

  expandInto(m: Mapped, depth: number, stack: readonly string[]): void {
    let calls: MacroCall[];
    try {
      calls = scanCalls(m.text);
    } catch (e) {
      if (e instanceof ScanProblem) throw this.error(m, e.span, e.message, e.hint);
      throw e;
    }
    let prev = 0;
    for (const call of calls) {
      this.out.slice(m, prev, call.span.start);
      this.expandCall(m, call, depth, stack);
      prev = call.span.end;
    }
    this.out.slice(m, prev, m.text.length);
  }

  private resolve(m: Mapped, call: MacroCall): { def: MacroDef; generated: boolean } {
    const arity = call.args?.length ?? 0;
    const def = this.table.get(call.name, arity);
    if (def) return { def, generated: false };
    if (arity === 0 && isFilterMacroName(call.name)) {
      this.notices.push({
        stage: 'expand',
        severity: 'notice',
        message: `macro \`${call.name}\` is not defined; using \`${FILTER_FALLBACK_DEFINITION}\` as contentctl generates it`,
        ...this.located(m, call.span),
      });
      return { def: filterFallback(call.name), generated: true };
    }
    const arities = this.table.arities(call.name);
    if (arities.length > 0) {
      const list =
        arities.length === 1
          ? String(arities[0])
          : `${arities.slice(0, -1).join(', ')} or ${arities[arities.length - 1]}`;
      const plural = arities.length === 1 && arities[0] === 1 ? 'argument' : 'arguments';
      const forms = arities
        .map((a) => {
          const d = this.table.get(call.name, a) as MacroDef;
          return a === 0 ? `\`${call.name}\`` : `\`${call.name}(${d.args.join(', ')})\``;
        })
        .join(' or ');
      throw this.error(
        m,
        call.span,
        `\`${call.name}\` takes ${list} ${plural}, ${arity} given`,
        `call it as ${forms}`,
      );
    }
    const close = this.table.suggestions(call.name);
    const key = macroKey(call.name, arity);
    throw this.error(
      m,
      call.span,
      `macro '${key}' is not defined`,
      didYouMean(close, (c) => `\`${c}\``) ??
        `give its definition with -m <macros.conf or folder>, or define it with --macro '${key}=<definition>'`,
    );
  }

  /** Maps call arguments onto the definition's argument order. */
  private bindArgs(m: Mapped, call: MacroCall, def: MacroDef): ArgValue[] {
    const given: readonly MacroCallArg[] = call.args ?? [];
    if (given.length === 0) return [];
    const named = given.map((a) => NAMED_ARG.exec(a.text));
    let values: ArgValue[];
    if (named.every((x) => x !== null) && named.some((x) => def.args.includes((x as RegExpExecArray)[1]))) {
      const slots: (ArgValue | undefined)[] = new Array(def.arity).fill(undefined);
      given.forEach((a, i) => {
        const mm = named[i] as RegExpExecArray;
        const k = def.args.indexOf(mm[1]);
        const nameSpan = { start: a.span.start, end: a.span.start + mm[1].length };
        if (k < 0) {
          throw this.error(
            m,
            nameSpan,
            `macro \`${def.name}\` has no argument named '${mm[1]}'`,
            `its arguments are ${def.args.join(', ')}`,
          );
        }
        if (slots[k]) {
          throw this.error(m, nameSpan, `argument '${mm[1]}' of \`${def.name}\` is given twice`);
        }
        let from = mm[0].length;
        while (from < a.text.length && /\s/.test(a.text[from])) from++;
        slots[k] = { text: a.text.slice(from), span: { start: a.span.start + from, end: a.span.end } };
      });
      values = slots as ArgValue[]; // arity === given.length and no repeats: all filled
    } else {
      values = given.map((a) => ({ text: a.text, span: a.span }));
    }
    return values;
  }

  private evaluate(m: Mapped, call: MacroCall, def: MacroDef, what: string, expr: string): string | boolean | null {
    const ev = this.options.evaluate;
    if (!ev) {
      throw this.error(
        m,
        call.span,
        `macro \`${def.name}\` has ${what}, which needs the eval evaluator, and none was given`,
      );
    }
    try {
      return ev(expr);
    } catch (e) {
      if (e instanceof SplError) {
        const d = e.first;
        throw this.error(m, call.span, `in ${what} of macro \`${def.name}\`: ${d.message}`, d.hint);
      }
      throw e;
    }
  }

  private expandCall(m: Mapped, call: MacroCall, depth: number, stack: readonly string[]): void {
    const { def, generated } = this.resolve(m, call);
    const key = macroKey(def.name, def.arity);
    const seen = stack.indexOf(key);
    if (seen >= 0) {
      const chain = [...stack.slice(seen), key].map((k) => `\`${k}\``).join(' → ');
      throw this.error(m, call.span, `macro \`${key}\` expands into itself: ${chain}`);
    }
    if (this.out.length > MAX_EXPANDED_CHARS || this.calls.length >= MAX_MACRO_CALLS) {
      throw this.error(
        m,
        call.span,
        `the expanded search is too large: more than ${this.out.length > MAX_EXPANDED_CHARS ? `${MAX_EXPANDED_CHARS.toLocaleString('en-US')} characters` : `${MAX_MACRO_CALLS.toLocaleString('en-US')} macro calls`} (at \`${key}\`)`,
        'a macro that calls another macro several times doubles the text at each level: call it fewer times',
      );
    }
    if (depth >= MAX_MACRO_DEPTH) {
      throw this.error(
        m,
        call.span,
        `macros are nested more than ${MAX_MACRO_DEPTH} levels deep (at \`${key}\`)`,
      );
    }
    const args = this.bindArgs(m, call, def);
    const argTexts = args.map((a) => a.text);
    const site = locateLoc(m, call.span);
    const frame: Frame = {
      def,
      source: sourceOf(def),
      parent: site.frame,
      site: { start: site.start, end: site.end },
      depth,
    };

    if (def.validation !== undefined && def.validation.trim() !== '') {
      const res = this.evaluate(m, call, def, 'a validation', substitutePlain(def.validation, def, argTexts));
      let failure: string | undefined;
      if (res === false || (res === null && def.errormsg !== undefined)) {
        failure = def.errormsg ?? `the arguments of macro \`${def.name}\` are not valid`;
      } else if (typeof res === 'string') {
        failure = res;
      }
      if (failure !== undefined) throw this.error(m, call.span, failure);
    }

    // the body: the definition with its arguments, origins kept
    const body = new Builder();
    if (def.iseval) {
      const res = this.evaluate(m, call, def, 'an eval-based definition', substitutePlain(def.definition, def, argTexts));
      if (typeof res !== 'string') {
        throw this.error(
          m,
          call.span,
          `eval-based macro \`${def.name}\` must return a string, it returned ${res === null ? 'NULL' : String(res)}`,
        );
      }
      body.whole(res, frame);
    } else {
      for (const part of templateOf(def)) {
        if (part.kind === 'text') body.source(part.text, frame, part.at);
        else {
          const a = args[part.index];
          body.slice(m, a.span.start, a.span.end);
        }
      }
    }

    const traceIndex = this.calls.length;
    const outStart = this.out.length;
    const where = this.located(m, call.span);
    this.calls.push({
      name: def.name,
      key,
      args: argTexts,
      depth,
      source: where.source ?? this.searchSource,
      span: where.span as Span,
      output: { start: outStart, end: outStart },
      origin: def.origin,
      generated,
    });
    this.expandInto(body.finish(), depth + 1, [...stack, key]);
    this.calls[traceIndex] = { ...this.calls[traceIndex], output: { start: outStart, end: this.out.length } };
  }
}

/** Expands every macro call in a search. Throws SplError (stage 'expand'). */
export function expandMacros(search: string, table: MacroTable, options: ExpandOptions = {}): Expansion {
  const searchSource: SourceText = { name: 'search', ...options.source, text: search };
  const input: Mapped = {
    text: search,
    pieces: [{ start: 0, end: search.length, frame: null, src: 0, whole: false }],
  };
  const ex = new Expander(table, options, searchSource);
  ex.expandInto(input, 0, []);
  const result = ex.out.finish();
  return {
    text: result.text,
    notices: ex.notices,
    calls: ex.calls,
    locate(span: Span): Located {
      if (result.pieces.length === 0) {
        return { source: searchSource, span: { start: 0, end: 0 }, related: [] };
      }
      const l = locateLoc(result, span);
      return {
        source: l.frame ? l.frame.source : searchSource,
        span: { start: l.start, end: l.end },
        related: relatedChain(l.frame),
      };
    },
  };
}

/**
 * The macro calls written in a search (not expanded), with their spans.
 * Throws SplError for a malformed call.
 */
export function listMacroCalls(search: string): MacroCall[] {
  try {
    return scanCalls(search);
  } catch (e) {
    if (e instanceof ScanProblem) {
      throw new SplError({ stage: 'expand', severity: 'error', message: e.message, span: e.span, hint: e.hint });
    }
    throw e;
  }
}
