import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean, editDistance } from '../../src/diagnostics/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('sysmon', 'sysmon')).toBe(0);
    expect(editDistance('sysmn', 'sysmon')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('counts the swap of two neighbouring characters as one edit', () => {
    expect(editDistance('stast', 'stats')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    // optimal string alignment: no edit of a swapped pair (ca -> ac -> abc is 3)
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('gives up past the limit with limit + 1', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    // the limit does not cut a distance that a later swap brings back under it
    expect(editDistance('abcd', 'badc', 2)).toBe(2);
  });
});

describe('closestNames', () => {
  const commands = ['stats', 'eventstats', 'streamstats', 'table', 'eval', 'where', 'rex'];
  it('finds the nearest names, only those at the smallest distance', () => {
    expect(closestNames('stast', ['stats', 'tstats', 'spath'])).toEqual(['stats']);
    expect(closestNames('abcx', ['abcy', 'abcz', 'abyz'])).toEqual(['abcy', 'abcz']);
    expect(closestNames('stast', commands)).toEqual(['stats']);
    expect(closestNames('tabel', commands)).toEqual(['table']);
    expect(closestNames('evl', commands)).toEqual(['eval']);
  });

  it('suggests a known name the user wrote more after', () => {
    expect(closestNames('substring', ['substr', 'sub'])).toEqual(['substr']);
    expect(closestNames('substring', ['substrings'])).toEqual(['substrings']);
  });

  it('puts a name differing only by case first', () => {
    expect(closestNames('Stats', commands)[0]).toBe('stats');
  });

  it('suggests nothing for a name far from all', () => {
    expect(closestNames('frobnicate', commands)).toEqual([]);
  });

  it('does not replace a whole short name', () => {
    // a two-letter name allows one edit: 'ab' would be two
    expect(closestNames('zz', ['ab', 'za'])).toEqual(['za']);
  });

  it('gives no suggestion for a text far longer than a name, quickly', () => {
    const long = 'a'.repeat(100_000);
    const t0 = Date.now();
    expect(closestNames(long, [long + 'b', 'a'])).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('never suggests the name itself and at most three', () => {
    expect(closestNames('ab', ['ab'])).toEqual([]);
    expect(closestNames('abcd', ['abce', 'abcf', 'abcg', 'abch'])).toEqual(['abce', 'abcf', 'abcg']);
  });
});

describe('didYouMean', () => {
  it('quotes and lists the names', () => {
    expect(didYouMean(['stats'])).toBe("did you mean 'stats'?");
    expect(didYouMean(['a', 'b'], (n) => `\`${n}\``)).toBe('did you mean `a`, `b`?');
    expect(didYouMean([])).toBeUndefined();
  });
});
