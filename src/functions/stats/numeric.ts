/**
 * Numeric aggregations: sum, avg (mean), range, sumsq, var, varp, stdev,
 * stdevp, and min / max (numbers first, strings after).
 *
 * Source: Splunk Search Reference 10.0, aggregate functions,
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/statistical-and-charting-functions/aggregate-functions
 *
 * - Values that are not numeric are ignored by the arithmetic functions
 *   (eventstats: "The alphabetic values are treated like null values"); a
 *   group with no numeric value gets no result (the field is absent).
 * - Sums are plain running sums of doubles: the documented avg example
 *   (`makeresults count=100 | eval test=3.99 | stats avg(test)` →
 *   3.9900000000000055, count=10000 → 3.990000000000215) comes out exactly
 *   that way.
 * - Variance is (sumsq − n·mean²) / (n − 1) with mean = sum / n: this is the
 *   formula that reproduces the documented sumsq example to the last digit
 *   (temperatures 65 42 40 31 47 53 64 → mean 48.857142857142854,
 *   sumsq 17664, stdev 12.615183595289349). A single value gives 0 (the
 *   documented mean/stdev/var table shows 0 for a group of count 1).
 *   Two-pass, shifted or Welford forms give 12.615183595289334 instead, so
 *   we keep Splunk's (mergeable, less stable) form on purpose, clamping the
 *   rounding error that can make it slightly negative to 0.
 * - min/max: "Processes field values as numbers if possible, otherwise
 *   processes field values as strings." "If the items are mixed, they're
 *   sorted in numeric and then lexicographical order with all numbers sorted
 *   before non-numeric items. For example, the items 1, c, a, 2, 100, b, 4, 9
 *   are sorted as 1, 2, 4, 9, 100, a, b, c." So min of a mixed set is the
 *   smallest number and max is the lexicographically greatest string. The
 *   winning value is returned as it was written (the documented max example
 *   shows min(mag) = 0.0, not 0); the first one seen wins a tie.
 */
import type { Scalar, Value } from '../../values/value.js';
import { compareStrings, toNumber, toStr } from '../../values/coerce.js';
import { forEachNumber, type AggregationDef, type Aggregator } from './types.js';

/** Running count, sum and sum of squares of the numeric values. */
class Moments {
  protected n = 0;
  protected sum = 0;
  protected sumsq = 0;
  private readonly one = (x: number): void => {
    this.n++;
    this.sum += x;
    this.sumsq += x * x;
  };
  add(value: Value | undefined): void {
    forEachNumber(value, this.one);
  }
  /** sum of squared deviations from the mean (never negative) */
  protected deviations(): number {
    const mean = this.sum / this.n;
    const d = this.sumsq - this.n * mean * mean;
    return d > 0 ? d : 0;
  }
}

class Sum extends Moments implements Aggregator {
  result(): Value | undefined {
    return this.n === 0 ? undefined : this.sum;
  }
}

class Avg extends Moments implements Aggregator {
  result(): Value | undefined {
    return this.n === 0 ? undefined : this.sum / this.n;
  }
}

class SumSq extends Moments implements Aggregator {
  result(): Value | undefined {
    return this.n === 0 ? undefined : this.sumsq;
  }
}

class Variance extends Moments implements Aggregator {
  constructor(
    private readonly population: boolean,
    private readonly root: boolean,
  ) {
    super();
  }
  result(): Value | undefined {
    if (this.n === 0) return undefined;
    const divisor = this.population ? this.n : this.n - 1;
    const v = divisor === 0 ? 0 : this.deviations() / divisor;
    return this.root ? Math.sqrt(v) : v;
  }
}

function numericDef(name: string, aliases: readonly string[], make: () => Aggregator, numeric = true): AggregationDef {
  return { name, aliases, needsArgument: true, numeric, create: make };
}

export const sum = numericDef('sum', [], () => new Sum());
export const avg = numericDef('avg', ['mean'], () => new Avg());
export const sumsq = numericDef('sumsq', [], () => new SumSq());
export const variance = numericDef('var', [], () => new Variance(false, false));
export const varp = numericDef('varp', [], () => new Variance(true, false));
export const stdev = numericDef('stdev', [], () => new Variance(false, true));
export const stdevp = numericDef('stdevp', [], () => new Variance(true, true));

/**
 * Tracks the smallest and largest number and the lexicographically smallest
 * and greatest non-numeric string, keeping the values as written.
 */
class Extremes {
  protected minNum = 0;
  protected maxNum = 0;
  protected minNumRaw: Scalar | undefined;
  protected maxNumRaw: Scalar | undefined;
  protected minStr: string | undefined;
  protected maxStr: string | undefined;
  add(value: Value | undefined): void {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value as readonly Scalar[]) this.one(v);
    } else {
      this.one(value as Scalar);
    }
  }
  private one(v: Scalar): void {
    const x = toNumber(v);
    if (x !== undefined) {
      if (this.minNumRaw === undefined || x < this.minNum) {
        this.minNum = x;
        this.minNumRaw = v;
      }
      if (this.maxNumRaw === undefined || x > this.maxNum) {
        this.maxNum = x;
        this.maxNumRaw = v;
      }
      return;
    }
    const s = toStr(v);
    if (this.minStr === undefined || compareStrings(s, this.minStr) < 0) this.minStr = s;
    if (this.maxStr === undefined || compareStrings(s, this.maxStr) > 0) this.maxStr = s;
  }
}

class Min extends Extremes implements Aggregator {
  result(): Value | undefined {
    return this.minNumRaw ?? this.minStr;
  }
}

class Max extends Extremes implements Aggregator {
  result(): Value | undefined {
    return this.maxStr ?? this.maxNumRaw;
  }
}

/** range: max − min of the numeric values ("The values in the field must be numeric"). */
class Range extends Extremes implements Aggregator {
  result(): Value | undefined {
    return this.minNumRaw === undefined ? undefined : this.maxNum - this.minNum;
  }
}

export const min = numericDef('min', [], () => new Min(), false);
export const max = numericDef('max', [], () => new Max(), false);
export const range = numericDef('range', [], () => new Range());
