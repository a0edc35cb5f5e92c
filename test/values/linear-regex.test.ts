import { describe, expect, it } from 'vitest';
import { compilePcre, PcreError, translatePcre } from '../../src/values/regex.js';
import { GuardedRegExp, LinearRegExp, nestedRepeat, repeatDegree } from '../../src/values/linear-regex.js';

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

describe('repeats that multiply run on the linear engine over long texts', () => {
  it('counts unbounded repeats, plus one for an unanchored search', () => {
    expect(repeatDegree('abc')).toBe(1);
    expect(repeatDegree('^abc')).toBe(0);
    expect(repeatDegree('.*a.*b')).toBe(3);
    expect(repeatDegree('^.*a.*b')).toBe(2);
    expect(repeatDegree('^a', true)).toBe(1); // ^ in multiline mode matches at every line
    expect(repeatDegree('x{2,}y{2,3}z?')).toBe(2);
    expect(repeatDegree('a*?b+?')).toBe(3); // lazy markers are not repeats
    expect(repeatDegree('[*+]\\*\\+')).toBe(1); // nor are quoted or classed * and +
  });

  it('keeps a plain RegExp where no text can blow up, and guards the others', () => {
    expect(compilePcre('^user=(\\w)')).not.toBeInstanceOf(GuardedRegExp);
    expect(compilePcre('^user=(\\w+)')).not.toBeInstanceOf(GuardedRegExp);
    expect(compilePcre('user=(?<u>\\w+)')).toBeInstanceOf(GuardedRegExp);
    // a backreference RE2 cannot run: left to V8, as before
    expect(compilePcre('(\\w+) \\1.*x')).not.toBeInstanceOf(GuardedRegExp);
  });

  it('gives the same matches on a text long enough to switch engines', () => {
    const filler = 'k=v '.repeat(3000); // 12,000 characters: past the limit of any guarded pattern
    const cases: [string, string[]][] = [
      ['(?<path>.*)\\\\(?<name>.*)', ['C:\\Windows\\System32\\cmd.exe', filler + 'C:\\x\\y.exe', filler]],
      ['user=(?<u>\\w+)', ['user=bob ' + filler, filler + 'user=eve', filler]],
      ['(?i)a.*B$', ['xA..b', filler + 'ab', filler + 'ab\n', filler]],
    ];
    for (const [p, inputs] of cases) {
      const g = compilePcre(p);
      expect(g).toBeInstanceOf(GuardedRegExp);
      const t = translatePcre(p);
      const ref = new RegExp(t.source, t.flags);
      for (const s of inputs) {
        const a = g.exec(s);
        const b = ref.exec(s);
        expect(a && { m: [...a], i: a.index, g: { ...a.groups } }, `${p} on ${s.length} characters`).toEqual(b && { m: [...b], i: b.index, g: { ...b.groups } });
      }
      const all = compilePcre(p, 'g');
      for (const s of inputs) expect(s.replace(all, '#')).toBe(s.replace(new RegExp(t.source, t.flags + 'g'), '#'));
    }
  });

  it('answers at once where backtracking takes n³ steps or more', () => {
    const t = Date.now();
    expect(compilePcre('.*a.*b').test('a'.repeat(5000))).toBe(false); // V8 alone: about 40 s
    expect(compilePcre('.*a.*a.*a.*b').test('a'.repeat(2000))).toBe(false);
    expect(compilePcre('x=.*b').test('x=' + 'a'.repeat(400_000))).toBe(false);
    expect(compilePcre('(?<x>.*)a.*a.*b', 'g').exec('a'.repeat(1000) + 'b')?.groups?.x).toHaveLength(998);
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});
