import type { Value } from '../../../src/values/value.js';
import { resolveAggregation } from '../../../src/functions/stats/registry.js';
import type { Aggregator } from '../../../src/functions/stats/types.js';

/** Creates the aggregator for a name as written (count without argument when noArgument). */
export function make(name: string, noArgument = false): Aggregator {
  const r = resolveAggregation(name);
  if (!r) throw new Error(`no stats function ${name}`);
  return r.def.create(noArgument ? { ...r.spec, noArgument } : r.spec);
}

/** Feeds values (undefined = field absent) with optional times and returns the result. */
export function run(
  name: string,
  values: readonly (Value | undefined)[],
  times?: readonly (number | undefined)[],
): Value | undefined {
  const agg = make(name);
  values.forEach((v, i) => agg.add(v, times?.[i]));
  return agg.result();
}

/** 1..n as strings, as fields read from events are. */
export function range1(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}
