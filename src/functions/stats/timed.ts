/**
 * Aggregations that need a time axis: the per_second family (timechart and
 * chart only) and sparkline.
 *
 * Sources (Splunk Search Reference 10.0):
 * - time functions: https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/statistical-and-charting-functions/time-functions
 *   per_second(X): "Returns the values of a field X per second" over the
 *   time span of the bucket: the sum of X in the bucket divided by the
 *   bucket's length in seconds; per_minute, per_hour and per_day multiply
 *   by 60, 3600 and 86400. "You can use these functions only with the
 *   timechart command" (chart with a time span as well). A value that is not
 *   numeric is ignored, like sum().
 * - stats command, sparkline: https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/search-commands/stats
 *   `sparkline` alone stands for sparkline(count): per group, the count of
 *   events in each time bucket, drawn on one time axis for every row of the
 *   result. Splunk draws it in its UI; splinter renders the line as text,
 *   one block character per bucket (see renderSpark below).
 *   With arguments, `sparkline(<sparkline-func>(<wc-field>), <span-length>)`:
 *   "Each sparkline value is produced by applying this aggregation to the
 *   events that fall into each particular time bin"; sparkline-func is one
 *   of c, count, dc, mean, avg, stdev, stdevp, var, varp, sum, sumsq, min,
 *   max, range; "If no timespan specifier is used, an appropriate timespan
 *   is chosen based on the time range of the search" (the engine checks the
 *   function and the span, engine/aggregations.ts).
 */
import type { Scalar, Value } from '../../values/value.js';
import { toNumber } from '../../values/coerce.js';
import { count } from './counting.js';
import type { AggregationDef, AggregationSpec, Aggregator, SharedRange } from './types.js';

class Rate implements Aggregator {
  private n = 0;
  private sum = 0;
  constructor(
    private readonly unit: number,
    private readonly span: number,
  ) {}
  add(value: Value | undefined): void {
    if (value === undefined) return;
    if (Array.isArray(value)) for (const v of value as readonly Scalar[]) this.one(v);
    else this.one(value as Scalar);
  }
  private one(v: Scalar): void {
    const x = toNumber(v);
    if (x === undefined) return;
    this.n++;
    this.sum += x;
  }
  result(): Value | undefined {
    if (this.n === 0) return undefined;
    return (this.sum * this.unit) / this.span;
  }
}

function rate(name: string, unit: number): AggregationDef {
  return {
    name,
    aliases: [],
    needsArgument: true,
    numeric: true,
    needsSpan: true,
    create(spec: AggregationSpec): Aggregator {
      const span = spec.spanSeconds;
      if (span === undefined || !(span > 0)) throw new Error(`internal: ${name} created without a time span`);
      return new Rate(unit, span);
    },
  };
}

export const perSecond = rate('per_second', 1);
export const perMinute = rate('per_minute', 60);
export const perHour = rate('per_hour', 3600);
export const perDay = rate('per_day', 86400);

/** Spans a sparkline picks from when none is given: the smallest that gives at most SPARK_BUCKETS buckets. */
const SPARK_SPANS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 4 * 3600, 12 * 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400];
export const SPARK_BUCKETS = 20;
const BLOCKS = '▂▃▄▅▆▇█';

/** The bucket length for a time range. */
export function sparkSpan(min: number, max: number): number {
  const width = max - min;
  for (const s of SPARK_SPANS) if (Math.floor(max / s) - Math.floor(min / s) + 1 <= SPARK_BUCKETS && width < s * SPARK_BUCKETS) return s;
  return SPARK_SPANS[SPARK_SPANS.length - 1];
}

/**
 * Renders one value per bucket: an empty bucket (undefined) is '▁'; the
 * others are scaled onto the seven blocks ▂ … █ by their height above the
 * line's floor, 0 (or the lowest value when some are negative), relative to
 * the row's largest value. A value at the floor is '▁' too: for counts, an
 * empty bucket and a zero count look alike.
 */
export function renderSpark(values: readonly (number | undefined)[]): string {
  let top = -Infinity;
  let floor = 0;
  for (const v of values) {
    if (v === undefined) continue;
    if (v > top) top = v;
    if (v < floor) floor = v;
  }
  let out = '';
  for (const v of values) {
    if (v === undefined || !(v > floor)) out += '▁';
    else out += BLOCKS[Math.min(BLOCKS.length - 1, Math.ceil(((v - floor) / (top - floor)) * BLOCKS.length) - 1)];
  }
  return out;
}

/**
 * sparkline(<agg>, <span>): the inner aggregation applied to the events of
 * each time bucket, drawn as a line. The span is known only at result()
 * when none is given (it depends on the time range of every group), so the
 * events are kept as (time, value) and replayed into one inner aggregator
 * per bucket.
 */
class Sparkline implements Aggregator {
  private readonly times: number[] = [];
  private readonly values: (Value | undefined)[] = [];
  constructor(
    private readonly range: SharedRange,
    private readonly span: number | undefined,
    private readonly inner: () => Aggregator,
    /** false when the inner aggregation counts events, so that events without a value matter */
    private readonly skipAbsent: boolean,
  ) {}
  add(value: Value | undefined, time: number | undefined): void {
    if (time === undefined || Number.isNaN(time)) return;
    // every event widens the common axis; only events with a value are kept
    if (time < this.range.min) this.range.min = time;
    if (time > this.range.max) this.range.max = time;
    if (value === undefined && this.skipAbsent) return;
    this.times.push(time);
    this.values.push(value);
  }
  result(): Value | undefined {
    const { min, max } = this.range;
    if (!(min <= max)) return undefined;
    const span = this.span ?? sparkSpan(min, max);
    const first = Math.floor(min / span);
    const buckets = new Array<Aggregator | undefined>(Math.floor(max / span) - first + 1);
    for (let i = 0; i < this.times.length; i++) {
      const b = Math.floor(this.times[i] / span) - first;
      (buckets[b] ??= this.inner()).add(this.values[i], this.times[i]);
    }
    const points: (number | undefined)[] = [];
    for (let b = 0; b < buckets.length; b++) {
      const v = buckets[b]?.result();
      points.push(v === undefined || Array.isArray(v) ? undefined : toNumber(v as Scalar));
    }
    return renderSpark(points);
  }
}

/** The functions a sparkline can draw (sparkline-func, stats reference), by canonical name: c and mean are aliases. */
export const SPARKLINE_FUNCTIONS: ReadonlySet<string> = new Set(['count', 'dc', 'avg', 'stdev', 'stdevp', 'var', 'varp', 'sum', 'sumsq', 'min', 'max', 'range']);

export const sparkline: AggregationDef = {
  name: 'sparkline',
  aliases: [],
  needsArgument: false,
  sharesRange: true,
  create(spec: AggregationSpec): Aggregator {
    const shared = spec.shared ?? { min: Infinity, max: -Infinity };
    if (spec.inner) return new Sparkline(shared, spec.spanSeconds, spec.inner.create, !spec.inner.countsEvents);
    // without an inner aggregation (the engine always passes one): count events, or values of the argument
    return new Sparkline(shared, spec.spanSeconds, () => count.create(spec), spec.noArgument !== true);
  },
};
