/**
 * appendpipe: runs a sub-pipeline over the current results and appends its
 * output to them (appendpipe reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/appendpipe):
 *
 *   appendpipe [run_in_preview=<bool>] [<subpipeline>]
 *
 * "The subpipeline is run when the search reaches the appendpipe command";
 * the current results are kept as they are, followed by what the
 * sub-pipeline returns (its commands see copies of the results, so an eval
 * in it does not change the kept ones).
 */
import type { GenericCommand, Pipeline } from '../../ast/nodes.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import type { Operator, RowStream, RunContext } from '../types.js';
import type { Row } from '../../values/value.js';

/**
 * Plans the commands of a sub-pipeline (`[eval ...]`, `[| stats ...]`) to run
 * over rows the caller gives (appendpipe, foreach): they follow an empty
 * search, and the planner's time-order step is left out (the rows come in
 * the order the caller has them).
 */
export function planOverInput(p: Pipeline, ctx: PlanContext): readonly Operator[] {
  const body: Pipeline = { ...p, leadingPipe: false, commands: [{ type: 'search', span: { start: p.span.start, end: p.span.start }, implicit: true, expr: null }, ...p.commands] };
  return ctx.planSubsearch(body).operators.slice(1).filter((op) => op.name !== 'timeorder');
}

/** Runs planned operators over rows. */
export function runOver(ops: readonly Operator[], rows: Row[], ctx: RunContext): RowStream {
  let stream: RowStream = (async function* () {
    if (rows.length) yield rows;
  })();
  for (const op of ops) stream = op.run(stream, ctx);
  return stream;
}

export function planAppendpipe(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('run_in_preview');
  args.bool('run_in_preview', true);
  args.only(['subsearch'], 'appendpipe [run_in_preview=true] [<commands>]');
  const subs = args.subsearches();
  if (subs.length !== 1) planFail('appendpipe needs one sub-pipeline in brackets: appendpipe [stats count]', node.span);
  const ops = planOverInput(subs[0], ctx);
  return {
    name: 'appendpipe',
    span: node.span,
    kind: 'streaming',
    async *run(input: RowStream, rctx: RunContext) {
      const rows: Row[] = [];
      for await (const batch of input) {
        for (const r of batch) rows.push(r);
        yield batch;
      }
      yield* runOver(ops, rows.map((r) => new Map(r)), rctx);
    },
  };
}
