/**
 * union: merges the results of two or more datasets into one (union
 * reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/union):
 *
 *   union [maxtime=<int>] [maxout=<int>] [timeout=<int>] <dataset> [<dataset>...]
 *
 * A dataset is a subsearch (datasets are separated by spaces or commas); the
 * results piped into union, if any, are the first dataset. The page: union
 * "appends or merges event from the specified datasets, depending on whether
 * the dataset is streaming or non-streaming", and "automatically interleaves
 * results on the _time when processing events"; the subsearch options
 * "apply only when the subsearch is treated as a non-streaming search"
 * (maxout: at most that many results of such a subsearch, default 50,000).
 *
 * The rules splinter applies:
 * - every dataset streaming: each subsearch (search terms and distributable
 *   streaming commands only, as multisearch requires) and the piped-in
 *   results (events that only such commands have passed through, known
 *   from the operators planned before union, PlanContext.upstream): the
 *   datasets are merged on _time, newest first, as multisearch merges them;
 * - any dataset not streaming (piped-in results of stats, timechart, table,
 *   head..., or such a subsearch): the datasets are appended in order, the
 *   piped-in results first, as append does; each non-streaming subsearch
 *   gives at most maxout results.
 *
 * Decisions where the page is silent or splinter cannot follow it: a union
 * that starts the search (`| union [...] [...]`) has no piped-in dataset;
 * named datasets (datamodel:, savedsearch:, inputlookup:) are refused with a
 * hint to write them as subsearches; a saved search lives on a Splunk
 * server.
 */
import type { GenericArg, GenericCommand } from '../../ast/nodes.js';
import type { Plan } from '../../plan/plan.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { BATCH_SIZE, type Operator, type RowStream, type RunContext } from '../types.js';
import { mergeByTime, nonStreamingStep } from './multisearch.js';

export const UNION_MAXOUT = 50_000;

export function planUnion(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('maxtime', 'maxout', 'timeout');
  args.int('maxtime', 60);
  args.int('timeout', 300);
  const maxout = args.int('maxout', UNION_MAXOUT)!;
  for (const a of args.rest) {
    if (a.kind === 'value') {
      const named = /^(datamodel|savedsearch|inputlookup):/i.exec(a.value.text)?.[1].toLowerCase();
      planFail(
        named ? `union does not read named datasets ('${a.value.text}')` : `unexpected '${a.value.text}' in union: a dataset is a subsearch in brackets`,
        a.span,
        named === 'savedsearch' ? 'a saved search lives on a Splunk server; write its search as a subsearch: union [search ...]' : named ? `write it as a subsearch: union [| ${named} ...]` : 'union [search ...] [search ...]',
      );
    }
    if (a.kind === 'operator' && a.text !== ',') planFail(`unexpected '${a.text}' in union`, a.span, 'separate the datasets with spaces or commas');
  }
  args.only(['subsearch', 'operator'], 'union [maxout=N] [search ...] [search ...]');
  const subs = args.rest.filter((a): a is Extract<GenericArg, { kind: 'subsearch' }> => a.kind === 'subsearch');
  if (subs.length === 0) planFail('union needs at least one dataset: union [search ...]', node.span);
  const plans: Plan[] = subs.map((s) => ctx.planSubsearch(s.pipeline));
  // the piped-in results are the first dataset: streaming while only streaming commands have run
  const inputStreaming = ctx.upstream === undefined || ctx.upstream.operators.length === 0 || nonStreamingStep(ctx.upstream) === undefined;
  const streamingAll = inputStreaming && plans.every((p) => nonStreamingStep(p) === undefined);

  return {
    name: 'union',
    span: node.span,
    kind: 'generating',
    appendsToInput: true,
    run(input: RowStream, rctx: RunContext): RowStream {
      if (streamingAll) return mergeByTime([input, ...plans.map((p) => rctx.runPlan(p))]);
      return (async function* () {
        yield* input;
        for (const p of plans) {
          if (nonStreamingStep(p) === undefined) {
            yield* rctx.runPlan(p);
            continue;
          }
          let left = maxout;
          if (left <= 0) continue;
          for await (const batch of rctx.runPlan(p)) {
            const out: Row[] = batch.length > left ? batch.slice(0, left) : batch;
            left -= out.length;
            for (let i = 0; i < out.length; i += BATCH_SIZE) yield out.slice(i, i + BATCH_SIZE);
            if (left <= 0) break;
          }
        }
      })();
    },
  };
}
