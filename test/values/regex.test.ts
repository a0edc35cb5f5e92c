import { describe, expect, it } from 'vitest';
import { compilePcre, pcreGroupNames, PcreError, translatePcre } from '../../src/values/regex.js';

/** The PcreError a pattern raises (fails the test when it compiles). */
function errorOf(pattern: string): PcreError {
  try {
    compilePcre(pattern);
  } catch (e) {
    if (e instanceof PcreError) return e;
    throw e;
  }
  throw new Error(`expected ${pattern} to be rejected`);
}

describe('compilePcre translations', () => {
  it('named groups (?P<name>...) and (?\'name\'...)', () => {
    const re = compilePcre('(?P<user>\\w+)@(?\'host\'[\\w.]+)');
    const m = re.exec('alice@example.com')!;
    expect(m.groups).toEqual({ user: 'alice', host: 'example.com' });
    expect(compilePcre('(?<x>a)').exec('a')!.groups!.x).toBe('a');
  });

  it('named back references (?P=name), \\k{name}, \\g{name}', () => {
    expect(compilePcre('(?P<q>["\']).*?(?P=q)').exec('say "hi" now')![0]).toBe('"hi"');
    expect(compilePcre('(?<w>ab)\\k{w}').test('abab')).toBe(true);
    expect(compilePcre("(?<w>ab)\\k'w'").test('abab')).toBe(true);
    expect(compilePcre('(?<w>ab)\\g{w}').test('abab')).toBe(true);
  });

  it('numbered back references \\g1, \\g{1}, relative \\g{-1}', () => {
    expect(compilePcre('(a)(b)\\g{-1}').test('abb')).toBe(true);
    expect(compilePcre('(a)(b)\\g{-1}').test('aba')).toBe(false);
    expect(compilePcre('(a)\\g1').test('aa')).toBe(true);
    // \g1 followed by a digit stays group 1 then a literal digit
    expect(compilePcre('(a)\\g{1}0').test('aa0')).toBe(true);
  });

  it('leading inline flags become RegExp flags', () => {
    expect(compilePcre('(?i)hello').test('HeLLo')).toBe(true);
    expect(compilePcre('(?i)hello').flags).toContain('i');
    expect(compilePcre('(?s)a.b').test('a\nb')).toBe(true);
    expect(compilePcre('a.b').test('a\nb')).toBe(false);
    expect(compilePcre('(?m)^b$').test('a\nb\nc')).toBe(true);
    expect(compilePcre('^b$').test('a\nb\nc')).toBe(false);
    const im = compilePcre('(?im)^X$');
    expect(im.flags).toContain('i');
    expect(im.flags).toContain('m');
    expect(im.test('a\nx')).toBe(true);
    expect(compilePcre('(?i)(?s)A.B').test('a\nb')).toBe(true);
    // after a leading ^ the flags still apply to the whole pattern
    expect(compilePcre('^(?i)abc').test('ABC')).toBe(true);
  });

  it('(?x) drops white space and comments outside classes', () => {
    const re = compilePcre('(?x) \\d{3}  - \\d{4}  # a phone number\n [ ]x');
    expect(re.source).not.toContain('#');
    expect(re.test('555-1234 x')).toBe(true);
    expect(re.test('5551234 x')).toBe(false);
    // an escaped space stays
    expect(compilePcre('(?x)a\\ b').test('a b')).toBe(true);
  });

  it('a later inline flag already in force is a no-op', () => {
    expect(compilePcre('(?i)a(?i)b').test('AB')).toBe(true);
    expect(compilePcre('(?i)a(?i:b)c').test('ABC')).toBe(true);
    expect(compilePcre('a(?-i)b').test('ab')).toBe(true);
  });

  it('\\A, \\z, \\Z anchors', () => {
    expect(compilePcre('\\Aabc').test('abc')).toBe(true);
    expect(compilePcre('\\Aabc').test('xabc')).toBe(false);
    expect(compilePcre('abc\\z').test('xabc')).toBe(true);
    expect(compilePcre('abc\\z').test('abc\n')).toBe(false);
    expect(compilePcre('abc\\Z').test('abc\n')).toBe(true);
    expect(compilePcre('abc\\Z').test('abcd')).toBe(false);
    // with m, \A stays the start of the subject
    expect(compilePcre('(?m)\\Ab').test('a\nb')).toBe(false);
    expect(compilePcre('(?m)a\\z').test('a\nb')).toBe(false);
  });

  it('$ without m also matches before a final newline, as in PCRE', () => {
    expect(compilePcre('abc$').test('abc\n')).toBe(true);
    expect(compilePcre('abc$').test('abc\nx')).toBe(false);
  });

  it('. does not match only \\n (PCRE newline), so it matches \\r', () => {
    expect(compilePcre('a.b').test('a\rb')).toBe(true);
  });

  it('possessive quantifiers and atomic groups become greedy forms', () => {
    expect(compilePcre('a*+b').source).toBe('a*b');
    expect(compilePcre('a++b').source).toBe('a+b');
    expect(compilePcre('a?+b').source).toBe('a?b');
    expect(compilePcre('a{2,3}+b').source).toBe('a{2,3}b');
    expect(compilePcre('a++b').test('aaab')).toBe(true);
    expect(compilePcre('(?>foo|bar)baz').test('barbaz')).toBe(true);
    // lazy quantifiers are kept
    expect(compilePcre('a+?').exec('aaa')![0]).toBe('a');
  });

  it('\\h, \\H, \\v, \\R, \\N', () => {
    expect(compilePcre('a\\hb').test('a\tb')).toBe(true);
    expect(compilePcre('a\\hb').test('a b')).toBe(true);
    expect(compilePcre('a\\hb').test('a\nb')).toBe(false);
    expect(compilePcre('a\\Hb').test('a-b')).toBe(true);
    expect(compilePcre('a\\Hb').test('a b')).toBe(false);
    expect(compilePcre('[\\h,]+').exec('x \t,y')![0]).toBe(' \t,');
    // PCRE \v is vertical white space, not the JS vertical tab only
    expect(compilePcre('a\\vb').test('a\nb')).toBe(true);
    expect(compilePcre('a\\Rb').test('a\r\nb')).toBe(true);
    expect(compilePcre('a\\Nb').test('a\nb')).toBe(false);
    expect(compilePcre('a\\Nb').test('a-b')).toBe(true);
  });

  it('POSIX classes inside brackets', () => {
    expect(compilePcre('^[[:alpha:]]+$').test('abcXYZ')).toBe(true);
    expect(compilePcre('^[[:alpha:]]+$').test('abc1')).toBe(false);
    expect(compilePcre('^[[:digit:][:upper:]]+$').test('A1B2')).toBe(true);
    expect(compilePcre('^[[:xdigit:]]+$').test('0aF9')).toBe(true);
    expect(compilePcre('^[[:space:]]+$').test(' \t\n')).toBe(true);
    expect(compilePcre('^[[:punct:]]+$').test('!-/:@[`{~')).toBe(true);
    expect(compilePcre('^[[:^digit:]]+$').test('abc')).toBe(true);
    expect(compilePcre('^[^[:alnum:]]+$').test('--')).toBe(true);
  });

  it('class edge cases: leading ], stray braces and brackets', () => {
    expect(compilePcre('[]a]+').exec('x]a]')![0]).toBe(']a]');
    expect(compilePcre('[^]a]').test('a')).toBe(false);
    expect(compilePcre('a{').test('a{')).toBe(true);
    expect(compilePcre('a{x}').test('a{x}')).toBe(true);
    expect(compilePcre('a]').test('a]')).toBe(true);
    expect(compilePcre('[a[]+').exec('[a[')![0]).toBe('[a[');
  });

  it('PCRE escapes: \\e, \\x{...}, octal, \\Q...\\E, punctuation', () => {
    expect(compilePcre('\\e').test('\x1b')).toBe(true);
    expect(compilePcre('\\x{41}\\x42').test('AB')).toBe(true);
    expect(compilePcre('\\o{101}').test('A')).toBe(true);
    expect(compilePcre('\\012').test('\n')).toBe(true);
    expect(compilePcre('\\Qa.b*\\E+').test('a.b**')).toBe(true);
    expect(compilePcre('\\Qa.b\\E').test('axb')).toBe(false);
    expect(compilePcre('[\\w\\-\\.]+').exec('a-b.c d')![0]).toBe('a-b.c');
    expect(compilePcre('\\"\\:\\/').test('":/')).toBe(true);
    expect(compilePcre('a(?#comment)b').test('ab')).toBe(true);
  });

  it('uses the u flag only when needed', () => {
    expect(compilePcre('[\\-x]').flags).not.toContain('u');
    const re = compilePcre('^\\p{Lu}+$');
    expect(re.flags).toContain('u');
    expect(re.test('ÀB')).toBe(true);
    // PCRE-style escapes still work in u mode
    expect(compilePcre('^\\p{L}[\\-\\"]$').test('a-')).toBe(true);
    expect(compilePcre('\\x{1F600}').test('\u{1F600}')).toBe(true);
    expect(compilePcre('\\x{1F600}').flags).toContain('u');
  });

  it('extra flags are added and results are cached', () => {
    const a = compilePcre('x', 'g');
    expect(a.flags).toContain('g');
    expect(compilePcre('x', 'g')).toBe(a);
    expect(compilePcre('x')).not.toBe(a);
  });

  it('lookbehind is allowed', () => {
    expect(compilePcre('(?<=\\$)\\d+').exec('cost $42')![0]).toBe('42');
    expect(compilePcre('(?<!a)b').test('ab')).toBe(false);
  });
});

describe('compilePcre rejections', () => {
  const cases: [string, string, number][] = [
    ['recursion (?R)', 'a(?R)?b', 1],
    ['subroutine (?1)', '(a)(?1)', 3],
    ['named subroutine (?&n)', '(?<n>a)(?&n)', 7],
    ['python subroutine (?P>n)', '(?P<n>a)(?P>n)', 8],
    ['relative subroutine (?+1)', '(?+1)(a)', 0],
    ['conditional', '(a)?(?(1)b|c)', 4],
    ['\\G', 'x\\Gy', 1],
    ['\\K', 'foo\\Kbar', 3],
    ['branch reset', '(?|(a)|(b))', 0],
    ['verbs', '(*FAIL)', 0],
    ['mid-pattern flags', 'abc(?i)def', 3],
    ['scoped flags not in force', 'a(?i:b)', 1],
    ['unsetting a flag in force', '(?i)a(?-i)b', 5],
    ['unknown inline flag', 'a(?u)b', 1],
    ['unmatched )', 'ab)', 2],
    ['unclosed (', 'a(b(c)', 1],
    ['unclosed [', 'a[bc', 1],
    ['unknown escape', 'a\\yb', 1],
    ['trailing backslash', 'ab\\', 2],
    ['unknown POSIX class', '[[:foo:]]', 1],
    ['negated POSIX class without an escape form', '[[:^alpha:]]', 1],
    ['\\X', '\\X', 0],
    ['g subroutine', '(a)\\g<1>', 3],
  ];
  for (const [what, pattern, index] of cases) {
    it(`rejects ${what}`, () => {
      const e = errorOf(pattern);
      expect(e.index).toBe(index);
      expect(e.message.length).toBeGreaterThan(0);
    });
  }

  it('gives hints where they help', () => {
    expect(errorOf('abc(?i)def').hint).toMatch(/start of the pattern/);
    expect(errorOf('a(?R)').hint).toMatch(/recurse/);
  });

  it('reports what JavaScript refuses (nothing to repeat)', () => {
    const e = errorOf('a**');
    expect(e.message).toMatch(/invalid regular expression/);
  });

  it('caches failures too', () => {
    const a = errorOf('(?R)');
    const b = errorOf('(?R)');
    expect(b).toBe(a);
  });
});

describe('pcreGroupNames', () => {
  it('lists named groups in order, in every spelling', () => {
    expect(pcreGroupNames('(?<a>x)(y)(?P<b>z)(?\'c\'w)(?:v)')).toEqual(['a', 'b', 'c']);
    expect(pcreGroupNames('no groups')).toEqual([]);
  });
  it('ignores lookbehinds', () => {
    expect(pcreGroupNames('(?<=a)(?<!b)(?<n>c)')).toEqual(['n']);
  });
  it('throws PcreError for untranslatable patterns', () => {
    expect(() => pcreGroupNames('(?R)')).toThrow(PcreError);
  });
});

describe('translatePcre', () => {
  it('returns source and flags without compiling', () => {
    const t = translatePcre('(?i)\\Aa++');
    expect(t.flags).toBe('i');
    expect(t.source).toBe('^a+');
  });
});

describe('hyphens next to sets inside classes', () => {
  it('are literal, as in PCRE', () => {
    expect(compilePcre('^[\\w-.]+$').test('a-b.c')).toBe(true);
    expect(compilePcre('^[\\w-.]+$').test('a b')).toBe(false);
    expect(compilePcre('^[.-\\d]+$').test('-1.')).toBe(true);
    // without the fix "[:alpha:]-z" would become the range Z-z
    expect(compilePcre('^[[:alpha:]-z]+$').test('[')).toBe(false);
    expect(compilePcre('^[[:alpha:]-z]+$').test('a-Z')).toBe(true);
  });
  it('also in u mode', () => {
    const re = compilePcre('^[\\p{L}\\w-.]+$');
    expect(re.flags).toContain('u');
    expect(re.test('é-a.b')).toBe(true);
  });
  it('ranges still work', () => {
    expect(compilePcre('^[a-c]+$').test('abc')).toBe(true);
    expect(compilePcre('^[a-c]+$').test('abd')).toBe(false);
  });
});
