/**
 * map: runs a search once for each input result, with `$field$` replaced by
 * that result's value of the field, and returns all their results (map
 * reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/map):
 *
 *   map (search="<search>" | [<subsearch>]) [maxsearches=<int>]
 *
 * maxsearches (default 10): the most searches run; when there are more
 * input results, the rest are not searched and a warning says so, as the
 * page describes ("A message is generated if there are more search results
 * than the maximum number that you specify").
 *
 * Macros in the search string are expanded before it runs. The search is
 * checked when the map command is planned, with placeholders for the
 * tokens; a problem that only some values cause (a time modifier from
 * `earliest="$starttime$"`) is reported when a result's values cause it.
 *
 * Decisions where the page is silent: a token whose field the result lacks
 * is left as written; a multivalue field gives its values separated by
 * spaces. A saved-search name (map <name>) needs a Splunk server's saved
 * searches and is refused.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { SplError, type Diagnostic, type Span } from '../../diagnostics/diagnostic.js';
import { parse } from '../../parser/index.js';
import type { Plan } from '../../plan/plan.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf, type Row } from '../../values/value.js';
import { Args } from '../args.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import type { Operator, RowStream, RunContext } from '../types.js';

const TOKEN = /\$([^$\s]+)\$/g;

export function planMap(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('search', 'maxsearches');
  const maxsearches = args.int('maxsearches', 10)!;
  const subs = args.subsearches();
  const searchOpt = args.options.get('search');
  args.only(['subsearch'], 'map search="search ... $field$ ..." [maxsearches=N]');
  if (searchOpt && subs.length) planFail('map takes search="..." or a subsearch, not both', node.span);
  let template: string;
  let start: number;
  let at: Span;
  if (searchOpt) {
    template = searchOpt.value.text;
    start = searchOpt.value.span.start + (searchOpt.value.quoted ? 1 : 0);
    at = searchOpt.value.span;
  } else if (subs.length === 1) {
    start = subs[0].span.start;
    template = ctx.text.slice(start, subs[0].span.end);
    at = subs[0].span;
  } else {
    planFail('map needs a search: map search="search index=x user=$user$" or map [search ...]', node.span, 'running a saved search by name needs a Splunk server');
  }
  if (template.trim() === '') planFail('map needs a search', at);

  /** The search for one result's values, planned (spans point into the search text when `pad` keeps offsets). */
  const planFor = (written: string, pad: boolean): Plan => {
    // macros in the search string are expanded when it runs, as Splunk does
    let text = written;
    if (ctx.expand && written.includes('`')) {
      try {
        text = ctx.expand(written);
      } catch (e) {
        if (e instanceof SplError) throw new PlanError({ ...e.first, span: at });
        throw e;
      }
      // offsets no longer match the search text
      pad = false;
    }
    const parsed = parse(pad ? ' '.repeat(start) + text : text);
    if (!parsed.ast) throw new PlanError(pad ? parsed.diagnostics[0] : { ...parsed.diagnostics[0], span: at });
    try {
      return ctx.planSubsearch(parsed.ast);
    } catch (e) {
      if (e instanceof PlanError && !pad) throw new PlanError({ ...e.diagnostic, span: at });
      throw e;
    }
  };
  // checked now, each token replaced by a word as long as itself; an error
  // that a number in its place avoids (earliest="$starttime$") depends on the
  // values, and is left to the run
  try {
    planFor(template.replace(TOKEN, (m) => 'x'.repeat(m.length)), true);
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    try {
      planFor(template.replace(TOKEN, (m) => '1'.repeat(m.length)), true);
    } catch {
      throw e;
    }
  }

  const cache = new Map<string, Plan>();
  return {
    name: 'map',
    span: node.span,
    kind: 'blocking',
    orderSensitive: true,
    async *run(input: RowStream, rctx: RunContext) {
      const rows: Row[] = [];
      let more = 0;
      for await (const batch of input) {
        for (const r of batch) {
          if (rows.length < maxsearches) rows.push(r);
          else more++;
        }
      }
      if (more) {
        rctx.notify({ stage: 'runtime', severity: 'warning', message: `map ran ${maxsearches} searches (maxsearches) and skipped ${more} more input result${more === 1 ? '' : 's'}`, span: node.span, hint: 'raise maxsearches= to run them all' });
      }
      for (const row of rows) {
        const text = template.replace(TOKEN, (m, name: string) => {
          const v = row.get(name);
          return v === undefined ? m : valuesOf(v).map(toStr).join(' ');
        });
        let plan = cache.get(text);
        if (!plan) {
          try {
            plan = planFor(text, false);
          } catch (e) {
            if (e instanceof PlanError) throw new SplError(runtime(e.diagnostic, text));
            throw e;
          }
          cache.set(text, plan);
        }
        yield* rctx.runPlan(plan);
      }
    },
  };
}

function runtime(d: Diagnostic, text: string): Diagnostic {
  return { ...d, stage: 'runtime', message: `map: ${d.message}`, hint: `the search was: ${text.length > 200 ? text.slice(0, 200) + '…' : text}` };
}
