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
  if (obj === null || typeof obj !== 'object') return;
  if (Array.isArray(obj)) flattenInto(obj, '', row);
  else flattenInto(obj, '', row);
}
