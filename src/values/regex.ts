/**
 * PCRE → JavaScript RegExp translation.
 *
 * Splunk evaluates regular expressions with PCRE (match, replace, mvfind,
 * rex, regex). JavaScript's RegExp is close but not equal; this module
 * rewrites the PCRE constructs that JavaScript spells differently or lacks,
 * and rejects (with a PcreError pointing at the offending offset) the ones
 * that have no equivalent, so a pattern never silently means something else.
 *
 * Translated:
 * - `(?P<name>…)`, `(?'name'…)` → `(?<name>…)`; `(?P=name)`, `\k{name}`,
 *   `\k'name'`, `\g{name}` → `\k<name>`; `\gN`, `\g{N}`, `\g{-N}` → `\N`.
 * - leading inline flags `(?i)`, `(?s)`, `(?m)`, `(?x)` and combinations
 *   (`(?im)`, `(?i)(?s)`, also after a leading `^`) → RegExp flags; `(?x)`
 *   drops unescaped white space and `#` comments outside classes. A later
 *   inline flag that is already in force is a no-op and is dropped; a scoped
 *   group `(?i:…)` whose flags are already in force becomes `(?:…)`.
 * - `\A` → `^`, `\z` → `$`, `\Z` → end or before a final newline (rewritten
 *   with look-arounds when the m flag changes `^`/`$`). PCRE's newline is
 *   `\n` only, so without s `.` → `[^\n]` (JS's `.` also refuses `\r`), and
 *   without m `$` also matches before a final newline, as in PCRE.
 * - possessive quantifiers (`*+`, `++`, `?+`, `{n,m}+`) and atomic groups
 *   `(?>…)` become their plain greedy forms. This can change how much the
 *   engine backtracks (and so speed on pathological input), but not which
 *   strings a pattern matches for the patterns this interpreter meets: there
 *   possessive forms are used as an optimisation on character runs that the
 *   following token cannot start with.
 * - `\h`/`\H` (horizontal space), `\v`/`\V` (vertical space, NOT JS's \v),
 *   `\R`, `\N`, `\e`, `\a`, `\x{…}`, `\o{…}`, `\0nn` octal, `\Q…\E` quoting,
 *   `(?#comment)`, POSIX classes inside brackets (`[[:alpha:]]`,
 *   `[[:^digit:]]`...), a `]` first in a class (literal in PCRE, empty class in
 *   JS), stray `{`, `}` and `]` (literal in PCRE), identity escapes of
 *   punctuation (`\"`, `\-`, `\/`...) that JS's u mode would reject.
 * - the `u` flag is added only when needed (`\p{…}`, `\P{…}`, code points
 *   above U+FFFF in `\x{…}`).
 *
 * Rejected (PcreError): recursion and subroutine calls (`(?R)`, `(?1)`,
 * `(?&name)`, `(?P>name)`), conditionals `(?(…)…)`, `\G`, `\K`, branch reset
 * `(?|…)`, backtracking verbs `(*…)`, callouts, inline flags in the middle of
 * a pattern that change the flags in force, unbalanced parentheses or
 * brackets, and anything else RegExp refuses.
 *
 * Bounded time: a pattern with a repeated group that can itself repeat
 * (`(a+)+`) runs on a linear-time engine (linear-regex.ts), or is refused
 * when it also needs backreferences or look-around.
 *
 * Reference: PCRE2 pattern syntax, https://www.pcre.org/current/doc/html/pcre2syntax.html
 */

import { boundedRegExp, linearRegExp, nestedRepeat } from './linear-regex.js';

export class PcreError extends Error {
  /** offset in the pattern of the construct that failed */
  readonly index: number;
  readonly hint?: string;
  constructor(message: string, index: number, hint?: string) {
    super(message);
    this.name = 'PcreError';
    this.index = index;
    this.hint = hint;
  }
}

export interface PcreTranslation {
  /** JavaScript pattern source */
  readonly source: string;
  /** JavaScript flags derived from inline flags (i, m, s, u) */
  readonly flags: string;
  /** named groups, in order of their opening parenthesis */
  readonly groupNames: readonly string[];
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\x0b',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  ascii: '\\x00-\\x7f',
};
/** negated POSIX classes that have a single-escape form usable inside a class */
const NEGATED_POSIX: Record<string, string> = { digit: '\\D', word: '\\W', space: '\\S' };

// PCRE \h and \v (see pcre2pattern "Generic character types")
const H_CHARS = '\\t \\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';
const V_CHARS = '\\n\\x0b\\f\\r\\x85\\u2028\\u2029';

/** characters that keep their backslash in JS (syntax characters) */
const JS_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
/** escapes that mean the same in PCRE and JS */
const SAME_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'n', 'r', 't', 'f']);
const FLAG_LETTERS = new Set(['i', 'm', 's', 'x']);
/** escapes that stand for a set of characters */
const SET_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'h', 'v', 'p', 'P']);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isAlnum(c: string): boolean {
  return /[A-Za-z0-9]/.test(c);
}

function hex4(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

/** A code point as an escape usable in either mode (surrogate pair when astral, u mode is set then). */
function codeEscape(code: number): string {
  if (code <= 0xffff) return hex4(code);
  return `\\u{${code.toString(16)}}`;
}

/** Escapes a literal character for use in the JS pattern. */
function literal(c: string, inClass: boolean): string {
  if (JS_SYNTAX.has(c) || (inClass && c === '-')) return '\\' + c;
  return c;
}

class Translator {
  private readonly p: string;
  private i = 0;
  private out = '';
  private flags = new Set<string>();
  private needsU = false;
  private readonly names: string[] = [];
  private groupCount = 0;
  /** offsets of open parentheses not yet closed */
  private readonly open: number[] = [];
  /** true when the previous emitted token can take a quantifier suffix (+ possessive, ? lazy) */
  private afterQuantifier = false;

  constructor(pattern: string) {
    this.p = pattern;
  }

  run(): PcreTranslation {
    this.leadingFlags();
    while (this.i < this.p.length) this.token();
    if (this.open.length) {
      throw new PcreError('missing closing parenthesis', this.open[this.open.length - 1], 'add a ")" to close this group');
    }
    this.flags.delete('x');
    let flags = [...this.flags].sort().join('');
    if (this.needsU) flags += 'u';
    return { source: this.out, flags, groupNames: this.names };
  }

  private fail(message: string, index: number, hint?: string): never {
    throw new PcreError(message, index, hint);
  }

  /** Reads `(?flags)` groups at the start (optionally after `^`). */
  private leadingFlags(): void {
    const p = this.p;
    let caret = false;
    for (;;) {
      let j = this.i;
      if (!caret && p[j] === '^') {
        // `^(?i)...`: the flags still apply to the whole pattern
        const m = /^\^\(\?[imsx]+\)/.exec(p.slice(j));
        if (!m) return;
        caret = true;
        this.out += '^';
        j++;
        this.i = j;
      }
      const m = /^\(\?([imsx]+)\)/.exec(p.slice(j));
      if (!m) return;
      for (const f of m[1]) this.flags.add(f);
      this.i = j + m[0].length;
    }
  }

  private skipExtended(): boolean {
    if (!this.flags.has('x')) return false;
    const c = this.p[this.i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\x0b') {
      this.i++;
      return true;
    }
    if (c === '#') {
      while (this.i < this.p.length && this.p[this.i] !== '\n') this.i++;
      return true;
    }
    return false;
  }

  private token(): void {
    if (this.skipExtended()) return;
    const p = this.p;
    const start = this.i;
    const c = p[this.i];
    // quantifier suffixes: `+` after a quantifier is possessive, `?` lazy
    if (this.afterQuantifier && (c === '+' || c === '?')) {
      this.afterQuantifier = false;
      this.i++;
      if (c === '?') this.out += '?';
      return;
    }
    this.afterQuantifier = false;
    switch (c) {
      case '\\':
        this.escape(false);
        return;
      case '[':
        this.charClass();
        return;
      case '(':
        this.group();
        return;
      case ')':
        if (!this.open.length) this.fail('unmatched closing parenthesis', start, 'remove it or escape it as \\)');
        this.open.pop();
        this.out += ')';
        this.i++;
        return;
      case '*':
      case '+':
      case '?':
        this.out += c;
        this.i++;
        this.afterQuantifier = true;
        return;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.i));
        if (m) {
          this.out += m[0];
          this.i += m[0].length;
          this.afterQuantifier = true;
        } else {
          this.out += '\\{';
          this.i++;
        }
        return;
      }
      case '}':
      case ']':
        this.out += '\\' + c;
        this.i++;
        return;
      case '.':
        // PCRE's newline is \n only: without s, '.' matches everything else (also \r)
        this.out += this.flags.has('s') ? '.' : '[^\\n]';
        this.i++;
        return;
      case '$':
        // PCRE's $ (without m) also matches before a final newline
        this.out += this.flags.has('m') ? '$' : '(?=\\n?$)';
        this.i++;
        return;
      default:
        this.out += c;
        this.i++;
    }
  }

  private group(): void {
    const p = this.p;
    const start = this.i;
    if (p[start + 1] === '*') {
      this.fail('backtracking control verbs such as (*FAIL) are not supported', start);
    }
    if (p[start + 1] !== '?') {
      this.open.push(start);
      this.groupCount++;
      this.out += '(';
      this.i++;
      return;
    }
    const rest = p.slice(start + 2);
    const r0 = rest[0];
    // named groups
    let m = /^(?:P<|<(?![=!])|')([A-Za-z_][A-Za-z0-9_]*)[>']/.exec(rest);
    if (m) {
      const closeQuote = m[0][m[0].length - 1];
      const openQuote = m[0][0] === "'" ? "'" : '<';
      if ((openQuote === "'") !== (closeQuote === "'")) this.fail('malformed group name', start);
      this.open.push(start);
      this.groupCount++;
      this.names.push(m[1]);
      this.out += `(?<${m[1]}>`;
      this.i = start + 2 + m[0].length;
      return;
    }
    if (/^P<|^<(?![=!])|^'/.test(rest)) {
      this.fail('invalid group name', start, 'group names start with a letter or _ and contain only letters, digits and _');
    }
    m = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
    if (m) {
      this.out += `\\k<${m[1]}>`;
      this.i = start + 2 + m[0].length;
      return;
    }
    if (r0 === ':' || r0 === '=' || r0 === '!' || (r0 === '<' && (rest[1] === '=' || rest[1] === '!'))) {
      const len = r0 === '<' ? 2 : 1;
      this.open.push(start);
      this.out += '(?' + rest.slice(0, len);
      this.i = start + 2 + len;
      return;
    }
    if (r0 === '>') {
      // atomic group → plain non-capturing group (see the module comment)
      this.open.push(start);
      this.out += '(?:';
      this.i = start + 3;
      return;
    }
    if (r0 === '#') {
      const end = p.indexOf(')', start);
      if (end < 0) this.fail('unterminated comment group', start);
      this.i = end + 1;
      return;
    }
    if (r0 === 'R' || isDigit(r0) || ((r0 === '+' || r0 === '-') && isDigit(rest[1])) || r0 === '&' || rest.startsWith('P>')) {
      this.fail('recursion and subroutine calls are not supported', start, 'JavaScript regular expressions cannot recurse; rewrite the pattern without (?R)/(?N)/(?&name)');
    }
    if (r0 === '(') this.fail('conditional groups (?(...)...) are not supported', start);
    if (r0 === '|') this.fail('branch reset groups (?|...) are not supported', start);
    if (r0 === 'C') this.fail('callouts are not supported', start);
    // inline flags in the middle: (?flags) or (?flags:...) / (?flags-flags...)
    m = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
    if (m) {
      const on = m[1];
      const off = m[2] ?? '';
      for (const f of on + off) {
        if (!FLAG_LETTERS.has(f)) this.fail(`unknown inline flag "${f}"`, start, 'supported flags are i, m, s and x');
      }
      const noOp = [...on].every((f) => this.flags.has(f)) && [...off].every((f) => !this.flags.has(f));
      if (!noOp) {
        this.fail(
          'inline flags in the middle of a pattern are not supported',
          start,
          'move the flags to the very start of the pattern, e.g. "(?i)..." (they then apply to the whole pattern)',
        );
      }
      if (m[3] === ':') {
        this.open.push(start);
        this.out += '(?:';
      }
      this.i = start + 2 + m[0].length;
      return;
    }
    this.fail('unsupported group syntax', start);
  }

  /** Translates an escape at this.i; inside a class when inClass. */
  private escape(inClass: boolean): void {
    const p = this.p;
    const start = this.i;
    const c = p[start + 1];
    if (c === undefined) this.fail('pattern ends with a backslash', start, 'escape it as \\\\');
    this.i = start + 2;
    if (SAME_ESCAPES.has(c)) {
      if (inClass && (c === 'b' || c === 'B')) {
        // in a PCRE class \b is backspace
        if (c === 'B') this.fail('\\B is not allowed in a character class', start);
        this.out += '\\x08';
        return;
      }
      this.out += '\\' + c;
      return;
    }
    switch (c) {
      case 'A':
        if (inClass) this.fail('\\A is not allowed in a character class', start);
        this.out += this.flags.has('m') ? '(?<![\\s\\S])' : '^';
        return;
      case 'z':
        if (inClass) this.fail('\\z is not allowed in a character class', start);
        this.out += this.flags.has('m') ? '(?![\\s\\S])' : '$';
        return;
      case 'Z':
        if (inClass) this.fail('\\Z is not allowed in a character class', start);
        this.out += this.flags.has('m') ? '(?=\\n?(?![\\s\\S]))' : '(?=\\n?$)';
        return;
      case 'G':
        this.fail('\\G is not supported', start, 'anchor with ^ instead');
        return;
      case 'K':
        this.fail('\\K is not supported', start, 'use a lookbehind (?<=...) instead');
        return;
      case 'h':
        this.out += inClass ? H_CHARS : `[${H_CHARS}]`;
        return;
      case 'H':
        if (inClass) this.fail('\\H is not supported inside a character class', start);
        this.out += `[^${H_CHARS}]`;
        return;
      case 'v':
        this.out += inClass ? V_CHARS : `[${V_CHARS}]`;
        return;
      case 'V':
        if (inClass) this.fail('\\V is not supported inside a character class', start);
        this.out += `[^${V_CHARS}]`;
        return;
      case 'R':
        if (inClass) this.fail('\\R is not allowed in a character class', start);
        this.out += `(?:\\r\\n|[${V_CHARS}])`;
        return;
      case 'N':
        if (inClass) this.fail('\\N is not allowed in a character class', start);
        this.out += '[^\\n]';
        return;
      case 'X':
        this.fail('\\X (extended grapheme cluster) is not supported', start);
        return;
      case 'C':
        this.fail('\\C (single code unit) is not supported', start);
        return;
      case 'e':
        this.out += '\\x1b';
        return;
      case 'a':
        this.out += '\\x07';
        return;
      case 'c': {
        const ctl = p[this.i];
        if (ctl === undefined || !/[A-Za-z]/.test(ctl)) this.fail('\\c must be followed by a letter', start);
        this.out += '\\c' + ctl.toUpperCase();
        this.i++;
        return;
      }
      case 'x': {
        const braced = /^\{([0-9A-Fa-f]+)\}/.exec(p.slice(this.i));
        if (braced) {
          const code = parseInt(braced[1], 16);
          if (code > 0x10ffff) this.fail('character code point too large', start);
          if (code > 0xffff) this.needsU = true;
          this.out += codeEscape(code);
          this.i += braced[0].length;
          return;
        }
        const short = /^[0-9A-Fa-f]{1,2}/.exec(p.slice(this.i));
        const code = short ? parseInt(short[0], 16) : 0;
        this.out += hex4(code);
        if (short) this.i += short[0].length;
        return;
      }
      case 'o': {
        const m = /^\{([0-7]+)\}/.exec(p.slice(this.i));
        if (!m) this.fail('\\o must be followed by {octal digits}', start);
        const code = parseInt(m[1], 8);
        if (code > 0x10ffff) this.fail('character code point too large', start);
        if (code > 0xffff) this.needsU = true;
        this.out += codeEscape(code);
        this.i += m[0].length;
        return;
      }
      case 'p':
      case 'P': {
        const m = /^\{\^?[A-Za-z_&=]+\}|^[A-Za-z]/.exec(p.slice(this.i));
        if (!m) this.fail(`malformed \\${c} property`, start);
        let body = m[0].startsWith('{') ? m[0].slice(1, -1) : m[0];
        let kind = c;
        if (body.startsWith('^')) {
          body = body.slice(1);
          kind = c === 'p' ? 'P' : 'p';
        }
        if (body === 'L&') body = 'LC';
        if (body === 'Any') {
          this.out += kind === 'p' ? (inClass ? '\\s\\S' : '[\\s\\S]') : inClass ? '' : '[^\\s\\S]';
        } else {
          this.out += `\\${kind}{${body}}`;
          this.needsU = true;
        }
        this.i += m[0].length;
        return;
      }
      case 'Q': {
        const end = p.indexOf('\\E', this.i);
        const text = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
        for (const ch of text) this.out += literal(ch, inClass);
        this.i = end < 0 ? p.length : end + 2;
        return;
      }
      case 'E':
        // a stray \E is ignored by PCRE
        return;
      case 'k': {
        if (inClass) this.fail('a back reference is not allowed in a character class', start);
        const m = /^(?:<([A-Za-z_]\w*)>|\{([A-Za-z_]\w*)\}|'([A-Za-z_]\w*)')/.exec(p.slice(this.i));
        if (!m) this.fail('malformed named back reference', start, 'write \\k<name>');
        this.out += `\\k<${m[1] ?? m[2] ?? m[3]}>`;
        this.i += m[0].length;
        return;
      }
      case 'g': {
        if (inClass) this.fail('a back reference is not allowed in a character class', start);
        const rest = p.slice(this.i);
        if (/^[<']/.test(rest)) this.fail('subroutine calls (\\g<...>) are not supported', start);
        const m = /^(?:\{(-?\d+)\}|(-?\d+)|\{([A-Za-z_]\w*)\})/.exec(rest);
        if (!m) this.fail('malformed \\g back reference', start);
        this.i += m[0].length;
        if (m[3] !== undefined) {
          this.out += `\\k<${m[3]}>`;
          return;
        }
        let n = parseInt(m[1] ?? m[2], 10);
        if (n < 0) n = this.groupCount + 1 + n;
        if (n <= 0) this.fail('back reference to a group that does not exist', start);
        // the group keeps a following digit from joining the group number
        this.out += `(?:\\${n})`;
        return;
      }
      default:
        break;
    }
    if (isDigit(c)) {
      const digits = /^\d+/.exec(p.slice(start + 1))![0];
      if (c === '0') {
        // octal: \0 followed by up to two more octal digits
        const oct = /^0[0-7]{0,2}/.exec(digits)![0];
        this.out += hex4(parseInt(oct, 8));
        this.i = start + 1 + oct.length;
        return;
      }
      if (inClass) {
        // in a class \1..\7 are octal, \8 \9 literal digits
        const oct = /^[0-7]{1,3}/.exec(digits);
        if (oct) {
          this.out += hex4(parseInt(oct[0], 8));
          this.i = start + 1 + oct[0].length;
        } else {
          this.out += c;
          this.i = start + 2;
        }
        return;
      }
      this.out += '\\' + digits;
      this.i = start + 1 + digits.length;
      return;
    }
    if (isAlnum(c)) {
      this.fail(`unknown escape \\${c}`, start, `write ${c} without the backslash, or \\\\${c} for a backslash followed by ${c}`);
    }
    // escaped punctuation or other literal character
    this.out += literal(c, inClass);
  }

  private charClass(): void {
    const p = this.p;
    const start = this.i;
    this.i++;
    this.out += '[';
    if (p[this.i] === '^') {
      this.out += '^';
      this.i++;
    }
    let first = true;
    // true after an item that is a set (\d, [:alpha:]...): a '-' next to a set
    // is literal in PCRE, but would form a range (or be an error in u mode) in JS
    let afterSet = false;
    for (;;) {
      if (this.i >= p.length) this.fail('missing closing bracket for character class', start, 'add a "]" or escape the "[" as \\[');
      const c = p[this.i];
      if (c === ']' && !first) {
        this.out += ']';
        this.i++;
        return;
      }
      first = false;
      if (c === '[' && p[this.i + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(this.i));
        if (m) {
          const name = m[2];
          if (!(name in POSIX_CLASSES)) this.fail(`unknown POSIX class [:${name}:]`, this.i);
          if (m[1]) {
            const neg = NEGATED_POSIX[name];
            if (!neg) this.fail(`negated POSIX class [:^${name}:] is not supported`, this.i, 'use a negated character class instead');
            this.out += neg;
          } else {
            this.out += POSIX_CLASSES[name];
          }
          this.i += m[0].length;
          afterSet = true;
          continue;
        }
      }
      if (c === '[' && (p[this.i + 1] === '.' || p[this.i + 1] === '=')) {
        this.fail('POSIX collating elements are not supported', this.i);
      }
      if (c === '\\') {
        afterSet = SET_ESCAPES.has(p[this.i + 1]);
        this.escape(true);
        continue;
      }
      if (c === '-' && (afterSet || this.setFollows(this.i + 1))) {
        this.out += '\\-';
        this.i++;
        afterSet = false;
        continue;
      }
      afterSet = false;
      this.out += c === '[' || c === ']' ? '\\' + c : c;
      this.i++;
    }
  }

  /** True when a set item (\d, [:alpha:]...) starts at offset j inside a class. */
  private setFollows(j: number): boolean {
    const p = this.p;
    return (p[j] === '\\' && SET_ESCAPES.has(p[j + 1])) || (p[j] === '[' && p[j + 1] === ':');
  }
}

/** Translates a PCRE pattern without compiling it. Throws PcreError. */
export function translatePcre(pattern: string): PcreTranslation {
  return new Translator(pattern).run();
}

/** compiled patterns (or their errors), by flags then pattern: no key is built per call */
const cache = new Map<string, Map<string, RegExp | PcreError>>();
const CACHE_LIMIT = 5000;

/**
 * Compiles a PCRE pattern to a RegExp (cached by pattern and flags).
 * `flags` are extra JavaScript flags ("g", "i"...). The returned RegExp is
 * shared: callers that pass "g" or "y" must reset lastIndex or use methods
 * that do (String.prototype.replace, matchAll).
 */
export function compilePcre(pattern: string, flags = ''): RegExp {
  let byPattern = cache.get(flags);
  if (!byPattern) {
    byPattern = new Map();
    cache.set(flags, byPattern);
  }
  const hit = byPattern.get(pattern);
  if (hit !== undefined) {
    if (hit instanceof PcreError) throw hit;
    return hit;
  }
  let result: RegExp | PcreError;
  try {
    const t = translatePcre(pattern);
    const all = new Set([...t.flags, ...flags]);
    try {
      result = new RegExp(t.source, [...all].join(''));
      // a repeated group that can itself repeat: linear-time engine, or refused
      const at = nestedRepeat(t.source);
      if (at >= 0) {
        const lin = linearRegExp(t.source, result.flags);
        result =
          typeof lin === 'string'
            ? new PcreError(`this pattern can take exponential time (a repeated group that itself repeats) and uses ${lin}, which the linear-time engine cannot run`, 0, 'remove the nested repetition, e.g. (a+)+ → a+')
            : lin;
      } else result = boundedRegExp(result);
    } catch (e) {
      const msg = e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') : String(e);
      result = new PcreError(`invalid regular expression: ${msg}`, 0);
    }
  } catch (e) {
    if (!(e instanceof PcreError)) throw e;
    result = e;
  }
  if (byPattern.size >= CACHE_LIMIT) byPattern.clear();
  byPattern.set(pattern, result);
  if (result instanceof PcreError) throw result;
  return result;
}

/** The named groups of a PCRE pattern, in order. Throws PcreError. */
export function pcreGroupNames(pattern: string): string[] {
  return [...translatePcre(pattern).groupNames];
}
