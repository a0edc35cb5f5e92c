/**
 * Mathematical, trigonometric and statistical eval functions.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/mathematical-functions
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/statistical-eval-functions
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/trig-and-hyperbolic-functions
 *
 * Arguments are numbers or numeric strings; anything else (and NULL) gives
 * NULL. A result outside the function's domain (sqrt(-1), ln(0)) is NULL.
 */
import type { EvalFunction } from './types.js';
import type { Scalar } from '../../values/value.js';
import { compareScalars } from '../../values/coerce.js';
import { define, num, valuesOfEval } from './util.js';

/**
 * Rounds half away from zero on the decimal representation of x (the
 * shortest one that reads back as x), so round(2.555, 2) = 2.56 as
 * documented even though the double nearest 2.555 is slightly below it.
 */
export function roundDecimal(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const exp = x.toExponential(); // shortest round-trip digits: "-2.555e+0"
  const e = exp.indexOf('e');
  const neg = exp[0] === '-';
  const digits = exp.slice(neg ? 1 : 0, e).replace('.', '');
  const pow10 = Number(exp.slice(e + 1));
  const keep = pow10 + 1 + places; // digits left of the rounding point
  if (keep >= digits.length) return x;
  if (keep < 0) return 0;
  let kept = BigInt(keep === 0 ? '0' : digits.slice(0, keep));
  if (digits.charCodeAt(keep) >= 53) kept += 1n; // '5'..'9'
  if (kept === 0n) return 0;
  const r = Number(`${kept}e${-places}`);
  return neg ? -r : r;
}

function unary(name: string, f: (x: number) => number): EvalFunction {
  return define(name, 1, 1, (args, env) => {
    const x = num(args[0](env));
    if (x === null) return null;
    const r = f(x);
    return Number.isNaN(r) ? null : r;
  });
}

const roundFn = define(
  'round',
  1,
  2,
  (args, env) => {
    const x = num(args[0](env));
    if (x === null) return null;
    let p = 0;
    if (args.length > 1) {
      const y = num(args[1](env));
      if (y === null || y < 0) return null;
      p = Math.trunc(y);
    }
    return roundDecimal(x, p);
  },
  (info) => {
    const p = info[1];
    if (p && p.literal !== undefined) {
      const n = typeof p.literal === 'number' ? p.literal : Number(p.literal);
      if (!Number.isFinite(n) || n < 0) {
        return { message: `round(): the number of decimal places must be a non-negative number, not "${String(p.literal)}"`, argIndex: 1 };
      }
    }
    return undefined;
  },
);

const ceilImpl = (x: number) => Math.ceil(x) + 0; // + 0 turns -0 into 0
const floorImpl = (x: number) => Math.floor(x);

const domain = (ok: (x: number) => boolean, f: (x: number) => number) => (x: number) => (ok(x) ? f(x) : NaN);

const powFn = define('pow', 2, 2, (args, env) => {
  const x = num(args[0](env));
  const y = num(args[1](env));
  if (x === null || y === null) return null;
  const r = Math.pow(x, y);
  return Number.isNaN(r) ? null : r;
});

const logFn = define('log', 1, 2, (args, env) => {
  const x = num(args[0](env));
  if (x === null || x <= 0) return null;
  if (args.length < 2) return Math.log10(x);
  const b = num(args[1](env));
  if (b === null || b <= 0 || b === 1) return null;
  return Math.log(x) / Math.log(b);
});

const atan2Fn = define('atan2', 2, 2, (args, env) => {
  const y = num(args[0](env));
  const x = num(args[1](env));
  if (x === null || y === null) return null;
  return Math.atan2(y, x);
});

const hypotFn = define('hypot', 2, 2, (args, env) => {
  const x = num(args[0](env));
  const y = num(args[1](env));
  if (x === null || y === null) return null;
  return Math.hypot(x, y);
});

/**
 * exact() asks for full precision and sigfig() for the precision of the
 * operands; numbers here are plain doubles without precision tracking, so
 * both return the value unchanged.
 */
const exactFn = unary('exact', (x) => x);
const sigfigFn = unary('sigfig', (x) => x);

// max/min: "Strings are greater than numbers"; numbers (and numeric strings)
// compare numerically, strings lexicographically; the value is returned as given.
function extreme(name: string, sign: 1 | -1): EvalFunction {
  return define(name, 1, Infinity, (args, env) => {
    let best: Scalar | null = null;
    for (const a of args) {
      for (const v of valuesOfEval(a(env))) {
        if (best === null || sign * compareScalars(v, best) > 0) best = v;
      }
    }
    return best;
  });
}

/**
 * avg(<values>) and sum(<values>) (statistical eval functions): every
 * numeric value of the arguments (fields single or multivalue, numbers);
 * arguments that are missing or not numbers are ignored, and with no numeric
 * value at all the result is NULL. A string literal is an error ("returns an
 * error because one of the arguments in the function is a string": avg(1, 2,
 * "3")). Documented: a=5.0, b="9": avg(a, b, c) = 7; avg(1, 2, 3) = 2.
 */
function numericFold(name: string, fold: (sum: number, n: number) => number): EvalFunction {
  return define(
    name,
    1,
    Infinity,
    (args, env) => {
      let sum = 0;
      let n = 0;
      for (const a of args) {
        for (const v of valuesOfEval(a(env))) {
          const x = num(v);
          if (x === null) continue;
          sum += x;
          n++;
        }
      }
      return n === 0 ? null : fold(sum, n);
    },
    (info) => {
      const i = info.findIndex((a) => typeof a.literal === 'string');
      return i < 0 ? undefined : { message: `arguments must be numbers, not the string "${String(info[i].literal)}"`, argIndex: i, hint: 'convert a quoted number with tonumber()' };
    },
  );
}

const randomFn = define('random', 0, 0, () => Math.floor(Math.random() * 2147483648));
const piFn = define('pi', 0, 0, () => Math.PI);

export const mathFunctions: readonly EvalFunction[] = [
  roundFn,
  unary('floor', floorImpl),
  unary('ceil', ceilImpl),
  unary('ceiling', ceilImpl),
  unary('abs', Math.abs),
  powFn,
  unary('sqrt', domain((x) => x >= 0, Math.sqrt)),
  unary('exp', Math.exp),
  unary('ln', domain((x) => x > 0, Math.log)),
  logFn,
  piFn,
  exactFn,
  sigfigFn,
  extreme('max', 1),
  extreme('min', -1),
  randomFn,
  numericFold('avg', (sum, n) => sum / n),
  numericFold('sum', (sum) => sum),
  unary('acos', Math.acos),
  unary('acosh', Math.acosh),
  unary('asin', Math.asin),
  unary('asinh', Math.asinh),
  unary('atan', Math.atan),
  atan2Fn,
  unary('atanh', Math.atanh),
  unary('cos', Math.cos),
  unary('cosh', Math.cosh),
  hypotFn,
  unary('sin', Math.sin),
  unary('sinh', Math.sinh),
  unary('tan', Math.tan),
  unary('tanh', Math.tanh),
];
