import { describe, expect, it } from 'vitest';
import { check, ev, field, lit, makeEnv, run, val } from './harness.js';

describe('lower / upper', () => {
  it('convert case, also per value of a multivalue', () => {
    expect(ev('lower', 'HeLLo')).toBe('hello');
    expect(ev('upper', 'HeLLo')).toBe('HELLO');
    expect(run('upper', [field('m')], makeEnv({ m: ['a', 'b'] }))).toEqual(['A', 'B']);
    expect(run('lower', [field('missing')], makeEnv())).toBeNull();
  });
});

describe('len', () => {
  it('counts characters (code points), not bytes', () => {
    expect(ev('len', 'string')).toBe(6);
    expect(ev('len', 'héllo')).toBe(5);
    expect(ev('len', '😀a')).toBe(2);
    expect(ev('len', '')).toBe(0);
    // a number's string form
    expect(ev('len', 12345)).toBe(5);
  });
  it('is NULL for NULL and for a multivalue', () => {
    expect(run('len', [field('missing')], makeEnv())).toBeNull();
    expect(run('len', [field('m')], makeEnv({ m: ['ab', 'c'] }))).toBeNull();
  });
});

describe('substr (SQLite semantics)', () => {
  it('documented example: substr("string",1,3) . substr("string",-3) = "string"', () => {
    expect(ev('substr', 'string', 1, 3)).toBe('str');
    expect(ev('substr', 'string', -3)).toBe('ing');
  });
  it('start beyond the ends, zero and negative lengths', () => {
    expect(ev('substr', 'string', 3)).toBe('ring');
    expect(ev('substr', 'string', 10)).toBe('');
    expect(ev('substr', 'string', 2, 100)).toBe('tring');
    // SQLite: position 0 is before the first character, so one fewer character
    expect(ev('substr', 'string', 0, 3)).toBe('st');
    // SQLite: a negative length takes the characters before start
    expect(ev('substr', 'string', 4, -2)).toBe('tr');
    // SQLite: start -10 of 6 characters is 4 before the first, so 6 - 4 = 2 remain
    expect(ev('substr', 'string', -10, 6)).toBe('st');
    expect(ev('substr', 'string', -10, 4)).toBe('');
    expect(ev('substr', 'string', -8, 4)).toBe('st');
    expect(ev('substr', 'string', 2, 0)).toBe('');
  });
  it('counts characters, not UTF-16 units', () => {
    expect(ev('substr', 'a😀b', 2, 1)).toBe('😀');
  });
  it('NULL or non-numeric arguments give NULL', () => {
    expect(run('substr', [field('missing'), lit(1)], makeEnv())).toBeNull();
    expect(ev('substr', 'abc', 'x')).toBeNull();
  });
});

describe('trim / ltrim / rtrim', () => {
  it('strip spaces and tabs by default', () => {
    expect(ev('trim', ' \t abc \t')).toBe('abc');
    expect(ev('ltrim', '  abc  ')).toBe('abc  ');
    expect(ev('rtrim', '  abc  ')).toBe('  abc');
    expect(ev('trim', '\nabc\n')).toBe('\nabc\n');
  });
  it('strip a set of characters', () => {
    // documented examples: ltrim("   ZZZZabcZZ ", " Z") = "abcZZ "; trim("   ZZZZabcZZ ", " Z") = "abc"
    expect(ev('ltrim', '   ZZZZabcZZ ', ' Z')).toBe('abcZZ ');
    expect(ev('rtrim', '   ZZZZabcZZ ', ' Z')).toBe('   ZZZZabc');
    expect(ev('trim', '   ZZZZabcZZ ', ' Z')).toBe('abc');
  });
  it('work per value', () => {
    expect(run('trim', [field('m')], makeEnv({ m: [' a', 'b '] }))).toEqual(['a', 'b']);
  });
});

describe('replace', () => {
  it('replaces every match with \\N back references', () => {
    // documented example: swap month and day
    expect(ev('replace', '1/14/2017', '^(\\d{1,2})/(\\d{1,2})/', '\\2/\\1/')).toBe('14/1/2017');
    expect(ev('replace', 'aaa', 'a', 'b')).toBe('bbb');
    expect(ev('replace', 'a.b.c', '\\.', '-')).toBe('a-b-c');
  });
  it('keeps $ literal and maps \\\\ to a backslash', () => {
    expect(ev('replace', 'cost', 'cost', '$1 $&')).toBe('$1 $&');
    expect(ev('replace', 'a', 'a', 'x\\\\y')).toBe('x\\y');
    expect(ev('replace', 'ab', '(a)(x)?b', '[\\1\\2]')).toBe('[a]');
  });
  it('works per value and supports PCRE syntax', () => {
    expect(run('replace', [field('m'), lit('(?i)X'), lit('_')], makeEnv({ m: ['aXb', 'cxd'] }))).toEqual(['a_b', 'c_d']);
    expect(ev('replace', 'key=value', '(?P<k>\\w+)=(?P<v>\\w+)', '\\2=\\1')).toBe('value=key');
  });
  it('checks a literal pattern; a bad runtime pattern gives NULL', () => {
    expect(check('replace', field('x'), lit('(?(1)a|b)'), lit(''))).toMatch(/conditional/);
    expect(run('replace', [lit('a'), field('re'), lit('b')], makeEnv({ re: '[' }))).toBeNull();
  });
  it('NULL arguments give NULL', () => {
    expect(run('replace', [field('missing'), lit('a'), lit('b')], makeEnv())).toBeNull();
    expect(ev('replace', 'a', 'a', val(null))).toBeNull();
  });
});

describe('split', () => {
  it('splits on a delimiter into a multivalue', () => {
    expect(ev('split', 'a,b,c', ',')).toEqual(['a', 'b', 'c']);
    expect(ev('split', 'a::b', '::')).toEqual(['a', 'b']);
    expect(ev('split', 'abc', ',')).toBe('abc');
    expect(ev('split', 'a,,b', ',')).toEqual(['a', '', 'b']);
  });
  it('an empty delimiter splits into characters', () => {
    expect(ev('split', 'abc', '')).toEqual(['a', 'b', 'c']);
  });
  it('NULL gives NULL', () => {
    expect(run('split', [field('missing'), lit(',')], makeEnv())).toBeNull();
  });
});

describe('urldecode', () => {
  it('decodes %XX as UTF-8 and + as a space', () => {
    // documented example
    expect(ev('urldecode', 'http%3A%2F%2Fwww.splunk.com%2Fdownload%3Fr%3Dheader')).toBe('http://www.splunk.com/download?r=header');
    expect(ev('urldecode', 'caf%C3%A9+au+lait')).toBe('café au lait');
    expect(ev('urldecode', '100%')).toBe('100%');
    expect(ev('urldecode', '%zz')).toBe('%zz');
  });
});
