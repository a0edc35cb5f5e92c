import { describe, expect, it } from 'vitest';
import { escapeRegExp, likeTest, wildcardMatch, wildcardTest } from '../../src/values/wildcard.js';

/** The RegExp form these matchers replace: right on short text, exponential on long text. */
const globRe = (p: string, cs: boolean) => new RegExp(`^${p.split('*').map(escapeRegExp).join('[\\s\\S]*')}$`, cs ? 'u' : 'iu');
const likeRe = (p: string) => new RegExp(`^${[...p].map((c) => (c === '%' ? '[\\s\\S]*' : c === '_' ? '[\\s\\S]' : escapeRegExp(c))).join('')}$`, 'u');

/** Small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r: () => number, alphabet: string[], max: number) => Array.from({ length: Math.floor(r() * (max + 1)) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');

describe('wildcard matching without RegExp', () => {
  it('agrees with the RegExp form on 20,000 random patterns and values', () => {
    const r = rng(7);
    for (let i = 0; i < 20000; i++) {
      const p = pick(r, ['a', 'b', 'A', '*', '.', '\n', '😀'], 7);
      const v = pick(r, ['a', 'b', 'A', '.', '\n', '😀'], 9);
      const cs = r() < 0.5;
      expect(wildcardTest(p, cs)(v), `${JSON.stringify(p)} ~ ${JSON.stringify(v)} cs=${cs}`).toBe(globRe(p, cs).test(v));
      const lp = pick(r, ['a', 'b', '%', '_', '😀', '\\'], 7);
      expect(likeTest(lp)(v), `like ${JSON.stringify(lp)} ~ ${JSON.stringify(v)}`).toBe(likeRe(lp).test(v));
    }
  });

  it('matches case-insensitively by default, exactly with CASE', () => {
    expect(wildcardMatch('C:\\Windows\\CMD.exe', '*\\cmd.exe')).toBe(true);
    expect(wildcardMatch('C:\\Windows\\CMD.exe', '*\\cmd.exe', true)).toBe(false);
    expect(wildcardMatch('abc', 'a*c*')).toBe(true);
    expect(wildcardMatch('ab', 'a*b*b')).toBe(false);
  });

  it('takes linear time on patterns that made a backtracking RegExp explode', () => {
    const long = 'a'.repeat(100_000);
    const t = Date.now();
    expect(wildcardTest('*a*a*a*a*a*a*a*a*a*a*a*a*b')(long)).toBe(false);
    expect(wildcardTest('*a*a*a*a*a*a*a*a*a*a*a*a*b')(long + 'b')).toBe(true);
    expect(likeTest('%a%a%a%a%a%a%a%a%a%a%a%b%')(long)).toBe(false);
    expect(likeTest('%a_a%a%a%a%a%a%a%a%a%a%b')(long + 'b')).toBe(true);
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});
