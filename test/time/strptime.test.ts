import { describe, expect, it } from 'vitest';
import { strptime } from '../../src/time/index.js';

const T = 1745970322; // 2025-04-29T23:45:22Z (see strftime.test.ts)

describe('strptime: docs examples', () => {
  it('2022-12-15 09:45:22 in US Pacific (PST, UTC-8) = 1671126322', () => {
    // docs: strptime("2022-12-15 09:45:22", "%Y-%m-%d %H:%M:%S") → 1671126322.000000; 17:45:22Z
    expect(strptime('2022-12-15 09:45:22', '%Y-%m-%d %H:%M:%S', 'America/Los_Angeles')).toBe(1671126322);
  });
  it('reverses the strftime worked conversions', () => {
    expect(strptime('2025-04-29T23:45:22', '%Y-%m-%dT%H:%M:%S', 'UTC')).toBe(T);
    expect(strptime('04-29-2025 11:45:22 PM', '%m-%d-%Y %I:%M:%S %p', 'UTC')).toBe(T);
    expect(strptime('2025-04-29T23:45:22.000', '%Y-%m-%dT%H:%M:%S.%Q', 'UTC')).toBe(T);
  });
  it('the absolute time modifier form with single digits (earliest=10/19/2016:0:0:0)', () => {
    // 2016-10-19T00:00:00Z = 17093 days * 86400
    expect(strptime('10/19/2016:0:0:0', '%m/%d/%Y:%H:%M:%S', 'UTC')).toBe(1476835200);
  });
});

describe('strptime: fields', () => {
  it('leading zeros optional', () => {
    // 2025-04-09T03:05:07Z
    expect(strptime('4/9/2025 3:5:7', '%m/%d/%Y %H:%M:%S', 'UTC')).toBe(1744167907);
    expect(strptime('04/09/2025 03:05:07', '%m/%d/%Y %H:%M:%S', 'UTC')).toBe(1744167907);
  });
  it('subseconds (Sysmon UtcTime)', () => {
    // 2024-05-14T10:22:31Z = 1715682151
    expect(strptime('2024-05-14 10:22:31.455', '%Y-%m-%d %H:%M:%S.%3N', 'UTC')).toBe(1715682151.455);
    expect(strptime('2021-03-23T09:56:13.137310000Z', '%Y-%m-%dT%H:%M:%S.%9NZ', 'UTC')).toBeCloseTo(
      1616493373.13731,
      6,
    );
    expect(strptime('2024-05-14 10:22:31.5', '%Y-%m-%d %H:%M:%S.%N', 'UTC')).toBe(1715682151.5);
  });
  it('12-hour clock', () => {
    const midnight = T - (23 * 3600 + 45 * 60 + 22);
    expect(strptime('2025-04-29 12:00:00 AM', '%Y-%m-%d %I:%M:%S %p', 'UTC')).toBe(midnight);
    expect(strptime('2025-04-29 12:30:00 pm', '%Y-%m-%d %I:%M:%S %p', 'UTC')).toBe(midnight + 12.5 * 3600);
  });
  it('month and weekday names, case-insensitive', () => {
    const midnight = T - (23 * 3600 + 45 * 60 + 22);
    expect(strptime('Apr 29 2025', '%b %d %Y', 'UTC')).toBe(midnight);
    expect(strptime('april 29, 2025', '%B %d, %Y', 'UTC')).toBe(midnight);
    expect(strptime('Tue Apr 29 23:45:22 2025', '%c', 'UTC')).toBe(T);
    expect(strptime('Tuesday, APRIL 29 2025', '%A, %B %d %Y', 'UTC')).toBe(midnight);
  });
  it('two-digit years pivot at 69 (POSIX)', () => {
    expect(strptime('25-04-29', '%y-%m-%d', 'UTC')).toBe(T - (23 * 3600 + 45 * 60 + 22));
    // 1969-04-29T00:00:00Z
    expect(strptime('69-04-29', '%y-%m-%d', 'UTC')).toBe(-21340800);
  });
  it('day of year', () => {
    // day 119 of 2025 = April 29
    expect(strptime('2025 119', '%Y %j', 'UTC')).toBe(T - (23 * 3600 + 45 * 60 + 22));
  });
  it('epoch seconds', () => {
    expect(strptime('1745970322', '%s', 'America/New_York')).toBe(T);
  });
  it('composites %F %T', () => {
    expect(strptime('2025-04-29 23:45:22', '%F %T', 'UTC')).toBe(T);
  });
  it('white space in the format matches any run of white space', () => {
    expect(strptime('2025-04-29    23:45:22', '%Y-%m-%d %H:%M:%S', 'UTC')).toBe(T);
    expect(strptime('2025-04-2923:45:22', '%Y-%m-%d %H:%M:%S', 'UTC')).toBe(T);
  });
  it('text after the format is ignored', () => {
    expect(strptime('2025-04-29T23:45:22.123456Z', '%Y-%m-%dT%H:%M:%S', 'UTC')).toBe(T);
  });
});

describe('strptime: zones in the text override tz', () => {
  it('%z', () => {
    expect(strptime('2022-12-15T09:45:22-0800', '%Y-%m-%dT%H:%M:%S%z', 'UTC')).toBe(1671126322);
    expect(strptime('2022-12-15T09:45:22-08:00', '%Y-%m-%dT%H:%M:%S%:z', 'Asia/Tokyo')).toBe(1671126322);
    expect(strptime('2022-12-15T17:45:22Z', '%Y-%m-%dT%H:%M:%S%z', 'America/New_York')).toBe(1671126322);
    // +05:30: 23:15:22 local = 17:45:22Z
    expect(strptime('2022-12-15 23:15:22 +0530', '%Y-%m-%d %H:%M:%S %z', 'UTC')).toBe(1671126322);
  });
  it('%Z abbreviations and zone names', () => {
    expect(strptime('2022-12-15 09:45:22 PST', '%Y-%m-%d %H:%M:%S %Z', 'UTC')).toBe(1671126322);
    expect(strptime('2022-12-15 17:45:22 UTC', '%Y-%m-%d %H:%M:%S %Z', 'America/New_York')).toBe(1671126322);
    expect(strptime('2022-12-15 09:45:22 America/Los_Angeles', '%Y-%m-%d %H:%M:%S %Z', 'UTC')).toBe(1671126322);
    expect(strptime('2022-12-15 09:45:22 XYZ', '%Y-%m-%d %H:%M:%S %Z', 'UTC')).toBeUndefined();
  });
});

describe('strptime: daylight saving time in America/New_York', () => {
  it('summer and winter offsets', () => {
    // 2024-07-01 12:00 EDT = 16:00Z; 2024-01-01 12:00 EST = 17:00Z
    expect(strptime('2024-07-01 12:00:00', '%Y-%m-%d %H:%M:%S', 'America/New_York')).toBe(1719849600);
    expect(strptime('2024-01-01 12:00:00', '%Y-%m-%d %H:%M:%S', 'America/New_York')).toBe(1704128400);
  });
  it('a skipped wall-clock time moves forward (02:30 on 2024-03-10 = 03:30 EDT = 07:30Z)', () => {
    expect(strptime('2024-03-10 02:30:00', '%Y-%m-%d %H:%M:%S', 'America/New_York')).toBe(1710055800);
  });
  it('a repeated wall-clock time takes the first occurrence (01:30 EDT on 2024-11-03 = 05:30Z)', () => {
    expect(strptime('2024-11-03 01:30:00', '%Y-%m-%d %H:%M:%S', 'America/New_York')).toBe(1730611800);
  });
});

describe('strptime: no match', () => {
  it('returns undefined', () => {
    expect(strptime('not a date', '%Y-%m-%d', 'UTC')).toBeUndefined();
    expect(strptime('2025/04/29', '%Y-%m-%d', 'UTC')).toBeUndefined();
    expect(strptime('2025-13-01', '%Y-%m-%d', 'UTC')).toBeUndefined();
    expect(strptime('2025-02-30', '%Y-%m-%d', 'UTC')).toBeUndefined();
    expect(strptime('2025-04-29 24:00:00', '%Y-%m-%d %H:%M:%S', 'UTC')).toBeUndefined();
    expect(strptime('2025-04-29 23:60:00', '%Y-%m-%d %H:%M:%S', 'UTC')).toBeUndefined();
    expect(strptime('', '%Y', 'UTC')).toBeUndefined();
    expect(strptime('2025-04-29', '%Y-%m-%d %H', 'UTC')).toBeUndefined();
  });
});
