/**
 * AST → plan: one operator per command (engine/commands/<name>.ts), each
 * streaming, blocking or generating, plus what the events source must do.
 * Every user error here is a Diagnostic with the command's span.
 */
import type * as A from '../ast/nodes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { EvalCompileError } from '../eval/compile.js';
import { planConvert } from '../engine/commands/convert.js';
import { planDedup } from '../engine/commands/dedup.js';
import { planEval } from '../engine/commands/eval.js';
import { planFieldformat } from '../engine/commands/fieldformat.js';
import { planFields } from '../engine/commands/fields.js';
import { planHead } from '../engine/commands/head.js';
import { planRename } from '../engine/commands/rename.js';
import { planSearch } from '../engine/commands/search.js';
import { planSort } from '../engine/commands/sort.js';
import { planStats } from '../engine/commands/stats.js';
import { planTable } from '../engine/commands/table.js';
import { planWhere } from '../engine/commands/where.js';
import { PlanError, type PlanContext } from '../engine/plan-error.js';
import type { Operator } from '../engine/types.js';
import { timeOrder } from '../engine/commands/timeorder.js';
import { requiredFields } from './fields.js';
import { GENERIC_COMMANDS } from '../engine/commands/registry.js';
import { planTstats } from '../engine/commands/tstats.js';
import type { LookupRegistry } from '../lookups/registry.js';
import { COMMANDS } from '../lexer/tokens.js';
import { closestNames, didYouMean } from '../diagnostics/suggest.js';
import { SPL_COMMANDS } from './spl-commands.js';
import { namedFields as namedFields_, type FieldRef } from '../engine/fieldwatch.js';

export interface Plan {
  /** the pipeline reads events (it starts with a search) */
  readonly readsEvents: boolean;
  readonly operators: readonly Operator[];
  /** the first search's expression: the events source may test parts of it early */
  readonly filter?: A.SearchExpr;
  /** the fields the pipeline can use; undefined = all */
  readonly fields?: ReadonlySet<string>;
  /** the fields each command names, to tell at the end of the run which no row had (engine/fieldwatch.ts) */
  readonly namedFields?: ReadonlyMap<Operator, readonly FieldRef[]>;
}

/** Commands a later issue will add, and commands that need a Splunk service. */
const OFFLINE_IMPOSSIBLE: ReadonlyMap<string, string> = new Map([
  // Machine Learning Toolkit (MLTK app) commands: they need its models and Python runtime on a Splunk server
  ['apply', 'it applies a Machine Learning Toolkit model, which needs the MLTK app on a Splunk server'],
  ['fit', 'it trains a Machine Learning Toolkit model, which needs the MLTK app on a Splunk server'],
  ['score', 'it is a Machine Learning Toolkit command, which needs the MLTK app on a Splunk server'],
  ['summary', 'it describes a Machine Learning Toolkit model, which needs the MLTK app on a Splunk server'],
  ['listmodels', 'it lists Machine Learning Toolkit models, which live in the MLTK app on a Splunk server'],
  ['deletemodel', 'it deletes a Machine Learning Toolkit model, which lives in the MLTK app on a Splunk server'],
  ['sample', 'it is a Machine Learning Toolkit command, which needs the MLTK app on a Splunk server'],
  // core commands whose results rest on rules the Search Reference leaves open: splinter would guess Splunk's rows
  ['anomalydetection', 'its histogram method scores events by the histogram bins of numerical fields and, without pthresh=, by a probability threshold it chooses itself; the Search Reference gives neither rule (anomalydetection reference), so splinter cannot return the rows Splunk would'],
  ['outlier', 'the Search Reference defines its threshold only as param times the inter-quartile range, not how the quartiles are computed, so splinter cannot return the rows Splunk would'],
  // other apps and server services
  ['cyberchef', 'it runs the CyberChef for Splunk app, which is not part of Splunk Enterprise and needs that app on a Splunk server'],
  ['sendalert', 'it triggers an alert action on a Splunk server'],
  ['sendemail', 'it sends mail through a Splunk server\'s mail settings'],
  ['mstats', 'it reads metrics indexes of a Splunk server'],
  ['mcatalog', 'it reads the metric catalog of a Splunk server'],
  ['mcollect', 'it writes to a metrics index of a Splunk server'],
  ['collect', 'it writes results to a summary index of a Splunk server'],
  ['tscollect', 'it writes tsidx files of a Splunk server'],
  ['rest', 'it calls the REST API of a Splunk server'],
  ['metadata', 'it reads index metadata of a Splunk server'],
  ['dbinspect', 'it inspects the buckets of a Splunk server\'s indexes'],
  ['eventcount', 'it counts events in the indexes of a Splunk server'],
  ['loadjob', 'it loads the artifacts of a search job on a Splunk server'],
  ['savedsearch', 'it runs a saved search stored on a Splunk server'],
  ['dbxquery', 'it queries a database through the DB Connect app on a Splunk server'],
  ['ldapsearch', 'it queries LDAP through the SA-ldapsearch app on a Splunk server'],
  ['history', 'it reads the search history of a Splunk server'],
  ['audit', 'it reads the audit trail of a Splunk server'],
  ['script', 'it runs a script installed in an app on a Splunk server'],
]);

/** The commands splinter runs: those with a grammar of their own and the others. */
const RUNNABLE_COMMANDS: readonly string[] = [...COMMANDS.keys(), ...GENERIC_COMMANDS.keys()];

/**
 * A name that is no command of the Search Reference: the nearest command
 * splinter runs, else the nearest other SPL command. [decision] Splunk's
 * command names are written in lower case, so `Stats` is unknown too and
 * gets 'stats' as its suggestion (closestNames ranks a case-only difference
 * first).
 */
function unknownCommandHint(name: string): string {
  const near = closestNames(name, RUNNABLE_COMMANDS);
  const hint = didYouMean(near.length ? near : closestNames(name, [...SPL_COMMANDS, ...OFFLINE_IMPOSSIBLE.keys()]));
  return hint ?? `'${name}' is not a command of Splunk's Search Reference; a custom command of an app cannot run in splinter`;
}

function planCommand(c: A.Command, ctx: PlanContext): Operator {
  switch (c.type) {
    case 'search':
      return planSearch(c, ctx);
    case 'where':
      return planWhere(c, ctx);
    case 'eval':
      return c.variant === 'fieldformat' ? planFieldformat(c, ctx) : planEval(c, ctx);
    case 'stats':
      return planStats(c, ctx);
    case 'convert':
      return planConvert(c, ctx);
    case 'table':
      return planTable(c);
    case 'fields':
      return planFields(c);
    case 'rename':
      return planRename(c);
    case 'head':
      return planHead(c);
    case 'sort':
      return planSort(c);
    case 'dedup':
      return planDedup(c);
    case 'tstats':
      return planTstats(c, ctx);
    case 'macro':
      throw new PlanError({ stage: 'expand', message: `macro \`${c.call.text}\` was not expanded`, span: c.span });
    case 'command': {
      const planner = GENERIC_COMMANDS.get(c.name);
      if (planner) return planner(c, ctx);
      const why = OFFLINE_IMPOSSIBLE.get(c.name);
      if (why || SPL_COMMANDS.has(c.name)) {
        throw new PlanError({
          stage: 'plan',
          message: `unsupported command '${c.name}'`,
          span: c.nameSpan,
          hint: why ? `splinter cannot run it offline: ${why}` : 'splinter does not implement this command yet',
        });
      }
      throw new PlanError({ stage: 'plan', message: `unknown command '${c.name}'`, span: c.nameSpan, hint: unknownCommandHint(c.name) });
    }
  }
}

export function planPipeline(
  p: A.Pipeline,
  base: { now: number; tz: string; text: string; lookups?: LookupRegistry; expand?: (text: string) => string; warnings?: Diagnostic[] },
): { plan?: Plan; diagnostics: Diagnostic[] } {
  const warnings = base.warnings ?? [];
  const ctx: PlanContext = {
    ...base,
    warn(message, span, hint) {
      warnings.push({ stage: 'plan', severity: 'warning', message, span, ...(hint ? { hint } : {}) });
    },
    planSubsearch(sub: A.Pipeline): Plan {
      const r = planPipeline(sub, { ...base, warnings });
      if (!r.plan) throw new PlanError(r.diagnostics[0]);
      return r.plan;
    },
  };
  const diagnostics: Diagnostic[] = [];
  const operators: Operator[] = [];
  // `| search ...` at the start (common in subsearches: `[| search x=1]`) reads events like `search ...`
  const readsEvents = !p.leadingPipe || p.commands[0]?.type === 'search';
  for (const c of p.commands) {
    try {
      // each command sees what reaches it: the operators planned before it
      operators.push(planCommand(c, { ...ctx, upstream: { readsEvents, operators: [...operators] } }));
    } catch (e) {
      if (e instanceof PlanError || e instanceof EvalCompileError) diagnostics.push(e.diagnostic);
      else throw e;
    }
  }
  if (diagnostics.length) return { diagnostics };
  if (!readsEvents && operators[0].kind !== 'generating') {
    const c = p.commands[0];
    return { diagnostics: [{ stage: 'plan', message: `'${c.type === 'command' ? c.name : c.type}' cannot start a search after '|': it is not a generating command`, span: c.span, hint: 'start with search terms to read events, or with a generating command such as tstats, inputlookup or makeresults' }] };
  }
  for (const [i, op] of operators.entries()) {
    if (i > 0 && op.kind === 'generating' && !op.appendsToInput) {
      return { diagnostics: [{ stage: 'plan', message: `'${op.name}' is a generating command: it must come first, after '|'`, span: op.span }] };
    }
  }
  const first = p.commands[0];
  const filter = readsEvents && first.type === 'search' && first.expr ? first.expr : undefined;
  const fields = requiredFields(p, operators);
  // the first search is not watched (fieldwatch.ts); rows are events until a command that is not streaming
  // nor a field an earlier eval, rename or AS sets: it may be null on purpose
  const namedFields = new Map<Operator, FieldRef[]>();
  const written = new Set<string>();
  let rows: FieldRef['rows'] = readsEvents ? 'event' : 'result';
  p.commands.forEach((c, i) => {
    if (i > 0 || !readsEvents) {
      const refs = namedFields_(c, rows).filter((r) => !written.has(r.name));
      if (refs.length) namedFields.set(operators[i], refs);
    }
    if (c.type === 'eval') for (const a of c.assignments) written.add(a.field.name);
    else if (c.type === 'rename') for (const r of c.renames) written.add(r.to.name);
    else if (c.type === 'stats') for (const a of c.aggregations) if (a.as) written.add(a.as.name);
    if (operators[i].kind !== 'streaming') rows = 'result';
  });
  return {
    plan: { readsEvents, operators: withTimeOrder(operators), ...(filter ? { filter } : {}), ...(fields ? { fields } : {}), ...(namedFields.size ? { namedFields } : {}) },
    diagnostics,
  };
}

/**
 * Splunk returns events newest first. Files are read in file order, so the
 * rows that leave the first search are put in descending _time order when a
 * later step depends on the order (head, dedup, first(), list(), streamstats,
 * or plain events as the result); a blocking step that does not care (stats
 * count/min/max, sort) makes it unnecessary.
 */
function withTimeOrder(ops: Operator[]): Operator[] {
  const first = ops[0];
  let needed = true;
  for (const op of ops.slice(1)) {
    if (op.orderSensitive) break;
    if (op.kind === 'blocking') {
      needed = false;
      break;
    }
  }
  if (first.kind === 'generating') return ops;
  return needed ? [first, timeOrder(first.span), ...ops.slice(1)] : ops;
}
