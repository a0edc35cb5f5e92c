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
 *   one block character per bucket (see render below).
 */
import type { Scalar, Value } from '../../values/value.js';
import { toNumber } from '../../values/coerce.js';
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
 * Renders counts per bucket: an empty bucket is '▁', others are scaled onto
 * the seven blocks ▂ … █ by their share of the row's largest count.
 */
export function renderSpark(counts: readonly number[]): string {
  let top = 0;
  for (const c of counts) if (c > top) top = c;
  let out = '';
  for (const c of counts) out += c === 0 ? '▁' : BLOCKS[Math.min(BLOCKS.length - 1, Math.ceil((c / top) * BLOCKS.length) - 1)];
  return out;
}

/** sparkline(count): events (or values of the argument) per time bucket. */
class Sparkline implements Aggregator {
  private readonly times: number[] = [];
  constructor(
    private readonly range: SharedRange,
    private readonly span: number | undefined,
    private readonly countAll: boolean,
  ) {}
  add(value: Value | undefined, time: number | undefined): void {
    if (time === undefined || Number.isNaN(time)) return;
    // every event widens the common axis; only events with a value count
    if (time < this.range.min) this.range.min = time;
    if (time > this.range.max) this.range.max = time;
    if (!this.countAll) {
      if (value === undefined) return;
      const n = Array.isArray(value) ? value.length : 1;
      for (let i = 0; i < n; i++) this.times.push(time);
    } else this.times.push(time);
  }
  result(): Value | undefined {
    const { min, max } = this.range;
    if (!(min <= max)) return undefined;
    const span = this.span ?? sparkSpan(min, max);
    const first = Math.floor(min / span);
    const counts = new Array<number>(Math.floor(max / span) - first + 1).fill(0);
    for (const t of this.times) counts[Math.floor(t / span) - first]++;
    return renderSpark(counts);
  }
}

export const sparkline: AggregationDef = {
  name: 'sparkline',
  aliases: [],
  needsArgument: false,
  sharesRange: true,
  create(spec: AggregationSpec): Aggregator {
    return new Sparkline(spec.shared ?? { min: Infinity, max: -Infinity }, spec.spanSeconds, spec.noArgument === true);
  },
};
