import { describe, expect, it } from 'vitest';
import { call, check, ev, expr, field, lit, makeEnv, run, val } from './harness.js';

describe('if / case / validate', () => {
  it('if picks by a TRUE predicate; NULL and FALSE pick the else branch', () => {
    expect(ev('if', val(true), 'yes', 'no')).toBe('yes');
    expect(ev('if', val(false), 'yes', 'no')).toBe('no');
    expect(ev('if', val(null), 'yes', 'no')).toBe('no');
  });

  it('if evaluates only the branch it returns', () => {
    let evaluated = 0;
    const counter = expr([], () => {
      evaluated++;
      return 'x';
    });
    expect(run('if', [val(true), lit('a'), counter])).toBe('a');
    expect(evaluated).toBe(0);
  });

  it('case returns the value of the first TRUE condition, NULL if none', () => {
    expect(ev('case', val(false), 'a', val(true), 'b', val(true), 'c')).toBe('b');
    expect(ev('case', val(false), 'a', val(null), 'b')).toBeNull();
    // true() as a catch-all default
    expect(ev('case', val(false), 'a', call('true'), 'other')).toBe('other');
  });

  it('case and validate need pairs', () => {
    // the compiler puts "case(): " before the message, so the message does not repeat the name
    expect(check('case', val(true), lit('a'), val(false))).toBe('takes pairs of condition and value');
    expect(check('validate', val(true), lit('a'), val(false))).toBe('takes pairs of condition and value');
  });

  it('validate returns the value for the first condition that is not TRUE', () => {
    expect(ev('validate', val(true), 'a', val(false), 'b', val(false), 'c')).toBe('b');
    expect(ev('validate', val(true), 'a', val(true), 'b')).toBeNull();
  });
});

describe('coalesce / isnull / isnotnull / null / nullif', () => {
  it('coalesce returns the first non-NULL argument', () => {
    const env = makeEnv({ b: 'B', c: 'C' });
    expect(run('coalesce', [field('a'), field('b'), field('c')], env)).toBe('B');
    expect(run('coalesce', [field('a'), field('z')], env)).toBeNull();
    // an empty string is a value
    expect(ev('coalesce', '', 'x')).toBe('');
  });

  it('isnull / isnotnull', () => {
    const env = makeEnv({ a: '1' });
    expect(run('isnull', [field('a')], env)).toBe(false);
    expect(run('isnull', [field('missing')], env)).toBe(true);
    expect(run('isnotnull', [field('a')], env)).toBe(true);
    expect(run('isnotnull', [field('missing')], env)).toBe(false);
  });

  it('null, true, false', () => {
    expect(ev('null')).toBeNull();
    expect(ev('true')).toBe(true);
    expect(ev('false')).toBe(false);
  });

  it('nullif returns NULL when equal, else the first value', () => {
    expect(ev('nullif', 'a', 'a')).toBeNull();
    expect(ev('nullif', 'a', 'b')).toBe('a');
    // numbers compare numerically: "1.0" equals 1
    const env = makeEnv({ x: '1.0' });
    expect(run('nullif', [field('x'), lit(1)], env)).toBeNull();
    expect(run('nullif', [field('missing'), lit(1)], env)).toBeNull();
    expect(ev('nullif', 'a', val(null))).toBe('a');
  });
});

describe('in', () => {
  it('is TRUE when the value equals one in the list', () => {
    const env = makeEnv({ status: '404' });
    expect(run('in', [field('status'), lit('400'), lit('404')], env)).toBe(true);
    expect(run('in', [field('status'), lit('400'), lit('500')], env)).toBe(false);
    // numbers compare numerically with numeric strings
    expect(run('in', [field('status'), lit(404)], env)).toBe(true);
  });

  it('is case-sensitive and has no wildcards', () => {
    expect(ev('in', 'Error', 'error')).toBe(false);
    expect(ev('in', 'error', 'err*')).toBe(false);
  });

  it('is FALSE for NULL, any-value for a multivalue', () => {
    expect(run('in', [field('missing'), lit('a')], makeEnv())).toBe(false);
    expect(run('in', [field('m'), lit('b')], makeEnv({ m: ['a', 'b'] }))).toBe(true);
  });
});

describe('like', () => {
  it('% matches any run, _ one character, the whole value', () => {
    expect(ev('like', 'fooXbar', 'foo%')).toBe(true);
    expect(ev('like', 'foo', 'foo%')).toBe(true);
    expect(ev('like', 'xfoo', 'foo%')).toBe(false);
    expect(ev('like', 'abc', 'a_c')).toBe(true);
    expect(ev('like', 'abbc', 'a_c')).toBe(false);
    expect(ev('like', '10.9.165.8', '10.9.165.%')).toBe(true);
  });

  it('is case-sensitive and treats regex characters literally', () => {
    expect(ev('like', 'FOO', 'foo')).toBe(false);
    expect(ev('like', 'a.c', 'a.c')).toBe(true);
    expect(ev('like', 'abc', 'a.c')).toBe(false);
    expect(ev('like', 'C:\\Windows\\x', 'C:\\Windows\\%')).toBe(true);
  });

  it('NULL value gives NULL; a multivalue matches when any value does', () => {
    expect(run('like', [field('missing'), lit('%')], makeEnv())).toBeNull();
    expect(run('like', [field('m'), lit('b%')], makeEnv({ m: ['abc', 'bcd'] }))).toBe(true);
  });
});

describe('match', () => {
  it('finds the regex anywhere in the value (unanchored PCRE)', () => {
    expect(ev('match', 'hello world', 'o w')).toBe(true);
    expect(ev('match', 'hello world', '^world')).toBe(false);
    expect(ev('match', 'Hello', '(?i)^hello$')).toBe(true);
    expect(ev('match', '10.1.2.3', '^\\d{1,3}(\\.\\d{1,3}){3}$')).toBe(true);
  });

  it('rejects a bad literal regex at plan time, with the hint', () => {
    expect(check('match', field('x'), lit('a(?R)'))).toMatch(/invalid regular expression/);
    expect(check('match', field('x'), lit('ok.*'))).toBeUndefined();
  });

  it('a bad non-literal regex gives NULL at run time', () => {
    const env = makeEnv({ x: 'abc', re: '(' });
    expect(run('match', [field('x'), field('re')], env)).toBeNull();
  });

  it('NULL value gives NULL', () => {
    expect(run('match', [field('missing'), lit('a')], makeEnv())).toBeNull();
  });
});

describe('cidrmatch', () => {
  it('IPv4', () => {
    expect(ev('cidrmatch', '10.0.0.0/8', '10.20.30.40')).toBe(true);
    expect(ev('cidrmatch', '10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(ev('cidrmatch', '123.132.32.0/25', '123.132.32.127')).toBe(true);
    expect(ev('cidrmatch', '123.132.32.0/25', '123.132.32.128')).toBe(false);
    expect(ev('cidrmatch', '0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(ev('cidrmatch', '192.168.1.5', '192.168.1.5')).toBe(true);
  });

  it('IPv6', () => {
    expect(ev('cidrmatch', '2001:db8::/32', '2001:db8:1::ab')).toBe(true);
    expect(ev('cidrmatch', '2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(ev('cidrmatch', '::1/128', '0:0:0:0:0:0:0:1')).toBe(true);
    expect(ev('cidrmatch', '::ffff:0:0/96', '::ffff:10.1.2.3')).toBe(true);
  });

  it('is FALSE for values that are not IPs or another family', () => {
    expect(ev('cidrmatch', '10.0.0.0/8', 'not an ip')).toBe(false);
    expect(ev('cidrmatch', '10.0.0.0/8', '10.0.0.256')).toBe(false);
    expect(ev('cidrmatch', '10.0.0.0/8', '::1')).toBe(false);
  });

  it('checks a literal CIDR at plan time', () => {
    expect(check('cidrmatch', lit('10.0.0.0/33'), field('ip'))).toBe('"10.0.0.0/33" is not a CIDR block');
    expect(check('cidrmatch', lit('10.0.0.0/8'), field('ip'))).toBeUndefined();
  });
});

describe('searchmatch', () => {
  it('delegates to env.searchMatch', () => {
    const seen: string[] = [];
    const env = makeEnv({}, { searchMatch: (s) => (seen.push(s), s === 'x=1') });
    expect(run('searchmatch', [lit('x=1')], env)).toBe(true);
    expect(run('searchmatch', [lit('x=2')], env)).toBe(false);
    expect(seen).toEqual(['x=1', 'x=2']);
  });
});
