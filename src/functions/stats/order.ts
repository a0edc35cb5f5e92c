/**
 * Event order and time functions: first, last, earliest, latest,
 * earliest_time, latest_time.
 *
 * Sources (Splunk Search Reference 10.0):
 * - event order functions: https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/statistical-and-charting-functions/event-order-functions
 *   first/last: the first/last value in the order the events are seen,
 *   "not necessarily chronological order".
 * - time functions: .../10.0/statistical-and-charting-functions/time-functions
 *   earliest/latest: "the chronologically earliest/latest seen occurrence of
 *   a value in a field"; earliest_time/latest_time: "the UNIX time of the
 *   chronologically earliest-seen/latest-seen occurrence of a given field
 *   value". They process values as strings.
 *
 * A multivalue counts as its values in order: first() takes the first value
 * of the first event, last() the last value of the last event. For earliest
 * and latest all values of one event share its time; on equal times the
 * value seen first wins, so an event's first value stands for it. Events
 * without a time take no part in the time functions.
 */
import type { Scalar, Value } from '../../values/value.js';
import type { AggregationDef, Aggregator } from './types.js';

class First implements Aggregator {
  private value: Scalar | undefined;
  add(value: Value | undefined): void {
    if (this.value !== undefined || value === undefined) return;
    if (Array.isArray(value)) {
      if (value.length > 0) this.value = (value as readonly Scalar[])[0];
    } else {
      this.value = value as Scalar;
    }
  }
  result(): Value | undefined {
    return this.value;
  }
}

class Last implements Aggregator {
  private value: Scalar | undefined;
  add(value: Value | undefined): void {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      if (value.length > 0) this.value = (value as readonly Scalar[])[value.length - 1];
    } else {
      this.value = value as Scalar;
    }
  }
  result(): Value | undefined {
    return this.value;
  }
}

/** Keeps the value with the smallest (or largest) time; ties keep the first seen. */
class ByTime {
  protected value: Scalar | undefined;
  protected time = 0;
  constructor(private readonly latest: boolean) {}
  add(value: Value | undefined, time: number | undefined): void {
    if (value === undefined || time === undefined || Number.isNaN(time)) return;
    let v: Scalar;
    if (Array.isArray(value)) {
      if (value.length === 0) return;
      v = (value as readonly Scalar[])[0];
    } else {
      v = value as Scalar;
    }
    if (this.value === undefined || (this.latest ? time > this.time : time < this.time)) {
      this.value = v;
      this.time = time;
    }
  }
}

class ByTimeValue extends ByTime implements Aggregator {
  result(): Value | undefined {
    return this.value;
  }
}

class ByTimeTime extends ByTime implements Aggregator {
  result(): Value | undefined {
    return this.value === undefined ? undefined : this.time;
  }
}

function def(name: string, make: () => Aggregator): AggregationDef {
  return { name, aliases: [], needsArgument: true, create: make };
}

export const first = def('first', () => new First());
export const last = def('last', () => new Last());
export const earliest = def('earliest', () => new ByTimeValue(false));
export const latest = def('latest', () => new ByTimeValue(true));
export const earliestTime = def('earliest_time', () => new ByTimeTime(false));
export const latestTime = def('latest_time', () => new ByTimeTime(true));
