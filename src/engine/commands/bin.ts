/**
 * bin (alias bucket): puts continuous values into discrete sets.
 * Reference: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/bin
 *
 * `bin [span=<span>] [bins=<n>] [minspan=<span>] [start=<n>] [end=<n>] [aligntime=<t>] <field> [AS <newfield>]`
 *
 * - Time binning (the field is `_time`, or the span has a time unit): the
 *   value becomes the start of its bin, in epoch seconds. Spans in seconds,
 *   minutes and hours are aligned on epoch 0 ("aligntime: align the bin
 *   times to something other than base UTC time (epoch 0)"); spans in days,
 *   weeks, months, quarters and years follow the calendar of the search's
 *   zone (a day bin starts at local midnight), and aligntime is ignored for
 *   them, as the reference says.
 * - Numeric binning: the value becomes the range `lo-hi` of its bin
 *   (`span=10` puts 23 in `20-30`); `span=<c>log<b>` makes logarithmic bins
 *   (boundaries c·b^k).
 * - Without span, bins= (default 100) is the most bins to make: the command
 *   reads all its input, and picks the smallest span that fits the values'
 *   range (time: from the reference's span thresholds 1s 5s 10s 30s 1m 5m
 *   10m 30m 1h 1d 30d, no smaller than minspan; numbers: a power of ten,
 *   extended by start= and end=).
 * - A value that is not a number is left as it is; a missing field stays
 *   missing. A multivalue field is binned value by value.
 */
import type { GenericCommand, SearchValue } from '../../ast/nodes.js';
import { formatNumber, toNumber } from '../../values/coerce.js';
import type { Row, Scalar, Value } from '../../values/value.js';
import { fieldsFromLocal, localFromFields, SECONDS_PER_DAY } from '../../time/civil.js';
import { epochFromLocal, localSecondsAt } from '../../time/zone.js';
import { parseTimeModifier } from '../../time/index.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { batches, collect, reading, streaming, type Operator, type RowStream } from '../types.js';

export type TimeUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'mon' | 'q' | 'y' | 'ms' | 'us' | 'cs' | 'ds';

export interface TimeSpan {
  readonly amount: number;
  readonly unit: TimeUnit;
}

const UNIT_NAMES: ReadonlyMap<string, TimeUnit> = new Map<string, TimeUnit>([
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((u): [string, TimeUnit] => [u, 's']),
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((u): [string, TimeUnit] => [u, 'm']),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u): [string, TimeUnit] => [u, 'h']),
  ...['d', 'day', 'days'].map((u): [string, TimeUnit] => [u, 'd']),
  ...['w', 'week', 'weeks'].map((u): [string, TimeUnit] => [u, 'w']),
  ...['mon', 'month', 'months'].map((u): [string, TimeUnit] => [u, 'mon']),
  ...['q', 'qtr', 'qtrs', 'quarter', 'quarters'].map((u): [string, TimeUnit] => [u, 'q']),
  ...['y', 'yr', 'yrs', 'year', 'years'].map((u): [string, TimeUnit] => [u, 'y']),
  ['ms', 'ms'],
  ['us', 'us'],
  ['cs', 'cs'],
  ['ds', 'ds'],
]);

const UNIT_SECONDS: Partial<Record<TimeUnit, number>> = { us: 1e-6, ms: 1e-3, cs: 1e-2, ds: 0.1, s: 1, m: 60, h: 3600 };

/** `5m`, `1h`, `30s`, `1d`, `mon` → a time span; undefined when the text has no time unit. */
export function parseTimeSpan(text: string): TimeSpan | undefined {
  const m = /^(\d+(?:\.\d+)?)?([a-z]+)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = UNIT_NAMES.get(m[2].toLowerCase());
  if (!unit) return undefined;
  const amount = m[1] === undefined ? 1 : Number(m[1]);
  if (!(amount > 0)) return undefined;
  return { amount, unit };
}

/** Seconds of a span, counting a month as 30 days (only to compare spans). */
export function spanSeconds(s: TimeSpan): number {
  const exact = UNIT_SECONDS[s.unit];
  if (exact !== undefined) return s.amount * exact;
  const days = { d: 1, w: 7, mon: 30, q: 90, y: 365 }[s.unit as 'd' | 'w' | 'mon' | 'q' | 'y'];
  return s.amount * days * SECONDS_PER_DAY;
}

/**
 * The start of the bin of an instant. Exact units (up to hours) align on
 * `align` (epoch 0 by default); calendar units on the zone's calendar.
 */
export function timeBinStart(t: number, span: TimeSpan, tz: string, align = 0): number {
  const exact = UNIT_SECONDS[span.unit];
  if (exact !== undefined) {
    const size = span.amount * exact;
    return align + Math.floor((t - align) / size) * size;
  }
  const whole = Math.floor(t);
  const f = fieldsFromLocal(localSecondsAt(whole, tz));
  const n = Math.max(1, Math.round(span.amount));
  let local: number;
  switch (span.unit) {
    case 'd':
    case 'w': {
      const days = Math.floor(localFromFields(f.year, f.month, f.day, 0, 0, 0) / SECONDS_PER_DAY);
      const size = span.unit === 'w' ? n * 7 : n;
      local = Math.floor(days / size) * size * SECONDS_PER_DAY;
      break;
    }
    case 'mon':
    case 'q': {
      const size = span.unit === 'q' ? n * 3 : n;
      const months = f.year * 12 + (f.month - 1);
      const start = Math.floor(months / size) * size;
      local = localFromFields(Math.floor(start / 12), (start % 12) + 1, 1, 0, 0, 0);
      break;
    }
    default: {
      const year = Math.floor(f.year / n) * n;
      local = localFromFields(year, 1, 1, 0, 0, 0);
    }
  }
  return epochFromLocal(local, tz, whole);
}

/** The reference's span thresholds for time bins chosen from bins= (seconds). */
const TIME_THRESHOLDS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 86400, 2592000];

export type Binning =
  | { kind: 'time'; span: TimeSpan; align: number }
  | { kind: 'number'; span: number }
  | { kind: 'log'; coef: number; base: number }
  | { kind: 'auto'; time: boolean; bins: number; minspan?: number; start?: number; end?: number; align: number };

function parseSpanOption(v: SearchValue, time: boolean, name: string): Binning {
  const text = v.text.trim();
  const log = /^(\d+(?:\.\d+)?)?log(\d+(?:\.\d+)?)?$/i.exec(text);
  if (log) {
    const coef = log[1] === undefined ? 1 : Number(log[1]);
    const base = log[2] === undefined ? 10 : Number(log[2]);
    if (!(base > 1)) planFail(`${name} log span base must be greater than 1, not '${log[2]}'`, v.span);
    if (!(coef >= 1 && coef < base)) planFail(`${name} log span coefficient must be at least 1 and less than the base`, v.span);
    return { kind: 'log', coef, base };
  }
  const ts = parseTimeSpan(text);
  if (ts) return { kind: 'time', span: ts, align: 0 };
  const n = Number(text);
  if (/^\d+(?:\.\d+)?$/.test(text) && n > 0) return time ? { kind: 'time', span: { amount: n, unit: 's' }, align: 0 } : { kind: 'number', span: n };
  planFail(`${name} span must be a number, a time span such as 5m or 1h, or a log span such as 2log10, not '${v.text}'`, v.span, 'time units: s, m, h, d, w, mon, q, y');
}

/**
 * The bins-options of bin and chart: `span=` (a fixed span), or `bins=`,
 * `minspan=`, `start=`, `end=` for automatic bins (100 by default).
 */
export function readBinning(args: Args, isTimeField: boolean, command: string, align = 0): Binning {
  const spanOpt = args.option('span');
  if (spanOpt) return parseSpanOption(spanOpt, isTimeField, command);
  const numOpt = (name: string): number | undefined => {
    const v = args.option(name);
    if (!v) return undefined;
    const n = toNumber(v.text);
    if (n === undefined) planFail(`${command} ${name} must be a number, not '${v.text}'`, v.span);
    return n;
  };
  const bins = args.int('bins', 100, 1)!;
  const minspanOpt = args.option('minspan');
  let minspan: number | undefined;
  if (minspanOpt) {
    const ms = parseTimeSpan(minspanOpt.text);
    minspan = ms ? spanSeconds(ms) : toNumber(minspanOpt.text);
    if (minspan === undefined) planFail(`${command} minspan must be a span such as 5m, not '${minspanOpt.text}'`, minspanOpt.span);
  }
  const start = numOpt('start');
  const end = numOpt('end');
  return { kind: 'auto', time: isTimeField, bins, align, ...(minspan !== undefined ? { minspan } : {}), ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}

export function planBin(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('span', 'bins', 'minspan', 'start', 'end', 'aligntime').only(['value'], 'bin takes options and one field: bin span=5m _time');
  const vals = args.values();
  if (vals.length === 0) args.fail(`${node.name} needs a field`, node.span, `for example: ${node.name} span=5m _time`);
  let field = vals[0].text;
  let target = field;
  if (vals.length === 3 && /^as$/i.test(vals[1].text) && !vals[1].quoted) target = vals[2].text;
  else if (vals.length !== 1) planFail(`${node.name} takes one field, optionally renamed with AS`, vals[1].span, `for example: ${node.name} span=5m _time AS bucket`);
  field = vals[0].text;
  const isTimeField = field === '_time';
  let align = 0;
  const alignOpt = args.option('aligntime');
  if (alignOpt) {
    const t = alignOpt.text.toLowerCase();
    if (t !== 'earliest' && t !== 'latest') {
      const at = /^-?\d+(\.\d+)?$/.test(alignOpt.text) ? Number(alignOpt.text) : parseTimeModifier(alignOpt.text, ctx.now, ctx.tz);
      if (at === undefined) planFail(`${node.name} aligntime must be earliest, latest, an epoch time or a time modifier such as @d+3h, not '${alignOpt.text}'`, alignOpt.span);
      align = at;
    }
    // [decision] earliest/latest would align on the search's time range, which a
    // run over files may not have: the default alignment is kept
  }
  let binning = readBinning(args, isTimeField, node.name, align);
  if (binning.kind === 'time') binning = { ...binning, align };
  const tz = ctx.tz;
  if (binning.kind !== 'auto') {
    const one = scalarBinner(binning, tz);
    return reading(
      streaming(node.name, node.span, (rows) => {
        for (const row of rows) binRow(row, field, target, one);
        return rows;
      }),
      [field],
    );
  }
  const auto = binning;
  return {
    name: node.name,
    span: node.span,
    kind: 'blocking',
    reads: [field],
    async *run(input: RowStream) {
      const rows = await collect(input);
      let lo = Infinity;
      let hi = -Infinity;
      for (const r of rows) {
        const v = r.get(field);
        if (v === undefined) continue;
        for (const s of Array.isArray(v) ? v : [v]) {
          const n = toNumber(s as Scalar);
          if (n === undefined) continue;
          if (n < lo) lo = n;
          if (n > hi) hi = n;
        }
      }
      if (auto.start !== undefined && auto.start < lo) lo = auto.start;
      if (auto.end !== undefined && auto.end > hi) hi = auto.end;
      if (lo <= hi) {
        const one = scalarBinner(chooseSpan(auto, lo, hi), tz);
        for (const row of rows) binRow(row, field, target, one);
      }
      yield* batches(rows);
    },
  };
}

export function chooseSpan(b: Extract<Binning, { kind: 'auto' }>, lo: number, hi: number): Binning {
  if (b.time) {
    const floor = b.minspan ?? 0;
    for (const s of TIME_THRESHOLDS) {
      if (s < floor) continue;
      const count = Math.floor((hi - b.align) / s) - Math.floor((lo - b.align) / s) + 1;
      if (count <= b.bins) return { kind: 'time', span: s >= 86400 ? { amount: s / 86400, unit: 'd' } : { amount: s, unit: 's' }, align: b.align };
    }
    return { kind: 'time', span: { amount: 30, unit: 'd' }, align: b.align };
  }
  let span = 10 ** Math.floor(Math.log10(Math.max(hi - lo, Number.MIN_VALUE) / b.bins));
  if (b.minspan !== undefined) while (span < b.minspan) span *= 10;
  for (;;) {
    const count = Math.floor(hi / span) - Math.floor(lo / span) + 1;
    if (count <= b.bins || !Number.isFinite(span)) break;
    span *= 10;
  }
  return { kind: 'number', span };
}

export type ScalarBinner = (s: Scalar) => Scalar;

export function scalarBinner(b: Binning, tz: string): ScalarBinner {
  switch (b.kind) {
    case 'time':
      return (s) => {
        const n = toNumber(s);
        return n === undefined ? s : timeBinStart(n, b.span, tz, b.align);
      };
    case 'number':
      return (s) => {
        const n = toNumber(s);
        if (n === undefined) return s;
        const lo = roundSpan(Math.floor(n / b.span) * b.span);
        return `${formatNumber(lo)}-${formatNumber(roundSpan(lo + b.span))}`;
      };
    case 'log':
      return (s) => {
        const n = toNumber(s);
        if (n === undefined || n <= 0) return s;
        // the largest boundary c·b^k not above n
        let k = Math.floor(Math.log(n / b.coef) / Math.log(b.base));
        if (b.coef * b.base ** (k + 1) <= n) k++;
        if (b.coef * b.base ** k > n) k--;
        const lo = roundSpan(b.coef * b.base ** k);
        return `${formatNumber(lo)}-${formatNumber(roundSpan(b.coef * b.base ** (k + 1)))}`;
      };
    case 'auto':
      throw new Error('auto binning has no span yet');
  }
}

/** removes the binary noise of float products (0.1·3 = 0.30000000000000004) */
function roundSpan(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

function binRow(row: Row, field: string, target: string, one: ScalarBinner): void {
  const v = row.get(field);
  if (v === undefined) return;
  const out: Value = Array.isArray(v) ? (v as Scalar[]).map(one) : one(v as Scalar);
  row.set(target, out);
}
