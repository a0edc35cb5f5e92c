/**
 * Small helpers shared by the eval function families.
 *
 * Conventions (see the brief and spl-semantics.md §8.3):
 * - `null` means "no value"; a missing field reads as null.
 * - a multivalue is an array; results with no values are null, one value a
 *   scalar, several values an array (the same shape a row stores).
 * - booleans only live inside expressions.
 */
import type { ArgInfo, Compiled, EvalEnv, EvalFunction } from './types.js';
import type { EvalValue, Scalar } from '../../values/value.js';
import { toNumber, toStr } from '../../values/coerce.js';
import { compilePcre, PcreError } from '../../values/regex.js';

export type CheckResult = { message: string; argIndex?: number; hint?: string } | undefined;

export function define(
  name: string,
  minArgs: number,
  maxArgs: number,
  call: (args: readonly Compiled[], env: EvalEnv, info: readonly ArgInfo[]) => EvalValue,
  check?: (args: readonly ArgInfo[]) => CheckResult,
): EvalFunction {
  return check ? { name, minArgs, maxArgs, call, check } : { name, minArgs, maxArgs, call };
}

/** Evaluates an optional argument: null when it was not given. */
export function opt(args: readonly Compiled[], i: number, env: EvalEnv): EvalValue {
  return i < args.length ? args[i](env) : null;
}

/** Builds a result from a list: none → null, one → that value, more → the list. */
export function result(list: Scalar[]): EvalValue {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0];
  return list;
}

/** Every single value of an eval value (booleans as their string form, null → none). */
export function valuesOfEval(v: EvalValue): Scalar[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v as Scalar[];
  if (typeof v === 'boolean') return [toStr(v)];
  return [v as Scalar];
}

/**
 * The single string an argument stands for, or null (null, or a multivalue
 * with more than one value, which single-value functions do not accept).
 */
export function str(v: EvalValue): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length === 1 ? toStr(v[0]) : null;
  return toStr(v as Scalar | boolean);
}

/** The number an argument stands for (numbers and numeric strings), else null. */
export function num(v: EvalValue): number | null {
  if (typeof v === 'boolean') return null;
  const n = toNumber(v);
  return n === undefined ? null : n;
}

/** An integer argument (truncated toward zero), else null. */
export function int(v: EvalValue): number | null {
  const n = num(v);
  return n === null ? null : Math.trunc(n);
}

/** Applies fn to every value of v (single or multivalue); null results are dropped. */
export function perValue(v: EvalValue, fn: (s: string) => Scalar | null): EvalValue {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) return fn(toStr(v as Scalar | boolean));
  const out: Scalar[] = [];
  for (const x of v as Scalar[]) {
    const r = fn(toStr(x));
    if (r !== null) out.push(r);
  }
  return result(out);
}

/**
 * Equality used by in() and nullif(): numerically when both sides are
 * numeric, otherwise the string forms, case-sensitively.
 */
export function scalarEquals(a: Scalar | boolean, b: Scalar | boolean): boolean {
  if (typeof a !== 'boolean' && typeof b !== 'boolean') {
    const na = toNumber(a);
    const nb = toNumber(b);
    if (na !== undefined && nb !== undefined) return na === nb;
  }
  return toStr(a) === toStr(b);
}

/** Reads a field as an eval expression does: bindings first, then the row. */
export function readField(env: EvalEnv, name: string): EvalValue {
  if (env.bindings && env.bindings.has(name)) return env.bindings.get(name) ?? null;
  const v = env.row.get(name);
  return v === undefined ? null : v;
}

/** Compiles a regex argument at run time; null when it does not compile. */
export function runtimeRegex(pattern: string, flags = ''): RegExp | null {
  try {
    return compilePcre(pattern, flags);
  } catch (e) {
    if (e instanceof PcreError) return null;
    throw e;
  }
}

/** Plan-time check of a literal regular expression argument (the compiler names the function). */
export function checkRegexArg(info: readonly ArgInfo[], i: number): CheckResult {
  const a = info[i];
  if (!a || a.literal === undefined) return undefined;
  try {
    compilePcre(String(a.literal));
  } catch (e) {
    if (e instanceof PcreError) {
      return {
        message: `invalid regular expression "${String(a.literal)}": ${e.message} (at offset ${e.index})`,
        argIndex: i,
        hint: e.hint,
      };
    }
    throw e;
  }
  return undefined;
}

/** Counts code points (characters, as Splunk's len does). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** True when the string holds only characters of the Basic Multilingual Plane outside surrogates. */
export function isBmp(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}
