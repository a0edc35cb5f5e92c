import { describe, expect, it } from 'vitest';
import { interpolatedPercentile } from '../../../src/functions/stats/percentile.js';
import { make, range1, run } from './helpers.js';

// Doc: Y = {10,9,8,7,6,5,4,3,2,1}
const Y = range1(10).reverse();
// Doc extended example: running totals of visitors per hour
const TOTALS = ['0', '212', '579', '1068', '1692', '2301', '2793', '3306', '3673', '4010'];

describe('perc / p / upperperc / exactperc', () => {
  it('gives the documented examples', () => {
    expect(run('perc50', Y)).toBe(5.5);
    expect(run('perc95', Y)).toBe(9.55);
    expect(run('perc50', TOTALS)).toBe(1996.5);
    expect(run('perc95', TOTALS)).toBe(3858.35);
  });

  it('all spellings agree (exact computation)', () => {
    for (const name of ['p95', 'upperperc95', 'exactperc95', 'PERC95']) {
      expect(run(name, Y), name).toBe(9.55);
    }
  });

  it('fractional percentiles and the ends', () => {
    // rank 0.999 · 9 = 8.991 → 9 + 0.991
    expect(run('p99.9', Y)).toBe(9.991);
    expect(run('perc25', Y)).toBe(3.25);
    expect(run('perc0', Y)).toBe(1);
    expect(run('perc100', Y)).toBe(10);
  });

  it('reads numbers only, splits multivalues, absent without numbers', () => {
    expect(run('perc50', ['x', ['1', '3'], undefined, 'y'])).toBe(2);
    expect(run('perc50', ['7'])).toBe(7);
    expect(run('perc50', ['x'])).toBeUndefined();
  });

  it('can be read repeatedly while values keep arriving', () => {
    const agg = make('perc50');
    agg.add('3', undefined);
    agg.add('1', undefined);
    expect(agg.result()).toBe(2);
    agg.add('2', undefined);
    agg.add('10', undefined);
    expect(agg.result()).toBe(2.5);
  });

  it('interpolatedPercentile on a sorted array', () => {
    expect(interpolatedPercentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(interpolatedPercentile([5], 95)).toBe(5);
  });
});

describe('median', () => {
  it('odd count: the middle value (doc: 8 13 34 37 38 58 74 → 37)', () => {
    expect(run('median', ['37', '58', '8', '34', '13', '74', '38'])).toBe(37);
  });

  it('even count: the higher of the two middle values (doc usage note)', () => {
    expect(run('median', Y)).toBe(6);
    expect(run('median', ['1', '2'])).toBe(2);
  });

  it('ignores non-numeric values; absent without numbers', () => {
    expect(run('median', ['a', '5', 'b', '1', '3'])).toBe(3);
    expect(run('median', ['a'])).toBeUndefined();
  });
});
