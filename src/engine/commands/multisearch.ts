/**
 * multisearch: runs several streaming searches over the events and returns
 * their events together (multisearch reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/multisearch):
 *
 *   | multisearch <subsearch1> <subsearch2> [<subsearch3> ...]
 *
 * - a generating command ("Generating commands use a leading pipe character
 *   and should be the first command in a search");
 * - "requires at least two subsearches and allows only streaming operations
 *   in each subsearch"; each is "[search <logical-expression>]" followed by
 *   streaming commands (the page names search, eval, where, fields, rex).
 *
 * The events of the subsearches come back interleaved on _time, newest first,
 * as the events of one search do (Splunk merges the streams of the searches
 * it runs at once; the union reference says the same of streaming datasets:
 * it "automatically interleaves results on the _time"). Each subsearch is
 * put in time order by the planner, and the streams are merged without
 * being collected.
 *
 * Decisions where the page is silent: a streaming command is one Splunk's
 * "Command types" page lists as distributable streaming: splinter's
 * streaming operators that do not depend on row order, less the few that
 * splinter runs as streaming but Splunk does not (NOT_DISTRIBUTABLE); on
 * equal times, the earlier subsearch's event comes first; a subsearch that
 * does not start with search terms (a generating command) is refused.
 */
import type { GenericArg, GenericCommand, Pipeline } from '../../ast/nodes.js';
import type { Span } from '../../diagnostics/diagnostic.js';
import type { Plan } from '../../plan/plan.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { BATCH_SIZE, type Operator, type RowStream, type RunContext } from '../types.js';

/**
 * Commands splinter runs as streaming operators that Splunk's "Command
 * types" page does not count as distributable streaming (centralized
 * streaming, transforming, or subsearch commands).
 */
const NOT_DISTRIBUTABLE = new Set([
  'head', 'tail', 'dedup', 'streamstats', 'transaction', 'reverse', 'uniq', 'accum', 'autoregress', 'delta', 'filldown',
  'append', 'appendcols', 'appendpipe', 'join', 'map', 'union', 'multisearch', 'set', 'format', 'return',
  'table', 'mvcombine', 'addcoltotals',
]);

/** The first command of a plan that is not distributable streaming (after its first search), if any. */
export function nonStreamingStep(plan: Plan): Operator | undefined {
  if (!plan.readsEvents) return plan.operators[0];
  for (const op of plan.operators) {
    if (op.name === 'timeorder') continue;
    if (op.kind !== 'streaming' || op.orderSensitive || NOT_DISTRIBUTABLE.has(op.name)) return op;
  }
  return undefined;
}

function timeOf(row: Row): number {
  const t = row.get('_time');
  return typeof t === 'number' ? t : t === undefined ? Infinity : Number(t) || 0;
}

/**
 * Merges streams on _time, newest first; on equal times the earlier stream
 * first. A row without _time counts as newer than any time, so results
 * without a time (a transforming command's) keep their place before events.
 */
export async function* mergeByTime(streams: RowStream[]): RowStream {
  const its = streams.map((s) => s[Symbol.asyncIterator]());
  const heads: { rows: Row[]; i: number }[] = [];
  const live: number[] = [];
  try {
    for (let k = 0; k < its.length; k++) {
      heads.push({ rows: [], i: 0 });
      if (await refill(its[k], heads[k])) live.push(k);
    }
    let out: Row[] = [];
    while (live.length) {
      let best = live[0];
      let bestT = timeOf(heads[best].rows[heads[best].i]);
      for (let j = 1; j < live.length; j++) {
        const k = live[j];
        const t = timeOf(heads[k].rows[heads[k].i]);
        if (t > bestT) {
          best = k;
          bestT = t;
        }
      }
      const h = heads[best];
      out.push(h.rows[h.i++]);
      if (h.i >= h.rows.length && !(await refill(its[best], h))) live.splice(live.indexOf(best), 1);
      if (out.length >= BATCH_SIZE) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  } finally {
    await Promise.all(its.map((it) => it.return?.()));
  }
}

async function refill(it: AsyncIterator<Row[]>, h: { rows: Row[]; i: number }): Promise<boolean> {
  for (;;) {
    const n = await it.next();
    if (n.done) return false;
    if (n.value.length) {
      h.rows = n.value;
      h.i = 0;
      return true;
    }
  }
}

/** Plans subsearches that must be streaming searches; fails on the first that is not. */
export function planStreamingSubsearches(subs: readonly { pipeline: Pipeline; span: Span }[], ctx: PlanContext, command: string): Plan[] {
  return subs.map((s, i) => {
    const plan = ctx.planSubsearch(s.pipeline);
    const bad = nonStreamingStep(plan);
    if (bad) {
      planFail(
        plan.readsEvents ? `${command} subsearches may only hold streaming commands: subsearch ${i + 1} uses '${bad.name}'` : `${command} subsearch ${i + 1} must start with search terms, not '${bad.name}'`,
        plan.readsEvents ? bad.span : s.span,
        'use commands such as search, eval, where, fields, rename, rex in each subsearch; use append or union for other searches',
      );
    }
    return plan;
  });
}

export function planMultisearch(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly();
  args.only(['subsearch'], '| multisearch [search ...] [search ...]');
  const subs = node.args.filter((a): a is Extract<GenericArg, { kind: 'subsearch' }> => a.kind === 'subsearch');
  if (subs.length < 2) planFail('multisearch needs at least two subsearches: | multisearch [search ...] [search ...]', node.span);
  const plans = planStreamingSubsearches(subs, ctx, 'multisearch');
  return {
    name: 'multisearch',
    span: node.span,
    kind: 'generating',
    run(_input: RowStream, rctx: RunContext) {
      return mergeByTime(plans.map((p) => rctx.runPlan(p)));
    },
  };
}
