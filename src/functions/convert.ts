/**
 * The functions of the `convert` command, one value at a time.
 *
 * Source: convert, https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/search-commands/convert
 *
 * Each function takes one single value, the command's timeformat and the
 * search's time zone, and returns:
 * - the new value (a JS number for numeric results, a string otherwise);
 * - undefined: leave the value as it is (it cannot be converted);
 * - CONVERT_REMOVE (only from num()): remove the value.
 *
 * Field-level rules stay with the command: auto() leaves a multivalue field
 * untouched when any of its values gives undefined ("if not all values of a
 * particular field can be converted … the field is left untouched"); none()
 * excludes fields from the other conversions and itself changes nothing.
 */
import { toNumber } from '../values/coerce.js';
import { strftime } from '../time/strftime.js';
import { strptime } from '../time/strptime.js';

/** Docs: "Default: %m/%d/%Y %H:%M:%S" ("this default does not conform to the locale settings"). */
export const DEFAULT_CONVERT_TIMEFORMAT = '%m/%d/%Y %H:%M:%S';

/** Returned by num() for a value it cannot convert: the value is removed. */
export const CONVERT_REMOVE: { readonly remove: true } = Object.freeze({ remove: true as const });

export type ConvertResult = string | number | undefined | typeof CONVERT_REMOVE;

export type ConvertFunction = (value: string | number, timeformat: string, tz: string) => ConvertResult;

export function isConvertRemove(r: ConvertResult): r is typeof CONVERT_REMOVE {
  return r === CONVERT_REMOVE;
}

/** ctime: "Convert a UNIX time to an ASCII human readable time" with timeformat. */
const ctime: ConvertFunction = (value, timeformat, tz) => {
  const n = typeof value === 'number' ? value : toNumber(value.trim());
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return strftime(n, timeformat, tz);
};

/** mktime: "Convert a human readable time string to an epoch time" read with timeformat. */
const mktime: ConvertFunction = (value, timeformat, tz) => {
  const s = typeof value === 'number' ? String(value) : value;
  return strptime(s, timeformat, tz);
};

const DURATION = /^\s*(?:(\d+)\+)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$/;

/** dur2sec: "[D+]HH:MM:SS" to seconds ("00:10:15" → 615). */
const dur2sec: ConvertFunction = (value) => {
  if (typeof value === 'number') return undefined;
  const m = DURATION.exec(value);
  if (!m) return undefined;
  const days = m[1] ? Number(m[1]) : 0;
  const minutes = Number(m[3]);
  const seconds = Number(m[4]);
  if (minutes > 59 || seconds >= 60) return undefined;
  return exactSum(days * 86400 + Number(m[2]) * 3600 + minutes * 60, m[4]);
};

const MSTIME = /^\s*(?:(\d+):)?(\d+(?:\.\d+)?)\s*$/;

/** mstime: "[MM:]SS.SSS" to seconds ("03:25.123" → 205.123). */
const mstime: ConvertFunction = (value) => {
  if (typeof value === 'number') return undefined;
  const m = MSTIME.exec(value);
  if (!m) return undefined;
  return exactSum((m[1] ? Number(m[1]) : 0) * 60, m[2]);
};

/** whole + a decimal text, without binary noise in the fraction (180 + "25.123" = 205.123). */
function exactSum(whole: number, decimal: string): number {
  const dot = decimal.indexOf('.');
  const sum = whole + Number(decimal);
  return dot < 0 ? sum : Number(sum.toFixed(decimal.length - dot - 1));
}

const MEMK = /^\s*(\+?(?:\d+\.?\d*|\.\d+))\s*([kKmMgG])?\s*$/;

/**
 * memk: a positive number with an optional unit letter k, m or g, converted
 * to kilobytes; no letter means kilobytes (10m → 10240, 1g → 1048576).
 */
const memk: ConvertFunction = (value) => {
  if (typeof value === 'number') return value >= 0 ? value : undefined;
  const m = MEMK.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]?.toLowerCase()) {
    case 'm':
      return n * 1024;
    case 'g':
      return n * 1024 * 1024;
    default:
      return n;
  }
};

/** rmcomma: "Removes all commas from value" (1,000,000.00 → 1000000.00, kept as the text). */
const rmcomma: ConvertFunction = (value) => {
  if (typeof value === 'number') return undefined;
  return value.includes(',') ? value.replace(/,/g, '') : undefined;
};

const LEADING_NUMBER = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;

/** rmunit: "Looks for numbers at the beginning of the value and removes trailing text" ("212 sec" → 212). */
const rmunit: ConvertFunction = (value) => {
  if (typeof value === 'number') return value;
  const m = LEADING_NUMBER.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : undefined;
};

const GROUPED = /^\s*[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?\s*$/;

/**
 * auto: the best numeric conversion [I: the docs do not list the order]: a
 * plain number, then a number with thousands separators (1,234.5), then a
 * number followed by text (rmunit; the docs' `convert auto(*) none(src_ip)`
 * shows auto would otherwise turn an IP address into a number).
 */
const auto: ConvertFunction = (value) => {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  const plain = toNumber(trimmed);
  if (plain !== undefined) return plain;
  if (GROUPED.test(value)) {
    const n = toNumber(trimmed.replace(/,/g, ''));
    if (n !== undefined) return n;
  }
  return rmunit(value, '', 'UTC');
};

/** num: "Like auto(), except non-convertible values are removed." */
const num: ConvertFunction = (value, timeformat, tz) => {
  const r = auto(value, timeformat, tz);
  return r === undefined ? CONVERT_REMOVE : r;
};

/** none: excludes fields from conversion; changes nothing itself. */
const none: ConvertFunction = () => undefined;

export const convertFunctions: ReadonlyMap<string, ConvertFunction> = new Map<string, ConvertFunction>([
  ['ctime', ctime],
  ['mktime', mktime],
  ['dur2sec', dur2sec],
  ['mstime', mstime],
  ['memk', memk],
  ['rmcomma', rmcomma],
  ['rmunit', rmunit],
  ['num', num],
  ['auto', auto],
  ['none', none],
]);
