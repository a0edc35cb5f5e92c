/**
 * strftime with Splunk's date and time format variables.
 *
 * Source: "Date and time format variables",
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.2/time-format-variables-and-modifiers/date-and-time-format-variables
 * Variables not listed there follow glibc's strftime (Splunk runs on it);
 * unknown variables are kept literally. Locale formats (%c %x %X %+) use US
 * English as on the docs' Linux examples.
 *
 * Fractional seconds: the instant is first rounded to the microsecond (the
 * precision Splunk keeps in _time, and what a double holds for current
 * epochs), then subsecond variables truncate to their width, and %S shows
 * whole seconds (truncated, never rounded up).
 */
import { fieldsFromLocal, isLeapYear, type Fields } from './civil.js';
import { offsetAt, zoneAbbreviation } from './zone.js';
import { formatTokens } from './format.js';
import { boundedMemo } from './cache.js';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const MONTHS_ABBR = MONTHS.map((m) => m.slice(0, 3));
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const WEEKDAYS_ABBR = WEEKDAYS.map((d) => d.slice(0, 3));

/** Everything a directive may need about one instant. */
interface Ctx {
  f: Fields;
  /** whole epoch seconds */
  whole: number;
  /** microseconds within the second, 0..999999 */
  micro: number;
  /** zone offset in seconds, east positive */
  offset: number;
  tz: string;
}

type Piece = string | ((c: Ctx) => string);

function pad2(n: number): string {
  return n < 10 && n >= 0 ? '0' + n : String(n);
}
function pad3(n: number): string {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : String(n);
}
function space2(n: number): string {
  return n < 10 ? ' ' + n : String(n);
}

function hour12(h: number): number {
  const r = h % 12;
  return r === 0 ? 12 : r;
}

/** Subsecond digits truncated to a width 1..9 (beyond 6 digits, zeros: _time keeps microseconds). */
function subsecond(micro: number, width: number): string {
  const six = String(micro).padStart(6, '0');
  return width <= 6 ? six.slice(0, width) : six + '0'.repeat(width - 6);
}

function formatOffset(offset: number, colons: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad2(Math.floor(a / 3600));
  const mm = pad2(Math.floor((a % 3600) / 60));
  const ss = pad2(a % 60);
  switch (colons) {
    case 0:
      return `${sign}${hh}${mm}`;
    case 1:
      return `${sign}${hh}:${mm}`;
    case 2:
      return `${sign}${hh}:${mm}:${ss}`;
    default:
      return `${sign}${hh}`;
  }
}

function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

/** ISO 8601 week-based year and week number (weeks start on Monday; week 1 holds January 4th). */
function isoWeek(f: Fields): { year: number; week: number } {
  const mondayBased = (f.wday + 6) % 7;
  let year = f.year;
  let thursday = f.yday - mondayBased + 3; // day of year of this week's Thursday
  if (thursday < 0) {
    year--;
    thursday += daysInYear(year);
  } else if (thursday >= daysInYear(year)) {
    thursday -= daysInYear(year);
    year++;
  }
  return { year, week: Math.floor(thursday / 7) + 1 };
}

const SIMPLE: Record<string, (c: Ctx) => string> = {
  Y: (c) => String(c.f.year),
  y: (c) => pad2(((c.f.year % 100) + 100) % 100),
  C: (c) => pad2(Math.floor(c.f.year / 100)),
  G: (c) => String(isoWeek(c.f).year),
  g: (c) => pad2(((isoWeek(c.f).year % 100) + 100) % 100),
  m: (c) => pad2(c.f.month),
  b: (c) => MONTHS_ABBR[c.f.month - 1],
  h: (c) => MONTHS_ABBR[c.f.month - 1],
  B: (c) => MONTHS[c.f.month - 1],
  d: (c) => pad2(c.f.day),
  e: (c) => space2(c.f.day),
  j: (c) => pad3(c.f.yday + 1),
  H: (c) => pad2(c.f.hour),
  k: (c) => space2(c.f.hour),
  I: (c) => pad2(hour12(c.f.hour)),
  l: (c) => space2(hour12(c.f.hour)),
  p: (c) => (c.f.hour < 12 ? 'AM' : 'PM'),
  P: (c) => (c.f.hour < 12 ? 'am' : 'pm'),
  M: (c) => pad2(c.f.minute),
  S: (c) => pad2(c.f.second),
  f: (c) => subsecond(c.micro, 6),
  s: (c) => String(c.whole),
  a: (c) => WEEKDAYS_ABBR[c.f.wday],
  A: (c) => WEEKDAYS[c.f.wday],
  w: (c) => String(c.f.wday),
  u: (c) => String(c.f.wday === 0 ? 7 : c.f.wday),
  V: (c) => pad2(isoWeek(c.f).week),
  U: (c) => pad2(Math.floor((c.f.yday + 7 - c.f.wday) / 7)),
  W: (c) => pad2(Math.floor((c.f.yday + 7 - ((c.f.wday + 6) % 7)) / 7)),
  Z: (c) => zoneAbbreviation(c.whole, c.tz),
  n: () => '\n',
  t: () => '\t',
  '%': () => '%',
};

function compile(format: string): Piece[] {
  const out: Piece[] = [];
  for (const t of formatTokens(format, (letter) => SIMPLE[letter] !== undefined)) {
    if (t.kind === 'text') out.push(t.text);
    else if (t.kind === 'offset') out.push((c) => formatOffset(c.offset, t.colons));
    else if (t.kind === 'fraction') out.push((c) => subsecond(c.micro, t.width));
    else out.push(SIMPLE[t.letter]);
  }
  return out;
}

const compiledFormat = boundedMemo((format: string): Piece[] => compile(format));

/**
 * Renders an epoch time (seconds, may have a fraction) with a format in the
 * IANA zone tz. A non-finite epoch renders as the empty string (callers
 * should not pass one: eval's strftime returns null for non-numbers).
 */
export function strftime(epoch: number, format: string, tz: string): string {
  if (!Number.isFinite(epoch)) return '';
  const pieces = compiledFormat(format);
  let whole = Math.floor(epoch);
  let micro = Math.round((epoch - whole) * 1e6);
  if (micro >= 1e6) {
    whole += 1;
    micro -= 1e6;
  }
  const offset = offsetAt(whole, tz);
  const ctx: Ctx = { f: fieldsFromLocal(whole + offset), whole, micro, offset, tz };
  let s = '';
  for (const p of pieces) s += typeof p === 'string' ? p : p(ctx);
  return s;
}
