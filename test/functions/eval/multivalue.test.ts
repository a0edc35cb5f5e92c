import { describe, expect, it } from 'vitest';
import { call, check, ev, expr, field, lit, makeEnv, run, val } from './harness.js';
import type { EvalValue } from '../../../src/values/value.js';

const mv = makeEnv({ m: ['a', 'b', 'c', 'd'], one: 'x', nums: ['10', '9', '100', '1'] });

describe('mvcount', () => {
  it('counts values; 1 for a single value; NULL when none', () => {
    expect(run('mvcount', [field('m')], mv)).toBe(4);
    expect(run('mvcount', [field('one')], mv)).toBe(1);
    expect(run('mvcount', [field('missing')], mv)).toBeNull();
  });
});

describe('mvindex', () => {
  it('0-based, negative from the end, inclusive end', () => {
    expect(run('mvindex', [field('m'), lit(0)], mv)).toBe('a');
    expect(run('mvindex', [field('m'), lit(-1)], mv)).toBe('d');
    expect(run('mvindex', [field('m'), lit(1), lit(2)], mv)).toEqual(['b', 'c']);
    expect(run('mvindex', [field('m'), lit(-3), lit(-2)], mv)).toEqual(['b', 'c']);
    expect(run('mvindex', [field('m'), lit(2), lit(2)], mv)).toBe('c');
    expect(run('mvindex', [field('one'), lit(0)], mv)).toBe('x');
  });
  it('out of range gives NULL', () => {
    expect(run('mvindex', [field('m'), lit(4)], mv)).toBeNull();
    expect(run('mvindex', [field('m'), lit(-5)], mv)).toBeNull();
    expect(run('mvindex', [field('m'), lit(2), lit(1)], mv)).toBeNull();
    expect(run('mvindex', [field('missing'), lit(0)], mv)).toBeNull();
  });
});

describe('mvjoin / mvappend', () => {
  it('mvjoin joins with a delimiter', () => {
    expect(run('mvjoin', [field('m'), lit(';')], mv)).toBe('a;b;c;d');
    expect(run('mvjoin', [field('one'), lit(';')], mv)).toBe('x');
    expect(run('mvjoin', [field('missing'), lit(';')], mv)).toBeNull();
  });
  it('mvappend flattens and skips NULLs', () => {
    expect(run('mvappend', [lit('localhost'), field('m'), field('missing'), lit(1)], mv)).toEqual(['localhost', 'a', 'b', 'c', 'd', 1]);
    expect(run('mvappend', [field('missing')], mv)).toBeNull();
    expect(run('mvappend', [call('mvappend', lit('a'), lit('b')), lit('c')], mv)).toEqual(['a', 'b', 'c']);
  });
});

describe('mvfilter', () => {
  const endsNet = expr(['email'], (get) => {
    const v = get('email');
    return typeof v === 'string' ? v.endsWith('.net') : null;
  });

  it('keeps the values for which the expression is TRUE', () => {
    const env = makeEnv({ email: ['a@x.net', 'b@y.com', 'c@z.net'] });
    expect(run('mvfilter', [endsNet], env)).toEqual(['a@x.net', 'c@z.net']);
    const one = makeEnv({ email: ['a@x.net', 'b@y.com'] });
    expect(run('mvfilter', [endsNet], one)).toBe('a@x.net');
    expect(run('mvfilter', [endsNet], makeEnv({ email: 'b@y.com' }))).toBeNull();
    expect(run('mvfilter', [endsNet], makeEnv())).toBeNull();
  });

  it('binds one value at a time and restores the bindings', () => {
    const seen: EvalValue[] = [];
    const spy = expr(['f'], (get) => (seen.push(get('f')), true));
    const env = makeEnv({ f: ['1', '2'] });
    run('mvfilter', [spy], env);
    expect(seen).toEqual(['1', '2']);
    expect(env.bindings).toBeUndefined();
  });

  it('works with registry functions inside (match)', () => {
    const env = makeEnv({ email: ['a@x.net', 'b@y.com'] });
    expect(run('mvfilter', [call('match', field('email'), lit('\\.com$'))], env)).toBe('b@y.com');
  });

  it('needs exactly one field', () => {
    expect(check('mvfilter', expr(['a', 'b'], () => true))).toMatch(/exactly one field/);
    expect(check('mvfilter', val(true))).toMatch(/exactly one field/);
    expect(check('mvfilter', expr(['a'], () => true))).toBeUndefined();
  });
});

describe('mvmap', () => {
  it('evaluates the expression once per value', () => {
    const times10 = expr(['n'], (get) => Number(get('n')) * 10);
    expect(run('mvmap', [field('n'), times10], makeEnv({ n: ['1', '2', '3'] }))).toEqual([10, 20, 30]);
    expect(run('mvmap', [field('n'), times10], makeEnv({ n: '4' }))).toBe(40);
    expect(run('mvmap', [field('n'), times10], makeEnv())).toBeNull();
  });
  it('needs a field, or an expression over one field, as first argument', () => {
    expect(check('mvmap', lit('x'), lit(1))).toMatch(/reads one field/);
  });
  it('maps an expression over one field under that field name', () => {
    // documented: mvmap(mvindex(results, 1,2), results*threshold)
    const results = field('results');
    const times = expr(['results', 'threshold'], (get) => Number(get('results')) * Number(get('threshold')));
    const env = makeEnv({ results: ['1', '2', '3', '4'], threshold: '3' });
    expect(run('mvmap', [call('mvindex', results, lit(1), lit(2)), times], env)).toEqual([6, 9]);
  });
});

describe('mvfind', () => {
  it('returns the index of the first value matching the regex, NULL if none', () => {
    expect(run('mvfind', [field('m'), lit('[c-d]')], mv)).toBe(2);
    expect(run('mvfind', [field('m'), lit('z')], mv)).toBeNull();
    expect(run('mvfind', [field('missing'), lit('a')], mv)).toBeNull();
    expect(check('mvfind', field('m'), lit('(?R)'))).toMatch(/invalid regular expression/);
  });
});

describe('mvdedup / mvsort / mvreverse / mvzip', () => {
  it('mvdedup keeps first occurrences in order', () => {
    expect(run('mvdedup', [field('d')], makeEnv({ d: ['b', 'a', 'b', 'c', 'a'] }))).toEqual(['b', 'a', 'c']);
  });
  it('mvsort sorts lexicographically', () => {
    expect(run('mvsort', [field('nums')], mv)).toEqual(['1', '10', '100', '9']);
    expect(run('mvsort', [field('s')], makeEnv({ s: ['b', 'B', 'a', 'A'] }))).toEqual(['A', 'B', 'a', 'b']);
  });
  it('mvreverse', () => {
    expect(run('mvreverse', [field('m')], mv)).toEqual(['d', 'c', 'b', 'a']);
  });
  it('mvzip pairs values up to the shorter list, default delimiter ","', () => {
    const env = makeEnv({ h: ['host1', 'host2', 'host3'], p: ['80', '443'] });
    expect(run('mvzip', [field('h'), field('p')], env)).toEqual(['host1,80', 'host2,443']);
    expect(run('mvzip', [field('h'), field('p'), lit(':')], env)).toEqual(['host1:80', 'host2:443']);
    expect(run('mvzip', [field('h'), field('missing')], env)).toBeNull();
  });
});

describe('mvrange', () => {
  it('[start, end) with a step', () => {
    expect(ev('mvrange', 1, 11, 2)).toEqual([1, 3, 5, 7, 9]);
    expect(ev('mvrange', 1, 4)).toEqual([1, 2, 3]);
    expect(ev('mvrange', 5, 1, -2)).toEqual([5, 3]);
    expect(ev('mvrange', 1, 1)).toBeNull();
  });
  it('a time span step counts in seconds', () => {
    const week = 7 * 86400;
    expect(ev('mvrange', 0, 3 * week, '7d')).toEqual([0, week, 2 * week]);
    expect(ev('mvrange', 0, 3 * 3600, '1.5h')).toEqual([0, 5400]);
  });
  it('a day is a calendar day in the time zone (documented 7d example across DST)', () => {
    const env = makeEnv({}, { tz: 'America/Los_Angeles' });
    const mv = run('mvrange', [lit(1520277931), lit(1521483932), lit('7d')], env);
    expect(mv).toEqual([1520277931, 1520879131, 1521483931]);
  });
  it('rejects a literal zero or malformed step', () => {
    expect(check('mvrange', lit(1), lit(5), lit(0))).toMatch(/invalid step/);
    expect(check('mvrange', lit(1), lit(5), lit('7x'))).toMatch(/invalid step/);
    expect(ev('mvrange', 1, 5, val(0))).toBeNull();
  });
});
