/**
 * printf(): C sprintf-style formatting, as the Conversion functions page
 * documents it: "%[flags][width][.precision]<conversion_specifier>", flags
 * ' (thousands separator), -, +, space, #, 0; width and precision may be *
 * (taken from the arguments); conversions %a %A %c %d %i %e %E %f %F %g %G
 * %o %s %z (alias of %s) %u %x %X %p (alias of %x with 0x) and %%.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/conversion-functions
 *
 * A numeric conversion of a value that is not a number formats 0; a missing
 * or NULL argument formats as 0 or as an empty string (%s).
 */
import type { EvalValue } from '../../values/value.js';
import { toStr } from '../../values/coerce.js';
import { num, valuesOfEval } from './util.js';

interface Spec {
  readonly flags: string;
  readonly width: number | '*' | undefined;
  readonly precision: number | '*' | undefined;
  readonly conv: string;
}
type Piece = string | Spec;

const SPEC = /%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d*))?([aAcdieEfFgGosuxXpz%])/g;
const formatCache = new Map<string, readonly Piece[]>();

export function parseFormat(fmt: string): readonly Piece[] {
  let pieces = formatCache.get(fmt);
  if (pieces) return pieces;
  const out: Piece[] = [];
  let last = 0;
  SPEC.lastIndex = 0;
  for (let m = SPEC.exec(fmt); m; m = SPEC.exec(fmt)) {
    if (m.index > last) out.push(fmt.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[4] === '%') {
      out.push('%');
      continue;
    }
    const w = m[2] === undefined ? undefined : m[2] === '*' ? '*' : Number(m[2]);
    const p = m[3] === undefined ? undefined : m[3] === '*' ? '*' : Number(m[3] || '0');
    out.push({ flags: m[1], width: w, precision: p, conv: m[4] });
  }
  if (last < fmt.length) out.push(fmt.slice(last));
  pieces = out;
  if (formatCache.size > 2000) formatCache.clear();
  formatCache.set(fmt, pieces);
  return pieces;
}

/** Inserts thousands separators into a string of digits. */
export function groupDigits(digits: string): string {
  let out = '';
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    if (i && (n - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** Fixed notation that also works beyond 1e21 (where toFixed switches to exponent form). */
export function toFixedFull(x: number, prec: number): string {
  if (Math.abs(x) < 1e21) return x.toFixed(Math.min(prec, 100));
  const int = BigInt(x).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}

function expForm(x: number, prec: number, upper: boolean): string {
  let s = x.toExponential(Math.min(prec, 100));
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

function stripZeros(s: string): string {
  // drops trailing zeros of the fraction (and a bare point), in fixed or exponent form
  const e = s.search(/[eE]/);
  let mant = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? '' : s.slice(e);
  if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
  return mant + exp;
}

function gForm(x: number, prec: number, alt: boolean, upper: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (x === 0) return alt ? (0).toFixed(p - 1) : '0';
  const e = Number(x.toExponential(p - 1).split('e')[1]);
  let s = p > e && e >= -4 ? toFixedFull(x, p - 1 - e) : expForm(x, p - 1, upper);
  if (!alt && s.includes('.')) s = stripZeros(s);
  return upper ? s.toUpperCase() : s;
}

function hexFloat(x: number, prec: number | undefined, upper: boolean): string {
  let s: string;
  if (x === 0) {
    s = '0x0' + (prec ? '.' + '0'.repeat(prec) : '') + 'p+0';
  } else {
    let e = Math.floor(Math.log2(x));
    let m = x / Math.pow(2, e);
    if (m >= 2) {
      m /= 2;
      e++;
    } else if (m < 1) {
      m *= 2;
      e--;
    }
    // 13 hex digits hold the 52 fraction bits of a double
    const frac = Math.round((m - 1) * 2 ** 52);
    let digits = frac.toString(16).padStart(13, '0');
    let lead = 1;
    if (prec !== undefined && prec < 13) {
      const scaled = Math.round(frac / 16 ** (13 - prec));
      if (scaled >= 16 ** prec) {
        lead = 2;
        digits = '0'.repeat(prec);
      } else {
        digits = prec ? scaled.toString(16).padStart(prec, '0') : '';
      }
    } else {
      digits = digits.replace(/0+$/, '');
      if (prec !== undefined) digits = digits.padEnd(prec, '0');
    }
    s = `0x${lead}${digits ? '.' + digits : ''}p${e >= 0 ? '+' : ''}${e}`;
  }
  return upper ? s.toUpperCase() : s;
}

function numberArg(v: EvalValue): number {
  return num(v) ?? 0;
}

function formatOne(spec: Spec, v: EvalValue, width: number | undefined, precision: number | undefined): string {
  let flags = spec.flags;
  if (width !== undefined && width < 0) {
    flags += '-';
    width = -width;
  }
  const left = flags.includes('-');
  const plus = flags.includes('+');
  const space = flags.includes(' ');
  const alt = flags.includes('#');
  const group = flags.includes("'");
  let zero = flags.includes('0') && !left;
  let sign = '';
  let prefix = '';
  let body: string;
  const conv = spec.conv;
  const upper = conv === 'X' || conv === 'E' || conv === 'F' || conv === 'G' || conv === 'A';
  const signOf = (x: number) => (x < 0 || Object.is(x, -0) ? '-' : plus ? '+' : space ? ' ' : '');
  switch (conv) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
    case 'p': {
      const x = Math.trunc(numberArg(v));
      let big = Number.isFinite(x) ? BigInt(x) : 0n;
      if (conv === 'd' || conv === 'i') {
        sign = big < 0n ? '-' : plus ? '+' : space ? ' ' : '';
        if (big < 0n) big = -big;
        body = big.toString();
      } else {
        if (big < 0n) big = BigInt.asUintN(64, big);
        const radix = conv === 'u' ? 10 : conv === 'o' ? 8 : 16;
        body = big.toString(radix);
        if (conv === 'X') body = body.toUpperCase();
        if (conv === 'o' && alt && !body.startsWith('0')) body = '0' + body;
        if ((conv === 'x' || conv === 'X') && alt && big !== 0n) prefix = conv === 'X' ? '0X' : '0x';
        if (conv === 'p') prefix = '0x';
      }
      if (precision !== undefined) {
        zero = false;
        if (precision === 0 && body === '0') body = '';
        body = body.padStart(precision, '0');
      }
      if (group && (conv === 'd' || conv === 'i' || conv === 'u')) body = groupDigits(body);
      break;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A': {
      const x = numberArg(v);
      sign = signOf(x);
      const ax = Math.abs(x);
      if (!Number.isFinite(ax)) {
        zero = false;
        body = Number.isNaN(ax) ? 'nan' : 'inf';
        if (upper) body = body.toUpperCase();
        break;
      }
      const p = precision ?? 6;
      if (conv === 'f' || conv === 'F') body = toFixedFull(ax, p);
      else if (conv === 'e' || conv === 'E') body = expForm(ax, p, upper);
      else if (conv === 'g' || conv === 'G') body = gForm(ax, p, alt, upper);
      else body = hexFloat(ax, precision, upper);
      if (alt && (conv === 'f' || conv === 'F') && p === 0) body += '.';
      if (group && (conv === 'f' || conv === 'F' || conv === 'g' || conv === 'G') && /^\d/.test(body)) {
        body = body.replace(/^\d+/, groupDigits);
      }
      break;
    }
    case 'c': {
      zero = false;
      const n = typeof v === 'number' ? v : null;
      if (n !== null) body = n >= 0 && n <= 0x10ffff ? String.fromCodePoint(Math.trunc(n)) : '';
      else {
        const s = valuesOfEval(v)[0];
        body = s === undefined ? '' : String.fromCodePoint(toStr(s).codePointAt(0) ?? 0).replace('\u0000', '');
      }
      break;
    }
    default: {
      // s, z
      zero = false;
      const vals = valuesOfEval(v);
      body = vals.map(toStr).join(',');
      if (precision !== undefined) body = Array.from(body).slice(0, precision).join('');
    }
  }
  const content = sign + prefix + body;
  const pad = width !== undefined ? width - Array.from(content).length : 0;
  if (pad <= 0) return content;
  if (left) return content + ' '.repeat(pad);
  if (zero) return sign + prefix + '0'.repeat(pad) + body;
  return ' '.repeat(pad) + content;
}

/**
 * The largest width or precision printf() formats. [decision] The Splunk
 * page gives none; C's is INT_MAX, which would build a 2 GB string per
 * event. A literal format over it is a plan-time error (printfFormatProblem);
 * a `*` width or precision over it makes printf() NULL for that event.
 */
export const MAX_PRINTF_WIDTH = 100_000;

/**
 * The longest string printf() returns, in UTF-16 units. [decision] The page
 * gives none. Each width is capped above, but a format repeats: 6,000 pieces
 * of `%100000d` ask for 600 million characters, past what a JavaScript
 * string can hold. A literal format whose widths and text alone add up to
 * more is a plan-time error; a result that grows past it at run time (long
 * `%s` values, `*` widths) makes printf() NULL for that event, as an
 * over-limit `*` width does.
 */
export const MAX_PRINTF_OUTPUT = 10_000_000;

/** Why a format cannot be used, or undefined. */
export function printfFormatProblem(fmt: string): string | undefined {
  // the least the format prints: its text, and each piece's fixed width
  let least = 0;
  for (const piece of parseFormat(fmt)) {
    if (typeof piece === 'string') {
      least += piece.length;
      continue;
    }
    for (const n of [piece.width, piece.precision]) {
      if (typeof n === 'number' && n > MAX_PRINTF_WIDTH) return `a width or precision of ${n} is over printf's limit of ${MAX_PRINTF_WIDTH.toLocaleString('en-US')}`;
    }
    if (typeof piece.width === 'number') least += piece.width;
  }
  if (least > MAX_PRINTF_OUTPUT) return `the format's widths add up to ${least.toLocaleString('en-US')} characters, over printf's limit of ${MAX_PRINTF_OUTPUT.toLocaleString('en-US')}`;
  return undefined;
}

/**
 * Formats the values (in order) with a printf format; null when a `*` width
 * or precision is over MAX_PRINTF_WIDTH or the result would be longer than
 * MAX_PRINTF_OUTPUT.
 */
export function sprintf(fmt: string, values: readonly EvalValue[]): string | null {
  let out = '';
  let k = 0;
  const next = (): EvalValue => (k < values.length ? values[k++] : null);
  for (const piece of parseFormat(fmt)) {
    if (typeof piece === 'string') {
      out += piece;
    } else {
      const width = piece.width === '*' ? Math.trunc(numberArg(next())) : piece.width;
      let precision = piece.precision === '*' ? Math.trunc(numberArg(next())) : piece.precision;
      if (precision !== undefined && precision < 0) precision = undefined;
      if (Math.abs(width ?? 0) > MAX_PRINTF_WIDTH || (precision ?? 0) > MAX_PRINTF_WIDTH) return null;
      out += formatOne(piece, next(), width, precision);
    }
    if (out.length > MAX_PRINTF_OUTPUT) return null;
  }
  return out;
}
