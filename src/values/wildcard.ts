/**
 * Wildcard matching as the search command does it: `*` matches any run of
 * characters (also none), every other character is literal, the whole value
 * must match, and by default case is ignored.
 */
const cache = new Map<string, RegExp>();

/** Escapes every RegExp metacharacter of a literal string. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function wildcardRegExp(pattern: string, caseSensitive = false): RegExp {
  const key = (caseSensitive ? 'c' : 'i') + pattern;
  let re = cache.get(key);
  if (!re) {
    const body = pattern.split('*').map(escapeRegExp).join('[\\s\\S]*');
    re = new RegExp(`^${body}$`, caseSensitive ? 'u' : 'iu');
    if (cache.size > 10000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*');
}

/** Matches a value against a search-language pattern. */
export function wildcardMatch(value: string, pattern: string, caseSensitive = false): boolean {
  if (!hasWildcard(pattern)) {
    return caseSensitive ? value === pattern : value.length === pattern.length && value.toLowerCase() === pattern.toLowerCase();
  }
  if (pattern === '*') return true;
  return wildcardRegExp(pattern, caseSensitive).test(value);
}
