/**
 * The search language as a row predicate (search command reference,
 * spl-semantics.md §1):
 * - `field=value`: case-insensitive, `*` wildcards, whole value; a CIDR
 *   value matches IP addresses in the range; a multivalue field matches when
 *   any value does; `field=*` means the field exists;
 * - `field!=value`: the field exists and no value matches;
 * - `< <= > >=`: numeric when both sides are numbers, else lexicographic;
 * - `NOT x` is true when x is false, including when the field is missing;
 * - bare terms and phrases look in _raw (case-insensitive substring; Splunk
 *   matches index tokens, a documented deviation); with no _raw (after a
 *   transforming command) they look in every field value;
 * - `earliest=` / `latest=` are time bounds on _time: [earliest, latest).
 */
import type * as A from '../ast/nodes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { cidrContains, parseCidr, parseIp } from '../functions/eval/ip.js';
import { parseTimeModifier } from '../time/index.js';
import { compareNumbers, compareStrings, toNumber, toStr } from '../values/coerce.js';
import type { Row, Scalar } from '../values/value.js';
import { hasWildcard, wildcardTest } from '../values/wildcard.js';

export type RowPredicate = (row: Row) => boolean;

export interface SearchContext {
  readonly now: number;
  readonly tz: string;
  /**
   * The predicates of the expression's subsearches, once they have run (the
   * search command runs them before the outer search and formats their
   * results, see engine/commands/search.ts).
   */
  readonly subsearches?: ReadonlyMap<A.SearchSubsearch, RowPredicate>;
}

export class SearchCompileError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** A compiled value test: one single value → matches? */
type ValueTest = (v: Scalar) => boolean;

function valueTest(value: A.SearchValue): ValueTest {
  const text = value.text;
  const caseSensitive = value.modifier === 'CASE';
  if (text === '*') return () => true;
  const cidr = !hasWildcard(text) && text.includes('/') ? parseCidr(text) : undefined;
  if (cidr) {
    return (v) => {
      const s = toStr(v);
      if (s.toLowerCase() === text.toLowerCase()) return true;
      const ip = parseIp(s);
      return ip !== undefined && cidrContains(cidr, ip);
    };
  }
  if (hasWildcard(text)) {
    const test = wildcardTest(text, caseSensitive);
    return (v) => test(toStr(v));
  }
  if (caseSensitive) return (v) => toStr(v) === text;
  const lower = text.toLowerCase();
  const len = text.length;
  return (v) => {
    const s = typeof v === 'string' ? v : toStr(v);
    return s.length === len && (s === text || s.toLowerCase() === lower);
  };
}

function anyValue(row: Row, field: string, test: ValueTest): boolean | undefined {
  const v = row.get(field);
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    for (const x of v) if (test(x)) return true;
    return false;
  }
  return test(v as Scalar);
}

function termTest(value: A.SearchValue): RowPredicate {
  const text = value.text;
  if (text === '*') return () => true;
  const caseSensitive = value.modifier === 'CASE';
  // a term matches anywhere in the text: the pattern with a `*` at each end
  const anywhere = wildcardTest(`*${text}*`, caseSensitive);
  const needle = caseSensitive ? text : text.toLowerCase();
  const simple = !hasWildcard(text);
  const inString = (s: string) => (simple ? (caseSensitive ? s.includes(needle) : s.toLowerCase().includes(needle)) : anywhere(s));
  return (row) => {
    const raw = row.get('_raw');
    if (typeof raw === 'string') return inString(raw);
    for (const v of row.values()) {
      if (Array.isArray(v)) {
        for (const x of v) if (inString(toStr(x))) return true;
      } else if (inString(toStr(v as Scalar))) return true;
    }
    return false;
  };
}

function timeBound(e: A.SearchCompare, ctx: SearchContext): RowPredicate {
  const t = parseTimeModifier(e.value.text, ctx.now, ctx.tz);
  if (t === undefined) {
    throw new SearchCompileError({
      stage: 'plan',
      message: `invalid time modifier '${e.value.text}' for ${e.field.name}`,
      span: e.value.span,
      hint: 'use a relative time such as -24h or -7d@d, an epoch number, now, or an absolute time %m/%d/%Y:%H:%M:%S',
    });
  }
  const isEarliest = e.field.name === 'earliest';
  return (row) => {
    const time = toNumber(row.get('_time') as Scalar | undefined);
    if (time === undefined) return false;
    return isEarliest ? time >= t : time < t;
  };
}

export function compileSearch(e: A.SearchExpr, ctx: SearchContext): RowPredicate {
  switch (e.type) {
    case 'and': {
      const parts = e.items.map((x) => compileSearch(x, ctx));
      return (row) => {
        for (const p of parts) if (!p(row)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = e.items.map((x) => compileSearch(x, ctx));
      return (row) => {
        for (const p of parts) if (p(row)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = compileSearch(e.expr, ctx);
      return (row) => !inner(row);
    }
    case 'term':
      return termTest(e.value);
    case 'compare': {
      const field = e.field.name;
      if (!e.field.quoted && (field === 'earliest' || field === 'latest') && e.op === '=') return timeBound(e, ctx);
      if (e.op === '=' || e.op === '!=') {
        const test = valueTest(e.value);
        if (e.op === '=') return (row) => anyValue(row, field, test) === true;
        return (row) => anyValue(row, field, test) === false;
      }
      // numbers compare numerically when both sides are numbers, everything else lexicographically
      const text = e.value.text;
      const targetNumber = toNumber(text);
      const holds = e.op === '<' ? (c: number) => c < 0 : e.op === '<=' ? (c: number) => c <= 0 : e.op === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
      const test: ValueTest = (v) => {
        const n = targetNumber === undefined ? undefined : toNumber(v);
        return holds(n !== undefined ? compareNumbers(v, n, text, targetNumber!) : compareStrings(toStr(v), text));
      };
      return (row) => anyValue(row, field, test) === true;
    }
    case 'in': {
      const field = e.field.name;
      const tests = e.values.map(valueTest);
      const test: ValueTest = (v) => {
        for (const t of tests) if (t(v)) return true;
        return false;
      };
      return (row) => anyValue(row, field, test) === true;
    }
    case 'subsearch': {
      const resolved = ctx.subsearches?.get(e);
      if (resolved) return resolved;
      throw new SearchCompileError({ stage: 'plan', message: 'a subsearch is not allowed here', span: e.span, hint: 'subsearches are run by the search command: put them in a search or in the first search' });
    }
    case 'macro':
      throw new SearchCompileError({ stage: 'expand', message: `macro \`${e.call.text}\` was not expanded`, span: e.span });
  }
}

/** The subsearches of a search expression, in the order they are written. */
export function subsearchesOf(e: A.SearchExpr, out: A.SearchSubsearch[] = []): A.SearchSubsearch[] {
  switch (e.type) {
    case 'and':
    case 'or':
      e.items.forEach((x) => subsearchesOf(x, out));
      break;
    case 'not':
      subsearchesOf(e.expr, out);
      break;
    case 'subsearch':
      out.push(e);
      break;
  }
  return out;
}

/** The fields a search expression reads (for extraction planning; subsearches can name any field: see subsearchesOf). */
export function searchFields(e: A.SearchExpr, out: Set<string> = new Set()): Set<string> {
  switch (e.type) {
    case 'and':
    case 'or':
      e.items.forEach((x) => searchFields(x, out));
      break;
    case 'not':
      searchFields(e.expr, out);
      break;
    case 'compare':
      if (e.field.name === 'earliest' || e.field.name === 'latest') out.add('_time');
      else out.add(e.field.name);
      break;
    case 'in':
      out.add(e.field.name);
      break;
    case 'term':
      out.add('_raw');
      break;
  }
  return out;
}
