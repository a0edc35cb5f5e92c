/**
 * Time zones through Intl (Node 20 ships full ICU and the tz database).
 *
 * The offset of a zone at an instant is read from a cached
 * Intl.DateTimeFormat; results are memoised per hour of UTC time (an hour
 * whose start and end have the same offset has that offset throughout, since
 * no zone changes its offset twice within an hour), so formatting many
 * timestamps close together costs one Map lookup each.
 */
import { localFromFields } from './civil.js';

const UTC_NAMES = new Set(['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT', 'Z', 'Etc/Zulu', 'Zulu', 'UCT', 'Etc/UCT', 'Universal']);

/** True when the zone is plain UTC (offset 0 at every instant). */
export function isUtc(tz: string): boolean {
  return UTC_NAMES.has(tz) || tz.toUpperCase() === 'UTC';
}

const validity = new Map<string, boolean>();

/** Whether tz names a time zone Intl knows (IANA name such as America/New_York, or UTC). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0) return false;
  let ok = validity.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    validity.set(tz, ok);
  }
  return ok;
}

/** The zone of this machine, as a Splunk server would use its own zone when no user tz is set. */
export function localTimeZone(): string {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return tz && isValidTimeZone(tz) ? tz : 'UTC';
  } catch {
    return 'UTC';
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone ${JSON.stringify(tz)} (callers must check isValidTimeZone first)`);
    }
    formatters.set(tz, f);
  }
  return f;
}

// ICU switches to the Julian calendar before 1582, and Date stops at ±8.64e15 ms;
// offsets outside this window are those at its edges (local mean time before it).
const MIN_LOOKUP = -11676096000; // 1600-01-01T00:00:00Z
const MAX_LOOKUP = 253402300799; // 9999-12-31T23:59:59Z

function computeOffset(epochSeconds: number, tz: string): number {
  const t = Math.min(MAX_LOOKUP, Math.max(MIN_LOOKUP, Math.floor(epochSeconds)));
  const parts = formatterFor(tz).formatToParts(t * 1000);
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
    }
  }
  return localFromFields(y, mo, d, h, mi, s) - t;
}

const MAX_CACHE = 20000;
const offsetCaches = new Map<string, Map<number, number>>();

/** Offset of tz from UTC in seconds at an instant (east positive: New York in winter = -18000). */
export function offsetAt(epochSeconds: number, tz: string): number {
  if (isUtc(tz) || !Number.isFinite(epochSeconds)) return 0;
  const hour = Math.floor(epochSeconds / 3600);
  let cache = offsetCaches.get(tz);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(tz, cache);
  }
  const hit = cache.get(hour);
  if (hit !== undefined) return hit;
  const start = hour * 3600;
  const a = computeOffset(start, tz);
  const b = computeOffset(start + 3599, tz);
  if (a === b) {
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(hour, a);
    return a;
  }
  return computeOffset(epochSeconds, tz);
}

/**
 * Epoch seconds of a wall-clock time (local seconds) in tz.
 *
 * When the wall-clock time occurs twice (the repeated hour when clocks go
 * back) the earlier instant is chosen, or with `notAfter` the latest instant
 * that is not after it (used by snapping, which must round down). When it
 * does not occur (the skipped hour when clocks go forward) the instant is
 * computed with the offset in force before the change, which lands after the
 * change by the same distance (02:30 on a spring-forward day in New York is
 * 03:30 EDT), as mktime does.
 */
export function epochFromLocal(localSeconds: number, tz: string, notAfter?: number): number {
  if (isUtc(tz)) return localSeconds;
  const before = offsetAt(localSeconds - 86400, tz);
  const after = offsetAt(localSeconds + 86400, tz);
  const t1 = localSeconds - before;
  const ok1 = offsetAt(t1, tz) === before;
  if (before === after) {
    if (ok1) return t1;
    // an offset change and its reversal within two days: settle on the offset at the guess
    const o = offsetAt(t1, tz);
    return localSeconds - o;
  }
  const t2 = localSeconds - after;
  const ok2 = offsetAt(t2, tz) === after;
  if (ok1 && ok2) {
    const lo = Math.min(t1, t2);
    const hi = Math.max(t1, t2);
    if (notAfter !== undefined && hi <= notAfter) return hi;
    return lo;
  }
  if (ok1) return t1;
  if (ok2) return t2;
  return t1; // skipped wall-clock time
}

/** Local seconds (wall-clock seconds since 1970-01-01 00:00) of an instant in tz. */
export function localSecondsAt(epochSeconds: number, tz: string): number {
  return epochSeconds + offsetAt(epochSeconds, tz);
}

const abbrevCache = new Map<string, string>();
// locales whose ICU data carry the tz database abbreviations of their region
const ABBREV_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'ja-JP'];
const abbrevFormatters = new Map<string, Intl.DateTimeFormat>();

function abbrevFormatter(locale: string, tz: string): Intl.DateTimeFormat {
  const key = `${locale}|${tz}`;
  let f = abbrevFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: 'short' });
    abbrevFormatters.set(key, f);
  }
  return f;
}

function zoneNamePart(f: Intl.DateTimeFormat, epochSeconds: number): string | undefined {
  const t = Math.min(MAX_LOOKUP, Math.max(MIN_LOOKUP, Math.floor(epochSeconds)));
  for (const p of f.formatToParts(t * 1000)) if (p.type === 'timeZoneName') return p.value;
  return undefined;
}

/**
 * Abbreviation of tz at an instant (%Z): EST, PDT, CET... as the tz database
 * names them. ICU knows US abbreviations in en-US and European ones in en-GB;
 * zones without a well-known abbreviation get the numeric form the tz
 * database uses (+0530, -03).
 */
export function zoneAbbreviation(epochSeconds: number, tz: string): string {
  if (isUtc(tz)) return tz.toUpperCase() === 'GMT' ? 'GMT' : 'UTC';
  const offset = offsetAt(epochSeconds, tz);
  const key = `${tz}|${offset}`;
  const hit = abbrevCache.get(key);
  if (hit !== undefined) return hit;
  let name: string | undefined;
  for (const locale of ABBREV_LOCALES) {
    const n = zoneNamePart(abbrevFormatter(locale, tz), epochSeconds);
    if (n && !/^(GMT|UTC)[+-−]/.test(n)) {
      name = n;
      break;
    }
  }
  if (!name) {
    const sign = offset < 0 ? '-' : '+';
    const a = Math.abs(offset);
    const hh = String(Math.floor(a / 3600)).padStart(2, '0');
    const mm = Math.floor((a % 3600) / 60);
    name = mm ? `${sign}${hh}${String(mm).padStart(2, '0')}` : `${sign}${hh}`;
  }
  abbrevCache.set(key, name);
  return name;
}

