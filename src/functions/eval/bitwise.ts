/**
 * Bitwise functions (Splunk's "Bitwise functions" reference): bit_and,
 * bit_or, bit_xor take two or more integers, bit_not one (with an optional
 * bit width, default 32... treated as a 64-bit two's complement here),
 * bit_shift_left / bit_shift_right a value and a shift. Non-integer or null
 * arguments give null. Splunk_TA_microsoft_sysmon uses bit_AND(...) for
 * granted_access_description.
 */
import { define, num } from './util.js';
import type { EvalFunction } from './types.js';

function ints(values: (number | null)[]): bigint[] | null {
  const out: bigint[] = [];
  for (const v of values) {
    if (v === null || !Number.isInteger(v)) return null;
    out.push(BigInt(v));
  }
  return out;
}

function fold(name: string, op: (a: bigint, b: bigint) => bigint): EvalFunction {
  return define(name, 2, Infinity, (args, env) => {
    const xs = ints(args.map((a) => num(a(env))));
    if (!xs) return null;
    return Number(xs.reduce(op));
  });
}

export const bitwiseFunctions: readonly EvalFunction[] = [
  fold('bit_and', (a, b) => a & b),
  fold('bit_or', (a, b) => a | b),
  fold('bit_xor', (a, b) => a ^ b),
  define('bit_not', 1, 2, (args, env) => {
    const xs = ints(args.map((a) => num(a(env))));
    if (!xs) return null;
    const width = xs.length > 1 ? xs[1] : 32n;
    const mask = (1n << width) - 1n;
    return Number(~xs[0] & mask);
  }),
  define('bit_shift_left', 2, 2, (args, env) => {
    const xs = ints(args.map((a) => num(a(env))));
    return xs ? Number(xs[0] << xs[1]) : null;
  }),
  define('bit_shift_right', 2, 2, (args, env) => {
    const xs = ints(args.map((a) => num(a(env))));
    return xs ? Number(xs[0] >> xs[1]) : null;
  }),
];
