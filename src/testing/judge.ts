/**
 * The pass rule of a detection's test, as Splunk's contentctl judges an
 * integration test: the search returns at least one result; every risk
 * object the detection declares is a field present and non-null in every
 * result; every threat object is non-null in at least one result.
 * A field is null when it is absent, or empty text (Splunk does not keep a
 * field without a value).
 */
import type { Row, Value } from '../values/value.js';

export interface Verdict {
  readonly pass: boolean;
  readonly message: string;
}

function present(v: Value | undefined): boolean {
  if (v === undefined) return false;
  if (Array.isArray(v)) return v.some((x) => x !== '');
  return v !== '';
}

export function judge(rows: readonly Row[], riskObjects: readonly string[], threatObjects: readonly string[]): Verdict {
  if (rows.length === 0) return { pass: false, message: 'the search returned no results' };
  for (const field of riskObjects) {
    const missing = rows.filter((r) => !present(r.get(field))).length;
    if (missing > 0) {
      return { pass: false, message: `risk object field '${field}' is null in ${missing} of ${rows.length} result${rows.length === 1 ? '' : 's'}` };
    }
  }
  for (const field of threatObjects) {
    if (!rows.some((r) => present(r.get(field)))) {
      return { pass: false, message: `threat object field '${field}' is null in every result` };
    }
  }
  const n = rows.length;
  return { pass: true, message: `${n} result${n === 1 ? '' : 's'}` };
}
