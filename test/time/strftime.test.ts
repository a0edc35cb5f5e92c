import { describe, expect, it } from 'vitest';
import { strftime } from '../../src/time/index.js';

// 2025-04-29T23:45:22Z: 20207 days after 1970-01-01 (55 years, 14 leap days, + 118 days into 2025)
// = 20207 * 86400 + 23*3600 + 45*60 + 22 = 1745970322. A Tuesday.
const T = 1745970322;

describe('strftime: worked conversions from the format-variables page', () => {
  it('%Y-%m-%dT%H:%M:%S', () => {
    expect(strftime(T, '%Y-%m-%dT%H:%M:%S', 'UTC')).toBe('2025-04-29T23:45:22');
  });
  it('%m-%d-%Y %I:%M:%S %p', () => {
    expect(strftime(T, '%m-%d-%Y %I:%M:%S %p', 'UTC')).toBe('04-29-2025 11:45:22 PM');
  });
  it('%Y-%m-%dT%H:%M:%S.%Q', () => {
    expect(strftime(T, '%Y-%m-%dT%H:%M:%S.%Q', 'UTC')).toBe('2025-04-29T23:45:22.000');
  });
  it('same instant rendered in another zone', () => {
    // New York is UTC-4 (EDT) in April
    expect(strftime(T, '%Y-%m-%d %H:%M:%S %z', 'America/New_York')).toBe('2025-04-29 19:45:22 -0400');
  });
  it('2022-12-15 09:45:22 Pacific (the strptime example) renders back', () => {
    expect(strftime(1671126322, '%Y-%m-%d %H:%M:%S', 'America/Los_Angeles')).toBe('2022-12-15 09:45:22');
  });
});

describe('strftime: convert ctime docs example (1522196414.839 shown as 2018-03-27 17:20:14.839, US Pacific)', () => {
  const t = 1522196414.839;
  it('%H:%M:%S', () => {
    expect(strftime(t, '%H:%M:%S', 'America/Los_Angeles')).toBe('17:20:14');
  });
  it('subseconds', () => {
    expect(strftime(t, '%Y-%m-%d %H:%M:%S.%3N', 'America/Los_Angeles')).toBe('2018-03-27 17:20:14.839');
    expect(strftime(t, '%6N', 'UTC')).toBe('839000');
    expect(strftime(t, '%N', 'UTC')).toBe('839000000'); // %N defaults to 9 digits
    expect(strftime(t, '%f', 'UTC')).toBe('839000'); // microseconds
    expect(strftime(t, '%Q|%3Q|%6Q', 'UTC')).toBe('839|839|839000');
  });
});

describe('strftime: each variable', () => {
  it('date parts', () => {
    expect(strftime(T, '%y %C %m %b %B %d %e %j', 'UTC')).toBe('25 20 04 Apr April 29 29 119');
    // 2025-04-05 is Saturday, day 95
    expect(strftime(T - 24 * 86400, '%d|%e|%j|%a|%A|%w|%u', 'UTC')).toBe('05| 5|095|Sat|Saturday|6|6');
  });
  it('weekday and week numbers', () => {
    // Tuesday; %U: Sundays-based week (yday 118 + 7 - 2) / 7 = 17; ISO week 18 (week 1 began Mon 2024-12-30)
    expect(strftime(T, '%a %A %w %U %V %G', 'UTC')).toBe('Tue Tuesday 2 17 18 2025');
    // 2021-01-01 (Friday) belongs to ISO week 53 of 2020
    expect(strftime(1609459200, '%V %G %g %U', 'UTC')).toBe('53 2020 20 00');
    // 2024-12-30 (Monday) is ISO week 1 of 2025
    expect(strftime(1735516800, '%V %G', 'UTC')).toBe('01 2025');
  });
  it('hours', () => {
    const midnight = T - (23 * 3600 + 45 * 60 + 22);
    expect(strftime(midnight, '%H|%k|%I|%p', 'UTC')).toBe('00| 0|12|AM');
    expect(strftime(midnight + 12 * 3600, '%H|%I|%p', 'UTC')).toBe('12|12|PM');
    expect(strftime(midnight + 5 * 3600, '%H|%k|%I|%l', 'UTC')).toBe('05| 5|05| 5');
  });
  it('composites and epoch', () => {
    expect(strftime(T, '%T|%F|%s|%D|%R', 'UTC')).toBe('23:45:22|2025-04-29|1745970322|04/29/25|23:45');
    expect(strftime(T, '%c', 'UTC')).toBe('Tue Apr 29 23:45:22 2025');
    expect(strftime(T, '%+', 'UTC')).toBe('Tue Apr 29 23:45:22 UTC 2025');
    expect(strftime(T, '%x %X', 'UTC')).toBe('04/29/2025 23:45:22');
  });
  it('zones', () => {
    // 2025-01-15T12:00:00Z: New York in EST (UTC-5)
    const winter = 1736942400;
    expect(strftime(winter, '%z|%:z|%::z|%:::z|%Z', 'America/New_York')).toBe('-0500|-05:00|-05:00:00|-05|EST');
    expect(strftime(T, '%Z', 'America/New_York')).toBe('EDT');
    expect(strftime(winter, '%z %Z', 'Asia/Kolkata')).toBe('+0530 IST');
    expect(strftime(winter, '%z %Z', 'Europe/Berlin')).toBe('+0100 CET');
    expect(strftime(T, '%z %Z', 'UTC')).toBe('+0000 UTC');
    expect(strftime(winter, '%H:%M', 'Asia/Kolkata')).toBe('17:30');
  });
  it('literals, %% and unknown variables', () => {
    expect(strftime(T, '100%% at %Y', 'UTC')).toBe('100% at 2025');
    expect(strftime(T, '%q %Ez %4Y end%', 'UTC')).toBe('%q %Ez %4Y end%');
    expect(strftime(T, '', 'UTC')).toBe('');
  });
});

describe('strftime: fractions', () => {
  it('%S truncates, never rounds up', () => {
    expect(strftime(T + 0.9999, '%S', 'UTC')).toBe('22');
    expect(strftime(T + 0.9999, '%S.%3N', 'UTC')).toBe('22.999');
  });
  it('negative epochs count back from 1970', () => {
    // -0.5 is 1969-12-31 23:59:59.500
    expect(strftime(-0.5, '%Y-%m-%d %H:%M:%S.%3N', 'UTC')).toBe('1969-12-31 23:59:59.500');
  });
  it('non-finite renders as empty', () => {
    expect(strftime(Number.NaN, '%Y', 'UTC')).toBe('');
  });
});
