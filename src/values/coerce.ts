/**
 * Coercion and comparison rules, in one place.
 *
 * - A string is numeric when it is a plain decimal number (optional sign,
 *   digits, optional fraction, optional exponent), as Splunk's stats and sort
 *   read numbers. Leading or trailing white space makes it a string.
 * - Numbers render in their shortest decimal form that reads back as the
 *   same double (at most 17 significant digits): integers without a fraction.
 * - Integers beyond 2^53 are kept as text (JSON and CSV field values): two
 *   that read as the same double are ordered by their exact value
 *   (compareNumbers), so 9007199254740993 stays above 9007199254740992.
 * - Lexicographic order is by UTF-8 bytes, which for the BMP equals code unit
 *   order except for surrogates; we compare code points.
 */
import type { EvalValue, Scalar, Value } from './value.js';

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a value stands for, or undefined when it is not numeric. */
export function toNumber(v: EvalValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (typeof v === 'string') {
    if (!NUMERIC.test(v)) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  if (Array.isArray(v) && v.length === 1) return toNumber(v[0]);
  return undefined;
}

export function isNumeric(v: EvalValue | undefined): boolean {
  return toNumber(v) !== undefined;
}

/** Renders a number as Splunk prints it. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  // the shortest decimal form that reads back as the same double
  return String(n);
}

/** The string form of a single value. */
export function toStr(v: Scalar | boolean): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return formatNumber(v);
}

const INTEGER_TEXT = /^[+-]?\d+$/;

function exactInteger(v: Scalar | boolean): bigint | undefined {
  if (typeof v === 'string') return INTEGER_TEXT.test(v) ? BigInt(v) : undefined;
  return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined;
}

/**
 * Numeric order of two values whose numbers are `na` and `nb`. Doubles that
 * differ are in the right order (rounding keeps order); equal doubles beyond
 * 2^53 may stand for different integers written as text, which are then
 * compared exactly.
 */
export function compareNumbers(a: Scalar | boolean, na: number, b: Scalar | boolean, nb: number): number {
  if (na !== nb) return na < nb ? -1 : 1;
  if (!(Math.abs(na) >= 2 ** 53) || a === b) return 0;
  const x = exactInteger(a);
  const y = exactInteger(b);
  if (x === undefined || y === undefined) return 0;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares two strings by code point (UTF-8 byte order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * Order used by sort, stats min/max and by-group output: numbers (and
 * numeric strings) first in numeric order, then other strings
 * lexicographically (uppercase before lowercase).
 */
export function compareScalars(a: Scalar, b: Scalar): number {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return compareNumbers(a, na, b, nb);
  if (na !== undefined) return -1;
  if (nb !== undefined) return 1;
  return compareStrings(String(a), String(b));
}

/** Lexicographic order of the string forms (values(), sort str()). */
export function compareLexical(a: Scalar, b: Scalar): number {
  return compareStrings(toStr(a), toStr(b));
}

/** First single value of a stored value, for places that read one value. */
export function firstScalar(v: Value | undefined): Scalar | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.length ? v[0] : undefined;
  return v as Scalar;
}

/** Orders lists of values (group keys) element by element with compareScalars. */
export function compareScalarLists(a: readonly Scalar[], b: readonly Scalar[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareScalars(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
