/**
 * JSON flattening as Splunk names JSON fields (KV_MODE = json / spath):
 * nested objects give dotted names (`a.b.c`), array elements are named with
 * `{}` after the array's name (`tags{}`, `procs{}.pid`, `m{}{}`), and the
 * values of one name collect into a multivalue in document order.
 *
 * Values are kept as text: strings as they are, numbers and booleans in
 * their JSON spelling, null as `null`. Empty strings, empty objects and
 * empty arrays give no field.
 */
import type { Row } from '../values/value.js';
import { addValue } from './xml/winevent.js';

/**
 * The deepest JSON event splinter reads. [decision] Splunk documents no
 * depth; flattening recurses, so an event nested deeper than this (a 5,000
 * deep one overflowed the stack) is skipped and reported by the reader.
 */
export const MAX_JSON_DEPTH = 500;

/** True when a parsed JSON value nests objects or arrays deeper than `max`, found without recursion. */
export function jsonTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const c of Array.isArray(v) ? v : Object.values(v as object)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return false;
}

function flattenInto(value: unknown, name: string, row: Row): void {
  if (value === null) {
    addValue(row, name, 'null');
    return;
  }
  switch (typeof value) {
    case 'string':
      if (value.length > 0) addValue(row, name, value);
      return;
    case 'number':
    case 'boolean':
      addValue(row, name, String(value));
      return;
    case 'object':
      if (Array.isArray(value)) {
        const n = name + '{}';
        for (const v of value) flattenInto(v, n, row);
      } else {
        for (const key in value as Record<string, unknown>) {
          flattenInto((value as Record<string, unknown>)[key], name === '' ? key : name + '.' + key, row);
        }
      }
      return;
    default:
      return;
  }
}

/** Adds the fields of a parsed JSON object to the row. */
export function flattenJson(obj: unknown, row: Row): void {
  if (obj === null || typeof obj !== 'object' || jsonTooDeep(obj)) return;
  if (Array.isArray(obj)) flattenInto(obj, '', row);
  else flattenInto(obj, '', row);
}
