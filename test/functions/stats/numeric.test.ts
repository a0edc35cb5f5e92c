import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

// The documented sumsq example: temperatures at 8 AM over a week.
const TEMPS = ['65', '42', '40', '31', '47', '53', '64'];

describe('sum / avg / mean', () => {
  it('reproduces the documented double-precision averages', () => {
    // | makeresults count=100 | eval test=3.99 | stats avg(test) → 3.9900000000000055
    expect(run('avg', Array(100).fill(3.99))).toBe(3.9900000000000055);
    // count=10000 → 3.990000000000215
    expect(run('avg', Array(10000).fill(3.99))).toBe(3.990000000000215);
  });

  it('mean equals avg (doc: temperatures mean 48.857142857142854)', () => {
    expect(run('mean', TEMPS)).toBe(48.857142857142854);
    expect(run('avg', TEMPS)).toBe(48.857142857142854);
  });

  it('ignores non-numeric values and counts each value of a multivalue', () => {
    expect(run('sum', ['1', 'abc', 2, ['3', '4'], undefined, ' 5'])).toBe(10);
    expect(run('avg', ['2', 'x', ['4', '6']])).toBe(4);
    expect(run('sum', ['1.5', '-0.5', '1e2'])).toBe(101);
  });

  it('no numeric value leaves the field absent', () => {
    expect(run('sum', ['a', 'b'])).toBeUndefined();
    expect(run('avg', [undefined])).toBeUndefined();
  });

  it('sum of the documented bytes example', () => {
    // QTR1 sales 1200 1400 1650 → sum 4250 (range example table)
    expect(run('sum', ['1200', '1400', '1650'])).toBe(4250);
  });
});

describe('sumsq / stdev / var', () => {
  it('reproduces the documented sumsq example exactly', () => {
    expect(run('sumsq', TEMPS)).toBe(17664);
    expect(run('stdev', TEMPS)).toBe(12.615183595289349);
  });

  it('sample and population variants of a small set, by hand', () => {
    // 2 4 4 4 5 5 7 9: mean 5, squared deviations sum to 32
    const xs = ['2', '4', '4', '4', '5', '5', '7', '9'];
    expect(run('varp', xs)).toBe(4); // 32 / 8
    expect(run('stdevp', xs)).toBe(2);
    expect(run('var', xs)).toBeCloseTo(32 / 7, 12);
    expect(run('stdev', xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('the temperatures, population form: 954.857142857... / 7', () => {
    // squared deviations: 17664 − 342²/7 = 954.857142857142...
    expect(run('varp', TEMPS) as number).toBeCloseTo(954.8571428571429 / 7, 9);
    expect(run('var', TEMPS) as number).toBeCloseTo(954.8571428571429 / 6, 9);
  });

  it('a single value has deviation 0 (doc table: count 1 → stdev 0, var 0)', () => {
    expect(run('stdev', ['0'])).toBe(0);
    expect(run('var', ['4.2'])).toBe(0);
    expect(run('stdevp', ['4.2'])).toBe(0);
  });

  it('rounding never gives a negative variance (NaN stdev)', () => {
    // three times 0.1: sumsq − n·mean² is −3.5e-18 in doubles
    expect(run('var', ['0.1', '0.1', '0.1'])).toBe(0);
    expect(run('stdev', Array(7).fill('0.3'))).toBe(0);
  });

  it('absent without numeric values', () => {
    expect(run('stdev', ['a'])).toBeUndefined();
    expect(run('sumsq', [])).toBeUndefined();
  });
});

describe('min / max / range', () => {
  const MIXED = ['1', 'c', 'a', '2', '100', 'b', '4', '9'];

  it('mixed values sort numbers before strings (doc: 1, 2, 4, 9, 100, a, b, c)', () => {
    expect(run('min', MIXED)).toBe('1');
    expect(run('max', MIXED)).toBe('c');
  });

  it('numeric values compare as numbers', () => {
    expect(run('max', ['10', '9', '70', '100'])).toBe('100');
    expect(run('min', ['10', '9', '70', '100', '-0.4'])).toBe('-0.4');
    expect(run('max', [3, 12, 7])).toBe(12);
  });

  it('all strings compare lexicographically, uppercase before lowercase', () => {
    expect(run('min', ['b', 'B', 'a'])).toBe('B');
    expect(run('max', ['b', 'B', 'a'])).toBe('b');
  });

  it('returns the winning value as written; the first one wins a tie', () => {
    // doc max() example table shows min(mag) = 0.0
    expect(run('min', ['2.8', '0.0', '1.3', '0'])).toBe('0.0');
    expect(run('max', ['5', '5.0'])).toBe('5');
  });

  it('splits multivalues and skips absent values', () => {
    expect(run('max', [undefined, ['3', '11'], '7'])).toBe('11');
    expect(run('min', [undefined])).toBeUndefined();
  });

  it('range is max − min of the numeric values (doc: QTR1 1200 1400 1650 → 450)', () => {
    expect(run('range', ['1200', '1400', '1650'])).toBe(450);
    expect(run('range', ['2.8', '0.0', 'x'])).toBe(2.8);
    expect(run('range', ['5'])).toBe(0);
    expect(run('range', ['a', 'b'])).toBeUndefined();
  });
});
