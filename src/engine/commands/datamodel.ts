/**
 * `| datamodel <Model> <Dataset> search` (search reference "datamodel",
 * help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/
 * datamodel): a generating command that returns the events of a data model
 * dataset, with the dataset's fields named `<dataset path>.<field>`
 * (`Processes.process_name`) beside `_raw`, `_time`, `host`, `source` and
 * `sourcetype`, newest first. `flat` mode gives the same rows with the
 * dataset path stripped from the field names. The modes that return a
 * model's JSON or its generated search text need a Splunk server's
 * configuration and are rejected.
 *
 * Also the shared resolution of `Model.Dataset` names (tstats, from).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import type { Span } from '../../diagnostics/diagnostic.js';
import { compileDataset, type CompiledDataset } from '../../datamodels/rows.js';
import { datasetPaths, findDataset, findModel, modelNames, pathOf, roots, chainOf } from '../../datamodels/index.js';
import type { Row, Value } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { batches, type Operator, type RowStream, type RunContext } from '../types.js';

export interface DatasetSource {
  readonly compiled: CompiledDataset;
}

/** Fields every tstats / data model search may name besides the dataset's own. */
const BUILTIN = new Set(['_time', 'host', 'source', 'sourcetype', 'index', 'splunk_server', '_indextime', 'nodename']);

/**
 * Resolves `Model.Dataset` (or `Model` alone) to a compiled dataset.
 * `nodename` narrows to a descendant; with no dataset named, the root is
 * the model's only one or the one the field names start with.
 */
export function resolveDatasetSpec(
  text: string,
  span: Span,
  ctx: PlanContext,
  opts: { nodename?: { text: string; span: Span }; fieldNames?: readonly string[] } = {},
): DatasetSource {
  const dot = text.indexOf('.');
  const modelName = dot < 0 ? text : text.slice(0, dot);
  const dsSpec = dot < 0 ? '' : text.slice(dot + 1);
  const model = findModel(modelName);
  if (!model) {
    const near = modelNames().find((n) => n.toLowerCase() === modelName.toLowerCase());
    planFail(`unknown data model '${modelName}'`, span, near ? `data model names are case-sensitive: did you mean ${near}?` : `known data models: ${modelNames().join(', ')}`);
  }
  let dataset = dsSpec ? findDataset(model, dsSpec) : undefined;
  if (dsSpec && !dataset) planFail(`unknown dataset '${dsSpec}' in data model ${model.name}`, span, `datasets of ${model.name}: ${datasetPaths(model).join(', ')}`);
  if (!dataset) {
    const rs = roots(model);
    if (rs.length === 1) dataset = rs[0];
    else {
      const named = rs.filter((r) => (opts.fieldNames ?? []).some((f) => f.startsWith(r.name + '.')));
      if (named.length !== 1) planFail(`data model ${model.name} has several root datasets: name one`, span, `write from datamodel=${model.name}.<root>, one of: ${rs.map((r) => r.name).join(', ')}`);
      dataset = named[0];
    }
  }
  if (opts.nodename) {
    const n = opts.nodename;
    const target = findDataset(model, n.text);
    const ok = target && chainOf(model, target).includes(dataset);
    if (!target || !ok) {
      const under = datasetPaths(model).filter((p) => p === pathOf(model, dataset!) || p.startsWith(pathOf(model, dataset!) + '.'));
      planFail(`unknown nodename '${n.text}' under ${model.name}.${pathOf(model, dataset)}`, n.span, `datasets: ${under.join(', ')}`);
    }
    dataset = target;
  }
  return { compiled: compileDataset(model, dataset, ctx) };
}

/**
 * Warns about a field the dataset does not have, with the names it does have.
 * Splunk does not stop such a search: tstats reads "indexed fields in tsidx
 * files" (search reference "tstats", help.splunk.com/splunk-enterprise/
 * spl-search-reference/9.4/search-commands/tstats), and a field outside the
 * data model has no value there, so the search runs and the field is never
 * present: `where` terms on it are false (`NOT f=v` true), by-rows on it are
 * dropped unless fillnull_value is set, and aggregations over it see nothing.
 * One warning per field name, at its first use.
 */
export function checkFields(source: DatasetSource, used: readonly { name: string; span: Span }[], ctx: PlanContext): void {
  const names = source.compiled.fieldNames;
  const warned = new Set<string>();
  for (const u of used) {
    if (names.has(u.name) || BUILTIN.has(u.name) || warned.has(u.name)) continue;
    warned.add(u.name);
    const all = [...names].filter((n) => !BUILTIN.has(n));
    const caseless = all.find((n) => n.toLowerCase() === u.name.toLowerCase());
    const suffix = all.filter((n) => n.endsWith('.' + u.name));
    let hint: string;
    if (caseless) hint = `field names are case-sensitive: did you mean ${caseless}?`;
    else if (suffix.length > 0) hint = `data model fields carry their dataset's name: did you mean ${suffix.join(' or ')}?`;
    else {
      const prefix = u.name.includes('.') ? u.name.slice(0, u.name.lastIndexOf('.') + 1) : '';
      const same = prefix ? all.filter((n) => n.startsWith(prefix)) : all;
      const list = (same.length > 0 ? same : all).sort();
      hint = `fields of ${source.compiled.label}: ${list.slice(0, 60).join(', ')}${list.length > 60 ? ', ...' : ''}`;
    }
    ctx.warn(`field '${u.name}' is not in data model ${source.compiled.label}: it has no value in any row`, u.span, hint);
  }
}

/** The dataset's events as rows: the data model fields plus _raw, newest first. */
export async function* datasetEvents(source: DatasetSource, ctx: RunContext, flat: boolean): RowStream {
  const out: Row[] = [];
  const strip = (name: string): string => (flat && name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name);
  for await (const batch of ctx.events({ fields: new Set([...source.compiled.reads, '_raw']) })) {
    for (const event of batch) {
      const raw = event.get('_raw');
      const row = source.compiled.toRow(event);
      if (!row) continue;
      const ev: Row = new Map();
      if (raw !== undefined) ev.set('_raw', raw as Value);
      for (const [k, v] of row) ev.set(strip(k), v);
      out.push(ev);
    }
  }
  // a stable sort keeps file order among events of the same second
  out.sort((a, b) => ((b.get('_time') as number) ?? 0) - ((a.get('_time') as number) ?? 0));
  yield* batches(out);
}

export function planDatamodel(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('strict_fields', 'allow_old_summaries', 'summariesonly').only(['value'], 'datamodel takes: <Model> <Dataset> search');
  for (const b of ['allow_old_summaries', 'summariesonly']) args.bool(b, false);
  // strict_fields chooses which fields the results hold (datamodel reference); splinter gives the data
  // model's fields and _raw whatever it says, so it refuses the option rather than ignore it
  const strict = args.options.get('strict_fields');
  if (strict) args.fail(`splinter does not support datamodel strict_fields=${strict.value.text}`, strict.span, "the results hold the dataset's fields and _raw; leave strict_fields out");
  const vals = args.values();
  if (vals.length < 3) {
    args.fail(
      vals.length === 0 ? 'datamodel without arguments lists the data models as JSON, which splinter does not produce' : 'datamodel needs a data model, a dataset and a mode',
      node.span,
      `write | datamodel <Model> <Dataset> search; known data models: ${modelNames().join(', ')}`,
    );
  }
  if (vals.length > 3) args.fail(`unexpected '${vals[3].text}' in datamodel`, vals[3].span);
  const mode = vals[2].text.toLowerCase();
  if (mode !== 'search' && mode !== 'flat') {
    args.fail(`datamodel mode '${vals[2].text}' is not supported`, vals[2].span, 'splinter runs the modes that return events: search and flat');
  }
  const model = findModel(vals[0].text);
  if (!model) resolveDatasetSpec(vals[0].text, vals[0].span, ctx);
  const source = resolveDatasetSpec(`${vals[0].text}.${vals[1].text}`, vals[1].span, ctx);
  const flat = mode === 'flat';
  return {
    name: 'datamodel',
    span: node.span,
    kind: 'generating',
    run: (_input, runCtx) => datasetEvents(source, runCtx, flat),
  };
}
