/**
 * Field-name wildcards (`fields a*`, `rename Processes.* AS *`, `convert
 * ctime(*time)`): `*` matches any run of characters, case-sensitively
 * (field names are case-sensitive).
 */
import { escapeRegExp } from '../values/wildcard.js';

const cache = new Map<string, RegExp>();

export function fieldPattern(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp('^' + pattern.split('*').map(escapeRegExp).join('(.*?)') + '$', 's');
    cache.set(pattern, re);
  }
  return re;
}

export function matchesField(name: string, pattern: string): boolean {
  return pattern.includes('*') ? fieldPattern(pattern).test(name) : name === pattern;
}

/** Fields of `names` that match any of the patterns, in the order of `names`. */
export function expandFieldPatterns(names: Iterable<string>, patterns: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) if (patterns.some((p) => matchesField(n, p))) out.push(n);
  return out;
}

/**
 * Renames with wildcards: the parts matched by the `*`s of `from` fill the
 * `*`s of `to` in order (`Processes.* AS *`, `*_ip AS ip_*`).
 */
export function renameField(name: string, from: string, to: string): string | undefined {
  if (!from.includes('*')) return name === from ? to : undefined;
  const m = fieldPattern(from).exec(name);
  if (!m) return undefined;
  let i = 1;
  return to.replace(/\*/g, () => m[i++] ?? '');
}
