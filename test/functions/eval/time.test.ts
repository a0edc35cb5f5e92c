/**
 * Time functions delegate to src/time (strftime, strptime, relativeTime).
 * Expected values are worked out by hand for UTC.
 */
import { describe, expect, it } from 'vitest';
import { ev, field, lit, makeEnv, run } from './harness.js';

describe('now / time', () => {
  it('now() is the search start time from the environment', () => {
    expect(run('now', [], makeEnv({}, { now: 1234567890 }))).toBe(1234567890);
  });
  it('time() is the wall clock', () => {
    const before = Date.now() / 1000;
    const t = ev('time') as number;
    expect(t).toBeGreaterThanOrEqual(Math.floor(before));
    expect(t).toBeLessThanOrEqual(Date.now() / 1000 + 1);
  });
});

describe('strftime / strptime', () => {
  it('strftime renders epoch seconds in env.tz', () => {
    // 1484993700 = 2017-01-21 10:15:00 UTC (see spl-semantics.md §5.3 erratum)
    expect(ev('strftime', 1484993700, '%Y-%m-%dT%H:%M:%S')).toBe('2017-01-21T10:15:00');
    expect(run('strftime', [field('t'), lit('%H:%M')], makeEnv({ t: '1484993700' }))).toBe('10:15');
    expect(run('strftime', [field('missing'), lit('%H')], makeEnv())).toBeNull();
    expect(ev('strftime', 'abc', '%H')).toBeNull();
  });
  it('strptime parses text into epoch seconds; NULL when it does not parse', () => {
    expect(ev('strptime', '2017-01-21 10:15:00', '%Y-%m-%d %H:%M:%S')).toBe(1484993700);
    expect(ev('strptime', 'garbage', '%Y-%m-%d %H:%M:%S')).toBeNull();
  });
});

describe('relative_time', () => {
  it('applies offsets and snaps', () => {
    // 1484993700 = 2017-01-21 10:15:00 UTC; -1d@d → 2017-01-20 00:00:00 UTC
    expect(ev('relative_time', 1484993700, '-1d@d')).toBe(1484870400);
    expect(ev('relative_time', 1484993700, '@h')).toBe(1484992800);
    expect(ev('relative_time', 1484993700, '+2h')).toBe(1484993700 + 7200);
  });
  it('an invalid specifier or time gives NULL', () => {
    expect(ev('relative_time', 1484993700, 'nonsense')).toBeNull();
    expect(ev('relative_time', 'x', '-1d')).toBeNull();
  });
});
