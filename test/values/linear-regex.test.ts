import { describe, expect, it } from 'vitest';
import { compilePcre, PcreError, translatePcre } from '../../src/values/regex.js';
import { LinearRegExp, nestedRepeat } from '../../src/values/linear-regex.js';

describe('nested repeats run on the linear-time engine', () => {
  it('finds repeated groups that can themselves repeat or branch, and nothing else', () => {
    expect(nestedRepeat('(a+)+$')).toBe(0);
    expect(nestedRepeat('x(?<n>(\\w+\\s?)*)')).toBe(6);
    expect(nestedRepeat('(?:a|ab)+c')).toBe(0);
    expect(nestedRepeat('(?:\\d{1,3}\\.){3}\\d{1,3}')).toBe(-1);
    expect(nestedRepeat('(a+)?b*[(+)]+')).toBe(-1);
    expect(nestedRepeat('\\((a+)\\)+')).toBe(-1);
  });

  it('gives the same matches and groups as RegExp on ordinary input', () => {
    const cases: [string, string[]][] = [
      ['(?<w>(?:\\w+\\s?)+)!', ['hello world!', 'no', 'a b c!x']],
      ['(?i)user=(?<u>(?:[a-z]+\\.?)+)', ['USER=John.Smith rest', 'user=', 'x user=a.b.']],
      ['^(a+)+$', ['aaa', 'aab', '', 'aaa\n']],
      ['(?:ab|a)+c', ['xxababac', 'abab']],
    ];
    for (const [p, inputs] of cases) {
      const lin = compilePcre(p);
      expect(lin).toBeInstanceOf(LinearRegExp);
      const t = translatePcre(p);
      const ref = new RegExp(t.source, t.flags);
      for (const s of inputs) {
        const a = lin.exec(s);
        const b = ref.exec(s);
        expect(a && { m: [...a], i: a.index, g: { ...a.groups } }, `${p} on ${JSON.stringify(s)}`).toEqual(b && { m: [...b], i: b.index, g: { ...b.groups } });
      }
      const g = compilePcre(p, 'g');
      expect('a1 ab a2'.replace(g, '#')).toBe('a1 ab a2'.replace(new RegExp(t.source, t.flags + 'g'), '#'));
    }
  });

  it('finishes at once where a backtracking engine would not', () => {
    const t = Date.now();
    expect(compilePcre('^(a+)+$').test('a'.repeat(30) + '!')).toBe(false);
    expect(compilePcre('(a+)+$').test('a'.repeat(5000) + '!')).toBe(false);
    expect(compilePcre('msg=(?<x>(a+)+$)').exec('msg=' + 'a'.repeat(5000))?.groups?.x).toHaveLength(5000);
    expect(Date.now() - t).toBeLessThan(20_000);
  });

  it('refuses a nested repeat that needs what the linear engine lacks', () => {
    expect(() => compilePcre('(a+)+\\1')).toThrow(PcreError);
    expect(() => compilePcre('(?=x)(a+)+')).toThrow(/exponential time/);
  });
});
