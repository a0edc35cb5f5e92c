/**
 * Planning of aggregation terms, shared by stats, eventstats, streamstats
 * (and later tstats): resolves the function, the argument (a field or an
 * eval expression) and the output name as Splunk names it.
 */
import type { Aggregation } from '../ast/nodes.js';
import { printExpr } from '../ast/print.js';
import { SplError } from '../diagnostics/diagnostic.js';
import { tryCompile } from '../eval/compile.js';
import { makeEnv } from '../eval/env.js';
import { resolveAggregation } from '../functions/stats/registry.js';
import type { AggregationDef, AggregationSpec, Aggregator } from '../functions/stats/types.js';
import { toNumber } from '../values/coerce.js';
import type { Row, Scalar, Value } from '../values/value.js';
import { PlanError, planFail, type PlanContext } from './plan-error.js';

export interface PlannedAggregation {
  /** output column */
  readonly name: string;
  readonly create: () => Aggregator;
  /** the value this event contributes (undefined: none) */
  readonly valueOf: (row: Row) => Value | undefined;
}

export function planAggregation(a: Aggregation, ctx: PlanContext): PlannedAggregation {
  let resolved;
  try {
    resolved = resolveAggregation(a.func);
  } catch (e) {
    if (e instanceof SplError) planFail(e.first.message, a.span, e.first.hint);
    throw e;
  }
  if (!resolved) planFail(`unknown statistical function '${a.func}'`, a.span, 'see the stats functions: count, dc, values, list, min, max, avg, sum, earliest, latest, first, last, range, stdev, median, mode, perc<N>');
  const def: AggregationDef = resolved.def;
  const hasArg = a.field !== undefined || a.expr !== undefined;
  if (!hasArg && def.needsArgument) planFail(`${a.func} needs a field: ${a.func}(field)`, a.span);
  if (a.field && a.field.name.includes('*')) planFail('wildcard field names in aggregations are not supported yet', a.field.span);
  const spec: AggregationSpec = hasArg ? resolved.spec : { ...resolved.spec, noArgument: true };
  const argText = a.expr ? `eval(${printExpr(a.expr)})` : a.field?.name;
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
  return { name, create: () => def.create(spec), valueOf };
}

export function timeOf(row: Row): number | undefined {
  return toNumber(row.get('_time') as Scalar | undefined);
}
