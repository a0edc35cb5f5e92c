/**
 * ISO 8601 timestamps in event data (`2024-06-01T12:00:00.123Z`,
 * `2024-06-01 12:00:00`, `2024-06-01T14:00:00+02:00`, `2024-06-01`): the one
 * reader behind every event time splinter extracts (JSON and CSV time
 * fields, text lines, classic WinEventLog records, XmlWinEventLog UtcTime and
 * SystemTime).
 *
 * - Zone: an offset or `Z` in the text wins; otherwise the time is wall-clock
 *   time in the zone the caller gives (props.conf.spec, TZ: "the timezone in
 *   the raw text wins, else TZ, else the forwarder's zone, else the splunkd
 *   host's zone" — offline, `--tz` plays the host's part; add-ons that set
 *   `TZ = UTC` pass UTC).
 * - Fraction: read to the microsecond, rounded to the nearest one.
 *   [decision] Splunk keeps `_time` to the microsecond and `%3N`/`%6N` print
 *   the subsecond digits of the stored value (Search Reference, "Date and
 *   time format variables": %N "subsecond digits"); the docs do not say how
 *   a 7th digit is dropped at extraction. Rounding keeps the stored instant
 *   the nearest one (`59.2709998` → `59.271000`, printed `.271` by `%3N`,
 *   as DuckDB reads it too), and matches strftime here, which rounds an
 *   instant to the microsecond before truncating to the variable's width.
 * - Impossible dates are not moved to a neighbouring day (Date.UTC would make
 *   `2024-02-30` March 1st and year 0001 1901): a month outside 1-12, a day
 *   past the month's end, an hour past 23, a minute or second past 59 (60: a
 *   leap second, taken as the next minute) is a problem the caller reports.
 *   So is an instant outside 32-bit epoch time (1901-12-13T20:45:52Z to
 *   2038-01-19T03:14:07Z): "Splunk uses 32-bit epoch time, events after 2038
 *   cannot be indexed" (Getting Data In, "Configure timestamp recognition",
 *   Splunk Cloud Platform 9.2.2406).
 */
import { daysFromCivil, daysInMonth, SECONDS_PER_DAY } from './civil.js';
import { epochFromLocal } from './zone.js';

export interface IsoTimestamp {
  /** index after the timestamp */
  readonly end: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** microseconds, rounded from the written fraction (may be 1,000,000 after rounding up) */
  readonly micro: number;
  /** the written offset in seconds east of UTC (`Z` = 0), or undefined when the text has none */
  readonly offset?: number;
}

function digits(s: string, i: number, n: number): number {
  if (i + n > s.length) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Reads `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:]MM]` at `at`; with
 * `dateOnly` false a time of day is required. Returns undefined when the
 * text is not shaped like that (the fields are not range-checked here: see
 * isoEpoch).
 */
export function scanIso(s: string, at = 0, dateOnly = false): IsoTimestamp | undefined {
  const year = digits(s, at, 4);
  const month = digits(s, at + 5, 2);
  const day = digits(s, at + 8, 2);
  if (year < 0 || month < 0 || day < 0 || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return undefined;
  let i = at + 10;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let micro = 0;
  const sep = s.charCodeAt(i);
  if ((sep === 84 || sep === 32) && digits(s, i + 1, 2) >= 0) {
    hour = digits(s, i + 1, 2);
    minute = digits(s, i + 4, 2);
    if (minute < 0 || s.charCodeAt(i + 3) !== 58) return undefined;
    i += 6;
    if (s.charCodeAt(i) === 58) {
      second = digits(s, i + 1, 2);
      if (second < 0) return undefined;
      i += 3;
      if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
        // fraction: the first 6 digits, rounded by the 7th
        let n = 0;
        let j = i + 1;
        let round = 0;
        for (; j < s.length; j++) {
          const c = s.charCodeAt(j) - 48;
          if (c < 0 || c > 9) break;
          if (n < 6) micro = micro * 10 + c;
          else if (n === 6) round = c >= 5 ? 1 : 0;
          n++;
        }
        if (n === 0) return undefined;
        for (let k = n; k < 6; k++) micro *= 10;
        micro += round;
        i = j;
      }
    }
  } else if (!dateOnly) return undefined;
  let offset: number | undefined;
  const z = s.charCodeAt(i);
  if (z === 90) {
    offset = 0;
    i++;
  } else if ((z === 43 || z === 45) && i > at + 10) {
    const hh = digits(s, i + 1, 2);
    const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
    const mm = digits(s, i + 3 + colon, 2);
    if (hh >= 0 && mm >= 0 && hh <= 23 && mm <= 59) {
      offset = (z === 45 ? -1 : 1) * (hh * 3600 + mm * 60);
      i += 5 + colon;
    }
  }
  return { end: i, year, month, day, hour, minute, second, micro, ...(offset !== undefined ? { offset } : {}) };
}

const MIN_EPOCH = -(2 ** 31);
const MAX_EPOCH = 2 ** 31 - 1;

/** Epoch seconds of a scanned timestamp (zone-less ones read in `tz`), or why it is impossible. */
export function isoEpoch(t: IsoTimestamp, tz: string): number | string {
  if (t.month < 1 || t.month > 12) return `month ${t.month} does not exist`;
  if (t.day < 1 || t.day > daysInMonth(t.year, t.month)) return `day ${t.day} does not exist in ${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}`;
  if (t.hour > 23 || t.minute > 59 || t.second > 60) return `time ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}:${String(t.second).padStart(2, '0')} does not exist`;
  const local = daysFromCivil(t.year, t.month, t.day) * SECONDS_PER_DAY + t.hour * 3600 + t.minute * 60 + t.second;
  const whole = t.offset !== undefined ? local - t.offset : epochFromLocal(local, tz);
  if (whole < MIN_EPOCH || whole > MAX_EPOCH) return `year ${t.year} is outside the 32-bit epoch times Splunk keeps (1901-12-13 to 2038-01-19)`;
  // exact decimal → nearest double: one division of an integer count of microseconds
  return t.micro === 0 ? whole : (whole * 1e6 + t.micro) / 1e6;
}

/** A whole string that is an ISO 8601 timestamp (a date alone is midnight): epoch seconds, the reason it is impossible, or undefined when it is not one. */
export function parseIso(s: string, tz: string): number | string | undefined {
  const t = scanIso(s, 0, true);
  if (t === undefined || t.end !== s.length) return undefined;
  return isoEpoch(t, tz);
}
