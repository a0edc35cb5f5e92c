/**
 * Finding macro calls in SPL text.
 *
 * A call is `` `name` `` or `` `name(arg, ...)` `` written outside a
 * double-quoted string: "The Splunk platform does not expand macros when they
 * are inside quoted values, for example: "foo`bar`baz"" (macros.conf.spec,
 * Splunk 10.0). Inside quotes `\"` and `\\` are escapes, so `"a\"`b`"` is
 * still one quoted string; outside quotes a backslash also escapes the next
 * character (so `\"` does not open a string).
 *
 * Arguments are split on commas at the top level of the argument list:
 * commas inside double-quoted strings (with `\"` escapes) or inside nested
 * parentheses do not split (Splunk's tokenizer is not documented here; this
 * is the reading in spl-semantics.md §4.2). An argument may itself contain a
 * macro call, which is expanded after substitution. White space around an
 * argument is dropped. `name()` is a call with no argument.
 *
 * Three backticks open a comment that runs to the next three backticks
 * ("Add comments to searches", Search Manual 10.0,
 * https://help.splunk.com/splunk-enterprise/search/search-manual/10.0/using-the-search-app/add-comments-to-searches).
 * Calls inside a comment are not expanded and quotes inside it do not count;
 * the comment itself is left in the text for the parser (Splunk replaces it
 * with a space when the search runs).
 *
 * Other backticks outside quotes have no meaning in SPL, so a backtick that
 * does not start a well-formed call is reported as an error.
 */
import type { Span } from '../diagnostics/diagnostic.js';

export interface MacroCallArg {
  /** the argument as written, white space around it dropped */
  readonly text: string;
  /** where that text is */
  readonly span: Span;
}

export interface MacroCall {
  readonly name: string;
  /** undefined when the call has no parentheses */
  readonly args?: readonly MacroCallArg[];
  /** the whole call, backticks included */
  readonly span: Span;
  readonly nameSpan: Span;
}

/** A malformed call; the caller turns it into a located diagnostic. */
export class ScanProblem extends Error {
  constructor(
    message: string,
    readonly span: Span,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const BACKTICK = 96;
const QUOTE = 34;
const BACKSLASH = 92;
const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 45 || // -
    c === 46 || // .
    c === 58 // :
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Top-level macro calls in `text`, in order. Throws ScanProblem. */
export function scanCalls(text: string): MacroCall[] {
  const calls: MacroCall[] = [];
  let inQuote = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (c === QUOTE) {
      inQuote = !inQuote;
      i++;
      continue;
    }
    if (c === BACKTICK && !inQuote) {
      if (isCommentStart(text, i)) {
        i = commentEnd(text, i);
        continue;
      }
      const call = parseCall(text, i);
      calls.push(call);
      i = call.span.end;
      continue;
    }
    i++;
  }
  return calls;
}

function isCommentStart(text: string, i: number): boolean {
  return text.charCodeAt(i + 1) === BACKTICK && text.charCodeAt(i + 2) === BACKTICK;
}

/** Offset just past the comment opened at `start`. */
function commentEnd(text: string, start: number): number {
  const close = text.indexOf('```', start + 3);
  if (close < 0) {
    throw new ScanProblem('comment opened with ``` is not closed', { start, end: start + 3 }, 'close the comment with ```');
  }
  return close + 3;
}

/**
 * Comments (``` ... ```) written outside quoted strings, as spans, for
 * tools that show or strip them. Throws ScanProblem for an unclosed one.
 */
export function scanComments(text: string): Span[] {
  const out: Span[] = [];
  let inQuote = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) {
      inQuote = !inQuote;
      i++;
    } else if (c === BACKTICK && !inQuote && isCommentStart(text, i)) {
      const end = commentEnd(text, i);
      out.push({ start: i, end });
      i = end;
    } else i++;
  }
  return out;
}

function endOfLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** Parses the call whose opening backtick is at `start`. */
function parseCall(text: string, start: number): MacroCall {
  const n = text.length;
  let j = start + 1;
  while (j < n && isNameChar(text.charCodeAt(j))) j++;
  const nameSpan = { start: start + 1, end: j };
  const name = text.slice(start + 1, j);
  if (j >= n) {
    throw new ScanProblem(
      name === '' ? 'unmatched backtick' : `macro call \`${name} has no closing backtick`,
      { start, end: j },
      'macro calls are written `name` or `name(arg1, arg2)`; a backtick inside a quoted string is not a call',
    );
  }
  const c = text.charCodeAt(j);
  if (name === '') {
    const close = text.indexOf('`', start + 1);
    const end = close >= 0 && close <= endOfLine(text, start + 1) ? close + 1 : start + 1;
    throw new ScanProblem(
      close === start + 1 ? 'empty macro call ``' : 'a backtick must start a macro call: expected a macro name after it',
      { start, end },
      'macro calls are written `name` or `name(arg1, arg2)`; macro names use letters, digits and _',
    );
  }
  if (c === BACKTICK) {
    return { name, span: { start, end: j + 1 }, nameSpan };
  }
  if (c !== LPAREN) {
    const close = text.indexOf('`', j);
    const end = close >= 0 && close <= endOfLine(text, j) ? close + 1 : j + 1;
    throw new ScanProblem(
      `malformed macro call: unexpected '${text[j]}' after macro name \`${name}`,
      { start, end },
      'macro calls are written `name` or `name(arg1, arg2)`; macro names use letters, digits and _',
    );
  }
  // argument list
  const args: MacroCallArg[] = [];
  let depth = 0;
  let inQuote = false;
  let argStart = j + 1;
  let k = j + 1;
  let closed = -1;
  const pushArg = (from: number, to: number): void => {
    let a = from;
    let b = to;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    args.push({ text: text.slice(a, b), span: { start: a, end: b } });
  };
  while (k < n) {
    const ch = text.charCodeAt(k);
    if (ch === BACKSLASH) {
      k += 2;
      continue;
    }
    if (ch === QUOTE) {
      inQuote = !inQuote;
      k++;
      continue;
    }
    if (inQuote) {
      k++;
      continue;
    }
    if (ch === BACKTICK) {
      if (isCommentStart(text, k)) {
        k = commentEnd(text, k);
        continue;
      }
      if (k + 1 >= n || !isNameChar(text.charCodeAt(k + 1))) {
        // not a nested call: the call's own closing backtick came before ')'
        throw new ScanProblem(`macro call \`${name}(...) has no closing parenthesis`, { start, end: k + 1 });
      }
      // a nested call inside an argument: skip over it whole
      k = parseCall(text, k).span.end;
      continue;
    }
    if (ch === LPAREN) depth++;
    else if (ch === RPAREN) {
      if (depth === 0) {
        closed = k;
        break;
      }
      depth--;
    } else if (ch === COMMA && depth === 0) {
      pushArg(argStart, k);
      argStart = k + 1;
    }
    k++;
  }
  if (closed < 0) {
    throw new ScanProblem(
      inQuote
        ? `macro call \`${name}(...) has an unterminated quoted argument`
        : `macro call \`${name}(...) has no closing parenthesis`,
      { start, end: Math.min(n, endOfLine(text, start)) },
    );
  }
  const inner = text.slice(j + 1, closed);
  if (args.length > 0 || inner.trim() !== '') pushArg(argStart, closed);
  if (closed + 1 >= n || text.charCodeAt(closed + 1) !== BACKTICK) {
    throw new ScanProblem(
      `macro call \`${name}(...) must end with a backtick right after ')'`,
      { start, end: closed + 1 },
    );
  }
  return { name, args, span: { start, end: closed + 2 }, nameSpan };
}
