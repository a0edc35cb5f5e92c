/**
 * Calendar arithmetic on the proleptic Gregorian calendar, without time
 * zones: "local seconds" are seconds since 1970-01-01T00:00:00 of a wall
 * clock, i.e. epoch seconds + zone offset.
 */

export const SECONDS_PER_DAY = 86400;

/** Days since 1970-01-01 of a civil date (month 1-12; day may overflow and is normalised). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // normalise the month into 1..12 first, carrying into the year
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  // shift the year so that it starts on March 1st: leap days come last
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yearOfEra = yy - era * 400; // 0..399
  const monthFromMarch = (m + 9) % 12; // Mar=0 .. Feb=11
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

/** Civil date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097; // 0..146096
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153); // Mar=0
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day of the week of a day number, 0 = Sunday. */
export function weekday(days: number): number {
  // 1970-01-01 was a Thursday (4)
  return (((days + 4) % 7) + 7) % 7;
}

/** Broken-down wall-clock time. */
export interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  wday: number;
  /** 0-based day of the year */
  yday: number;
}

/** Breaks whole local seconds into wall-clock fields. */
export function fieldsFromLocal(localSeconds: number): Fields {
  const days = Math.floor(localSeconds / SECONDS_PER_DAY);
  const secOfDay = localSeconds - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(secOfDay / 3600);
  const minute = Math.floor((secOfDay - hour * 3600) / 60);
  const second = secOfDay - hour * 3600 - minute * 60;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    wday: weekday(days),
    yday: days - daysFromCivil(year, 1, 1),
  };
}

/** Local seconds of wall-clock fields; every field may overflow and is normalised (like mktime). */
export function localFromFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  return daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
}
