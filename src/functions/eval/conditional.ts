/**
 * Comparison and conditional functions.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/comparison-and-conditional-functions
 *
 * NULL handling: if/case/validate treat a NULL condition as not TRUE;
 * coalesce, isnull, isnotnull accept NULL by design; in() with a NULL value
 * is FALSE; like/match/cidrmatch return NULL when the value is NULL (so NOT
 * like(missing, ...) is not TRUE either, as with comparisons).
 * For a multivalue first argument, in/like/match/cidrmatch are TRUE when any
 * value satisfies them (as field=value does in search).
 */
import type { EvalFunction } from './types.js';
import type { EvalValue, Scalar } from '../../values/value.js';
import { toStr } from '../../values/coerce.js';
import { checkRegexArg, define, runtimeRegex, scalarEquals, str, valuesOfEval } from './util.js';
import { cidrContains, parseCidr, parseIp, type Cidr } from './ip.js';
import { likeTest } from '../../values/wildcard.js';

const ifFn = define('if', 3, 3, (args, env) => (args[0](env) === true ? args[1](env) : args[2](env)));

const caseFn = define(
  'case',
  2,
  Infinity,
  (args, env) => {
    for (let i = 0; i + 1 < args.length; i += 2) {
      if (args[i](env) === true) return args[i + 1](env);
    }
    return null;
  },
  (info) =>
    info.length % 2 === 0
      ? undefined
      : { message: 'takes pairs of condition and value', argIndex: info.length - 1, hint: 'use true() as the last condition for a default value' },
);

const validateFn = define(
  'validate',
  2,
  Infinity,
  (args, env) => {
    for (let i = 0; i + 1 < args.length; i += 2) {
      if (args[i](env) !== true) return args[i + 1](env);
    }
    return null;
  },
  (info) =>
    info.length % 2 === 0 ? undefined : { message: 'takes pairs of condition and value', argIndex: info.length - 1 },
);

const coalesceFn = define('coalesce', 1, Infinity, (args, env) => {
  for (const a of args) {
    const v = a(env);
    if (v !== null && v !== undefined) return v;
  }
  return null;
});

const isnullFn = define('isnull', 1, 1, (args, env) => {
  const v = args[0](env);
  return v === null || v === undefined;
});

const isnotnullFn = define('isnotnull', 1, 1, (args, env) => {
  const v = args[0](env);
  return v !== null && v !== undefined;
});

const nullFn = define('null', 0, 0, () => null);
const trueFn = define('true', 0, 0, () => true);
const falseFn = define('false', 0, 0, () => false);

const nullifFn = define('nullif', 2, 2, (args, env) => {
  const a = args[0](env);
  if (a === null || a === undefined) return null;
  const b = args[1](env);
  if (b === null || b === undefined || Array.isArray(a) || Array.isArray(b)) return a;
  return scalarEquals(a as Scalar | boolean, b as Scalar | boolean) ? null : a;
});

const inFn = define('in', 2, Infinity, (args, env) => {
  const v = args[0](env);
  const values = valuesOfEval(v);
  if (values.length === 0) return false;
  for (let i = 1; i < args.length; i++) {
    const candidates = valuesOfEval(args[i](env));
    for (const c of candidates) {
      for (const x of values) if (scalarEquals(x, c)) return true;
    }
  }
  return false;
});

// like(): SQL LIKE, '%' any run (also none), '_' exactly one character, the
// whole value must match, case-sensitively. The Splunk page documents only
// the two wildcards; like every eval string comparison it is case-sensitive
// (spl-semantics.md §8.4; the search command's case-insensitive matching does
// not apply inside eval/where). No escape character is documented, so '\' is literal.
// Matched by likeTest (values/wildcard.ts), without a backtracking RegExp.
function anyValue(v: EvalValue, test: (s: string) => boolean): boolean | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) {
    for (const x of v as Scalar[]) if (test(toStr(x))) return true;
    return false;
  }
  return test(toStr(v as Scalar | boolean));
}

const likeFn = define('like', 2, 2, (args, env) => {
  const v = args[0](env);
  const pat = str(args[1](env));
  if (pat === null) return null;
  return anyValue(v, likeTest(pat));
});

const matchFn = define(
  'match',
  2,
  2,
  (args, env) => {
    const v = args[0](env);
    if (v === null || v === undefined) return null;
    const pat = str(args[1](env));
    if (pat === null) return null;
    const re = runtimeRegex(pat);
    if (!re) return null;
    return anyValue(v, (s) => re.test(s));
  },
  (info) => checkRegexArg(info, 1),
);

const cidrCache = new Map<string, Cidr | null>();
function cidrOf(text: string): Cidr | null {
  let c = cidrCache.get(text);
  if (c === undefined) {
    c = parseCidr(text) ?? null;
    if (cidrCache.size > 5000) cidrCache.clear();
    cidrCache.set(text, c);
  }
  return c;
}

const cidrmatchFn = define(
  'cidrmatch',
  2,
  2,
  (args, env) => {
    const c = str(args[0](env));
    const v = args[1](env);
    if (c === null || v === null || v === undefined) return null;
    const cidr = cidrOf(c);
    if (!cidr) return false;
    return anyValue(v, (s) => {
      const ip = parseIp(s);
      return ip !== undefined && cidrContains(cidr, ip);
    });
  },
  (info) => {
    const a = info[0];
    if (a && a.literal !== undefined && !parseCidr(String(a.literal))) {
      return { message: `"${String(a.literal)}" is not a CIDR block`, argIndex: 0, hint: 'write an address and prefix length, e.g. "10.0.0.0/8" or "2001:db8::/32"' };
    }
    return undefined;
  },
);

const searchmatchFn = define('searchmatch', 1, 1, (args, env) => {
  const s = str(args[0](env));
  if (s === null) return null;
  return env.searchMatch(s);
});

export const conditionalFunctions: readonly EvalFunction[] = [
  ifFn,
  caseFn,
  validateFn,
  coalesceFn,
  isnullFn,
  isnotnullFn,
  nullFn,
  trueFn,
  falseFn,
  nullifFn,
  inFn,
  likeFn,
  matchFn,
  cidrmatchFn,
  searchmatchFn,
];
