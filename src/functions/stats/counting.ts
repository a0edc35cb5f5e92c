/**
 * Aggregations that read values as strings: count, dc (estdc), values,
 * list, mode.
 *
 * Sources (Splunk Search Reference 10.0):
 * - aggregate functions: https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/statistical-and-charting-functions/aggregate-functions
 *   count: "Returns the number of occurrences of the field specified ...
 *   Processes field values as strings." dc: "count of distinct values ...
 *   processes field values as strings"; estdc: "The string values 1.0 and 1
 *   are considered distinct values", exact below approx_dc_threshold (1000).
 *   mode: "Returns the most frequent value ... Processes field values as
 *   strings."
 * - multivalue stats functions: .../multivalue-stats-and-chart-functions
 *   values: distinct values, "The order of the values is lexicographical";
 *   list: "The order of the values reflects the order of the events", "If
 *   more than 100 values are in a field, only the first 100 are returned."
 */
import type { Scalar, Value } from '../../values/value.js';
import { compareStrings, toStr } from '../../values/coerce.js';
import type { AggregationDef, AggregationSpec, Aggregator } from './types.js';

/** list() keeps at most this many values (limits.conf [stats] list_maxsize default). */
export const LIST_MAX_SIZE = 100;

class CountEvents implements Aggregator {
  private n = 0;
  add(): void {
    this.n++;
  }
  result(): Value {
    return this.n;
  }
}

/** count(X): one per value of X; a multivalue counts each of its values. */
class CountValues implements Aggregator {
  private n = 0;
  add(value: Value | undefined): void {
    if (value === undefined) return;
    if (Array.isArray(value)) this.n += value.length;
    else this.n++;
  }
  result(): Value {
    return this.n;
  }
}

export const count: AggregationDef = {
  name: 'count',
  aliases: ['c'],
  needsArgument: false,
  create(spec: AggregationSpec): Aggregator {
    return spec.noArgument ? new CountEvents() : new CountValues();
  },
};

/** Keeps the distinct string forms of the values seen. */
class DistinctSet {
  protected readonly seen = new Set<string>();
  add(value: Value | undefined): void {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value as readonly Scalar[]) this.seen.add(toStr(v));
    } else {
      this.seen.add(toStr(value as Scalar));
    }
  }
}

class DistinctCount extends DistinctSet implements Aggregator {
  result(): Value {
    return this.seen.size;
  }
}

export const dc: AggregationDef = {
  name: 'dc',
  aliases: ['distinct_count'],
  needsArgument: true,
  create: () => new DistinctCount(),
};

/** estdc is exact below approx_dc_threshold (1000); we always count exactly. */
export const estdc: AggregationDef = {
  name: 'estdc',
  aliases: [],
  needsArgument: true,
  create: () => new DistinctCount(),
};

class Values extends DistinctSet implements Aggregator {
  private sorted: string[] | undefined;
  override add(value: Value | undefined): void {
    const before = this.seen.size;
    super.add(value);
    if (this.seen.size !== before) this.sorted = undefined;
  }
  result(): Value | undefined {
    if (this.seen.size === 0) return undefined;
    if (!this.sorted) this.sorted = Array.from(this.seen).sort(compareStrings);
    // a copy: the caller may keep the result while more values arrive (streamstats)
    return this.sorted.length === 1 ? this.sorted[0] : this.sorted.slice();
  }
}

export const values: AggregationDef = {
  name: 'values',
  aliases: [],
  needsArgument: true,
  create: () => new Values(),
};

class List implements Aggregator {
  private readonly items: string[] = [];
  add(value: Value | undefined): void {
    if (value === undefined) return;
    const items = this.items;
    if (items.length >= LIST_MAX_SIZE) return;
    if (Array.isArray(value)) {
      for (const v of value as readonly Scalar[]) {
        if (items.length >= LIST_MAX_SIZE) return;
        items.push(toStr(v));
      }
    } else {
      items.push(toStr(value as Scalar));
    }
  }
  result(): Value | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    return items.length === 1 ? items[0] : items.slice();
  }
}

export const list: AggregationDef = {
  name: 'list',
  aliases: [],
  needsArgument: true,
  create: () => new List(),
};

/**
 * mode: the most frequent string form. The documentation does not say which
 * value wins a tie; we return the one seen first (Map keeps first-insertion
 * order, so the scan at result() finds it).
 */
class Mode implements Aggregator {
  private readonly counts = new Map<string, number>();
  add(value: Value | undefined): void {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value as readonly Scalar[]) this.bump(toStr(v));
    } else {
      this.bump(toStr(value as Scalar));
    }
  }
  private bump(s: string): void {
    this.counts.set(s, (this.counts.get(s) ?? 0) + 1);
  }
  result(): Value | undefined {
    let best: string | undefined;
    let bestCount = 0;
    for (const [s, n] of this.counts) {
      if (n > bestCount) {
        best = s;
        bestCount = n;
      }
    }
    return best;
  }
}

export const mode: AggregationDef = {
  name: 'mode',
  aliases: [],
  needsArgument: true,
  create: () => new Mode(),
};
