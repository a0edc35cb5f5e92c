/**
 * Conversion functions: tostring, tonumber, printf.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/conversion-functions
 */
import type { EvalFunction } from './types.js';
import type { EvalValue } from '../../values/value.js';
import { formatNumber, toNumber, toStr } from '../../values/coerce.js';
import { define, num, perValue, str } from './util.js';
import { groupDigits, printfFormatProblem, sprintf, toFixedFull } from './printf.js';
import { roundDecimal } from './math.js';

const TOSTRING_FORMATS = new Set(['hex', 'binary', 'commas', 'duration']);

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * Seconds as [D+]HH:MM:SS (the "duration" format: "converts seconds to the
 * readable time format HH:MM:SS"; whole days are written before a "+"), with
 * microseconds after a point when the value has a fraction.
 */
export function formatDuration(seconds: number): string {
  const neg = seconds < 0;
  const allMicros = Math.round(Math.abs(seconds) * 1e6);
  const micros = allMicros % 1_000_000;
  let total = (allMicros - micros) / 1_000_000;
  const days = Math.floor(total / 86400);
  total -= days * 86400;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  let out = `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (days) out = `${days}+${out}`;
  if (micros) out += '.' + String(micros).padStart(6, '0');
  return neg ? '-' + out : out;
}

/**
 * "commas": thousands separators; a number with decimals is rounded to two
 * decimal places ("rounds to nearest two decimal places").
 */
export function formatCommas(n: number): string {
  const neg = n < 0;
  const a = Math.abs(n);
  let text: string;
  if (Number.isInteger(a)) text = toFixedFull(a, 0);
  else text = toFixedFull(roundDecimal(a, 2), 2);
  const dot = text.indexOf('.');
  const int = dot < 0 ? text : text.slice(0, dot);
  const rest = dot < 0 ? '' : text.slice(dot);
  return (neg ? '-' : '') + groupDigits(int) + rest;
}

function formatWith(fmt: string, s: string): string | null {
  const n = toNumber(s);
  if (n === undefined) return null;
  switch (fmt) {
    case 'hex':
    case 'binary': {
      const t = Math.trunc(n);
      if (!Number.isFinite(t)) return null;
      const neg = t < 0;
      const digits = BigInt(Math.abs(t)).toString(fmt === 'hex' ? 16 : 2);
      // tostring(X,"hex") example: 615 → "0x267"
      return (neg ? '-' : '') + (fmt === 'hex' ? '0x' + digits.toUpperCase() : digits);
    }
    case 'commas':
      return formatCommas(n);
    case 'duration':
      return formatDuration(n);
    default:
      return null;
  }
}

const tostringFn = define(
  'tostring',
  1,
  2,
  (args, env) => {
    const v = args[0](env);
    if (v === null || v === undefined) return null;
    if (typeof v === 'boolean') return toStr(v);
    if (args.length < 2) return perValue(v, (s) => s);
    const fmt = str(args[1](env));
    if (fmt === null) return null;
    if (!TOSTRING_FORMATS.has(fmt)) return perValue(v, (s) => s);
    return perValue(v, (s) => formatWith(fmt, s));
  },
  (info) => {
    const f = info[1];
    if (f && f.literal !== undefined && !TOSTRING_FORMATS.has(String(f.literal))) {
      return { message: `unknown format "${String(f.literal)}"`, argIndex: 1, hint: 'use "hex", "binary", "commas" or "duration"' };
    }
    return undefined;
  },
);

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Parses text as a number in a base (2–36). Base 10 accepts decimal numbers
 * (a point makes a double, else an integer); other bases integers only, with
 * an optional sign (and 0x before base-16 digits). White space around the
 * text gives null, as documented.
 */
export function parseNumber(text: string, base: number): number | null {
  if (base === 10) {
    const n = toNumber(text);
    return n === undefined ? null : n;
  }
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (base === 16 && /^0[xX]/.test(s)) s = s.slice(2);
  if (s === '') return null;
  let v = 0;
  for (const ch of s.toLowerCase()) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= base) return null;
    v = v * base + d;
  }
  return neg ? -v : v;
}

function validBase(b: number): boolean {
  return Number.isInteger(b) && b >= 2 && b <= 36;
}

const tonumberFn = define(
  'tonumber',
  1,
  2,
  (args, env) => {
    const v = args[0](env);
    let base = 10;
    if (args.length > 1) {
      const b = num(args[1](env));
      if (b === null || !validBase(b)) return null;
      base = b;
    }
    if (typeof v === 'number') return base === 10 ? v : parseNumber(formatNumber(v), base);
    const s = str(v);
    if (s === null || typeof v === 'boolean') return null;
    return parseNumber(s, base);
  },
  (info) => {
    let base = 10;
    const b = info[1];
    if (b) {
      if (b.literal === undefined) return undefined;
      const n = Number(b.literal);
      if (!validBase(n)) return { message: `the base must be an integer from 2 to 36, not "${String(b.literal)}"`, argIndex: 1 };
      base = n;
    }
    const a = info[0];
    if (a && typeof a.literal === 'string' && parseNumber(a.literal, base) === null) {
      return {
        message: `"${a.literal}" is not a number${base === 10 ? '' : ` in base ${base}`}`,
        argIndex: 0,
        hint: 'tonumber() of a string literal must parse; field values that do not parse give NULL',
      };
    }
    return undefined;
  },
);

const printfFn = define(
  'printf',
  1,
  Infinity,
  (args, env) => {
    const fmt = str(args[0](env));
    if (fmt === null) return null;
    const values: EvalValue[] = [];
    for (let i = 1; i < args.length; i++) values.push(args[i](env));
    return sprintf(fmt, values);
  },
  (info) => {
    const f = info[0];
    const problem = f && typeof f.literal === 'string' ? printfFormatProblem(f.literal) : undefined;
    return problem ? { message: problem, argIndex: 0, hint: 'use a smaller width' } : undefined;
  },
);

/**
 * ipmask(<mask>, <ip>): "Generates a new IP address by applying a mask to an
 * IP address using a bitwise AND operation"; IPv4 only, e.g.
 * ipmask("255.255.255.0", "192.168.2.10") = "192.168.2.0". Anything that is
 * not two IPv4 addresses gives NULL.
 */
const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
function v4Octets(s: string | null): number[] | null {
  const m = s === null ? null : V4.exec(s.trim());
  if (!m) return null;
  const o = m.slice(1).map(Number);
  return o.every((x) => x <= 255) ? o : null;
}
const ipmaskFn = define(
  'ipmask',
  2,
  2,
  (args, env) => {
    const mask = v4Octets(str(args[0](env)));
    const ip = v4Octets(str(args[1](env)));
    if (!mask || !ip) return null;
    return ip.map((x, i) => x & mask[i]).join('.');
  },
  (info) => {
    const m = info[0];
    if (m && typeof m.literal === 'string' && !v4Octets(m.literal)) return { message: `the mask must be an IPv4 address such as "255.255.255.0", not "${m.literal}"`, argIndex: 0 };
    return undefined;
  },
);

export const conversionFunctions: readonly EvalFunction[] = [tostringFn, tonumberFn, printfFn, ipmaskFn];
