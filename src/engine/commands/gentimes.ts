/**
 * gentimes: generates one result per time range (gentimes reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/gentimes):
 *
 *   | gentimes start=<timestamp> [end=<timestamp>] [increment=<int>(s|m|h|d)]
 *
 * - "Generates timestamp results starting with the exact time specified as
 *   start time. Each result describes an adjacent, non-overlapping time range
 *   as indicated by the increment value"; results are generated "up to the
 *   end time, but not including the end time".
 * - <timestamp>: MM/DD/YYYY[:HH:MM:SS] (10/1/2020, 4/1/2021:12:34:56), or an
 *   integer: days from today (-5 is five days ago).
 * - end default: "midnight, prior to the current time in local time";
 *   increment default 1d (seconds, minutes, hours or days).
 * - each result has starttime and endtime (UNIX time) and starthuman and
 *   endhuman (the same times readable, as "DDD MMM DD HH:MM:SS YYYY").
 * - a generating command: it comes first, after '|'.
 *
 * Times are read and shown in the search's time zone (local time). Decisions
 * where the page is silent: endtime is the last second of the range (the next
 * range's start minus one second: a day runs 00:00:00 to 23:59:59); a day
 * count means local midnight that many days from today; a day increment
 * adds calendar days (a range is one local day across a daylight-saving
 * change); the last range may reach past end; start not before end gives no
 * result; the human form pads the day with a zero (Thu Oct 01 00:00:00 2020).
 * The results are made as they are read, so a long series costs no memory.
 */
import type { GenericCommand, SearchValue } from '../../ast/nodes.js';
import { SECONDS_PER_DAY, daysFromCivil, daysInMonth } from '../../time/civil.js';
import { strftime } from '../../time/index.js';
import { epochFromLocal, localSecondsAt } from '../../time/zone.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { BATCH_SIZE, type Operator } from '../types.js';

const HUMAN = '%a %b %d %H:%M:%S %Y';
const TIMESTAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?::(\d{1,2}):(\d{1,2}):(\d{1,2}))?$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Local midnight of today + `days`, as epoch seconds. */
function midnight(now: number, days: number, tz: string): number {
  const today = Math.floor(localSecondsAt(now, tz) / SECONDS_PER_DAY);
  return epochFromLocal((today + days) * SECONDS_PER_DAY, tz);
}

function timestamp(v: SearchValue, now: number, tz: string, name: string): number {
  if (/^[+-]?\d+$/.test(v.text)) return midnight(now, Number(v.text), tz);
  const m = TIMESTAMP.exec(v.text);
  const bad = (): never => planFail(`gentimes ${name} must be MM/DD/YYYY, MM/DD/YYYY:HH:MM:SS or a number of days from today, not '${v.text}'`, v.span, 'for example start=10/1/2020, start=4/1/2021:12:34:56 or start=-5');
  if (!m) return bad();
  const [mo, d, y, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return bad();
  return epochFromLocal(daysFromCivil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + s, tz);
}

export function planGentimes(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('start', 'end', 'increment').only([], '| gentimes start=<timestamp> [end=<timestamp>] [increment=<int>(s|m|h|d)]');
  const startArg = args.option('start');
  if (!startArg) planFail('gentimes needs start=<timestamp>', node.span, '| gentimes start=10/1/2020 end=10/5/2020');
  const start = timestamp(startArg, ctx.now, ctx.tz, 'start');
  const endArg = args.option('end');
  const end = endArg ? timestamp(endArg, ctx.now, ctx.tz, 'end') : midnight(ctx.now, 0, ctx.tz);
  const incArg = args.option('increment');
  const inc = /^(\d+)([smhd])$/i.exec(incArg?.text ?? '1d');
  if (!inc || Number(inc[1]) === 0) planFail(`gentimes increment must be a positive whole number followed by s, m, h or d, not '${incArg!.text}'`, incArg!.span, 'for example increment=1h');
  const amount = Number(inc[1]);
  const unit = inc[2].toLowerCase();
  const tz = ctx.tz;
  const next = (t: number): number => (unit === 'd' ? epochFromLocal(localSecondsAt(t, tz) + amount * SECONDS_PER_DAY, tz) : t + amount * UNIT_SECONDS[unit]);
  return {
    name: 'gentimes',
    span: node.span,
    kind: 'generating',
    async *run() {
      let out: Row[] = [];
      for (let t = start; t < end; ) {
        const n = next(t);
        const last = n - 1;
        out.push(
          new Map<string, string | number>([
            ['starttime', t],
            ['starthuman', strftime(t, HUMAN, tz)],
            ['endtime', last],
            ['endhuman', strftime(last, HUMAN, tz)],
          ]),
        );
        if (out.length >= BATCH_SIZE) {
          yield out;
          out = [];
        }
        t = n;
      }
      if (out.length) yield out;
    },
  };
}
