/**
 * Looks up stats functions by the name written in the search.
 *
 * Names are case-insensitive. Percentiles carry their parameter in the name:
 * perc95, p95, p99.9, upperperc90, exactperc50 ("Valid percentile values are
 * floating point numbers between 0 and 100, such as 99.95", aggregate
 * functions, Splunk Search Reference 10.0).
 */
import { SplError } from '../../diagnostics/diagnostic.js';
import { count, dc, estdc, list, mode, values } from './counting.js';
import { avg, max, min, range, stdev, stdevp, sum, sumsq, variance, varp } from './numeric.js';
import { earliest, earliestTime, first, last, latest, latestTime } from './order.js';
import { median, perc } from './percentile.js';
import { perDay, perHour, perMinute, perSecond, sparkline } from './timed.js';
import type { AggregationDef, ResolvedAggregation } from './types.js';

/** Every stats function, in the order a listing (help, errors) shows them. */
export const AGGREGATIONS: readonly AggregationDef[] = [
  count,
  dc,
  estdc,
  values,
  list,
  mode,
  min,
  max,
  range,
  sum,
  sumsq,
  avg,
  median,
  perc,
  stdev,
  stdevp,
  variance,
  varp,
  first,
  last,
  earliest,
  latest,
  earliestTime,
  latestTime,
  perSecond,
  perMinute,
  perHour,
  perDay,
  sparkline,
];

const byName = new Map<string, AggregationDef>();
for (const def of AGGREGATIONS) {
  for (const name of [def.name, ...def.aliases]) {
    if (byName.has(name)) throw new Error(`internal: stats function name '${name}' defined twice`);
    byName.set(name, def);
  }
}

const PERCENTILE_PREFIXES: ReadonlySet<string> = new Set([perc.name, ...perc.aliases]);
const PERCENTILE_NAME = /^(perc|p|upperperc|exactperc)(\d+(?:\.\d*)?|\.\d+)?$/;

/**
 * The function a name stands for, with its parameter; undefined when the
 * name is no stats function. Throws SplError (without span: the caller adds
 * context) for a percentile name whose number is missing or out of range.
 */
export function resolveAggregation(nameAsWritten: string): ResolvedAggregation | undefined {
  const name = nameAsWritten.toLowerCase();
  const plain = byName.get(name);
  if (plain && !PERCENTILE_PREFIXES.has(name)) return { def: plain, spec: { name } };
  const m = PERCENTILE_NAME.exec(name);
  if (!m) return undefined;
  if (m[2] === undefined) {
    throw new SplError({
      stage: 'parse',
      message: `percentile function '${nameAsWritten}' needs the percentile in its name`,
      hint: `write the percentile after the name, as in ${m[1]}95(field) or ${m[1]}99.9(field)`,
    });
  }
  const param = Number(m[2]);
  if (!(param >= 0 && param <= 100)) {
    throw new SplError({
      stage: 'parse',
      message: `the percentile in '${nameAsWritten}' must be between 0 and 100, not ${m[2]}`,
    });
  }
  return { def: perc, spec: { name, param } };
}

/** Whether a name (any case) is a stats function, without validating a percentile. */
export function isAggregationName(nameAsWritten: string): boolean {
  const name = nameAsWritten.toLowerCase();
  return byName.has(name) || PERCENTILE_NAME.test(name);
}
