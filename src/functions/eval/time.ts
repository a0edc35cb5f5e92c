/**
 * Date and time functions: now, time, strftime, strptime, relative_time.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/date-and-time-functions
 *
 * Times are epoch seconds; rendering, parsing and snapping use env.tz
 * (src/time does the work). NULL or non-numeric times give NULL, as does text
 * that does not parse with the format.
 */
import type { EvalFunction } from './types.js';
import { relativeTime, strftime, strptime } from '../../time/index.js';
import { define, num, str } from './util.js';

// now(): the search start time, the same for every event
const nowFn = define('now', 0, 0, (_args, env) => env.now);

// time(): the wall-clock time when the function runs, with microseconds
const timeFn = define('time', 0, 0, () => Math.floor(Date.now() * 1000) / 1e6);

const strftimeFn = define('strftime', 2, 2, (args, env) => {
  const t = num(args[0](env));
  const fmt = str(args[1](env));
  if (t === null || fmt === null) return null;
  return strftime(t, fmt, env.tz);
});

const strptimeFn = define('strptime', 2, 2, (args, env) => {
  const s = str(args[0](env));
  const fmt = str(args[1](env));
  if (s === null || fmt === null) return null;
  const t = strptime(s, fmt, env.tz);
  return t === undefined ? null : t;
});

const relativeTimeFn = define('relative_time', 2, 2, (args, env) => {
  const t = num(args[0](env));
  const spec = str(args[1](env));
  if (t === null || spec === null) return null;
  const r = relativeTime(t, spec, env.tz);
  return r === undefined ? null : r;
});

export const timeFunctions: readonly EvalFunction[] = [nowFn, timeFn, strftimeFn, strptimeFn, relativeTimeFn];
