import { describe, expect, it } from 'vitest';
import { SplError } from '../../../src/diagnostics/diagnostic.js';
import { AGGREGATIONS, isAggregationName, resolveAggregation } from '../../../src/functions/stats/registry.js';

describe('resolveAggregation', () => {
  it('finds functions by canonical name and alias, in any case', () => {
    expect(resolveAggregation('count')?.def.name).toBe('count');
    expect(resolveAggregation('c')?.def.name).toBe('count');
    expect(resolveAggregation('COUNT')?.spec).toEqual({ name: 'count' });
    expect(resolveAggregation('distinct_count')?.def.name).toBe('dc');
    expect(resolveAggregation('DC')?.def.name).toBe('dc');
    expect(resolveAggregation('mean')?.def.name).toBe('avg');
    expect(resolveAggregation('estdc')?.def.name).toBe('estdc');
    expect(resolveAggregation('stdevp')?.def.name).toBe('stdevp');
    expect(resolveAggregation('earliest_time')?.def.name).toBe('earliest_time');
  });

  it('reads the percentile from the name', () => {
    expect(resolveAggregation('perc95')).toMatchObject({ def: { name: 'perc' }, spec: { name: 'perc95', param: 95 } });
    expect(resolveAggregation('p95')?.spec).toEqual({ name: 'p95', param: 95 });
    expect(resolveAggregation('perc99.9')?.spec.param).toBe(99.9);
    expect(resolveAggregation('p99.999')?.spec.param).toBe(99.999);
    expect(resolveAggregation('exactperc50')?.spec).toEqual({ name: 'exactperc50', param: 50 });
    expect(resolveAggregation('UpperPerc90')?.spec).toEqual({ name: 'upperperc90', param: 90 });
    expect(resolveAggregation('perc0')?.spec.param).toBe(0);
    expect(resolveAggregation('perc100')?.spec.param).toBe(100);
  });

  it('returns undefined for names that are no stats function', () => {
    expect(resolveAggregation('foo')).toBeUndefined();
    expect(resolveAggregation('percent')).toBeUndefined();
    expect(resolveAggregation('p9x')).toBeUndefined();
    expect(resolveAggregation('count2')).toBeUndefined();
    expect(isAggregationName('foo')).toBe(false);
    expect(isAggregationName('P95')).toBe(true);
    expect(isAggregationName('values')).toBe(true);
  });

  it('reports a percentile name without a number or out of range', () => {
    for (const bad of ['perc', 'p', 'exactperc', 'perc101', 'p100.5']) {
      expect(() => resolveAggregation(bad), bad).toThrow(SplError);
    }
    try {
      resolveAggregation('perc101');
    } catch (e) {
      expect((e as SplError).first.message).toContain('between 0 and 100');
    }
  });

  it('only count and sparkline may be written without an argument', () => {
    // stats reference: `sparkline` alone is sparkline(count)
    const optional = AGGREGATIONS.filter((d) => !d.needsArgument).map((d) => d.name);
    expect(optional).toEqual(['count', 'sparkline']);
  });
});
