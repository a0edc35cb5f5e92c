/**
 * A tiny stand-in for the eval compiler: builds Compiled closures for
 * constants and field reads, an EvalEnv over a Row, and calls registry
 * functions the way the compiler will (check first, then call).
 */
import { lookupEvalFunction } from '../../../src/functions/eval/registry.js';
import type { ArgInfo, Compiled, EvalEnv } from '../../../src/functions/eval/types.js';
import type { EvalValue, Row, Value } from '../../../src/values/value.js';

export interface Arg {
  readonly compiled: Compiled;
  readonly info: ArgInfo;
}

const span = { start: 0, end: 0 };

/** A literal string or number. */
export function lit(v: string | number): Arg {
  return { compiled: () => v, info: { span, fields: [], literal: v, isField: false } };
}

/** A computed constant (not a literal: check() does not see its value), e.g. null(), true(). */
export function val(v: EvalValue): Arg {
  return { compiled: () => v, info: { span, fields: [], isField: false } };
}

/** A field reference: bindings first, then the row. */
export function field(name: string): Arg {
  const compiled: Compiled = (env) => {
    if (env.bindings && env.bindings.has(name)) return env.bindings.get(name) ?? null;
    const v = env.row.get(name);
    return v === undefined ? null : v;
  };
  return { compiled, info: { span, fields: [name], isField: true } };
}

/** An expression over fields (for mvfilter/mvmap): fn receives a field reader. */
export function expr(fields: string[], fn: (get: (f: string) => EvalValue, env: EvalEnv) => EvalValue): Arg {
  const readers = new Map(fields.map((f) => [f, field(f).compiled]));
  const compiled: Compiled = (env) => fn((f) => readers.get(f)!(env), env);
  return { compiled, info: { span, fields, isField: false } };
}

/** A nested function call as an argument. */
export function call(name: string, ...args: Arg[]): Arg {
  const f = lookupEvalFunction(name);
  if (!f) throw new Error(`no eval function ${name}`);
  const compiled = args.map((a) => a.compiled);
  const infos = args.map((a) => a.info);
  const fields = [...new Set(args.flatMap((a) => a.info.fields))];
  return { compiled: (env) => f.call(compiled, env, infos), info: { span, fields, isField: false } };
}

export interface EnvOptions {
  now?: number;
  tz?: string;
  searchMatch?: (s: string) => boolean;
}

export function makeEnv(row: Record<string, Value> = {}, opts: EnvOptions = {}): EvalEnv {
  const r: Row = new Map(Object.entries(row));
  return {
    row: r,
    now: opts.now ?? 1_700_000_000,
    tz: opts.tz ?? 'UTC',
    searchMatch: opts.searchMatch ?? (() => false),
  };
}

/** Plan-time check of a call; the message, or undefined when fine. */
export function check(name: string, ...args: Arg[]): string | undefined {
  const f = lookupEvalFunction(name);
  if (!f) throw new Error(`no eval function ${name}`);
  if (args.length < f.minArgs || args.length > f.maxArgs) return `arity ${args.length}`;
  return f.check?.(args.map((a) => a.info))?.message;
}

/** Runs a call against an env (default: empty row). Fails if check() rejects it. */
export function run(name: string, args: Arg[], env: EvalEnv = makeEnv()): EvalValue {
  const problem = check(name, ...args);
  if (problem) throw new Error(`check failed: ${problem}`);
  return call(name, ...args).compiled(env);
}

/** Shorthand: evaluates with literal/constant arguments. */
export function ev(name: string, ...args: (string | number | Arg)[]): EvalValue {
  return run(
    name,
    args.map((a) => (typeof a === 'object' ? a : lit(a))),
  );
}
