import { describe, expect, it } from 'vitest';
import { parseTimeModifier, relativeTime } from '../../src/time/index.js';

// now = Wednesday 2025-04-30 14:37:12 UTC.
// 2025-04-30T00:00:00Z = 1745971200 (2025-04-29T23:45:22Z = 1745970322, + 878 s), + 52632 s
const DAY0 = 1745971200; // 2025-04-30 00:00 UTC
const NOW = DAY0 + 14 * 3600 + 37 * 60 + 12; // 1746023832
const H = 3600;
const D = 86400;

describe('time modifiers in UTC', () => {
  it('now, epoch numbers', () => {
    expect(parseTimeModifier('now', NOW, 'UTC')).toBe(NOW);
    expect(parseTimeModifier('now()', NOW, 'UTC')).toBe(NOW);
    expect(parseTimeModifier('0', NOW, 'UTC')).toBe(0);
    expect(parseTimeModifier('1', NOW, 'UTC')).toBe(1);
    expect(parseTimeModifier('1715682151.455', NOW, 'UTC')).toBe(1715682151.455);
  });
  it('offsets; a unit without a number means 1', () => {
    expect(parseTimeModifier('-60m', NOW, 'UTC')).toBe(NOW - H);
    expect(parseTimeModifier('-h', NOW, 'UTC')).toBe(NOW - H);
    expect(parseTimeModifier('-1hr', NOW, 'UTC')).toBe(NOW - H);
    expect(parseTimeModifier('+30s', NOW, 'UTC')).toBe(NOW + 30);
    expect(parseTimeModifier('-7d', NOW, 'UTC')).toBe(NOW - 7 * D);
    expect(parseTimeModifier('-2weeks', NOW, 'UTC')).toBe(NOW - 14 * D);
    expect(parseTimeModifier('+1w', NOW, 'UTC')).toBe(NOW + 7 * D);
    // one month back: 2025-03-30 14:37:12 (31 days in March)
    expect(parseTimeModifier('-1mon', NOW, 'UTC')).toBe(NOW - 31 * D);
    // one year back: 2024-04-30 (2024-04-30 → 2025-04-30 is 365 days)
    expect(parseTimeModifier('-1y', NOW, 'UTC')).toBe(NOW - 365 * D);
    // one quarter back: 2025-01-30 (Jan 30 → Apr 30 = 1 + 28 + 31 + 30 = 90 days)
    expect(parseTimeModifier('-1q', NOW, 'UTC')).toBe(NOW - 90 * D);
  });
  it('offset first, then snap (-2h@h: 12:37:12 → 12:00)', () => {
    expect(parseTimeModifier('-2h@h', NOW, 'UTC')).toBe(DAY0 + 12 * H);
  });
  it('chains apply left to right (@d-2h = 22:00 yesterday; -1d@d+2h)', () => {
    expect(parseTimeModifier('@d-2h', NOW, 'UTC')).toBe(DAY0 - 2 * H);
    expect(parseTimeModifier('-1d@d', NOW, 'UTC')).toBe(DAY0 - D);
    expect(parseTimeModifier('-1d@d+2h', NOW, 'UTC')).toBe(DAY0 - D + 2 * H);
  });
  it('snaps round down', () => {
    expect(parseTimeModifier('@s', NOW + 0.75, 'UTC')).toBe(NOW);
    expect(parseTimeModifier('@m', NOW, 'UTC')).toBe(NOW - 12);
    expect(parseTimeModifier('@h', NOW, 'UTC')).toBe(DAY0 + 14 * H);
    expect(parseTimeModifier('@d', NOW, 'UTC')).toBe(DAY0);
    // weeks: Wednesday → Monday 04-28 (@w1), Sunday 04-27 (@w0, @w7, @w), Saturday 04-26 (@w6)
    expect(parseTimeModifier('@w1', NOW, 'UTC')).toBe(DAY0 - 2 * D);
    expect(parseTimeModifier('@w0', NOW, 'UTC')).toBe(DAY0 - 3 * D);
    expect(parseTimeModifier('@w7', NOW, 'UTC')).toBe(DAY0 - 3 * D);
    expect(parseTimeModifier('@w', NOW, 'UTC')).toBe(DAY0 - 3 * D);
    expect(parseTimeModifier('@w6', NOW, 'UTC')).toBe(DAY0 - 4 * D);
    expect(parseTimeModifier('@w3', NOW, 'UTC')).toBe(DAY0); // today is Wednesday
    // month and quarter start: 2025-04-01 00:00 = 29 days before 04-30
    expect(parseTimeModifier('@mon', NOW, 'UTC')).toBe(DAY0 - 29 * D);
    expect(parseTimeModifier('@q', NOW, 'UTC')).toBe(DAY0 - 29 * D);
    // 2025-03-01 00:00 = 1740787200; in March, @q snaps to January 1st 2025 = 1735689600
    expect(parseTimeModifier('-1mon@mon', NOW, 'UTC')).toBe(1740787200);
    expect(parseTimeModifier('@q', 1740787200 + 10 * D, 'UTC')).toBe(1735689600);
    expect(parseTimeModifier('@y', NOW, 'UTC')).toBe(1735689600);
    expect(parseTimeModifier('@qtr', NOW, 'UTC')).toBe(DAY0 - 29 * D);
  });
  it('last full business week (-5d@w1 .. @w6)', () => {
    // -5d = Friday 04-25 → @w1 Monday 04-21; latest @w6 = Saturday 04-26
    expect(parseTimeModifier('-5d@w1', NOW, 'UTC')).toBe(DAY0 - 9 * D);
    expect(parseTimeModifier('@w6', NOW, 'UTC')).toBe(DAY0 - 4 * D);
  });
  it('absolute %m/%d/%Y:%H:%M:%S in tz', () => {
    // 2022-11-15T20:00:00Z = 1668542400; Pacific (PST, UTC-8) adds 8 hours
    expect(parseTimeModifier('11/15/2022:20:00:00', NOW, 'UTC')).toBe(1668542400);
    expect(parseTimeModifier('11/15/2022:20:00:00', NOW, 'America/Los_Angeles')).toBe(1668542400 + 8 * H);
    expect(parseTimeModifier('10/19/2016:0:0:0', NOW, 'UTC')).toBe(1476835200);
  });
  it('invalid modifiers', () => {
    for (const bad of ['', 'foo', '-1x', '@w8', '@w12', '-1.5h', '@', '-', '1d', '@5m', 'now-1d', '13/01/2022:00:00:00', '-1d@', '@d@', '--1d', 'rt-5m']) {
      expect(parseTimeModifier(bad, NOW, 'UTC'), bad).toBeUndefined();
    }
  });
});

describe('time modifiers in America/New_York across DST', () => {
  const tz = 'America/New_York';
  // spring forward: 2024-03-10, 02:00 EST → 03:00 EDT. Noon EDT = 16:00Z = 1710086400.
  const SPRING_NOON = 1710086400;
  it('@d is local midnight, 00:00 EST = 05:00Z (only 11 hours before noon)', () => {
    expect(parseTimeModifier('@d', SPRING_NOON, tz)).toBe(1710046800);
    expect(SPRING_NOON - 1710046800).toBe(11 * H);
  });
  it('@d-2h = 22:00 EST the day before', () => {
    expect(parseTimeModifier('@d-2h', SPRING_NOON, tz)).toBe(1710039600);
  });
  it('-2h@h and an hour snap before the change', () => {
    expect(parseTimeModifier('-2h@h', SPRING_NOON, tz)).toBe(SPRING_NOON - 2 * H);
    // noon EDT - 10 h = 06:00Z = 01:00 EST
    expect(parseTimeModifier('-10h@h', SPRING_NOON + 1800, tz)).toBe(SPRING_NOON - 10 * H);
  });
  it('-1d keeps the wall clock: noon EST on 03-09 = 17:00Z, 23 hours earlier', () => {
    expect(parseTimeModifier('-1d', SPRING_NOON, tz)).toBe(SPRING_NOON - 23 * H);
  });
  it('@w1 and @mon are local midnights', () => {
    // Sunday 2024-03-10 → Monday 2024-03-04 00:00 EST = 05:00Z = 1709528400
    expect(parseTimeModifier('@w1', SPRING_NOON, tz)).toBe(1709528400);
    // 2024-03-01 00:00 EST = 05:00Z = 1709269200
    expect(parseTimeModifier('@mon', SPRING_NOON, tz)).toBe(1709269200);
    expect(parseTimeModifier('@q', SPRING_NOON, tz)).toBe(1704085200); // 2024-01-01 00:00 EST = 05:00Z
  });
  it('fall back: snapping to the hour within the repeated hour rounds down, not back an extra hour', () => {
    // 2024-11-03 01:30 EDT = 05:30Z; 01:30 EST = 06:30Z
    expect(parseTimeModifier('@h', 1730611800, tz)).toBe(1730610000); // 01:00 EDT = 05:00Z
    expect(parseTimeModifier('@h', 1730615400, tz)).toBe(1730613600); // 01:00 EST = 06:00Z
    // noon EST 2024-11-03 = 17:00Z → midnight EDT = 04:00Z (a 25-hour day)
    expect(parseTimeModifier('@d', 1730653200, tz)).toBe(1730606400);
  });
});

describe('relative_time', () => {
  it('applies the relative grammar to any time', () => {
    expect(relativeTime(NOW, '-1d@d', 'UTC')).toBe(DAY0 - D);
    expect(relativeTime(NOW, '+1h', 'UTC')).toBe(NOW + H);
    expect(relativeTime(NOW, '@d', 'UTC')).toBe(DAY0);
  });
  it('keeps the fraction through offsets', () => {
    expect(relativeTime(NOW + 0.5, '-1d', 'UTC')).toBe(NOW - D + 0.5);
  });
  it('rejects what is not relative', () => {
    expect(relativeTime(NOW, '11/15/2022:20:00:00', 'UTC')).toBeUndefined();
    expect(relativeTime(NOW, 'bogus', 'UTC')).toBeUndefined();
    expect(relativeTime(Number.NaN, '-1d', 'UTC')).toBeUndefined();
  });
});
