/**
 * The CLI's `--now <ISO 8601 or epoch>`: the instant a search runs "at"
 * (now() and relative time modifiers are computed from it).
 */
import { strptime } from './strptime.js';

const EPOCH_RE = /^[+-]?\d+(?:\.\d+)?$/;
// YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:]MM|±HH]
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Epoch seconds of an ISO 8601 date-time or an epoch number, or undefined
 * when the text is neither. A date-time without a zone designator is read in
 * tz (default UTC).
 */
export function parseNow(text: string, tz = 'UTC'): number | undefined {
  const s = text.trim();
  if (EPOCH_RE.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  // rebuild a canonical text and parse it with the shared strptime (range checks, zones)
  let canonical = `${y}-${mo}-${d} ${h ?? '00'}:${mi ?? '00'}:${sec ?? '00'}`;
  let format = '%Y-%m-%d %H:%M:%S';
  if (frac) {
    canonical += `.${frac}`;
    format += '.%N';
  }
  if (zone) {
    canonical += ` ${zone}`;
    format += ' %z';
  }
  return strptime(canonical, format, tz);
}
