/**
 * Compiles eval expressions (the AST's Expr) into closures, once per command.
 *
 * Semantics (eval command reference, spl-semantics.md §8):
 * - a missing field is null; arithmetic, concatenation and comparisons with
 *   null give null; where keeps a row only when its expression is true;
 * - `+` adds two numbers or concatenates two strings; `- * / %` take numbers;
 *   division by zero gives null; `.` concatenates string forms;
 * - comparisons compare numerically when both sides are numeric, otherwise as
 *   case-sensitive strings; `=` is a synonym of `==`; a multivalue side
 *   matches when any of its values does;
 * - NOT, AND, OR, XOR work on booleans; null counts as false.
 */
import type * as A from '../ast/nodes.js';
import { someExpr } from '../ast/chain.js';
import { SplError, type Diagnostic, type Span } from '../diagnostics/diagnostic.js';
import { evalFunctions, lookupEvalFunction } from '../functions/eval/registry.js';
import { isAggregationName } from '../functions/stats/registry.js';
import { closestNames, didYouMean } from '../diagnostics/suggest.js';
import { readField } from '../functions/eval/util.js';
import type { ArgInfo, CallCompiler, Compiled, CompileContext, EvalEnv } from '../functions/eval/types.js';
import { PlanError } from '../engine/plan-error.js';
import { compareNumbers, compareStrings, toNumber, toStr } from '../values/coerce.js';
import type { EvalValue, Scalar } from '../values/value.js';

export class EvalCompileError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

function fail(message: string, span: Span, hint?: string): never {
  throw new EvalCompileError({ stage: 'plan', message, span, ...(hint ? { hint } : {}) });
}

/** The fields an expression reads, in the order they are written. */
export function fieldsOf(e: A.Expr, out: string[] = []): string[] {
  someExpr(e, (x) => {
    if (x.type === 'field' && !out.includes(x.name)) out.push(x.name);
    return false;
  });
  return out;
}

function argInfo(e: A.Expr): ArgInfo {
  return {
    span: e.span,
    fields: fieldsOf(e),
    isField: e.type === 'field',
    expr: e,
    ...(e.type === 'string' ? { literal: e.value } : e.type === 'number' ? { literal: e.value } : {}),
  };
}

const isTrue = (v: EvalValue) => v === true;

function scalars(v: EvalValue): readonly (Scalar | boolean)[] {
  if (v === null) return [];
  return Array.isArray(v) ? v : [v as Scalar | boolean];
}

/** Compares two single values: numbers numerically, otherwise string forms. */
function compareOne(a: Scalar | boolean, b: Scalar | boolean): number {
  const na = typeof a === 'boolean' ? undefined : toNumber(a);
  const nb = typeof b === 'boolean' ? undefined : toNumber(b);
  if (na !== undefined && nb !== undefined) return compareNumbers(a, na, b, nb);
  return compareStrings(toStr(a), toStr(b));
}

function comparator(op: A.BinaryOperator): (c: number) => boolean {
  switch (op) {
    case '=':
    case '==':
      return (c) => c === 0;
    case '!=':
      return (c) => c !== 0;
    case '<':
      return (c) => c < 0;
    case '<=':
      return (c) => c <= 0;
    case '>':
      return (c) => c > 0;
    default:
      return (c) => c >= 0;
  }
}

function arith(op: A.BinaryOperator, a: number, b: number): EvalValue {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
    default:
      return b === 0 ? null : a % b;
  }
}

function single(v: EvalValue): Scalar | boolean | null {
  if (Array.isArray(v)) return v.length ? v[0] : null;
  return v as Scalar | boolean | null;
}

const NO_CONTEXT: CompileContext = {};

/**
 * Compiles an expression. `ctx` carries what only a command's planner knows
 * (the lookup tables, for lookup()); without it everything else compiles.
 */
export function compileExpr(e: A.Expr, ctx: CompileContext = NO_CONTEXT): Compiled {
  switch (e.type) {
    case 'string': {
      const v = e.value;
      return () => v;
    }
    case 'number': {
      const v = e.value;
      return () => v;
    }
    case 'field': {
      const name = e.name;
      return (env) => readField(env, name);
    }
    case 'not': {
      const operand = compileExpr(e.operand, ctx);
      return (env) => !isTrue(operand(env));
    }
    case 'negate': {
      const operand = compileExpr(e.operand, ctx);
      return (env) => {
        const n = toNumber(single(operand(env)) as Scalar);
        return n === undefined ? null : -n;
      };
    }
    case 'like':
      return compileCall({ type: 'call', span: e.span, name: 'like', nameSpan: e.span, args: [e.left, e.pattern] }, ctx);
    case 'in':
      return compileCall({ type: 'call', span: e.span, name: 'in', nameSpan: e.span, args: [e.left, ...e.values] }, ctx);
    case 'call':
      return compileCall(e, ctx);
    case 'binary':
      return compileBinary(e, ctx);
  }
}

/** One binary operator applied to its left value and its (lazily computed) right one. */
type Step = (a: EvalValue, right: Compiled, env: EvalEnv) => EvalValue;

function stepOf(op: A.BinaryOperator): Step {
  switch (op) {
    case 'AND':
      return (a, right, env) => isTrue(a) && isTrue(right(env));
    case 'OR':
      return (a, right, env) => isTrue(a) || isTrue(right(env));
    case 'XOR':
      return (a, right, env) => isTrue(a) !== isTrue(right(env));
    case '=':
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const test = comparator(op);
      return (a, right, env) => {
        const b = right(env);
        if (a === null || b === null) return false;
        const as = scalars(a);
        const bs = scalars(b);
        for (const x of as) for (const y of bs) if (test(compareOne(x, y))) return true;
        return false;
      };
    }
    case '.':
      return (av, right, env) => {
        const a = single(av);
        const b = single(right(env));
        if (a === null || b === null) return null;
        return toStr(a) + toStr(b);
      };
    case '+':
      return (av, right, env) => {
        const a = single(av);
        const b = single(right(env));
        if (a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean') return null;
        const na = toNumber(a);
        const nb = toNumber(b);
        if (na !== undefined && nb !== undefined) return na + nb;
        if (typeof a === 'string' && typeof b === 'string') return a + b;
        return null;
      };
    default:
      return (av, right, env) => {
        const a = single(av);
        const b = single(right(env));
        if (a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean') return null;
        const na = toNumber(a);
        const nb = toNumber(b);
        if (na === undefined || nb === undefined) return null;
        return arith(op, na, nb);
      };
  }
}

/**
 * A binary node is a chain (`a OR b OR c`, `1+2-3`; src/ast/nodes.ts): it
 * compiles to one loop that folds the operands left to right, so neither
 * compiling nor running a chain of 10,000 terms recurses per term. AND and
 * OR stop at the first operand that decides them.
 */
function compileBinary(e: A.ExprBinary, ctx: CompileContext): Compiled {
  const { operands, ops } = e;
  const first = compileExpr(operands[0], ctx);
  const rights = operands.slice(1).map((x) => compileExpr(x, ctx));
  const steps = ops.map(stepOf);
  if (steps.length === 1) {
    const step = steps[0];
    const right = rights[0];
    return (env) => step(first(env), right, env);
  }
  if (ops.every((op) => op === 'OR')) {
    return (env) => {
      if (isTrue(first(env))) return true;
      for (const r of rights) if (isTrue(r(env))) return true;
      return false;
    };
  }
  if (ops.every((op) => op === 'AND')) {
    return (env) => {
      if (!isTrue(first(env))) return false;
      for (const r of rights) if (!isTrue(r(env))) return false;
      return true;
    };
  }
  const n = steps.length;
  return (env) => {
    let acc = first(env);
    for (let i = 0; i < n; i++) acc = steps[i](acc, rights[i], env);
    return acc;
  };
}

/**
 * A stats function used in eval (`eval n=count(x)`) says where it belongs;
 * any other name gets the nearest eval functions.
 */
function unknownFunctionHint(name: string): string | undefined {
  if (isAggregationName(name)) {
    return `${name}() is a statistical function: it works over many events in stats, chart, timechart, eventstats or streamstats, not in eval or where`;
  }
  return didYouMean(closestNames(name, evalFunctions.keys())) ?? "see the list of evaluation functions in Splunk's Search Reference";
}

function compileCall(e: A.ExprCall, ctx: CompileContext): Compiled {
  const fn = lookupEvalFunction(e.name);
  if (!fn) {
    fail(`unknown eval function '${e.name}'`, e.nameSpan, unknownFunctionHint(e.name));
  }
  const n = e.args.length;
  if (n < fn.minArgs || n > fn.maxArgs) {
    const want = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
    fail(`${e.name}() takes ${want} argument${fn.maxArgs === 1 && fn.minArgs === 1 ? '' : 's'}, ${n} given`, e.span);
  }
  if (fn.compile) {
    const c: CallCompiler = { ctx, compile: (x) => compileExpr(x, ctx), fail };
    return fn.compile(e, c);
  }
  const info = e.args.map(argInfo);
  const problem = fn.check?.(info);
  if (problem) fail(`${e.name}(): ${problem.message}`, problem.argIndex !== undefined ? e.args[problem.argIndex].span : e.span, problem.hint);
  const args = e.args.map((a) => compileExpr(a, ctx));
  return (env) => fn.call(args, env, info);
}

/**
 * A compiled expression that reports a value too large for JavaScript (a
 * string past V8's limit of 2^29 - 24 characters, built by `.`, `+` or a
 * function) as a run-time diagnostic at the expression, instead of the
 * RangeError that would end the program. [decision] Splunk documents no
 * limit on a value's length; this is the engine's own.
 */
function guardSize(compiled: Compiled, e: A.Expr): Compiled {
  return (env) => {
    try {
      return compiled(env);
    } catch (err) {
      if (err instanceof RangeError && /Invalid (string|array) length/.test(err.message)) {
        throw new SplError({
          stage: 'runtime',
          message: 'the expression makes a value too large to hold (a string over about 536 million characters)',
          span: e.span,
          hint: 'check for a concatenation or repetition that grows with each step',
        });
      }
      throw err;
    }
  };
}

/** Compiles and reports user errors as a Diagnostic instead of throwing. */
export function tryCompile(e: A.Expr, ctx?: CompileContext): { compiled?: Compiled; diagnostic?: Diagnostic } {
  try {
    return { compiled: guardSize(compileExpr(e, ctx), e) };
  } catch (err) {
    if (err instanceof EvalCompileError || err instanceof PlanError) return { diagnostic: err.diagnostic };
    throw err;
  }
}

/** True for expressions whose result is a boolean (not storable by eval). */
export function isBooleanExpr(e: A.Expr): boolean {
  switch (e.type) {
    case 'not':
    case 'like':
    case 'in':
      return true;
    case 'binary':
      // the operators of one chain are all of one level: boolean or not together
      return ['AND', 'OR', 'XOR', '=', '==', '!=', '<', '<=', '>', '>='].includes(e.ops[0]);
    case 'call':
      return ['like', 'match', 'cidrmatch', 'searchmatch', 'isnull', 'isnotnull', 'isnum', 'isstr', 'isint', 'in', 'true', 'false'].includes(e.name);
    default:
      return false;
  }
}
