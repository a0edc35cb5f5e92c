/**
 * search: keeps the rows the search expression matches (search reference).
 *
 * Subsearches (`... [search ... | fields x]`): each is planned with the
 * outer search and run before it, over the same inputs; its results, at most
 * 10,000 (the documented default of limits.conf [subsearch] maxout, "About
 * subsearches", Search Manual), are formatted as the format command does
 * (`( ( x="a" ) OR ( x="b" ) )`, see format.ts) and the search tests that
 * expression in the subsearch's place. No results: nothing matches
 * (format's empty string `NOT( )`).
 */
import type { SearchCommand, SearchSubsearch } from '../../ast/nodes.js';
import { SplError, type Span } from '../../diagnostics/diagnostic.js';
import { compileSearch, SearchCompileError, subsearchesOf, type RowPredicate, type SearchContext } from '../../search/predicate.js';
import type { Plan } from '../../plan/plan.js';
import type { Row } from '../../values/value.js';
import { PlanError, type PlanContext } from '../plan-error.js';
import { streaming, type Operator, type RowStream, type RunContext } from '../types.js';
import { subsearchExpr } from './format.js';

/** limits.conf [subsearch] maxout: the results a subsearch passes to the search */
export const SUBSEARCH_MAXOUT = 10_000;

function compile(node: SearchCommand, ctx: SearchContext): RowPredicate {
  try {
    return compileSearch(node.expr!, ctx);
  } catch (e) {
    if (e instanceof SearchCompileError) throw new PlanError(e.diagnostic);
    throw e;
  }
}

export function planSearch(node: SearchCommand, ctx: PlanContext): Operator {
  if (!node.expr) return streaming('search', node.span, (rows) => rows);
  const subs = subsearchesOf(node.expr);
  if (subs.length === 0) {
    const test = compile(node, ctx);
    return streaming('search', node.span, (rows) => rows.filter(test));
  }
  const plans = subs.map((s) => ({ node: s, plan: ctx.planSubsearch(s.pipeline) }));
  // the rest of the expression is checked now (time modifiers...), with placeholders for the subsearches
  compile(node, { now: ctx.now, tz: ctx.tz, subsearches: new Map(subs.map((s) => [s, () => false])) });
  return {
    name: 'search',
    span: node.span,
    kind: 'streaming',
    async *run(input: RowStream, rctx: RunContext) {
      const resolved = new Map<SearchSubsearch, RowPredicate>();
      for (const { node: sub, plan } of plans) resolved.set(sub, await runSubsearch(sub, plan, rctx));
      let test: RowPredicate;
      try {
        test = compileSearch(node.expr!, { now: rctx.now, tz: rctx.tz, subsearches: resolved });
      } catch (e) {
        if (e instanceof SearchCompileError) throw new SplError({ ...e.diagnostic, stage: 'runtime' });
        throw e;
      }
      for await (const batch of input) {
        const out = batch.filter(test);
        if (out.length) yield out;
      }
    },
  };
}

/** Runs a subsearch and turns its first 10,000 results into a predicate. */
async function runSubsearch(sub: SearchSubsearch, plan: Plan, ctx: RunContext): Promise<RowPredicate> {
  const rows = await collectUpTo(ctx.runPlan(plan), SUBSEARCH_MAXOUT, truncationNotice(ctx, 'the subsearch', SUBSEARCH_MAXOUT, sub.span, 'limits.conf [subsearch] maxout'));
  const expr = subsearchExpr(rows, sub.span);
  if (!expr) return () => false;
  try {
    return compileSearch(expr, { now: ctx.now, tz: ctx.tz });
  } catch (e) {
    if (e instanceof SearchCompileError) throw new SplError({ ...e.diagnostic, stage: 'runtime', span: sub.span, message: `the subsearch's results do not form a search: ${e.diagnostic.message}` });
    throw e;
  }
}

/** The first `max` rows of a stream (the rest is not read). */
export async function collectUpTo(stream: RowStream, max: number, truncated?: () => void): Promise<Row[]> {
  const out: Row[] = [];
  if (max <= 0) return out;
  const it = stream[Symbol.asyncIterator]();
  try {
    for (let next = await it.next(); !next.done; next = await it.next()) {
      const batch = next.value;
      for (let i = 0; i < batch.length; i++) {
        if (out.length >= max) {
          truncated?.();
          return out;
        }
        out.push(batch[i]);
      }
      if (out.length >= max && truncated) {
        // one more result beyond the limit means the subsearch was cut
        for (let more = await it.next(); !more.done; more = await it.next()) {
          if (more.value.length) {
            truncated();
            break;
          }
        }
        return out;
      }
    }
  } finally {
    await it.return?.();
  }
  return out;
}

/** The warning a subsearch limit gives when it cuts results, as map's maxsearches does. */
export function truncationNotice(ctx: RunContext, what: string, max: number, span: Span, setting: string): () => void {
  // setting: what sets the limit, e.g. "limits.conf [subsearch] maxout" or "maxout=100"
  return () =>
    ctx.notify({
      stage: 'runtime',
      severity: 'warning',
      message: `${what} returned more than ${max.toLocaleString('en-US')} result${max === 1 ? '' : 's'}; only the first ${max.toLocaleString('en-US')} ${max === 1 ? 'was' : 'were'} used (${setting})`,
      span,
    });
}
