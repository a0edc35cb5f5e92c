/**
 * Splunk time modifiers (earliest=/latest=, relative_time()).
 *
 * Source: "Time modifiers",
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/time-format-variables-and-modifiers/time-modifiers
 * - syntax `[+|-]<time_integer><time_unit>@<time_unit>`; a unit without an
 *   integer means 1 (`-h` = `-1h`);
 * - units s sec secs second seconds, m min mins minute minutes, h hr hrs hour
 *   hours, d day days, w week weeks, mon month months, q qtr qtrs quarter
 *   quarters, y yr yrs year years (and the subsecond us ms cs ds);
 * - "the offset is processed first, followed by the snap-to time"; chains such
 *   as `@d-2h` apply left to right;
 * - snapping always rounds down; `@w0`/`@w7` = Sunday ... `@w6` = Saturday;
 *   `@q` = start of the quarter;
 * - `now`, `now()`, epoch numbers (`earliest=1`, `earliest=0`) and the
 *   absolute form `%m/%d/%Y:%H:%M:%S`.
 * [I] Offsets in seconds, minutes and hours move the instant; offsets in days
 * and larger move the calendar date in the search's zone keeping the wall
 * clock (as C's mktime on tm fields does; a day across a DST change is 23 or
 * 25 hours). Snapping is done on the wall clock of that zone.
 */
import { fieldsFromLocal, localFromFields } from './civil.js';
import { strptime } from './strptime.js';
import { epochFromLocal, localSecondsAt } from './zone.js';

type Unit = 'us' | 'ms' | 'cs' | 'ds' | 's' | 'm' | 'h' | 'd' | 'w' | 'mon' | 'q' | 'y';

const UNITS: ReadonlyMap<string, Unit> = new Map<string, Unit>([
  ['us', 'us'],
  ['ms', 'ms'],
  ['cs', 'cs'],
  ['ds', 'ds'],
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((u): [string, Unit] => [u, 's']),
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((u): [string, Unit] => [u, 'm']),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u): [string, Unit] => [u, 'h']),
  ...['d', 'day', 'days'].map((u): [string, Unit] => [u, 'd']),
  ...['w', 'week', 'weeks'].map((u): [string, Unit] => [u, 'w']),
  ...['mon', 'month', 'months'].map((u): [string, Unit] => [u, 'mon']),
  ...['q', 'qtr', 'qtrs', 'quarter', 'quarters'].map((u): [string, Unit] => [u, 'q']),
  ...['y', 'yr', 'yrs', 'year', 'years'].map((u): [string, Unit] => [u, 'y']),
]);

const EXACT_SECONDS: Partial<Record<Unit, number>> = {
  us: 1e-6,
  ms: 1e-3,
  cs: 1e-2,
  ds: 1e-1,
  s: 1,
  m: 60,
  h: 3600,
};

type Step =
  | { kind: 'offset'; unit: Unit; amount: number }
  | { kind: 'snap'; unit: Unit; weekday?: number };

const OFFSET_RE = /^([+-])(\d*)([a-z]+)/;
const SNAP_RE = /^@([a-z]+?)(\d*)(?=$|[+\-@])/;

/** Parses a relative chain such as `-1d@d+2h`; undefined when it is not one. */
function parseChain(spec: string): Step[] | undefined {
  const steps: Step[] = [];
  let rest = spec;
  while (rest.length) {
    let m = OFFSET_RE.exec(rest);
    if (m) {
      const unit = UNITS.get(m[3]);
      if (!unit) return undefined;
      const n = m[2] === '' ? 1 : Number(m[2]);
      if (!Number.isSafeInteger(n)) return undefined;
      steps.push({ kind: 'offset', unit, amount: m[1] === '-' ? -n : n });
      rest = rest.slice(m[0].length);
      continue;
    }
    m = SNAP_RE.exec(rest);
    if (m) {
      const unit = UNITS.get(m[1]);
      if (!unit || unit === 'us' || unit === 'ms' || unit === 'cs' || unit === 'ds') return undefined;
      if (m[2] !== '') {
        // only weeks take a number: @w0..@w7 (0 and 7 are Sunday)
        const d = Number(m[2]);
        if (unit !== 'w' || m[2].length !== 1 || d > 7) return undefined;
        steps.push({ kind: 'snap', unit, weekday: d % 7 });
      } else {
        steps.push({ kind: 'snap', unit, weekday: unit === 'w' ? 0 : undefined });
      }
      rest = rest.slice(m[0].length);
      continue;
    }
    return undefined;
  }
  return steps.length ? steps : undefined;
}

function applyOffset(t: number, unit: Unit, amount: number, tz: string): number {
  const exact = EXACT_SECONDS[unit];
  if (exact !== undefined) return t + amount * exact;
  const whole = Math.floor(t);
  const frac = t - whole;
  const f = fieldsFromLocal(localSecondsAt(whole, tz));
  let { year, month, day } = f;
  switch (unit) {
    case 'd':
      day += amount;
      break;
    case 'w':
      day += amount * 7;
      break;
    case 'mon':
      month += amount;
      break;
    case 'q':
      month += amount * 3;
      break;
    case 'y':
      year += amount;
      break;
  }
  // day overflow (January 31st + 1 month) normalises forward, as mktime does
  const local = localFromFields(year, month, day, f.hour, f.minute, f.second);
  return epochFromLocal(local, tz) + frac;
}

function applySnap(t: number, unit: Unit, weekday: number | undefined, tz: string): number {
  const whole = Math.floor(t);
  const localNow = localSecondsAt(whole, tz);
  const f = fieldsFromLocal(localNow);
  let local: number;
  switch (unit) {
    case 's':
      return whole;
    case 'm':
      local = localNow - (localNow - Math.floor(localNow / 60) * 60);
      break;
    case 'h':
      local = localFromFields(f.year, f.month, f.day, f.hour, 0, 0);
      break;
    case 'd':
      local = localFromFields(f.year, f.month, f.day, 0, 0, 0);
      break;
    case 'w': {
      const back = (f.wday - (weekday ?? 0) + 7) % 7;
      local = localFromFields(f.year, f.month, f.day - back, 0, 0, 0);
      break;
    }
    case 'mon':
      local = localFromFields(f.year, f.month, 1, 0, 0, 0);
      break;
    case 'q':
      local = localFromFields(f.year, f.month - ((f.month - 1) % 3), 1, 0, 0, 0);
      break;
    case 'y':
      local = localFromFields(f.year, 1, 1, 0, 0, 0);
      break;
    default:
      return t;
  }
  return epochFromLocal(local, tz, t);
}

function run(steps: readonly Step[], start: number, tz: string): number {
  let t = start;
  for (const s of steps) {
    t = s.kind === 'offset' ? applyOffset(t, s.unit, s.amount, tz) : applySnap(t, s.unit, s.weekday, tz);
  }
  return t;
}

const MAX_CACHE = 1000;
const chains = new Map<string, Step[] | null>();

function cachedChain(spec: string): Step[] | undefined {
  let steps = chains.get(spec);
  if (steps === undefined) {
    steps = parseChain(spec) ?? null;
    if (chains.size >= MAX_CACHE) chains.clear();
    chains.set(spec, steps);
  }
  return steps ?? undefined;
}

const EPOCH_RE = /^\d+(?:\.\d+)?$/;
const ABSOLUTE_FORMAT = '%m/%d/%Y:%H:%M:%S';
const ABSOLUTE_RE = /^\d{1,2}\/\d{1,2}\/\d{4}:\d{1,2}:\d{1,2}:\d{1,2}$/;

/**
 * Resolves an earliest/latest time modifier to epoch seconds, relative to
 * `now` (the search's start time) and in the zone tz. Returns undefined when
 * the text is not a time modifier.
 */
export function parseTimeModifier(spec: string, now: number, tz: string): number | undefined {
  const s = spec.trim().toLowerCase();
  if (s === '') return undefined;
  if (s === 'now' || s === 'now()') return now;
  if (EPOCH_RE.test(s)) return Number(s);
  if (ABSOLUTE_RE.test(s)) return strptime(s, ABSOLUTE_FORMAT, tz);
  return relativeTime(now, s, tz);
}

/**
 * eval's relative_time(epoch, spec): the relative part of the time modifier
 * grammar applied to epoch in the zone tz. Undefined when spec is not valid.
 */
export function relativeTime(epoch: number, spec: string, tz: string): number | undefined {
  if (!Number.isFinite(epoch)) return undefined;
  const steps = cachedChain(spec.trim().toLowerCase());
  if (!steps) return undefined;
  return run(steps, epoch, tz);
}
