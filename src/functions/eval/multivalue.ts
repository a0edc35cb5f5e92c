/**
 * Multivalue eval functions.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/multivalue-eval-functions
 *
 * A single value counts as a multivalue of one. Results with no values are
 * NULL. NULL arguments give NULL, except mvappend, which skips them.
 */
import type { ArgInfo, EvalFunction, EvalEnv } from './types.js';
import { SplError } from '../../diagnostics/diagnostic.js';
import type { EvalValue, Scalar } from '../../values/value.js';
import { compareStrings, toStr } from '../../values/coerce.js';
import { parse } from '../../parser/index.js';
import { relativeTime } from '../../time/index.js';
import { checkRegexArg, define, int, num, readField, result, runtimeRegex, str, valuesOfEval } from './util.js';

const mvcountFn = define('mvcount', 1, 1, (args, env) => {
  const vals = valuesOfEval(args[0](env));
  return vals.length === 0 ? null : vals.length;
});

const mvindexFn = define('mvindex', 2, 3, (args, env) => {
  const vals = valuesOfEval(args[0](env));
  const n = vals.length;
  if (n === 0) return null;
  let s = int(args[1](env));
  if (s === null) return null;
  if (s < 0) s += n;
  if (s < 0 || s >= n) return null;
  if (args.length < 3) return vals[s];
  let e = int(args[2](env));
  if (e === null) return null;
  if (e < 0) e += n;
  if (e < s) return null;
  if (e >= n) e = n - 1;
  return result(vals.slice(s, e + 1));
});

const mvjoinFn = define('mvjoin', 2, 2, (args, env) => {
  const vals = valuesOfEval(args[0](env));
  if (vals.length === 0) return null;
  const d = str(args[1](env));
  if (d === null) return null;
  let out = '';
  for (let i = 0; i < vals.length; i++) {
    if (i) out += d;
    out += toStr(vals[i]);
  }
  return out;
});

const mvappendFn = define('mvappend', 1, Infinity, (args, env) => {
  const out: Scalar[] = [];
  for (const a of args) for (const v of valuesOfEval(a(env))) out.push(v);
  return result(out);
});

/** Runs fn with `field` bound, restoring the previous bindings afterwards. */
function withBinding<T>(env: EvalEnv, field: string, fn: (bind: (v: EvalValue) => void) => T): T {
  const prev = env.bindings;
  const bindings = new Map<string, EvalValue>(prev ?? []);
  env.bindings = bindings;
  try {
    return fn((v) => bindings.set(field, v));
  } finally {
    env.bindings = prev;
  }
}

const mvfilterFn = define(
  'mvfilter',
  1,
  1,
  (args, env, info) => {
    const field = info[0].fields[0];
    const vals = valuesOfEval(readField(env, field));
    if (vals.length === 0) return null;
    const kept: Scalar[] = [];
    withBinding(env, field, (bind) => {
      for (const v of vals) {
        bind(v);
        if (args[0](env) === true) kept.push(v);
      }
    });
    return result(kept);
  },
  (info) => {
    const fields = new Set(info[0]?.fields ?? []);
    if (fields.size === 1) return undefined;
    return {
      message: `mvfilter() needs an expression that uses exactly one field (this one uses ${fields.size})`,
      argIndex: 0,
      hint: 'e.g. mvfilter(match(email, "\\.net$"))',
    };
  },
);

const mvmapFn = define(
  'mvmap',
  2,
  2,
  (args, env, info) => {
    const field = info[0].fields[0];
    const vals = valuesOfEval(args[0](env));
    if (vals.length === 0) return null;
    const out: Scalar[] = [];
    withBinding(env, field, (bind) => {
      for (const v of vals) {
        bind(v);
        for (const r of valuesOfEval(args[1](env))) out.push(r);
      }
    });
    return result(out);
  },
  // the first argument is a field or an expression over one field, whose
  // values the second argument sees under that field's name: the docs'
  // mvmap(mvindex(results, 1,2), results*threshold)
  (info) =>
    info[0]?.fields.length === 1
      ? undefined
      : { message: 'mvmap() needs a field, or an expression that reads one field, as its first argument', argIndex: 0, hint: 'e.g. mvmap(values, values * 10)' },
);

const mvfindFn = define(
  'mvfind',
  2,
  2,
  (args, env) => {
    const vals = valuesOfEval(args[0](env));
    if (vals.length === 0) return null;
    const pat = str(args[1](env));
    if (pat === null) return null;
    const re = runtimeRegex(pat);
    if (!re) return null;
    for (let i = 0; i < vals.length; i++) if (re.test(toStr(vals[i]))) return i;
    return null;
  },
  (info) => checkRegexArg(info, 1),
);

const mvdedupFn = define('mvdedup', 1, 1, (args, env) => {
  const vals = valuesOfEval(args[0](env));
  const seen = new Set<string>();
  const out: Scalar[] = [];
  for (const v of vals) {
    const k = toStr(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return result(out);
});

const mvzipFn = define('mvzip', 2, 3, (args, env) => {
  const a = valuesOfEval(args[0](env));
  const b = valuesOfEval(args[1](env));
  if (a.length === 0 || b.length === 0) return null;
  let d = ',';
  if (args.length > 2) {
    const x = str(args[2](env));
    if (x === null) return null;
    d = x;
  }
  const n = Math.min(a.length, b.length);
  const out: Scalar[] = [];
  for (let i = 0; i < n; i++) out.push(toStr(a[i]) + d + toStr(b[i]));
  return result(out);
});

// mvsort: "sorts the values lexicographically" — by the string forms, so
// "10" sorts before "9" (numbers before letters, uppercase before lowercase).
const mvsortFn = define('mvsort', 1, 1, (args, env) => {
  const vals = [...valuesOfEval(args[0](env))];
  vals.sort((x, y) => compareStrings(toStr(x), toStr(y)));
  return result(vals);
});

const mvreverseFn = define('mvreverse', 1, 1, (args, env) => result([...valuesOfEval(args[0](env))].reverse()));

const SPAN_UNITS: Record<string, number> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, week: 604800, weeks: 604800,
};
const SPAN = /^([+-]?\d+(?:\.\d+)?)([a-z]+)$/;

/** A step: a number, or a time span such as "7d" (seconds). */
export function parseStep(v: EvalValue): number | null {
  const n = num(v);
  if (n !== null) return n;
  const s = str(v);
  if (s === null) return null;
  const m = SPAN.exec(s.trim().toLowerCase());
  if (!m || !(m[2] in SPAN_UNITS)) return null;
  return Number(m[1]) * SPAN_UNITS[m[2]];
}

/**
 * The most values mvrange() makes. [decision] The page gives no limit; past
 * this a literal range is a plan-time error and a computed one stops the
 * search with a runtime error naming the call, instead of a silent NULL.
 */
const MVRANGE_LIMIT = 1_000_000;

function mvrangeTooLong(count: number, info: readonly ArgInfo[]): SplError {
  const span = { start: info[0].span.start, end: info[info.length - 1].span.end };
  return new SplError({
    stage: 'runtime',
    message: `mvrange(): ${Math.min(count, 1e15).toLocaleString('en-US')} values is over the limit of ${MVRANGE_LIMIT.toLocaleString('en-US')}`,
    span,
    hint: 'use a larger step or a smaller range',
  });
}

/**
 * mvrange with a timespan step: "If the increment is a timespan such as 7d,
 * the starting and ending numbers are treated as UNIX time". Each value is
 * the previous one moved by the span as a relative time modifier in the
 * search's time zone, so a day is a calendar day: the docs' example
 * mvrange(1514834731,1524134919,"7d") steps from 1520277931 to 1520879131
 * (6d 23h) across the US daylight-saving change of 2018-03-11. Undefined
 * when the span is not a time modifier (a fractional "1.5d"): the caller
 * then steps by its length in seconds.
 */
function timeRange(start: number, end: number, step: number, span: string, tz: string, info: readonly ArgInfo[]): EvalValue | undefined {
  const spec = /^[+-]/.test(span) ? span : `+${span}`;
  if (relativeTime(start, spec, tz) === undefined) return undefined; // e.g. "1.5d": plain seconds
  const out: number[] = [];
  let t: number | undefined = start;
  while (t !== undefined && (step > 0 ? t < end : t > end)) {
    if (out.length >= MVRANGE_LIMIT) throw mvrangeTooLong(Math.round((end - start) / step) || MVRANGE_LIMIT + 1, info);
    out.push(t);
    const next = relativeTime(t, spec, tz);
    if (next === undefined || (step > 0 ? next <= t : next >= t)) return null;
    t = next;
  }
  return result(out);
}

const mvrangeFn = define(
  'mvrange',
  2,
  3,
  (args, env, info) => {
    const start = num(args[0](env));
    const end = num(args[1](env));
    if (start === null || end === null) return null;
    const stepArg = args.length > 2 ? args[2](env) : 1;
    const step = parseStep(stepArg);
    if (step === null || step === 0) return null;
    if ((step > 0 && start > end) || (step < 0 && start < end)) return null;
    if (num(stepArg) === null) {
      const r = timeRange(start, end, step, str(stepArg)!.trim(), env.tz, info);
      if (r !== undefined) return r;
    }
    const count = Math.ceil((end - start) / step);
    if (count > MVRANGE_LIMIT) throw mvrangeTooLong(count, info);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * step);
    return result(out);
  },
  (info) => {
    const s = info[2];
    let step: number | null = 1;
    if (s && s.literal !== undefined) {
      step = parseStep(s.literal);
      if (step === null || step === 0) {
        return { message: `invalid step "${String(s.literal)}"`, argIndex: 2, hint: 'use a non-zero number or a time span such as "7d"' };
      }
    } else if (s) step = null;
    const a = info[0].literal;
    const b = info[1].literal;
    if (step !== null && typeof a === 'number' && typeof b === 'number') {
      const count = Math.ceil((b - a) / step);
      if (count > MVRANGE_LIMIT) return { message: mvrangeTooLong(count, info).message.replace(/^mvrange\(\): /, ''), hint: 'use a larger step or a smaller range' };
    }
    return undefined;
  },
);

/**
 * commands(<value>): "takes a search string, such as 'search foo | stats
 * count | sort count', and returns a multivalue field containing a list of
 * the commands used" (search, stats, sort). The string is read by the
 * parser; a string that does not parse is split on its top-level pipes and
 * each piece gives its first word.
 */
function commandNames(text: string): string[] {
  const parsed = parse(text);
  if (parsed.ast) {
    return parsed.ast.commands.map((c) => (c.type === 'command' ? c.name : c.type === 'stats' ? c.variant : c.type === 'macro' ? '`' + c.call.text + '`' : c.type));
  }
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let piece = '';
  const flush = (first: boolean) => {
    const w = /^\s*([A-Za-z_][\w-]*)/.exec(piece);
    if (first && !/^\s*\|/.test(text)) out.push('search');
    else if (w) out.push(w[1].toLowerCase());
    piece = '';
  };
  let first = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      piece += c + text[++i];
      continue;
    }
    if (c === '"') quote = !quote;
    else if (!quote && (c === '[' || c === '(')) depth++;
    else if (!quote && (c === ']' || c === ')')) depth--;
    else if (!quote && depth === 0 && c === '|') {
      if (piece.trim() !== '' || !first) flush(first);
      first = false;
      continue;
    }
    piece += c;
  }
  if (piece.trim() !== '') flush(first);
  return out;
}

const commandsFn = define('commands', 1, 1, (args, env) => {
  const s = str(args[0](env));
  if (s === null) return null;
  return result(commandNames(s));
});

export const multivalueFunctions: readonly EvalFunction[] = [
  mvcountFn,
  mvindexFn,
  mvjoinFn,
  mvappendFn,
  mvfilterFn,
  mvmapFn,
  mvfindFn,
  mvdedupFn,
  mvzipFn,
  mvsortFn,
  mvreverseFn,
  mvrangeFn,
  commandsFn,
];
