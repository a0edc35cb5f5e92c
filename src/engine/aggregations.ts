/**
 * Planning of aggregation terms, shared by stats, eventstats, streamstats
 * (and chart, timechart, tstats): resolves the function, the argument (a
 * field, a field pattern, or an eval expression) and the output name as
 * Splunk names it; AggregateSet holds one group's aggregators.
 *
 * Wildcard arguments (stats reference: "avg(*delay)" computes the average of
 * every field ending in "delay"; https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/search-commands/stats):
 * the term stands for one aggregation per matching field, named
 * `func(field)`, or by the AS pattern with the `*`s filled in the same way
 * as rename does (`values(req.*) AS *`). The BY fields and internal fields
 * (a leading `_`, unless the pattern itself starts with `_`) are not matched.
 * The docs do not say in which order the columns of one wildcard term come;
 * we put them in lexicographic order of their names.
 */
import type { Aggregation } from '../ast/nodes.js';
import { printExpr } from '../ast/print.js';
import { SplError } from '../diagnostics/diagnostic.js';
import { tryCompile } from '../eval/compile.js';
import { makeEnv } from '../eval/env.js';
import { AGGREGATIONS, isAggregationName, resolveAggregation } from '../functions/stats/registry.js';
import { closestNames, didYouMean } from '../diagnostics/suggest.js';
import { SPARKLINE_FUNCTIONS, sparkline } from '../functions/stats/timed.js';
import type { AggregationDef, AggregationSpec, Aggregator, ResolvedAggregation, SharedRange } from '../functions/stats/types.js';
import { compareStrings, toNumber } from '../values/coerce.js';
import type { Row, Scalar, Value } from '../values/value.js';
import { parseTimeSpan, spanSeconds } from './commands/bin.js';
import { fieldPattern, renameField } from './fieldmatch.js';
import { PlanError, planFail } from './plan-error.js';

/** What planAggregation needs of the planning context. */
export interface AggregationContext {
  readonly now: number;
  readonly tz: string;
}

export interface PlanAggregationOptions {
  /** fields a wildcard argument never matches (the BY fields) */
  readonly exclude?: readonly string[];
  /** true for commands with a time span (timechart, chart over _time): the per_second family is allowed */
  readonly timeSpan?: boolean;
}

export interface WildcardTerm {
  /** the fields of a row the term applies to, each with its output column */
  fieldsOf(row: Row): readonly (readonly [field: string, output: string])[];
}

export interface PlannedAggregation {
  /** output column (for a wildcard term: the output pattern, e.g. `avg(*lay)`) */
  readonly name: string;
  readonly def: AggregationDef;
  /** a fresh aggregator; spanSeconds = the time bucket's length (timechart, for per_second) */
  readonly create: (opts?: { spanSeconds?: number }) => Aggregator;
  /** the value this event contributes (undefined: none); unused for wildcard terms */
  readonly valueOf: (row: Row) => Value | undefined;
  /** set when the argument is a field pattern */
  readonly wildcard?: WildcardTerm;
  /** resets the state a term keeps for one run (sparkline's common time axis) */
  readonly begin: () => void;
}

function wildcardTerm(pattern: string, func: string, as: string | undefined, exclude: ReadonlySet<string>): WildcardTerm {
  const re = fieldPattern(pattern);
  const internalOk = pattern.startsWith('_');
  const cache = new Map<string, string | null>();
  const outputOf = (field: string): string | null => {
    let out = cache.get(field);
    if (out === undefined) {
      out = null;
      if (!exclude.has(field) && (internalOk || !field.startsWith('_')) && re.test(field)) {
        out = as === undefined ? `${func}(${field})` : (renameField(field, pattern, as) ?? null);
      }
      if (cache.size > 10000) cache.clear();
      cache.set(field, out);
    }
    return out;
  };
  return {
    fieldsOf(row) {
      const out: [string, string][] = [];
      for (const f of row.keys()) {
        const o = outputOf(f);
        if (o !== null) out.push([f, o]);
      }
      return out;
    },
  };
}

/** The stats functions nearest a name, each once: by its own name when that is among the nearest, else by the alias. */
function nearestAggregations(name: string): string[] {
  const near = closestNames(name, AGGREGATIONS.flatMap((d) => [d.name, ...d.aliases]));
  const out: string[] = [];
  for (const d of AGGREGATIONS) {
    const hit = near.includes(d.name) ? d.name : d.aliases.find((x) => near.includes(x));
    if (hit !== undefined) out.push(hit);
  }
  return out;
}

function resolveTerm(a: Aggregation): ResolvedAggregation {
  let resolved;
  try {
    resolved = resolveAggregation(a.func);
  } catch (e) {
    if (e instanceof SplError) planFail(e.first.message, a.span, e.first.hint);
    throw e;
  }
  if (!resolved) {
    planFail(
      `unknown statistical function '${a.func}'`,
      a.span,
      didYouMean(nearestAggregations(a.func)) ?? 'see the stats functions: count, dc, values, list, min, max, avg, sum, earliest, latest, first, last, range, stdev, median, mode, perc<N>',
    );
  }
  return resolved;
}

/** Time units a sparkline's span length may use: the fixed-length ones. */
const SPARKLINE_UNITS: ReadonlySet<string> = new Set(['s', 'm', 'h', 'd', 'w']);

/**
 * `sparkline`, `sparkline(count)`, `sparkline(count(x), 1h)`,
 * `sparkline(avg(bytes), 5m)` (stats reference, sparkline-agg; see
 * functions/stats/timed.ts): the inner term is planned like any term (its
 * argument, eval or field, is what each event contributes) and applied per
 * time bucket. Without AS the column is named as the term is written, with
 * no spaces: `sparkline`, `sparkline(count(x),1h)` (the docs show no name).
 */
function planSparkline(a: Aggregation, resolved: ResolvedAggregation, ctx: AggregationContext, opts: PlanAggregationOptions): PlannedAggregation {
  const hint = 'e.g. sparkline(count(user), 1h) or sparkline(avg(bytes))';
  if (a.field || a.expr) planFail(`sparkline takes an aggregation, not a field: sparkline(count(${a.field?.name ?? 'x'}))`, a.span, hint);
  const innerTerm: Aggregation = a.inner ?? { span: a.span, func: 'count' };
  if (!innerTerm.field && !innerTerm.expr && !isAggregationName(innerTerm.func)) {
    planFail(`sparkline takes an aggregation, not a field: sparkline(count(${innerTerm.func}))`, innerTerm.span, hint);
  }
  const innerDef = resolveTerm(innerTerm).def;
  if (!SPARKLINE_FUNCTIONS.has(innerDef.name)) {
    planFail(`sparkline cannot draw ${innerTerm.func}(): it takes c, count, dc, mean, avg, stdev, stdevp, var, varp, sum, sumsq, min, max or range`, innerTerm.span, hint);
  }
  if (innerTerm.field?.name.includes('*')) planFail(`sparkline does not take a field pattern: '${innerTerm.field.name}'`, innerTerm.field.span, 'name one field');
  const inner = planAggregation(innerTerm, ctx, opts.exclude ? { exclude: opts.exclude } : {});
  let fixedSpan: number | undefined;
  if (a.spanLength) {
    const ts = parseTimeSpan(a.spanLength.text);
    if (!ts || !SPARKLINE_UNITS.has(ts.unit)) {
      planFail(`a sparkline's span must be a time span such as 30s, 5m, 1h or 1d, not '${a.spanLength.text}'`, a.spanLength.span, 'time units: s, m, h, d, w');
    }
    fixedSpan = spanSeconds(ts);
  }
  const countsEvents = innerDef.name === 'count' && !innerTerm.field && !innerTerm.expr;
  const spec: AggregationSpec = { ...resolved.spec, inner: { create: () => inner.create(), countsEvents } };
  let shared: SharedRange = { min: Infinity, max: -Infinity };
  const create = (o?: { spanSeconds?: number }): Aggregator => {
    const span = fixedSpan ?? o?.spanSeconds;
    return resolved.def.create({ ...spec, shared, ...(span !== undefined ? { spanSeconds: span } : {}) });
  };
  const written = a.inner ? `${a.func}(${inner.name}${a.spanLength ? `,${a.spanLength.text}` : ''})` : a.func;
  return {
    name: a.as?.name ?? written,
    def: resolved.def,
    create,
    valueOf: inner.valueOf,
    begin: () => {
      shared = { min: Infinity, max: -Infinity };
    },
  };
}

export function planAggregation(a: Aggregation, ctx: AggregationContext, opts: PlanAggregationOptions = {}): PlannedAggregation {
  const resolved = resolveTerm(a);
  const def: AggregationDef = resolved.def;
  if (def === sparkline) return planSparkline(a, resolved, ctx, opts);
  if (a.inner) planFail(`${a.func}() takes a field, not an aggregation`, a.inner.span);
  const hasArg = a.field !== undefined || a.expr !== undefined;
  if (!hasArg && def.needsArgument) planFail(`${a.func} needs a field: ${a.func}(field)`, a.span);
  if (def.needsSpan && !opts.timeSpan) {
    planFail(`${a.func}() needs a time span: it can be used only with timechart (or chart over _time)`, a.span, `e.g. timechart span=1h ${a.func}(bytes)`);
  }
  const baseSpec: AggregationSpec = hasArg ? resolved.spec : { ...resolved.spec, noArgument: true };
  let shared: SharedRange | undefined;
  const begin = def.sharesRange
    ? () => {
        shared = { min: Infinity, max: -Infinity };
      }
    : () => {};
  begin();
  const create = (o?: { spanSeconds?: number }): Aggregator => {
    let spec = baseSpec;
    if (o?.spanSeconds !== undefined) spec = { ...spec, spanSeconds: o.spanSeconds };
    if (shared) spec = { ...spec, shared };
    return def.create(spec);
  };
  const argText = a.expr ? `eval(${printExpr(a.expr)})` : a.field?.name;
  if (a.field && a.field.name.includes('*')) {
    const as = a.as?.name;
    if (as !== undefined && !as.includes('*')) {
      planFail(`'${a.func}(${a.field.name})' stands for several fields, so its AS name needs a * as well`, a.as!.span, `e.g. ${a.func}(${a.field.name}) AS ${a.field.name}`);
    }
    const wildcard = wildcardTerm(a.field.name, a.func, as, new Set(opts.exclude ?? []));
    return { name: as ?? `${a.func}(${a.field.name})`, def, create, valueOf: () => undefined, wildcard, begin };
  }
  const name = a.as?.name ?? (argText === undefined ? a.func : `${a.func}(${argText})`);
  let valueOf: (row: Row) => Value | undefined;
  if (a.expr) {
    const { compiled, diagnostic } = tryCompile(a.expr);
    if (diagnostic) throw new PlanError(diagnostic);
    const env = makeEnv(ctx);
    valueOf = (row) => {
      env.row = row;
      const v = compiled!(env);
      // count(eval(cond)) counts the events where cond is true; false and null add nothing
      if (v === null || v === false) return undefined;
      if (v === true) return '1';
      return v as Value;
    };
  } else if (a.field) {
    const f = a.field.name;
    valueOf = (row) => row.get(f);
  } else valueOf = () => undefined;
  return { name, def, create, valueOf, begin };
}

export function timeOf(row: Row): number | undefined {
  return toNumber(row.get('_time') as Scalar | undefined);
}

/**
 * `allnum=true` (stats, eventstats): "computes numerical statistics on each
 * field if and only if all of the values of that field are numerical"; an
 * empty or alphabetic value makes the group's numeric statistics absent.
 */
class AllNumeric implements Aggregator {
  private spoiled = false;
  constructor(private readonly inner: Aggregator) {}
  add(value: Value | undefined, time: number | undefined): void {
    if (this.spoiled || value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value as readonly Scalar[]) if (toNumber(v) === undefined) this.spoiled = true;
    } else if (toNumber(value as Scalar) === undefined) this.spoiled = true;
    if (!this.spoiled) this.inner.add(value, time);
  }
  result(): Value | undefined {
    return this.spoiled ? undefined : this.inner.result();
  }
}

/** One event's contribution to every term: a value, or for a wildcard term its [output, value] pairs. */
export type Contribution = readonly (Value | undefined | readonly (readonly [string, Value])[])[];

export interface AggregateOptions {
  readonly allnum?: boolean;
  readonly spanSeconds?: number;
}

/** The aggregators of one group (or one time bucket) for every term of a command. */
export class AggregateSet {
  private readonly fixed: (Aggregator | undefined)[];
  private readonly wild: (Map<string, Aggregator> | undefined)[];

  constructor(
    private readonly terms: readonly PlannedAggregation[],
    private readonly opts: AggregateOptions = {},
  ) {
    this.fixed = terms.map((t) => (t.wildcard ? undefined : this.make(t)));
    this.wild = terms.map((t) => (t.wildcard ? new Map() : undefined));
  }

  private make(t: PlannedAggregation): Aggregator {
    const agg = t.create(this.opts.spanSeconds === undefined ? undefined : { spanSeconds: this.opts.spanSeconds });
    return this.opts.allnum && t.def.numeric ? new AllNumeric(agg) : agg;
  }

  /** What a row contributes (read once: later commands may change the row). */
  static contribution(terms: readonly PlannedAggregation[], row: Row): Contribution {
    return terms.map((t) => {
      if (!t.wildcard) return t.valueOf(row);
      return t.wildcard.fieldsOf(row).map(([f, out]) => [out, row.get(f)!] as const);
    });
  }

  add(c: Contribution, time: number | undefined): void {
    for (let i = 0; i < this.terms.length; i++) {
      const agg = this.fixed[i];
      if (agg) {
        agg.add(c[i] as Value | undefined, time);
        continue;
      }
      const map = this.wild[i]!;
      for (const [out, v] of c[i] as readonly (readonly [string, Value])[]) {
        let a = map.get(out);
        if (!a) map.set(out, (a = this.make(this.terms[i])));
        a.add(v, time);
      }
    }
  }

  addRow(row: Row, time: number | undefined): void {
    this.add(AggregateSet.contribution(this.terms, row), time);
  }

  /** Writes the results into a row: absent results remove the column. */
  writeInto(row: Row): void {
    for (let i = 0; i < this.terms.length; i++) {
      const agg = this.fixed[i];
      if (agg) {
        const v = agg.result();
        if (v === undefined) row.delete(this.terms[i].name);
        else row.set(this.terms[i].name, v);
        continue;
      }
      const map = this.wild[i]!;
      const names = [...map.keys()].sort(compareStrings);
      for (const n of names) {
        const v = map.get(n)!.result();
        if (v === undefined) row.delete(n);
        else row.set(n, v);
      }
    }
  }
}
