/**
 * Informational functions: isbool, isint, isnum, isstr, typeof
 * (isnull and isnotnull live with the conditional functions).
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/informational-functions
 *
 * Field values are text; like the rest of eval, these functions treat a
 * value that reads as a number (a numeric string) as a number.
 * All of them accept NULL: is*() give FALSE, typeof gives "Invalid".
 */
import type { EvalFunction } from './types.js';
import type { EvalValue } from '../../values/value.js';
import { toNumber } from '../../values/coerce.js';
import { define } from './util.js';

const INTEGER = /^[+-]?\d+$/;

function single(v: EvalValue): EvalValue {
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

function isNumberValue(v: EvalValue): boolean {
  return (typeof v === 'number' && !Number.isNaN(v)) || (typeof v === 'string' && toNumber(v) !== undefined);
}

const isnumFn = define('isnum', 1, 1, (args, env) => isNumberValue(single(args[0](env))));

const isintFn = define('isint', 1, 1, (args, env) => {
  const v = single(args[0](env));
  if (typeof v === 'number') return Number.isInteger(v);
  return typeof v === 'string' && INTEGER.test(v);
});

const isstrFn = define('isstr', 1, 1, (args, env) => {
  const v = single(args[0](env));
  return typeof v === 'string' && !isNumberValue(v);
});

const isboolFn = define('isbool', 1, 1, (args, env) => typeof args[0](env) === 'boolean');

// typeof: "Number", "String", "Boolean", "Invalid" for a NULL (missing field);
// a multivalue with several values is reported as "Multivalue".
const typeofFn = define('typeof', 1, 1, (args, env) => {
  const v = single(args[0](env));
  if (v === null || v === undefined) return 'Invalid';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'Multivalue';
  return isNumberValue(v) ? 'Number' : 'String';
});

export const informationalFunctions: readonly EvalFunction[] = [isnumFn, isintFn, isstrFn, isboolFn, typeofFn];
