/**
 * stats, eventstats and streamstats (one grammar, three behaviours):
 * - stats: one row per distinct combination of the by-fields, with the
 *   by-fields first then the aggregations in the order written; an event
 *   missing a by-field contributes to no row; a multivalue by-field puts the
 *   event in one group per value; rows come out ordered by the by-values.
 * - eventstats: every row is kept and gets its group's aggregates.
 * - streamstats: every row gets the aggregates of the rows seen so far in its
 *   group, itself included.
 *
 * Options (Search Reference 10.0, stats / eventstats / streamstats pages,
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/search-commands/streamstats):
 * - allnum=<bool> (stats, eventstats, streamstats): numeric statistics of a
 *   field only when every value of it is numeric (AggregateSet);
 * - dedup_splitvals=<bool> (stats, eventstats): a value repeated in a
 *   multivalue BY field counts once ("remove duplicate values in
 *   multivalued BY clause fields", default false);
 * - partitions: accepted; it splits the work between threads ("for
 *   multithreaded reduce") and changes nothing in the results;
 * - delim: "how the values in the list() or values() aggregation are
 *   delimited", default a single space; splinter keeps those values as a
 *   multivalue and has nothing to delimit, so any other delim is refused;
 * - streamstats current=<bool> (default true: the current event is part of
 *   its own statistics), window=<int> (the last N events; 0 = all, at most
 *   max_stream_window = 10000), global=<bool> (with window: one window for
 *   all groups, default true, or one per group), time_window=<span> (the
 *   events less than the span away from the current event's _time; "requires
 *   that your events are sorted by time"), reset_on_change=<bool> (reset
 *   everything when the BY values differ from the previous event's),
 *   reset_before="(<eval>)" / reset_after="(<eval>)" (reset everything
 *   before / after the event when the expression is true).
 */
import type { Expr, Option, StatsCommand } from '../../ast/nodes.js';
import { tryCompile } from '../../eval/compile.js';
import { makeEnv } from '../../eval/env.js';
import type { Compiled } from '../../functions/eval/types.js';
import { parseStep } from '../../functions/eval/multivalue.js';
import { parse } from '../../parser/index.js';
import { compareScalarLists, toStr } from '../../values/coerce.js';
import type { Row, Scalar } from '../../values/value.js';
import { valuesOf } from '../../values/value.js';
import { AggregateSet, planAggregation, timeOf, type Contribution, type PlannedAggregation } from '../aggregations.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { batches, type Operator, type RowStream } from '../types.js';
import { declareOptions } from '../declared-options.js';
import { optionsHint } from '../../diagnostics/suggest.js';

const SEP = '\u0000';

/** limits.conf [stats] max_stream_window default */
export const MAX_STREAM_WINDOW = 10000;

const OPTIONS: Record<StatsCommand['variant'], readonly string[]> = {
  stats: ['allnum', 'delim', 'partitions', 'dedup_splitvals'],
  eventstats: ['allnum', 'delim', 'partitions', 'dedup_splitvals'],
  streamstats: ['allnum', 'current', 'window', 'global', 'reset_on_change', 'time_window', 'reset_before', 'reset_after'],
};

interface Group {
  keys: Scalar[];
  aggs: AggregateSet;
}

/** The by-value combinations of a row (none when a by-field is missing). */
function combinations(row: Row, by: readonly string[], dedup: boolean): Scalar[][] {
  let combos: Scalar[][] = [[]];
  for (const f of by) {
    let vals = valuesOf(row.get(f));
    if (vals.length === 0) return [];
    if (vals.length === 1) {
      for (const c of combos) c.push(vals[0]);
    } else {
      if (dedup) {
        const seen = new Set<string>();
        vals = vals.filter((v) => !seen.has(toStr(v)) && (seen.add(toStr(v)), true));
      }
      const next: Scalar[][] = [];
      for (const c of combos) for (const v of vals) next.push([...c, v]);
      combos = next;
    }
  }
  return combos;
}

function keyOf(values: Scalar[]): string {
  return values.length === 1 ? String(values[0]) : values.map(String).join(SEP);
}

function boolOption(o: Option): boolean {
  const t = o.value.text;
  if (/^(true|t|1|yes|y)$/i.test(t)) return true;
  if (/^(false|f|0|no|n)$/i.test(t)) return false;
  planFail(`option ${o.name} must be true or false, not '${t}'`, o.value.span);
}

/** Compiles reset_before="(expr)" / reset_after="(expr)". */
function resetExpression(o: Option): Compiled {
  const prefix = '| eval __reset=';
  const parsed = parse(prefix + o.value.text);
  const cmd = parsed.ast?.commands[0];
  const assignments = cmd && cmd.type === 'eval' ? cmd.assignments : undefined;
  if (!assignments || assignments.length !== 1 || parsed.ast!.commands.length !== 1) {
    planFail(`${o.name} needs an eval expression, not '${o.value.text}'`, o.value.span, `e.g. ${o.name}="(status>=500)"`);
  }
  const expr: Expr = assignments[0].expr;
  const { compiled, diagnostic } = tryCompile(expr);
  if (diagnostic) planFail(`${o.name}: ${diagnostic.message}`, o.value.span, diagnostic.hint);
  return compiled!;
}

export function planStats(node: StatsCommand, ctx: PlanContext): Operator {
  if (node.aggregations.length === 0) planFail(`${node.variant} needs at least one statistical function`, node.span, `for example: ${node.variant} count by host`);
  declareOptions(node.variant, OPTIONS[node.variant]);
  const opts = new Map<string, Option>();
  for (const o of node.options) {
    const key = o.name.toLowerCase();
    if (!OPTIONS[node.variant].includes(key)) {
      planFail(`unknown ${node.variant} option '${o.name}'`, o.span, optionsHint(key, OPTIONS[node.variant], `${node.variant} options: ${OPTIONS[node.variant].join(', ')}`));
    }
    if (opts.has(key)) planFail(`option '${o.name}' is given twice`, o.span);
    opts.set(key, o);
  }
  const bool = (name: string, fallback: boolean) => (opts.has(name) ? boolOption(opts.get(name)!) : fallback);
  const delim = opts.get('delim');
  if (delim && delim.value.text !== ' ') {
    planFail(`splinter does not support ${node.variant} delim=${JSON.stringify(delim.value.text)}`, delim.span, 'list() and values() give a multivalue field; join it with mvjoin() in an eval, or leave delim out');
  }
  const by = node.by.map((f) => f.name);
  const aggs: PlannedAggregation[] = node.aggregations.map((a) => planAggregation(a, ctx, { exclude: by }));
  const allnum = bool('allnum', false);
  const dedup = bool('dedup_splitvals', false);
  // first(), last() and list() depend on the order events arrive in (newest first in Splunk)
  const orderSensitive = node.aggregations.some((a) => /^(first|last|list)$/i.test(a.func));
  const newGroup = (keys: Scalar[]): Group => ({ keys, aggs: new AggregateSet(aggs, { allnum }) });
  const begin = () => aggs.forEach((a) => a.begin());
  /** Adds a row to the group of each of its by-value combinations (none when a by-field is missing). */
  const addRow = (groups: Map<string, Group>, row: Row): void => {
    const time = timeOf(row);
    if (by.length === 0) {
      let g = groups.get('');
      if (!g) groups.set('', (g = newGroup([])));
      g.aggs.addRow(row, time);
      return;
    }
    const combos = combinations(row, by, dedup);
    if (combos.length === 0) return;
    const c = AggregateSet.contribution(aggs, row);
    for (const combo of combos) {
      const k = keyOf(combo);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = newGroup(combo)));
      g.aggs.add(c, time);
    }
  };

  if (node.variant === 'stats') {
    return {
      name: 'stats',
      span: node.span,
      kind: 'blocking',
      groups: by,
      orderSensitive,
      async *run(input: RowStream) {
        begin();
        const groups = new Map<string, Group>();
        for await (const batch of input) for (const row of batch) addRow(groups, row);
        // without a by clause stats always returns one row (count=0 on no events)
        if (by.length === 0 && groups.size === 0) groups.set('', newGroup([]));
        const list = [...groups.values()];
        list.sort((a, b) => compareScalarLists(a.keys, b.keys));
        const out: Row[] = list.map((g) => {
          const row: Row = new Map();
          by.forEach((f, i) => row.set(f, g.keys[i]));
          g.aggs.writeInto(row);
          return row;
        });
        yield* batches(out);
      },
    };
  }

  if (node.variant === 'eventstats') {
    return {
      name: 'eventstats',
      span: node.span,
      kind: 'blocking',
      async *run(input: RowStream) {
        begin();
        const groups = new Map<string, Group>();
        const rows: Row[] = [];
        for await (const batch of input) {
          for (const row of batch) {
            rows.push(row);
            addRow(groups, row);
          }
        }
        for (const row of rows) {
          const combos = by.length === 0 ? [[]] : combinations(row, by, dedup);
          if (combos.length === 1) groups.get(keyOf(combos[0]))!.aggs.writeInto(row);
        }
        yield* batches(rows);
      },
    };
  }

  return planStreamstats(node, ctx, opts, bool, by, aggs, allnum, begin);
}

interface Entry {
  readonly key: string;
  readonly c: Contribution;
  readonly time: number | undefined;
}

function planStreamstats(
  node: StatsCommand,
  ctx: PlanContext,
  opts: Map<string, Option>,
  bool: (name: string, fallback: boolean) => boolean,
  by: readonly string[],
  aggs: readonly PlannedAggregation[],
  allnum: boolean,
  begin: () => void,
): Operator {
  const current = bool('current', true);
  const globalWindow = bool('global', true);
  const resetOnChange = bool('reset_on_change', false);
  let window = 0;
  const w = opts.get('window');
  if (w) {
    if (!/^\d+$/.test(w.value.text)) planFail(`streamstats option window must be a whole number ≥ 0, not '${w.value.text}'`, w.value.span);
    window = Number(w.value.text);
    if (window > MAX_STREAM_WINDOW) {
      planFail(`streamstats window=${window} is larger than max_stream_window (${MAX_STREAM_WINDOW})`, w.value.span, 'limits.conf [stats] max_stream_window caps the window');
    }
  }
  let timeWindow: number | undefined;
  const tw = opts.get('time_window');
  if (tw) {
    const s = parseStep(tw.value.text);
    if (s === null || !(s > 0)) planFail(`streamstats option time_window needs a time span such as 5m or 1h, not '${tw.value.text}'`, tw.value.span);
    timeWindow = s;
  }
  let resetBefore: Compiled | undefined;
  let resetAfter: Compiled | undefined;
  if (opts.has('reset_before')) resetBefore = resetExpression(opts.get('reset_before')!);
  if (opts.has('reset_after')) resetAfter = resetExpression(opts.get('reset_after')!);
  const windowed = window > 0 || timeWindow !== undefined;
  const perGroupWindow = windowed && !globalWindow && by.length > 0;

  return {
    name: 'streamstats',
    span: node.span,
    kind: 'streaming',
    orderSensitive: true,
    async *run(input: RowStream) {
      begin();
      const env = makeEnv(ctx);
      const isTrue = (f: Compiled | undefined, row: Row) => {
        if (!f) return false;
        env.row = row;
        return f(env) === true;
      };
      // running state without a window: one AggregateSet per group
      let groups = new Map<string, AggregateSet>();
      // windowed state: one list of recent entries (per group when global=false)
      let windows = new Map<string, Entry[]>();
      let previousKey: string | undefined;
      const reset = () => {
        groups = new Map();
        windows = new Map();
      };
      const evict = (list: Entry[], now: number | undefined) => {
        if (window > 0) while (list.length > window) list.shift();
        if (timeWindow !== undefined && now !== undefined) {
          while (list.length && (list[0].time === undefined || Math.abs(now - list[0].time) >= timeWindow)) list.shift();
        }
      };
      const fromWindow = (list: readonly Entry[], key: string): AggregateSet => {
        const set = new AggregateSet(aggs, { allnum });
        for (const e of list) if (e.key === key) set.add(e.c, e.time);
        return set;
      };
      for await (const batch of input) {
        for (const row of batch) {
          if (isTrue(resetBefore, row)) reset();
          const combos = by.length === 0 ? [[]] : combinations(row, by, false);
          if (combos.length !== 1) {
            if (isTrue(resetAfter, row)) reset();
            continue;
          }
          const k = keyOf(combos[0]);
          if (resetOnChange && by.length > 0 && previousKey !== undefined && previousKey !== k) reset();
          previousKey = k;
          const time = timeOf(row);
          const c = AggregateSet.contribution(aggs, row);
          if (!windowed) {
            let g = groups.get(k);
            if (!g) groups.set(k, (g = new AggregateSet(aggs, { allnum })));
            if (current) g.add(c, time);
            g.writeInto(row);
            if (!current) g.add(c, time);
          } else {
            const wk = perGroupWindow ? k : '';
            let list = windows.get(wk);
            if (!list) windows.set(wk, (list = []));
            const entry: Entry = { key: k, c, time };
            if (current) {
              list.push(entry);
              evict(list, time);
              fromWindow(list, k).writeInto(row);
            } else {
              evict(list, time);
              fromWindow(list, k).writeInto(row);
              list.push(entry);
              if (window > 0) while (list.length > window) list.shift();
            }
          }
          if (isTrue(resetAfter, row)) reset();
        }
        yield batch;
      }
    },
  };
}
