/**
 * tstats (search reference "tstats", help.splunk.com/splunk-enterprise/
 * spl-search-reference/9.1/search-commands/tstats): a generating command
 * that computes statistics over a data model's rows, built here from the
 * run's raw events (src/datamodels/rows.ts), which is what
 * `summariesonly=false` means on a Splunk server: "By default, the tstats
 * command runs over accelerated and unaccelerated data models."
 *
 * - `from datamodel=Model.Root` (or `Model` alone: its only root, or the
 *   root the field prefixes name); `where nodename=Root.Child...` narrows
 *   to a child dataset; the rest of `where` is a search-language predicate
 *   on the row's fields (`Processes.process_name=...`).
 * - `by` fields keep their data-model names; `_time span=<n><s|m|h|d>`
 *   floors _time to the span. An event with no value for a by-field makes
 *   no row unless `fillnull_value` is set, whose text then stands for the
 *   missing value (security_content PR #2324, cim-datamodels.md §5 rule 4).
 * - aggregations are the stats functions (engine/aggregations.ts), named
 *   as written (`count`, `min(_time)`, `values(Processes.process)`) unless
 *   `AS` renames them; rows come out ordered by their by-values.
 * - `summariesonly`, `allow_old_summaries`, `local`, `chunk_size`,
 *   `include_reduced_buckets` are accepted and change nothing offline;
 *   `append=true` adds the rows after the input's.
 * - `prestats=true`: Splunk hands a following stats, chart or timechart its
 *   partial results in an internal format ("prestats ... for use with a
 *   following stats, chart or timechart command"). splinter hands on the
 *   data-model rows themselves instead, each with its by-fields (the span's
 *   bucket for _time, fillnull_value for a missing one; a row without a
 *   by-field and no fillnull_value is dropped, as tstats drops it) and the
 *   fields its functions read, so that the following command computes the
 *   same statistics. Shown as they are (`| table *`), these rows differ from
 *   Splunk's internal ones.
 * - a field the data model does not have is a planning warning, not an
 *   error: Splunk runs the search and the field has no value in any row
 *   (checkFields in datamodel.ts).
 * Without `from`, tstats reads the events' indexed fields only (`_time`,
 * `host`, `source`, `sourcetype`).
 */
import type { SearchExpr, SearchSubsearch, TstatsCommand } from '../../ast/nodes.js';
import type { Span } from '../../diagnostics/diagnostic.js';
import { compileSearch, SearchCompileError, subsearchesOf, type RowPredicate, type SearchContext } from '../../search/predicate.js';
import { compareScalarLists, toNumber } from '../../values/coerce.js';
import type { Row, Scalar, Value } from '../../values/value.js';
import { valuesOf } from '../../values/value.js';
import { epochFromLocal, localSecondsAt } from '../../time/zone.js';
import { resolveAggregation } from '../../functions/stats/registry.js';
import type { Aggregator } from '../../functions/stats/types.js';
import { planAggregation, timeOf } from '../aggregations.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { batches, collect, type Operator, type RowStream } from '../types.js';
import { resolveDatasetSpec, checkFields, type DatasetSource } from './datamodel.js';
import { subsearchExpr } from './format.js';
import { collectUpTo, SUBSEARCH_MAXOUT, truncationNotice } from './search.js';
import { declareOptions } from '../declared-options.js';
import { optionsHint } from '../../diagnostics/suggest.js';

const OPTIONS = ['prestats', 'local', 'append', 'summariesonly', 'include_reduced_buckets', 'allow_old_summaries', 'use_summary_index_values', 'chunk_size', 'fillnull_value'];

/** The stats functions tstats takes (tstats reference, "Functions you can use with tstats"). */
const TSTATS_FUNCTIONS = new Set(['count', 'dc', 'estdc', 'values', 'mode', 'perc', 'median', 'avg', 'sum', 'sumsq', 'min', 'max', 'range', 'stdev', 'stdevp', 'var', 'varp', 'earliest', 'latest', 'first', 'last', 'earliest_time', 'latest_time']);

/** Fields of the events themselves, valid in a tstats without a data model. */
const INDEXED = new Set(['_time', 'host', 'source', 'sourcetype', 'index', 'splunk_server', '_indextime']);

/** `1h`, `30m`, `10s`, `1d`, `2w` → seconds, or days for d/w (floored at local midnight). */
export function parseSpan(text: string, span: Span): { seconds: number; days: boolean } {
  const m = /^(\d+)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)?$/i.exec(text.trim());
  if (!m || Number(m[1]) <= 0) planFail(`invalid span '${text}'`, span, 'write a positive whole number and a unit: 30s, 5m, 1h, 1d, 1w');
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase()[0];
  if (unit === 'd') return { seconds: n * 86400, days: true };
  if (unit === 'w') return { seconds: n * 7 * 86400, days: true };
  return { seconds: n * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1), days: false };
}

/** Floors an epoch time to a span: s/m/h on the epoch, d/w at midnight in the search's zone. */
export function bucketTime(t: number, span: { seconds: number; days: boolean }, tz: string): number {
  if (!span.days) return Math.floor(t / span.seconds) * span.seconds;
  const local = localSecondsAt(t, tz);
  return epochFromLocal(Math.floor(local / span.seconds) * span.seconds, tz);
}

/** Splits `nodename=...` off a where clause's top-level conjuncts. */
function splitNodename(where: SearchExpr | undefined): { nodename?: { text: string; span: Span }; rest?: SearchExpr } {
  if (!where) return {};
  const items = where.type === 'and' ? [...where.items] : [where];
  let nodename: { text: string; span: Span } | undefined;
  const rest = items.filter((e) => {
    if (e.type === 'compare' && e.op === '=' && e.field.name === 'nodename') {
      if (nodename) planFail('nodename is given twice', e.span);
      nodename = { text: e.value.text, span: e.value.span };
      return false;
    }
    return true;
  });
  const restExpr: SearchExpr | undefined = rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { type: 'and', span: where.span, items: rest };
  return { ...(nodename ? { nodename } : {}), ...(restExpr ? { rest: restExpr } : {}) };
}

interface Group {
  keys: Scalar[];
  aggs: Aggregator[];
}

export function planTstats(node: TstatsCommand, ctx: PlanContext): Operator {
  declareOptions('tstats', [...OPTIONS, 'span']); // span=, after the by fields
  const opts = new Map<string, { text: string; span: Span }>();
  for (const o of node.options) {
    const key = o.name.toLowerCase();
    if (!OPTIONS.includes(key)) planFail(`unknown tstats option '${o.name}'`, o.span, optionsHint(key, OPTIONS, `tstats options: ${OPTIONS.join(', ')}`));
    if (opts.has(key)) planFail(`option '${o.name}' is given twice`, o.span);
    opts.set(key, { text: o.value.text, span: o.value.span });
  }
  const bool = (name: string): boolean => {
    const v = opts.get(name);
    if (!v) return false;
    if (/^(true|t|1|yes|y)$/i.test(v.text)) return true;
    if (/^(false|f|0|no|n)$/i.test(v.text)) return false;
    planFail(`tstats option ${name} must be true or false, not '${v.text}'`, v.span);
  };
  for (const b of ['summariesonly', 'allow_old_summaries', 'local', 'include_reduced_buckets', 'use_summary_index_values']) bool(b);
  const chunk = opts.get('chunk_size');
  if (chunk && !/^\d+$/.test(chunk.text)) planFail(`tstats option chunk_size must be a whole number, not '${chunk.text}'`, chunk.span);
  const prestats = bool('prestats');
  const append = bool('append');
  const fillnull = opts.get('fillnull_value')?.text;

  if (node.aggregations.length === 0) planFail('tstats needs at least one statistical function', node.span, 'for example: | tstats count from datamodel=Endpoint.Processes by Processes.dest');
  for (const a of node.aggregations) {
    const resolved = (() => {
      try {
        return resolveAggregation(a.func);
      } catch {
        return undefined;
      }
    })();
    if (resolved && !TSTATS_FUNCTIONS.has(resolved.def.name)) {
      planFail(`tstats does not allow the function '${a.func}'`, a.span, `tstats functions: ${[...TSTATS_FUNCTIONS].join(', ')}`);
    }
    if (a.expr) planFail(`tstats does not allow eval expressions in '${a.func}(eval(...))'`, a.span, 'filter in the where clause instead');
  }

  const { nodename, rest } = splitNodename(node.where);
  // every field the command reads, with where it is written
  const used: { name: string; span: Span }[] = [];
  if (rest) collectFields(rest, used);
  for (const a of node.aggregations) if (a.field) used.push({ name: a.field.name, span: a.field.span });
  for (const f of node.by) used.push({ name: f.name, span: f.span });

  let source: DatasetSource | undefined;
  if (node.from) {
    const kind = node.from.kind.toLowerCase();
    if (kind !== 'datamodel') {
      planFail(`tstats reads data models only: 'from ${node.from.kind ? node.from.kind + '=' : ''}${node.from.value.text}'`, node.from.span, 'write from datamodel=<Model>.<Dataset>, e.g. from datamodel=Endpoint.Processes');
    }
    source = resolveDatasetSpec(node.from.value.text, node.from.value.span, ctx, { nodename, fieldNames: used.map((u) => u.name) });
    checkFields(source, used, ctx);
  } else {
    if (nodename) planFail('nodename needs a data model: from datamodel=<Model>.<Dataset> where nodename=...', nodename.span);
    for (const u of used) {
      if (!INDEXED.has(u.name)) planFail(`field '${u.name}' is not an indexed field`, u.span, 'without a data model, tstats reads only _time, host, source, sourcetype and index; add from datamodel=<Model>.<Dataset>');
    }
  }

  // subsearches in where (`where [| inputlookup x | table Processes.process]`) run first, as in search
  const subs = rest ? subsearchesOf(rest) : [];
  const subPlans = subs.map((s) => ({ node: s, plan: ctx.planSubsearch(s.pipeline) }));
  const compileWhere = (c: SearchContext): RowPredicate | undefined => {
    try {
      return rest ? compileSearch(rest, c) : undefined;
    } catch (e) {
      if (e instanceof SearchCompileError) throw new PlanError(e.diagnostic);
      throw e;
    }
  };
  let filter = compileWhere({ now: ctx.now, tz: ctx.tz, subsearches: new Map(subs.map((s) => [s, () => false])) });
  const aggs = node.aggregations.map((a) => planAggregation(a, ctx));
  const by = node.by.map((f) => f.name);
  let span: { seconds: number; days: boolean } | undefined;
  for (const o of node.byOptions) {
    if (o.name.toLowerCase() !== 'span') planFail(`unknown tstats by option '${o.name}'`, o.span, 'tstats takes span=<time> after by');
    if (!by.includes('_time')) planFail('span= needs _time among the by fields', o.span, 'for example: by _time span=1h');
    span = parseSpan(o.value.text, o.value.span);
  }
  const timeBy = by.indexOf('_time');
  // prestats=true: the rows a following stats, chart or timechart aggregates (see the module comment)
  const preFields = [...new Set([...by, ...node.aggregations.flatMap((a) => (a.field ? [a.field.name] : []))])];
  const prestatsRow = (row: Row): Row | undefined => {
    const out: Row = new Map();
    for (const f of preFields) {
      let v = row.get(f);
      if (f === '_time' && v !== undefined) {
        const t = toNumber(valuesOf(v)[0]);
        v = t === undefined ? undefined : span ? bucketTime(t, span, ctx.tz) : t;
      }
      if (v === undefined && by.includes(f)) {
        if (fillnull === undefined) return undefined;
        v = fillnull;
      }
      if (v !== undefined) out.set(f, v);
    }
    if (!out.has('_time')) {
      const t = timeOf(row);
      if (t !== undefined) out.set('_time', t);
    }
    return out;
  };
  const readFields = source ? new Set(source.compiled.reads) : new Set(INDEXED);
  /** The rows tstats reads from events: the data model's (or the indexed fields of every event). */
  const rowsOf = async function* (events: RowStream, keep = false): RowStream {
    for await (const batch of events) {
      const out: Row[] = [];
      for (const event of batch) {
        let row: Row | undefined;
        if (source) row = source.compiled.toRow(event, keep);
        else {
          row = new Map();
          for (const f of INDEXED) {
            const v = event.get(f);
            if (v !== undefined) row.set(f, v as Value);
          }
        }
        if (row) out.push(row);
      }
      if (out.length) yield out;
    }
  };
  // Shared between the searches of a cache (splinter hunt), read only: a data set's rows (or the indexed
  // fields), built from the events with every field computed, themselves built once for every data set.
  // A data model row reads only the fields of its data set, which are computed alike either way.
  const sharedName = `tstats:${source ? source.compiled.label : '(indexed fields)'}`;
  const modelRows = (ctxRun: Parameters<Operator['run']>[1]): RowStream => {
    const shared = ctxRun.sharedRows;
    if (!shared) return rowsOf(ctxRun.events({ fields: readFields }));
    return (async function* () {
      const rows = await shared(sharedName, async () => {
        const events = await shared('events with every field', () => collect(ctxRun.events()));
        // the shared events stay as they are: toRow applies the data set's calculated fields to copies
        return collect(rowsOf(batches([...events]), true));
      });
      yield* batches([...rows]);
    })();
  };

  const run = async function* (ctxRun: Parameters<Operator['run']>[1]): RowStream {
    if (subPlans.length > 0) {
      const resolved = new Map<SearchSubsearch, RowPredicate>();
      for (const { node: sub, plan } of subPlans) {
        const expr = subsearchExpr(await collectUpTo(ctxRun.runPlan(plan), SUBSEARCH_MAXOUT, truncationNotice(ctxRun, 'the subsearch', SUBSEARCH_MAXOUT, sub.span, 'limits.conf [subsearch] maxout')), sub.span);
        resolved.set(sub, expr ? compileSearch(expr, { now: ctxRun.now, tz: ctxRun.tz }) : () => false);
      }
      filter = compileWhere({ now: ctxRun.now, tz: ctxRun.tz, subsearches: resolved });
    }
    const groups = new Map<string, Group>();
    const newGroup = (keys: Scalar[]): Group => ({ keys, aggs: aggs.map((a) => a.create()) });
    for await (const batch of modelRows(ctxRun)) {
      const pre: Row[] = [];
      for (const row of batch) {
        if (filter && !filter(row)) continue;
        if (prestats) {
          const r = prestatsRow(row);
          if (r) pre.push(r);
          continue;
        }
        const time = timeOf(row);
        let combos: Scalar[][] = [[]];
        for (let i = 0; i < by.length; i++) {
          let vals: readonly Scalar[] = valuesOf(row.get(by[i]));
          if (i === timeBy && vals.length > 0) {
            const t = toNumber(vals[0]);
            vals = t === undefined ? [] : [span ? bucketTime(t, span, ctxRun.tz) : Math.floor(t)];
          }
          if (vals.length === 0) {
            if (fillnull === undefined) {
              combos = [];
              break;
            }
            vals = [fillnull];
          }
          const next: Scalar[][] = [];
          for (const c of combos) for (const v of vals) next.push([...c, v]);
          combos = next;
        }
        for (const combo of combos) {
          const k = combo.map(String).join('\u0000');
          let g = groups.get(k);
          if (!g) groups.set(k, (g = newGroup(combo)));
          for (let i = 0; i < aggs.length; i++) g.aggs[i].add(aggs[i].valueOf(row), time);
        }
      }
      if (pre.length) yield pre;
    }
    if (prestats) return;
    if (by.length === 0 && groups.size === 0) groups.set('', newGroup([]));
    const list = [...groups.values()].sort((a, b) => compareScalarLists(a.keys, b.keys));
    const out: Row[] = list.map((g) => {
      const row: Row = new Map();
      by.forEach((f, i) => row.set(f, g.keys[i]));
      for (let i = 0; i < aggs.length; i++) {
        const v = g.aggs[i].result();
        if (v !== undefined) row.set(aggs[i].name, v);
      }
      return row;
    });
    yield* batches(out);
  };

  return {
    name: 'tstats',
    span: node.span,
    kind: 'generating',
    ...(prestats ? {} : { groups: by }),
    ...(append ? { appendsToInput: true } : {}),
    async *run(input, ctxRun) {
      if (append) yield* input;
      yield* run(ctxRun);
    },
  };
}

function collectFields(e: SearchExpr, out: { name: string; span: Span }[]): void {
  switch (e.type) {
    case 'and':
    case 'or':
      e.items.forEach((x) => collectFields(x, out));
      break;
    case 'not':
      collectFields(e.expr, out);
      break;
    case 'compare':
    case 'in':
      if (e.type === 'compare' && !e.field.quoted && (e.field.name === 'earliest' || e.field.name === 'latest')) break;
      out.push({ name: e.field.name, span: e.field.span });
      break;
    case 'term':
      if (e.value.text === '*') break;
      planFail(`tstats where needs field=value terms, not the bare term '${e.value.text}'`, e.span, 'tstats reads data model fields, not the raw text: write e.g. Processes.process="*term*"');
    // subsearches and macros fail when the predicate is compiled
  }
}
