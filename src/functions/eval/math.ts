/**
 * Mathematical, trigonometric and statistical eval functions.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/mathematical-functions
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/statistical-eval-functions
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/trig-and-hyperbolic-functions
 *
 * Arguments are numbers or numeric strings; anything else (and NULL) gives
 * NULL. A result outside the function's domain (sqrt(-1), ln(0)) is NULL.
 */
import type { EvalEnv, EvalFunction } from './types.js';
import type { Expr } from '../../ast/nodes.js';
import type { Scalar } from '../../values/value.js';
import { compareScalars } from '../../values/coerce.js';
import { define, num, readField, str, valuesOfEval } from './util.js';

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
        return { message: `the number of decimal places must be a non-negative number, not "${String(p.literal)}"`, argIndex: 1 };
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
 * exact(<expression>) "renders the result of a numeric expression with a
 * larger amount of precision"; numbers here are plain doubles printed in
 * full, so it returns the value unchanged.
 */
const exactFn = unary('exact', (x) => x);

/**
 * sigfig(<num>) rounds to "the appropriate number of significant figures"
 * (mathematical functions reference): "For multiplication and division,
 * the result should have the minimum number of significant figures of all
 * of the operands. For addition and subtraction, the result should have the
 * same number of decimal places as the least precise number of all of the
 * operands." Documented: sigfig(1.00*1111) = 1110, sigfig(123.0 + 4.567) =
 * 127.6, and test*1.00 keeps 2 decimals (3.990000000000215 -> 3.99).
 *
 * The precision of an operand comes from its text: a number literal as
 * written ("1.00": 3 figures, 2 decimals), a field from its value's text.
 * Every digit of an integer counts ("1100" has 4 figures; the docs do not
 * say). An argument built from anything other than numbers, fields, unary
 * minus and + - * / (a function call, say) is returned unchanged.
 */
interface Measured {
  readonly value: number;
  /** significant figures */
  readonly sig: number;
  /** decimal places (negative: rounded to tens, hundreds...) */
  readonly dec: number;
}

const NUMBER_TEXT = /^[+-]?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function precisionOf(text: string, value: number): Measured | null {
  const m = NUMBER_TEXT.exec(text.trim());
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const frac = m[2] ?? '';
  const digits = (m[1] + frac).replace(/^0+/, '');
  return { value, sig: Math.max(digits.length, 1), dec: frac.length - Number(m[3] ?? 0) };
}

/** the power of ten of a value's leading digit (0 for 0) */
const magnitude = (x: number) => (x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x))));

function measure(e: Expr, env: EvalEnv): Measured | null {
  switch (e.type) {
    case 'number':
      return precisionOf(e.text, e.value);
    case 'field': {
      const v = readField(env, e.name);
      const n = num(v);
      const s = str(v);
      return n === null || s === null ? null : precisionOf(s, n);
    }
    case 'negate': {
      const m = measure(e.operand, env);
      return m && { ...m, value: -m.value };
    }
    case 'binary': {
      // a chain such as 1+2+3+... is folded in a loop, left to right
      const { operands, ops } = e;
      if (ops.some((op) => op !== '+' && op !== '-' && op !== '*' && op !== '/')) return null;
      let l = measure(operands[0], env);
      for (let i = 0; i < ops.length && l; i++) {
        const op = ops[i];
        const r = measure(operands[i + 1], env);
        if (!r) return null;
        if (op === '*' || op === '/') {
          const value = op === '*' ? l.value * r.value : l.value / r.value;
          if (!Number.isFinite(value)) return null;
          const sig = Math.min(l.sig, r.sig);
          l = { value, sig, dec: sig - 1 - magnitude(value) };
        } else {
          const value = op === '+' ? l.value + r.value : l.value - r.value;
          const dec = Math.min(l.dec, r.dec);
          l = { value, sig: magnitude(value) + 1 + dec, dec };
        }
      }
      return l;
    }
    default:
      return null;
  }
}

const sigfigFn = define('sigfig', 1, 1, (args, env, info) => {
  const x = num(args[0](env));
  if (x === null) return null;
  const e = info[0].expr;
  if (!e || e.type !== 'binary') return x;
  const m = measure(e, env);
  if (!m) return x;
  // the operation applied last decides (the chain's last operator)
  const last = e.ops[e.ops.length - 1];
  const places = last === '*' || last === '/' ? m.sig - 1 - magnitude(x) : m.dec;
  return roundDecimal(x, places);
});

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
// pi() "returns the constant pi to 11 digits of precision" (mathematical
// functions reference): 3.14159265359
const piFn = define('pi', 0, 0, () => 3.14159265359);

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
