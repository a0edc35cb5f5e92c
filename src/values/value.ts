/**
 * Field values as Splunk keeps them.
 *
 * A field holds a single value (a string, or a number where Splunk produced a
 * number: eval arithmetic, stats results, _time) or a multivalue (an ordered
 * list of single values). A field that is absent is simply not in the row;
 * `null` is used for "no value" inside eval and is never stored in a row.
 */
export type Scalar = string | number;
export type MultiValue = readonly Scalar[];
export type Value = Scalar | MultiValue;

/** Values eval expressions work with: booleans exist only inside expressions. */
export type EvalValue = Value | boolean | null;

/** One event or result row. Insertion order is the field order. */
export type Row = Map<string, Value>;

export function isMulti(v: EvalValue | undefined): v is MultiValue {
  return Array.isArray(v);
}

/** Every single value of a field (a single value gives a list of one). */
export function valuesOf(v: Value | undefined | null): readonly Scalar[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? (v as MultiValue) : [v as Scalar];
}

/** Builds a stored value from a list: none → undefined, one → scalar, more → multivalue. */
export function fromList(list: readonly Scalar[]): Value | undefined {
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  return list;
}
