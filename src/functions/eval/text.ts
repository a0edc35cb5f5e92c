/**
 * Text functions.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/text-functions
 *
 * Every function returns NULL when its string argument is NULL.
 * Multivalue arguments: lower, upper, trim, ltrim, rtrim, replace and
 * urldecode work on every value; len, substr and split need a single value
 * and return NULL for a multivalue.
 */
import type { EvalFunction } from './types.js';
import type { Scalar } from '../../values/value.js';
import { checkRegexArg, codePointLength, define, int, isBmp, perValue, result, runtimeRegex, str } from './util.js';

const lowerFn = define('lower', 1, 1, (args, env) => perValue(args[0](env), (s) => s.toLowerCase()));
const upperFn = define('upper', 1, 1, (args, env) => perValue(args[0](env), (s) => s.toUpperCase()));

const lenFn = define('len', 1, 1, (args, env) => {
  const s = str(args[0](env));
  return s === null ? null : codePointLength(s);
});

/**
 * substr with SQLite's rules (the documentation says the indexes "follow
 * SQLite semantics"): 1-based start, negative start counts from the end,
 * start 0 stands before the first character, a negative length takes the
 * characters before start. https://www.sqlite.org/lang_corefunc.html#substr
 */
export function sqliteSubstr(s: string, start: number, length: number | undefined): string {
  const chars = isBmp(s) ? null : Array.from(s);
  const len = chars ? chars.length : s.length;
  let p1 = start;
  let p2 = length === undefined ? len + Math.abs(start) + 1 : length;
  let negP2 = false;
  if (p2 < 0) {
    p2 = -p2;
    negP2 = true;
  }
  if (p1 < 0) {
    p1 += len;
    if (p1 < 0) {
      p2 += p1;
      if (p2 < 0) p2 = 0;
      p1 = 0;
    }
  } else if (p1 > 0) {
    p1--;
  } else if (p2 > 0) {
    p2--;
  }
  if (negP2) {
    p1 -= p2;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  }
  if (p1 >= len) return '';
  const end = Math.min(len, p1 + p2);
  if (end <= p1) return '';
  return chars ? chars.slice(p1, end).join('') : s.slice(p1, end);
}

const substrFn = define('substr', 2, 3, (args, env) => {
  const s = str(args[0](env));
  if (s === null) return null;
  const start = int(args[1](env));
  if (start === null) return null;
  let length: number | undefined;
  if (args.length > 2) {
    const l = int(args[2](env));
    if (l === null) return null;
    length = l;
  }
  return sqliteSubstr(s, start, length);
});

function trimSet(chars: string | null): Set<string> {
  return new Set(chars === null ? [' ', '\t'] : Array.from(chars));
}

function trimWith(s: string, set: Set<string>, left: boolean, right: boolean): string {
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  if (left) while (a < b && set.has(chars[a])) a++;
  if (right) while (b > a && set.has(chars[b - 1])) b--;
  return a === 0 && b === chars.length ? s : chars.slice(a, b).join('');
}

function trimFamily(name: string, left: boolean, right: boolean): EvalFunction {
  // default: spaces and tabs (Text functions page, trim/ltrim/rtrim)
  const defaultSet = trimSet(null);
  return define(name, 1, 2, (args, env) => {
    const v = args[0](env);
    let set = defaultSet;
    if (args.length > 1) {
      const chars = str(args[1](env));
      if (chars === null) return null;
      set = trimSet(chars);
    }
    return perValue(v, (s) => trimWith(s, set, left, right));
  });
}

/** A parsed replacement: literal pieces and group numbers. */
type Replacement = readonly (string | number)[];
const replacementCache = new Map<string, Replacement>();

/**
 * Parses a PCRE-style replacement: `\0`..`\9` insert a group (an unmatched
 * group inserts nothing), `\\` a backslash; `$` and everything else is literal.
 */
export function parseReplacement(rep: string): Replacement {
  let parsed = replacementCache.get(rep);
  if (parsed) return parsed;
  const out: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '\\' && i + 1 < rep.length) {
      const d = rep[i + 1];
      if (d >= '0' && d <= '9') {
        if (lit) out.push(lit);
        lit = '';
        out.push(d.charCodeAt(0) - 48);
        i++;
        continue;
      }
      if (d === '\\') {
        lit += '\\';
        i++;
        continue;
      }
    }
    lit += c;
  }
  if (lit) out.push(lit);
  parsed = out;
  if (replacementCache.size > 5000) replacementCache.clear();
  replacementCache.set(rep, parsed);
  return parsed;
}

export function replaceAll(s: string, re: RegExp, rep: Replacement): string {
  return s.replace(re, (...m: unknown[]) => {
    // m: match, g1..gn, offset, input[, groups]
    let out = '';
    for (const part of rep) {
      if (typeof part === 'string') out += part;
      else {
        const g = m[part];
        if (typeof g === 'string') out += g;
      }
    }
    return out;
  });
}

const replaceFn = define(
  'replace',
  3,
  3,
  (args, env) => {
    const v = args[0](env);
    if (v === null || v === undefined) return null;
    const pat = str(args[1](env));
    const rep = str(args[2](env));
    if (pat === null || rep === null) return null;
    const re = runtimeRegex(pat, 'g');
    if (!re) return null;
    const parsed = parseReplacement(rep);
    return perValue(v, (s) => replaceAll(s, re, parsed));
  },
  (info) => checkRegexArg(info, 1),
);

const splitFn = define('split', 2, 2, (args, env) => {
  const s = str(args[0](env));
  const d = str(args[1](env));
  if (s === null || d === null) return null;
  const parts: Scalar[] = d === '' ? Array.from(s) : s.split(d);
  return result(parts);
});

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const utf8 = new TextDecoder('utf-8');

/**
 * URL decoding: %XX sequences are bytes of UTF-8 text and '+' is a space
 * (form encoding, as in Splunk's urldecode example of a query string); a
 * malformed % sequence is kept as it is.
 */
export function urlDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length) {
      out += utf8.decode(Uint8Array.from(bytes));
      bytes = [];
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%' && i + 2 < s.length) {
      const h = hexVal(s.charCodeAt(i + 1));
      const l = hexVal(s.charCodeAt(i + 2));
      if (h >= 0 && l >= 0) {
        bytes.push(h * 16 + l);
        i += 2;
        continue;
      }
    }
    flush();
    out += c === '+' ? ' ' : c;
  }
  flush();
  return out;
}

const urldecodeFn = define('urldecode', 1, 1, (args, env) => perValue(args[0](env), urlDecode));

export const textFunctions: readonly EvalFunction[] = [
  lowerFn,
  upperFn,
  lenFn,
  substrFn,
  trimFamily('trim', true, true),
  trimFamily('ltrim', true, false),
  trimFamily('rtrim', false, true),
  replaceFn,
  splitFn,
  urldecodeFn,
];
