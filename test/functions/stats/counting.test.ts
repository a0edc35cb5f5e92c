import { describe, expect, it } from 'vitest';
import { make, range1, run } from './helpers.js';

describe('count', () => {
  it('without argument counts every event', () => {
    const agg = make('count', true);
    for (let i = 0; i < 5; i++) agg.add(undefined, undefined);
    expect(agg.result()).toBe(5);
  });

  it('with an argument counts the values present; a multivalue counts each value', () => {
    expect(run('count', ['a', undefined, 'b', ['x', 'y', 'z'], undefined])).toBe(5);
    expect(run('c', [undefined, undefined])).toBe(0);
  });
});

describe('dc / distinct_count / estdc', () => {
  it('counts distinct string forms ("1" and "1.0" are distinct, per the estdc doc)', () => {
    expect(run('dc', ['1', '1.0', 1, 'a', 'a', undefined])).toBe(3);
    expect(run('distinct_count', [['a', 'b'], 'b', 'c'])).toBe(3);
    expect(run('estdc', ['x', 'y', 'x'])).toBe(2);
    expect(run('dc', [])).toBe(0);
  });
});

describe('values', () => {
  it('orders distinct values lexicographically: 1..1000 gives 1 10 100 1000 101 ... (doc example)', () => {
    const r = run('values', range1(1000).map(Number)) as string[];
    expect(r.length).toBe(1000);
    expect(r.slice(0, 6)).toEqual(['1', '10', '100', '1000', '101', '102']);
    expect(r[r.length - 1]).toBe('999');
  });

  it('removes duplicates, splits multivalues, sorts uppercase before lowercase', () => {
    expect(run('values', ['b', ['a', 'B'], 'b', undefined, 'a'])).toEqual(['B', 'a', 'b']);
  });

  it('one value is a single value; no value leaves the field absent', () => {
    expect(run('values', ['x', 'x'])).toBe('x');
    expect(run('values', [undefined])).toBeUndefined();
  });

  it('keeps returning correct results as values keep arriving', () => {
    const agg = make('values');
    agg.add('b', undefined);
    agg.add('a', undefined);
    const first = agg.result();
    agg.add('c', undefined);
    expect(first).toEqual(['a', 'b']);
    expect(agg.result()).toEqual(['a', 'b', 'c']);
  });
});

describe('list', () => {
  it('keeps the order seen and the duplicates', () => {
    expect(run('list', ['view', 'addtocart', 'view', 'purchase'])).toEqual(['view', 'addtocart', 'view', 'purchase']);
    expect(run('list', [3, ['1', '2'], undefined, 3])).toEqual(['3', '1', '2', '3']);
  });

  it('returns only the first 100 values', () => {
    const r = run('list', range1(150)) as string[];
    expect(r.length).toBe(100);
    expect(r[0]).toBe('1');
    expect(r[99]).toBe('100');
    // a multivalue that crosses the limit is cut inside
    const r2 = run('list', [range1(99), ['a', 'b', 'c']]) as string[];
    expect(r2.length).toBe(100);
    expect(r2[99]).toBe('a');
  });

  it('absent when nothing was seen', () => {
    expect(run('list', [undefined])).toBeUndefined();
  });
});

describe('mode', () => {
  it('returns the most frequent value (doc examples)', () => {
    expect(run('mode', ['32', '45', '29', '45', '37'])).toBe('45');
    expect(run('mode', ['Garcia', 'Mayer', 'Garcia', 'Zhang', 'Garcia'])).toBe('Garcia');
    expect(run('mode', ['www1', 'www1', 'www2', 'www3', 'www1'])).toBe('www1');
  });

  it('processes values as strings and breaks ties by the value seen first', () => {
    expect(run('mode', [7, '7', 'x'])).toBe('7');
    // b reaches two first, but a was seen first
    expect(run('mode', ['a', 'b', 'b', 'a'])).toBe('a');
    expect(run('mode', [])).toBeUndefined();
  });
});
