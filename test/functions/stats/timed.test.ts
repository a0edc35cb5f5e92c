/**
 * per_second family and sparkline (time functions reference, stats
 * reference: `sparkline` alone is sparkline(count)).
 */
import { describe, expect, it } from 'vitest';
import { perDay, perMinute, perSecond, renderSpark, sparkline, sparkSpan } from '../../../src/functions/stats/timed.js';
import { make } from './helpers.js';

describe('per_second family', () => {
  it('divides the sum by the bucket length, per unit', () => {
    const a = perSecond.create({ name: 'per_second', spanSeconds: 60 });
    for (const v of ['30', '30', 'x']) a.add(v, undefined);
    expect(a.result()).toBe(1);
    const m = perMinute.create({ name: 'per_minute', spanSeconds: 3600 });
    m.add(['60', '60'], undefined);
    expect(m.result()).toBe(2);
    const d = perDay.create({ name: 'per_day', spanSeconds: 3600 });
    expect(d.result()).toBeUndefined();
  });
  it('refuses to run without a span', () => {
    expect(() => perSecond.create({ name: 'per_second' })).toThrow();
  });
});

describe('sparkline', () => {
  it('picks the smallest span giving at most 20 buckets', () => {
    expect(sparkSpan(0, 19)).toBe(1);
    expect(sparkSpan(0, 20)).toBe(5);
    expect(sparkSpan(0, 3600)).toBe(300);
  });
  it('renders empty buckets low and scales the others', () => {
    expect(renderSpark([0, 1, 2, 4, 8])).toBe('▁▂▃▅█');
    expect(renderSpark([3])).toBe('█');
  });
  it('shares one time axis between groups', () => {
    const shared = { min: Infinity, max: -Infinity };
    const a = sparkline.create({ name: 'sparkline', noArgument: true, shared, spanSeconds: 10 });
    const b = sparkline.create({ name: 'sparkline', noArgument: true, shared, spanSeconds: 10 });
    a.add(undefined, 0);
    a.add(undefined, 5);
    b.add(undefined, 25);
    expect(a.result()).toBe('█▁▁');
    expect(b.result()).toBe('▁▁█');
  });
  it('with an argument counts only events that have it', () => {
    const s = sparkline.create({ name: 'sparkline', shared: { min: Infinity, max: -Infinity }, spanSeconds: 10 });
    s.add(undefined, 0);
    s.add('x', 10);
    expect(s.result()).toBe('▁█');
  });
  it('leaves buckets without a value low and scales from the lowest negative value', () => {
    expect(renderSpark([undefined, 10, 5])).toBe('▁█▅');
    // floor -7, top 7: -7 is the floor, 0 is half way (4/7), 7 the top
    expect(renderSpark([-7, 0, 7])).toBe('▁▅█');
    expect(renderSpark([undefined])).toBe('▁');
  });
  it('applies an inner aggregation to each bucket (sparkline(avg(x), 10s))', () => {
    const s = sparkline.create({ name: 'sparkline', shared: { min: Infinity, max: -Infinity }, spanSeconds: 10, inner: { create: () => make('avg'), countsEvents: false } });
    s.add('10', 0);
    s.add('30', 5); // bucket 0: avg 20
    s.add(undefined, 12); // bucket 1: an event without a value widens the axis only
    s.add('2', 25); // bucket 2: avg 2
    expect(s.result()).toBe('█▁▂');
  });
  it('counts events without a value when the inner term is count without argument', () => {
    const s = sparkline.create({ name: 'sparkline', shared: { min: Infinity, max: -Infinity }, spanSeconds: 10, inner: { create: () => make('count', true), countsEvents: true } });
    s.add(undefined, 0);
    s.add(undefined, 1);
    s.add(undefined, 15);
    expect(s.result()).toBe('█▅');
  });
  it('can be read again after more values arrive (streamstats)', () => {
    const s = sparkline.create({ name: 'sparkline', shared: { min: Infinity, max: -Infinity }, spanSeconds: 10, inner: { create: () => make('dc'), countsEvents: false } });
    s.add('a', 0);
    expect(s.result()).toBe('█');
    s.add('b', 12);
    s.add('c', 13);
    expect(s.result()).toBe('▅█');
  });
});
