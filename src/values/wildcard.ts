/**
 * Wildcard matching as the search command does it: `*` matches any run of
 * characters (also none), every other character is literal, the whole value
 * must match, and by default case is ignored. Also SQL LIKE patterns (`%`,
 * `_`) for eval's like().
 *
 * These are matched directly, not through a backtracking RegExp: a pattern
 * such as `*a*a*a*a*a*a*a*a*a*a*b` over a long value took exponential time as
 * a RegExp. Here a `*`-only pattern places each literal segment at its
 * leftmost position (which is exact: a later segment can always start
 * further right, never needs an earlier one moved), so a test costs at most
 * one indexOf scan of the value per segment; LIKE patterns, with `_`, use the
 * two-pointer match that backs up only to the last `%`: O(value × pattern)
 * in the worst case, never exponential.
 */

/** Escapes every RegExp metacharacter of a literal string. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export type StringTest = (s: string) => boolean;

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*');
}

/** The whole of `value` matches the `*`-separated literal `segs`. */
function segmentsMatch(value: string, segs: readonly string[]): boolean {
  const last = segs.length - 1;
  if (last === 0) return value === segs[0];
  const head = segs[0];
  const tail = segs[last];
  if (value.length < head.length + tail.length || !value.startsWith(head) || !value.endsWith(tail)) return false;
  let pos = head.length;
  const end = value.length - tail.length;
  for (let i = 1; i < last; i++) {
    const seg = segs[i];
    if (seg === '') continue;
    const at = value.indexOf(seg, pos);
    if (at < 0 || at + seg.length > end) return false;
    pos = at + seg.length;
  }
  return true;
}

const cache = new Map<string, StringTest>();

/**
 * A compiled search-language wildcard pattern. Case-insensitive matching
 * compares lower-cased text (the RegExp `i` flag this replaces folded case
 * per character; they differ only for the few characters whose lower case
 * is longer, such as U+0130).
 */
export function wildcardTest(pattern: string, caseSensitive = false): StringTest {
  const key = (caseSensitive ? 'c' : 'i') + pattern;
  let test = cache.get(key);
  if (!test) {
    if (pattern === '*') test = () => true;
    else {
      const segs = (caseSensitive ? pattern : pattern.toLowerCase()).split('*');
      test = caseSensitive ? (s) => segmentsMatch(s, segs) : (s) => segmentsMatch(s.toLowerCase(), segs);
    }
    if (cache.size > 10000) cache.clear();
    cache.set(key, test);
  }
  return test;
}

/** Matches a value against a search-language pattern. */
export function wildcardMatch(value: string, pattern: string, caseSensitive = false): boolean {
  if (!hasWildcard(pattern)) {
    return caseSensitive ? value === pattern : value.length === pattern.length && value.toLowerCase() === pattern.toLowerCase();
  }
  return wildcardTest(pattern, caseSensitive)(value);
}

const ANY = 0;
const ONE = 1;
type LikeToken = string | typeof ANY | typeof ONE;

/** True when the string has a surrogate pair, so that characters must be counted by code point. */
function hasAstral(s: string): boolean {
  return /[\ud800-\udfff]/.test(s);
}

/** Two-pointer LIKE match over characters (code points); backs up only to the last `%`. */
function likeMatch(chars: ArrayLike<string>, p: readonly LikeToken[]): boolean {
  const n = chars.length;
  const m = p.length;
  let si = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (si < n) {
    const t = p[pi];
    if (pi < m && (t === ONE || t === chars[si])) {
      si++;
      pi++;
    } else if (pi < m && t === ANY) {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < m && p[pi] === ANY) pi++;
  return pi === m;
}

const likeCache = new Map<string, StringTest>();

/**
 * A compiled SQL LIKE pattern: `%` any run (also none), `_` exactly one
 * character (code point), everything else literal, the whole value must
 * match, case-sensitively.
 */
export function likeTest(pattern: string): StringTest {
  let test = likeCache.get(pattern);
  if (!test) {
    const tokens: LikeToken[] = [];
    for (const ch of pattern) {
      if (ch === '%') {
        if (tokens[tokens.length - 1] !== ANY) tokens.push(ANY);
      } else tokens.push(ch === '_' ? ONE : ch);
    }
    test = (s) => likeMatch(hasAstral(s) ? Array.from(s) : s, tokens);
    if (likeCache.size > 5000) likeCache.clear();
    likeCache.set(pattern, test);
  }
  return test;
}
