/**
 * Bitwise functions.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/bitwise-functions
 *
 * "Only nonnegative integers in the range of 0 to 2^53-1 are accepted as
 * input to bitwise functions. This means that numbers that are negative or
 * greater than 53 bits return null." (so does anything that is not an
 * integer, and NULL).
 * - bit_and, bit_or, bit_xor take two or more values and fold them left.
 * - bit_not(<value>, <bitmask>) inverts the 53 bits of value and ANDs the
 *   result with the bitmask, default 2^53-1: bit_not(9) = 9007199254740982,
 *   bit_not(9, 15) = 6.
 * - bit_shift_left / bit_shift_right(<value>, <shift_offset>): logical
 *   shifts; "All results are masked to stay below the 2^53-1 limit", so
 *   bit_shift_left(1, 53) = 0 and bit_shift_left(3, 52) = 4503599627370496;
 *   an offset beyond 53 gives 0.
 * Splunk_TA_microsoft_sysmon uses bit_AND(...) for granted_access_description.
 */
import { define, num } from './util.js';
import type { EvalFunction } from './types.js';
import type { EvalValue } from '../../values/value.js';

const LIMIT = (1n << 53n) - 1n;

/** A value in 0..2^53-1 as a bigint, else null. */
function word(v: EvalValue): bigint | null {
  const n = num(v);
  if (n === null || !Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) return null;
  return BigInt(n);
}

function words(values: EvalValue[]): bigint[] | null {
  const out: bigint[] = [];
  for (const v of values) {
    const w = word(v);
    if (w === null) return null;
    out.push(w);
  }
  return out;
}

function fold(name: string, op: (a: bigint, b: bigint) => bigint): EvalFunction {
  return define(name, 2, Infinity, (args, env) => {
    const xs = words(args.map((a) => a(env)));
    return xs ? Number(xs.reduce(op)) : null;
  });
}

function shift(name: string, op: (a: bigint, by: bigint) => bigint): EvalFunction {
  return define(name, 2, 2, (args, env) => {
    const xs = words([args[0](env), args[1](env)]);
    if (!xs) return null;
    const [v, by] = xs;
    return by > 53n ? 0 : Number(op(v, by) & LIMIT);
  });
}

export const bitwiseFunctions: readonly EvalFunction[] = [
  fold('bit_and', (a, b) => a & b),
  fold('bit_or', (a, b) => a | b),
  fold('bit_xor', (a, b) => a ^ b),
  define('bit_not', 1, 2, (args, env) => {
    const xs = words(args.map((a) => a(env)));
    if (!xs) return null;
    const mask = xs.length > 1 ? xs[1] : LIMIT;
    return Number(~xs[0] & LIMIT & mask);
  }),
  shift('bit_shift_left', (a, by) => a << by),
  shift('bit_shift_right', (a, by) => a >> by),
];
