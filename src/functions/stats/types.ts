/**
 * The contract between the stats-family commands (stats, eventstats,
 * streamstats, chart, timechart) and the aggregation library.
 *
 * The command resolves each aggregation term once at plan time
 * (registry.ts: resolveAggregation), creates one Aggregator per group and
 * term, feeds it every event's value of the argument, and reads result().
 */
import type { Value } from '../../values/value.js';

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
  create(spec: AggregationSpec): Aggregator;
}

/** What resolveAggregation returns for a known function name. */
export interface ResolvedAggregation {
  readonly def: AggregationDef;
  readonly spec: AggregationSpec;
}
