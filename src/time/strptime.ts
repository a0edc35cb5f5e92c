/**
 * strptime with Splunk's date and time format variables (the same set as
 * strftime; see strftime.ts for the source).
 *
 * Input rules (docs: "Leading zeros are accepted but not required" for %m
 * %d %H %I %M %y...; glibc strptime for the rest):
 * - numeric fields read at most their width in digits and at least one;
 *   leading spaces before a number are skipped (so %e and %k read " 5");
 * - white space in the format matches any run of white space, including none;
 * - other characters must match exactly;
 * - text after the end of the format is ignored (as C strptime stops there);
 * - month and weekday names are matched case-insensitively, full or abbreviated;
 * - %z (+hhmm, +hh:mm, +hh, Z) and %Z (UTC, GMT, EST, PDT, CET..., or an
 *   IANA zone name) override the zone the time is read in;
 * - %s reads epoch seconds and wins over the other fields;
 * - fields the format does not give default to 1970-01-01 00:00:00 [I].
 * Out-of-range fields (month 13, hour 24, minute 60) make the text not match.
 */
import { daysInMonth, localFromFields } from './civil.js';
import { MONTHS, MONTHS_ABBR, WEEKDAYS, WEEKDAYS_ABBR } from './strftime.js';
import { epochFromLocal, isValidTimeZone } from './zone.js';
import { formatTokens } from './format.js';
import { boundedMemo } from './cache.js';

interface State {
  year?: number;
  century?: number;
  year2?: number;
  month?: number;
  day?: number;
  yday?: number;
  hour?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  frac: number;
  offset?: number;
  zone?: string;
  epoch?: number;
}

/** A step reads from text at pos and returns the new position, or -1 when the text does not match. */
type Step = (text: string, pos: number, st: State) => number;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** Reads 1..maxDigits digits after optional leading spaces; returns [value, newPos] or undefined. */
function readNumber(text: string, pos: number, maxDigits: number): [number, number] | undefined {
  while (pos < text.length && text.charCodeAt(pos) === 32) pos++;
  let n = 0;
  let k = 0;
  while (k < maxDigits && pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    pos++;
    k++;
  }
  return k === 0 ? undefined : [n, pos];
}

function numberStep(maxDigits: number, lo: number, hi: number, set: (st: State, n: number) => void): Step {
  return (text, pos, st) => {
    const r = readNumber(text, pos, maxDigits);
    if (!r || r[0] < lo || r[0] > hi) return -1;
    set(st, r[0]);
    return r[1];
  };
}

function fractionStep(maxDigits: number): Step {
  return (text, pos, st) => {
    let k = 0;
    let n = 0;
    while (k < maxDigits && pos + k < text.length) {
      const c = text.charCodeAt(pos + k);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      k++;
    }
    if (k === 0) return -1;
    st.frac = n / 10 ** k;
    return pos + k;
  };
}

/** Matches the longest name in the list at pos, case-insensitively; returns [index, newPos]. */
function nameStep(full: readonly string[], abbr: readonly string[], set: (st: State, i: number) => void): Step {
  const fullLower = full.map((s) => s.toLowerCase());
  const abbrLower = abbr.map((s) => s.toLowerCase());
  return (text, pos, st) => {
    for (const list of [fullLower, abbrLower]) {
      for (let i = 0; i < list.length; i++) {
        const name = list[i];
        if (text.length - pos >= name.length && text.slice(pos, pos + name.length).toLowerCase() === name) {
          set(st, i);
          return pos + name.length;
        }
      }
    }
    return -1;
  };
}

const OFFSET_RE = /^([+-])(\d\d):?(\d\d)?(?::?(\d\d))?/;

function readOffset(text: string, pos: number): [number, number] | undefined {
  if (text[pos] === 'Z' || text[pos] === 'z') return [0, pos + 1];
  const m = OFFSET_RE.exec(text.slice(pos, pos + 9));
  if (!m) return undefined;
  const hh = Number(m[2]);
  const mm = m[3] ? Number(m[3]) : 0;
  const ss = m[4] ? Number(m[4]) : 0;
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  const v = hh * 3600 + mm * 60 + ss;
  return [m[1] === '-' ? -v : v, pos + m[0].length];
}

const offsetStep: Step = (text, pos, st) => {
  const r = readOffset(text, pos);
  if (!r) return -1;
  st.offset = r[0];
  st.zone = undefined;
  return r[1];
};

/** Abbreviations accepted by %Z, with their offsets in hours (the unambiguous common ones). */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0,
  UT: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 1,
  BST: 1,
  CET: 1,
  CEST: 2,
  MET: 1,
  MEST: 2,
  EET: 2,
  EEST: 3,
  MSK: 3,
  JST: 9,
  KST: 9,
  HKT: 8,
  AWST: 8,
  ACST: 9.5,
  ACDT: 10.5,
  AEST: 10,
  AEDT: 11,
  NZST: 12,
  NZDT: 13,
  AST: -4,
  ADT: -3,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
};

const ZONE_TOKEN = /^[A-Za-z][A-Za-z0-9_/+-]*/;

const zoneNameStep: Step = (text, pos, st) => {
  if (text[pos] === '+' || text[pos] === '-') return offsetStep(text, pos, st);
  const m = ZONE_TOKEN.exec(text.slice(pos, pos + 64));
  if (!m) return -1;
  const token = m[0];
  const hours = ABBREVIATIONS[token.toUpperCase()];
  if (hours !== undefined) {
    st.offset = hours * 3600;
    st.zone = undefined;
    return pos + token.length;
  }
  if (token.includes('/') && isValidTimeZone(token)) {
    st.zone = token;
    st.offset = undefined;
    return pos + token.length;
  }
  return -1;
};

const epochStep: Step = (text, pos, st) => {
  let p = pos;
  const neg = text[p] === '-';
  if (neg) p++;
  const r = readNumber(text, p, 12);
  if (!r) return -1;
  st.epoch = neg ? -r[0] : r[0];
  return r[1];
};

const whitespaceStep: Step = (text, pos) => skipSpaces(text, pos);

function literalStep(lit: string): Step {
  return (text, pos) => (text.startsWith(lit, pos) ? pos + lit.length : -1);
}

const SIMPLE: Record<string, Step> = {
  Y: numberStep(4, 0, 9999, (st, n) => (st.year = n)),
  y: numberStep(2, 0, 99, (st, n) => (st.year2 = n)),
  C: numberStep(2, 0, 99, (st, n) => (st.century = n)),
  G: numberStep(4, 0, 9999, () => {}),
  g: numberStep(2, 0, 99, () => {}),
  m: numberStep(2, 1, 12, (st, n) => (st.month = n)),
  b: nameStep(MONTHS, MONTHS_ABBR, (st, i) => (st.month = i + 1)),
  B: nameStep(MONTHS, MONTHS_ABBR, (st, i) => (st.month = i + 1)),
  h: nameStep(MONTHS, MONTHS_ABBR, (st, i) => (st.month = i + 1)),
  d: numberStep(2, 1, 31, (st, n) => (st.day = n)),
  e: numberStep(2, 1, 31, (st, n) => (st.day = n)),
  j: numberStep(3, 1, 366, (st, n) => (st.yday = n)),
  H: numberStep(2, 0, 23, (st, n) => (st.hour = n)),
  k: numberStep(2, 0, 23, (st, n) => (st.hour = n)),
  I: numberStep(2, 1, 12, (st, n) => (st.hour12 = n)),
  l: numberStep(2, 1, 12, (st, n) => (st.hour12 = n)),
  M: numberStep(2, 0, 59, (st, n) => (st.minute = n)),
  S: numberStep(2, 0, 60, (st, n) => (st.second = n)),
  f: fractionStep(6),
  s: epochStep,
  a: nameStep(WEEKDAYS, WEEKDAYS_ABBR, () => {}),
  A: nameStep(WEEKDAYS, WEEKDAYS_ABBR, () => {}),
  w: numberStep(1, 0, 6, () => {}),
  u: numberStep(1, 1, 7, () => {}),
  U: numberStep(2, 0, 53, () => {}),
  W: numberStep(2, 0, 53, () => {}),
  V: numberStep(2, 1, 53, () => {}),
  z: offsetStep,
  Z: zoneNameStep,
  n: whitespaceStep,
  t: whitespaceStep,
  '%': literalStep('%'),
};

const AMPM: Step = (text, pos, st) => {
  const two = text.slice(pos, pos + 2).toUpperCase();
  if (two === 'AM' || two === 'PM') {
    st.pm = two === 'PM';
    return pos + 2;
  }
  return -1;
};
SIMPLE.p = AMPM;
SIMPLE.P = AMPM;

function compile(format: string): Step[] {
  const out: Step[] = [];
  for (const t of formatTokens(format, (letter) => SIMPLE[letter] !== undefined)) {
    if (t.kind === 'text') {
      // a run of whitespace in the format matches any run of whitespace (none too)
      let lit = '';
      for (let i = 0; i < t.text.length; ) {
        if (isSpace(t.text.charCodeAt(i))) {
          if (lit) out.push(literalStep(lit));
          lit = '';
          while (i < t.text.length && isSpace(t.text.charCodeAt(i))) i++;
          out.push(whitespaceStep);
        } else lit += t.text[i++];
      }
      if (lit) out.push(literalStep(lit));
    } else if (t.kind === 'offset') out.push(offsetStep);
    else if (t.kind === 'fraction') out.push(fractionStep(t.width));
    else out.push(SIMPLE[t.letter]);
  }
  return out;
}

const compiledFormat = boundedMemo((format: string): Step[] => compile(format));

/**
 * Parses text with a format, reading wall-clock fields in the IANA zone tz
 * unless the text gives its own zone. Returns epoch seconds (with the
 * fraction read by %N/%Q/%f), or undefined when the text does not match.
 */
export function strptime(text: string, format: string, tz: string): number | undefined {
  const steps = compiledFormat(format);
  const st: State = { frac: 0 };
  let pos = 0;
  for (const step of steps) {
    pos = step(text, pos, st);
    if (pos < 0) return undefined;
  }
  if (st.epoch !== undefined) return st.epoch + st.frac;

  let year = 1970;
  if (st.year !== undefined) year = st.year;
  else if (st.century !== undefined) year = st.century * 100 + (st.year2 ?? 0);
  else if (st.year2 !== undefined) year = st.year2 < 69 ? 2000 + st.year2 : 1900 + st.year2;

  let month = st.month ?? 1;
  let day = st.day ?? 1;
  if (st.yday !== undefined && st.month === undefined && st.day === undefined) {
    // day of the year alone: count from January 1st (localFromFields normalises the overflow)
    month = 1;
    day = st.yday;
  } else if (st.day !== undefined && st.day > daysInMonth(year, month)) {
    return undefined;
  }

  let hour = st.hour ?? 0;
  if (st.hour12 !== undefined) hour = (st.hour12 % 12) + (st.pm ? 12 : 0);

  const local = localFromFields(year, month, day, hour, st.minute ?? 0, st.second ?? 0);
  if (st.offset !== undefined) return local - st.offset + st.frac;
  return epochFromLocal(local, st.zone ?? tz) + st.frac;
}
