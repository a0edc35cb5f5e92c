/**
 * Patterns that a backtracking engine can take exponential time on run on a
 * linear-time engine instead.
 *
 * V8's RegExp backtracks: `(a+)+$` over 30 a's and a `!` tries 2^30 ways
 * before failing, and one such test over a 5,000-character event never ends.
 * The classic cause is a repeated group whose body can itself repeat or
 * branch (`(a+)+`, `(\w+\s?)*`, `(a|ab)+`): the engine can split the same
 * text between the inner and outer repeats in exponentially many ways.
 * `nestedRepeat()` finds such a group in a translated pattern; those
 * patterns run on RE2JS (npm `re2js`, a pure-JavaScript port of RE2, which
 * matches in time linear in the text), wrapped as a RegExp subclass whose
 * `exec` every RegExp and String method (test, replace, matchAll, split)
 * goes through. Captures follow the same leftmost-first rules as RegExp.
 * Every other pattern keeps V8's RegExp, which is much faster on ordinary
 * patterns.
 *
 * RE2 has no backreferences and no look-around: a nested-repeat pattern
 * that needs them cannot be bounded, and is refused (PcreError) rather than
 * risk a hang.
 *
 * Without nesting, repeats still multiply: a failing `.*a.*b` tries every
 * split of the text between its two `.*`s from every start, n³ steps (V8
 * takes 0.2 s over 1,000 characters and 20 s over 4,000; `.*b` alone takes
 * 7 s over 100,000). `repeatDegree()` bounds the exponent by the number of
 * unbounded repeats (plus one when the search is unanchored), and a
 * `GuardedRegExp` runs V8 on a text short enough that n^degree stays under
 * STEP_BUDGET, and RE2 on a longer one. Ordinary values (a path, a command
 * line) stay on V8; a long line never hangs. One look-ahead is ours, not the user's: PCRE's `$` (end, or
 * before a final newline) is translated to `(?=\n?$)`; on RE2 it becomes
 * `$` matched against the text without its final newline.
 */
import { RE2JS } from 're2js';

/** Offset of the first repeated group whose body can repeat or branch, or -1. */
export function nestedRepeat(src: string): number {
  interface Group {
    start: number;
    risky: boolean;
  }
  const stack: Group[] = [{ start: 0, risky: false }];
  /** reads a quantifier at i: [length, repeats more than once without bound or above 1] */
  const quant = (i: number): [number, boolean] => {
    const c = src[i];
    if (c === '*' || c === '+') return [1, true];
    if (c === '?') return [1, false];
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 24));
      if (m) return [m[0].length, m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1)];
    }
    return [0, false];
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    let atomEnd: number;
    let closed: Group | undefined;
    if (c === '\\') atomEnd = i + 2;
    else if (c === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      stack.push({ start: i, risky: false });
      if (src[i + 1] !== '?') i += 1;
      else if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') i = src.indexOf('>', i) + 1; // (?<name>
      else i += src[i + 2] === '<' ? 4 : 3; // (?<= (?<! (?: (?= (?!
      continue;
    } else if (c === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined;
      atomEnd = i + 1;
    } else if (c === '|') {
      stack[stack.length - 1].risky = true;
      i++;
      continue;
    } else atomEnd = i + 1;
    const [qlen, repeats] = quant(atomEnd);
    if (closed && repeats && closed.risky) return closed.start;
    const top = stack[stack.length - 1];
    if (repeats || closed?.risky) top.risky = true;
    i = atomEnd + qlen;
    if (qlen && (src[i] === '?' || src[i] === '+')) i++;
  }
  return -1;
}

/**
 * The polynomial degree a backtracking search can reach on a pattern: its
 * unbounded repeats (`*`, `+`, `{n,}`), plus one for trying every start
 * unless the pattern begins with `^`. Over-counts (a `[^<]*<` never
 * backtracks much), which only moves a long text to the linear engine.
 */
export function repeatDegree(src: string, multiline = false): number {
  let n = src.startsWith('^') && !multiline ? 0 : 1;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') {
      inClass = true;
      if (src[i + 1] === '^') i++;
      if (src[i + 1] === ']') i++;
    } else if (c === '*' || c === '+') {
      // a possessive or lazy marker after a quantifier is not another repeat
      if (!(c === '+' && /[*+?}]/.test(src[i - 1] ?? '') && src[i - 2] !== '\\')) n++;
    } else if (c === '{' && /^\{\d+,\}/.test(src.slice(i, i + 24))) n++;
  }
  return n;
}

/**
 * Steps a backtracking match may take before the linear engine is used:
 * 5e7 is about 50 ms of V8 ([decision]: Splunk bounds PCRE by
 * limits.conf `[rex] match_limit` and fails the search; we keep the answer
 * and only change engines).
 */
export const STEP_BUDGET = 5e7;

const END = '(?=\\n?$)';

/** The RE2 spelling of a translated (JavaScript) pattern, or why there is none. */
function re2Source(src: string): { source: string; stripEnd: boolean } | { problem: string } {
  let out = '';
  let stripEnd = false;
  let inClass = false;
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (!inClass && src.startsWith(END, i)) {
      out += '$';
      stripEnd = true;
      i += END.length;
      continue;
    }
    if (c === '\\') {
      const d = src[i + 1];
      if (d === 'u' && src[i + 2] === '{') {
        const close = src.indexOf('}', i);
        out += `\\x{${src.slice(i + 3, close)}}`;
        i = close + 1;
      } else if (d === 'u') {
        out += `\\x{${src.slice(i + 2, i + 6)}}`;
        i += 6;
      } else if (!inClass && (/[1-9]/.test(d) || d === 'k')) return { problem: 'a backreference' };
      else if (d === 'c') return { problem: 'a control escape' };
      else {
        out += c + d;
        i += 2;
      }
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (src[i] === '^') out += src[i++];
      continue;
    } else if (c === '(' && src[i + 1] === '?' && (src[i + 2] === '=' || src[i + 2] === '!' || (src[i + 2] === '<' && (src[i + 3] === '=' || src[i + 3] === '!')))) {
      return { problem: 'a look-ahead or look-behind' };
    }
    out += c;
    i++;
  }
  return { source: out, stripEnd };
}

interface Linear {
  readonly re2: RE2JS;
  readonly stripEnd: boolean;
  readonly names: readonly [string, number][];
}
const compiled = new Map<string, Linear>();

/** Compiles for RE2; throws an Error whose message says why it cannot. */
function linear(source: string, flags: string): Linear {
  const key = flags + '/' + source;
  let l = compiled.get(key);
  if (!l) {
    const r = re2Source(source);
    if ('problem' in r) throw new Error(r.problem);
    let f = 0;
    if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
    if (flags.includes('s')) f |= RE2JS.DOTALL;
    if (flags.includes('m')) f |= RE2JS.MULTILINE;
    const re2 = RE2JS.compile(r.source, f);
    l = { re2, stripEnd: r.stripEnd && !flags.includes('m'), names: Object.entries(re2.namedGroups()) };
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, l);
  }
  return l;
}

/** A RegExp whose matching runs on RE2JS: linear time in the text. */
export class LinearRegExp extends RegExp {
  private readonly linear: Linear;
  constructor(pattern: string | RegExp, flags?: string) {
    super(pattern, flags);
    this.linear = linear(this.source, this.flags);
  }

  override exec(input: string): RegExpExecArray | null {
    const s = String(input);
    const { re2, stripEnd, names } = this.linear;
    const sticky = this.global || this.sticky;
    const from = sticky ? this.lastIndex : 0;
    if (from > s.length) {
      this.lastIndex = 0;
      return null;
    }
    const subject = stripEnd && s.endsWith('\n') ? s.slice(0, -1) : s;
    const m = re2.matcher(subject);
    if (from > subject.length || !m.find(from) || (this.sticky && m.start() !== from)) {
      if (sticky) this.lastIndex = 0;
      return null;
    }
    const n = re2.groupCount();
    const arr: (string | undefined)[] = [];
    for (let g = 0; g <= n; g++) arr.push(m.group(g) ?? undefined);
    let groups: Record<string, string | undefined> | undefined;
    if (names.length) {
      groups = Object.create(null) as Record<string, string | undefined>;
      for (const [name, idx] of names) groups[name] = arr[idx];
    }
    if (sticky) this.lastIndex = m.end();
    return Object.assign(arr as string[], { index: m.start(), input: s, groups }) as RegExpExecArray;
  }
}

/**
 * V8's RegExp on texts up to `limit` characters, RE2 on longer ones: the
 * same matches, in time bounded by STEP_BUDGET or linear in the text.
 */
export class GuardedRegExp extends RegExp {
  private readonly limit: number;
  private readonly linear: LinearRegExp;
  constructor(pattern: string | RegExp, flags?: string) {
    super(pattern, flags);
    this.linear = new LinearRegExp(this.source, this.flags);
    this.limit = Math.floor(STEP_BUDGET ** (1 / repeatDegree(this.source, this.multiline)));
  }

  override exec(input: string): RegExpExecArray | null {
    const s = String(input);
    if (s.length <= this.limit) return super.exec(s);
    this.linear.lastIndex = this.lastIndex;
    const m = this.linear.exec(s);
    this.lastIndex = this.linear.lastIndex;
    return m;
  }

  /** replace on a short text keeps V8's fast path (a RegExp subclass with its own exec loses it) */
  private plain: RegExp | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override [Symbol.replace](input: string, replacer: any): string {
    const s = String(input);
    if (s.length > this.limit) return super[Symbol.replace](s, replacer);
    const p = (this.plain ??= new RegExp(this.source, this.flags));
    p.lastIndex = this.lastIndex;
    const out = p[Symbol.replace](s, replacer);
    this.lastIndex = p.lastIndex;
    return out;
  }
}

/**
 * The RegExp to run a translated pattern with no nested repeat on: a plain
 * RegExp when backtracking stays within STEP_BUDGET on any text of up to
 * 1 MB (few repeats), else a GuardedRegExp; a plain RegExp also when RE2
 * cannot run the pattern (a backreference or look-around: not bounded).
 */
export function boundedRegExp(re: RegExp): RegExp {
  if (STEP_BUDGET ** (1 / repeatDegree(re.source, re.multiline)) >= 1 << 20) return re;
  try {
    return new GuardedRegExp(re.source, re.flags);
  } catch {
    return re;
  }
}

/** A LinearRegExp for a translated pattern, or the reason RE2 cannot run it. */
export function linearRegExp(source: string, flags: string): LinearRegExp | string {
  try {
    return new LinearRegExp(source, flags);
  } catch (e) {
    return (e as Error).message.replace(/^error parsing regexp: /, '');
  }
}
