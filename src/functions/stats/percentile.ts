/**
 * Percentiles (perc, p, upperperc, exactperc) and median.
 *
 * Source: Splunk Search Reference 10.0, aggregate functions,
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/statistical-and-charting-functions/aggregate-functions
 *
 * perc: the documentation says that below 1000 distinct values "the Splunk
 * percentile functions use the nearest rank algorithm", yet its own examples
 * are interpolated, which nearest rank cannot give:
 *   Y = {10,9,8,7,6,5,4,3,2,1}: perc50(Y) = 5.5, perc95(Y) = 9.55;
 *   running visitor totals 0 212 579 1068 1692 2301 2793 3306 3673 4010:
 *   perc50 = 1996.5, perc95 = 3858.35.
 * We follow the examples. All four come from linear interpolation between
 * the sorted values at rank r = p/100 · (n − 1) (0-based): for p = 95, n = 10,
 * r = 8.55, so 9 + 0.55 · (10 − 9) = 9.55. The fraction is computed as
 * (p·(n−1) − 100·⌊r⌋) / 100 so that the documented decimals come out exactly
 * (3858.35, not 3858.3499999999995).
 * perc and upperperc are approximations above 1000 distinct values in
 * Splunk ("Otherwise the upperperc function returns the same percentile as
 * the perc function"); we always compute the exact value, so perc, p,
 * upperperc and exactperc agree.
 *
 * median: "If you have an even number of events, by default the median
 * calculation is approximated to the higher of the two values", and the
 * documented 7-value example (8 13 34 37 38 58 74) gives 37. So median is
 * the sorted value at 0-based index ⌊n/2⌋: median(1..10) = 6 while
 * perc50(1..10) = 5.5, exactly as the two documented rules say; the two
 * agree whenever n is odd.
 *
 * Both read numbers only; non-numeric values are ignored, and a group with
 * no numeric value gets no result.
 */
import type { Value } from '../../values/value.js';
import { forEachNumber, type AggregationDef, type AggregationSpec, type Aggregator } from './types.js';

/** Keeps the numeric values in a plain array, sorted lazily at result(). */
class SortedNumbers {
  protected readonly xs: number[] = [];
  private sortedLength = 0;
  private readonly one = (x: number): void => {
    this.xs.push(x);
  };
  add(value: Value | undefined): void {
    forEachNumber(value, this.one);
  }
  /** the values in ascending order */
  protected sorted(): number[] {
    if (this.sortedLength !== this.xs.length) {
      this.xs.sort(ascending);
      this.sortedLength = this.xs.length;
    }
    return this.xs;
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** The p-th percentile (0 ≤ p ≤ 100) of ascending values, interpolated as documented. */
export function interpolatedPercentile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  const scaled = p * (n - 1); // 100 · rank
  let lo = Math.floor(scaled / 100);
  if (lo >= n - 1) return sorted[n - 1];
  if (lo < 0) lo = 0;
  const rem = scaled - lo * 100;
  if (rem <= 0) return sorted[lo];
  const a = sorted[lo];
  const b = sorted[lo + 1];
  return a + (rem * (b - a)) / 100;
}

class Percentile extends SortedNumbers implements Aggregator {
  constructor(private readonly p: number) {
    super();
  }
  result(): Value | undefined {
    if (this.xs.length === 0) return undefined;
    return interpolatedPercentile(this.sorted(), this.p);
  }
}

class Median extends SortedNumbers implements Aggregator {
  result(): Value | undefined {
    const n = this.xs.length;
    if (n === 0) return undefined;
    return this.sorted()[Math.floor(n / 2)];
  }
}

export const perc: AggregationDef = {
  numeric: true,
  name: 'perc',
  aliases: ['p', 'upperperc', 'exactperc'],
  needsArgument: true,
  create(spec: AggregationSpec): Aggregator {
    if (spec.param === undefined) throw new Error(`internal: percentile '${spec.name}' created without a percentile`);
    return new Percentile(spec.param);
  },
};

export const median: AggregationDef = {
  numeric: true,
  name: 'median',
  aliases: [],
  needsArgument: true,
  create: () => new Median(),
};
