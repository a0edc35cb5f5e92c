/**
 * Matching events against a lookup table (the lookup command and the
 * definitions' matching rules).
 *
 * - Exact fields compare the event value's string form with the cell, with
 *   or without case (case_sensitive_match); an index is built once.
 * - WILDCARD(field): the cell is a pattern where `*` matches any run of
 *   characters; CIDR(field): the cell is a network (or one address) that
 *   holds the event's IP address. Rows are tried in file order; for CIDR
 *   fields the most specific network comes first ("uses the matches closest
 *   to the lookup value").
 * - At most max_matches rows match; each output field gets the values of the
 *   matched rows (a multivalue when there are several), empty cells giving
 *   nothing. With fewer than min_matches matches, default_match is added
 *   until there are min_matches values.
 * - A multivalue input is looked up value by value, the results combined.
 * - A scripted lookup (src/lookups/scripts.ts) has no rows: each input
 *   combination gives one row, computed by the script.
 */
import { parseCidr, parseIp, type Cidr } from '../functions/eval/ip.js';
import { toStr } from '../values/coerce.js';
import type { Scalar, Value } from '../values/value.js';
import { wildcardTest } from '../values/wildcard.js';
import type { LookupTable } from './csv.js';
import type { LookupDefinition } from './registry.js';
import type { LookupScript } from './scripts.js';

type CellTest = (value: string) => boolean;

export interface Matcher {
  /** the matching rows' cells (at most max_matches), for one combination of input values */
  match(values: readonly string[]): readonly (readonly string[])[];
}

/** The matcher of a definition: its table's rows, or the rows its script computes. */
export function compileMatcher(def: LookupDefinition, table: LookupTable, inputColumns: readonly number[]): Matcher {
  return def.script ? scriptMatcher(def.script, table, inputColumns) : tableMatcher(def, table, inputColumns);
}

/** A scripted lookup: one row per input combination, the inputs as given and the outputs computed. */
function scriptMatcher(script: LookupScript, table: LookupTable, inputColumns: readonly number[]): Matcher {
  const names = inputColumns.map((c) => table.columns[c]);
  return {
    match(values) {
      const inputs = new Map(names.map((n, k) => [n, values[k]]));
      const out = script.compute(inputs);
      return [table.columns.map((c) => inputs.get(c) ?? out.get(c) ?? '')];
    },
  };
}

function tableMatcher(def: LookupDefinition, table: LookupTable, inputColumns: readonly number[]): Matcher {
  const fold = def.caseSensitive ? (s: string) => s : (s: string) => s.toLowerCase();
  const kinds = inputColumns.map((c) => def.matchTypes.get(table.columns[c]));
  const max = def.maxMatches;
  if (kinds.every((k) => k === undefined)) {
    const index = new Map<string, number[]>();
    table.rows.forEach((row, i) => {
      const key = inputColumns.map((c) => fold(row[c])).join('\u0000');
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    });
    return { match: (values) => (index.get(values.map(fold).join('\u0000')) ?? []).slice(0, max).map((i) => table.rows[i]) };
  }
  // one test per row and input field
  const tests: CellTest[][] = table.rows.map((row) =>
    inputColumns.map((c, k) => {
      const cell = row[c];
      const kind = kinds[k];
      if (kind === 'WILDCARD' && cell.includes('*')) {
        const test = wildcardTest(cell, def.caseSensitive);
        return (v) => test(v);
      }
      if (kind === 'CIDR') {
        const net = parseCidr(cell);
        if (!net) {
          const f = fold(cell);
          return (v) => fold(v) === f;
        }
        return (v) => {
          const ip = parseIp(v);
          return ip !== undefined && ip.v6 === net.v6 && (ip.value & net.mask) === net.base;
        };
      }
      const f = fold(cell);
      return (v) => fold(v) === f;
    }),
  );
  const cidrAt = kinds.indexOf('CIDR');
  const prefix = cidrAt < 0 ? undefined : table.rows.map((row) => maskBits(parseCidr(row[inputColumns[cidrAt]])));
  return {
    match(values) {
      const hits: number[] = [];
      for (let i = 0; i < tests.length; i++) {
        const t = tests[i];
        let ok = true;
        for (let k = 0; k < t.length && ok; k++) ok = t[k](values[k]);
        if (ok) hits.push(i);
      }
      if (prefix) hits.sort((a, b) => prefix[b] - prefix[a] || a - b);
      return hits.slice(0, max).map((i) => table.rows[i]);
    },
  };
}

function maskBits(c: Cidr | undefined): number {
  if (!c) return -1;
  let n = 0;
  for (let m = c.mask; m > 0n; m >>= 1n) if (m & 1n) n++;
  return n;
}

/** Every combination of the input fields' values (one value each: one combination). */
export function combinations(inputs: readonly (readonly Scalar[])[]): string[][] {
  let out: string[][] = [[]];
  for (const vals of inputs) {
    const next: string[][] = [];
    for (const prefix of out) for (const v of vals) next.push([...prefix, toStr(v)]);
    out = next;
    if (out.length > 10000) break;
  }
  return out;
}

/** The values of an output column over the matched rows (their cells), with default_match padding. */
export function outputValues(def: LookupDefinition, rows: readonly (readonly string[])[], column: number): Scalar[] {
  const out: Scalar[] = [];
  for (const r of rows) {
    const cell = r[column];
    if (cell !== undefined && cell !== '') out.push(cell);
  }
  if (rows.length < def.minMatches && def.defaultMatch !== undefined) {
    for (let i = rows.length; i < def.minMatches; i++) out.push(def.defaultMatch);
  }
  return out;
}

export type { Value };
