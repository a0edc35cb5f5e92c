/**
 * The contract between the stats-family commands (stats, eventstats,
 * streamstats, chart, timechart) and the aggregation library.
 *
 * The command resolves each aggregation term once at plan time
 * (registry.ts: resolveAggregation), creates one Aggregator per group and
 * term, feeds it every event's value of the argument, and reads result().
 */
import type { Scalar, Value } from '../../values/value.js';
import { toNumber } from '../../values/coerce.js';

export interface AggregationSpec {
  /** the function name as written, lower-cased: count, dc, perc95, p95, exactperc99 ... */
  readonly name: string;
  /** the parameter inside the name, e.g. 95 for perc95 */
  readonly param?: number;
  /**
   * true when the term has no argument (`count`, `c`, `count()`): the
   * aggregator then counts every event it is given. The command sets it;
   * resolveAggregation cannot know. Only functions whose def has
   * needsArgument === false accept it.
   */
  readonly noArgument?: boolean;
  /**
   * the length in seconds of the time bucket the aggregator covers: set by
   * timechart/chart for the per_second family (the rate is the bucket's sum
   * divided by it); absent elsewhere
   */
  readonly spanSeconds?: number;
  /**
   * state shared by every aggregator of one term in one run (sparkline: the
   * time range of all groups, so that every row's line has the same axis)
   */
  readonly shared?: SharedRange;
  /**
   * sparkline only: the aggregation drawn per time bucket (`count(x)` in
   * `sparkline(count(x), 1h)`); set by the command
   */
  readonly inner?: InnerAggregation;
}

/** The aggregation a sparkline applies to the events of each time bucket. */
export interface InnerAggregation {
  /** a fresh aggregator for one bucket */
  readonly create: () => Aggregator;
  /** true for count without an argument: every event counts, with or without a value */
  readonly countsEvents: boolean;
}

/** The time range of every event a term has seen in a run (sparkline). */
export interface SharedRange {
  min: number;
  max: number;
}

export interface Aggregator {
  /**
   * one event's value of the argument (undefined when the field is absent;
   * for count() with no argument, undefined); time = the event's _time or
   * undefined. A multivalue counts as each of its values.
   */
  add(value: Value | undefined, time: number | undefined): void;
  /**
   * the aggregate; undefined = the field is absent in the output row.
   * Does not change the aggregator: it may be called after every add()
   * (streamstats) and more values may be added afterwards.
   */
  result(): Value | undefined;
}

export interface AggregationDef {
  /** canonical name: 'count', 'dc', 'values', 'perc' ... */
  readonly name: string;
  /** other names: 'c' for count, 'distinct_count' for dc, 'mean' for avg, 'p' / 'upperperc' / 'exactperc' for perc ... */
  readonly aliases: readonly string[];
  /** false for functions that may be written without an argument (count) */
  readonly needsArgument: boolean;
  /**
   * true for numeric statistics (sum, avg, var...): with stats'
   * `allnum=true` a group with one non-numeric value gets no result for them
   */
  readonly numeric?: boolean;
  /** true for the per_second family: only meaningful with a time span (timechart) */
  readonly needsSpan?: boolean;
  /** true when aggregators of one term share a SharedRange (sparkline) */
  readonly sharesRange?: boolean;
  create(spec: AggregationSpec): Aggregator;
}

/** What resolveAggregation returns for a known function name. */
export interface ResolvedAggregation {
  readonly def: AggregationDef;
  readonly spec: AggregationSpec;
}

/** Calls fn with every numeric value of a stored value (a multivalue gives each; non-numbers are skipped). */
export function forEachNumber(value: Value | undefined, fn: (x: number) => void): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const v of value as readonly Scalar[]) {
      const x = toNumber(v);
      if (x !== undefined) fn(x);
    }
    return;
  }
  const x = toNumber(value as Scalar);
  if (x !== undefined) fn(x);
}
