/**
 * `| from datamodel:<Model>.<Dataset>` (search reference "from",
 * help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/
 * from: "You can specify a colon ( : ) or a space between <dataset_type> and
 * <dataset_name>"; `datamodel=` is accepted too). Gives the same rows as
 * `| datamodel <Model> <Dataset> search`. The other dataset types (lookup,
 * savedsearch) need a Splunk server's configuration and are rejected.
 */
import type { GenericCommand, SearchValue } from '../../ast/nodes.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import type { Operator } from '../types.js';
import { datasetEvents, resolveDatasetSpec } from './datamodel.js';

export function planFrom(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('datamodel').only(['value'], 'from takes: datamodel:<Model>.<Dataset>');
  let spec: SearchValue | undefined = args.option('datamodel');
  const vals = args.values();
  if (!spec) {
    const first = vals[0];
    if (!first) planFail('from needs a dataset: from datamodel:<Model>.<Dataset>', node.span);
    const m = /^([A-Za-z_]+):(.*)$/.exec(first.text);
    const type = (m ? m[1] : first.text).toLowerCase();
    if (type !== 'datamodel') {
      planFail(`from ${m ? m[1] : first.text}: only data model datasets can be read offline`, first.span, 'write from datamodel:<Model>.<Dataset>; lookups and saved searches need a Splunk server');
    }
    if (m && m[2] !== '') spec = { ...first, text: m[2] };
    else {
      spec = vals[1];
      if (!spec) planFail('from datamodel needs a dataset name: from datamodel:<Model>.<Dataset>', first.span);
      if (vals.length > 2) planFail(`unexpected '${vals[2].text}' in from`, vals[2].span);
    }
    if (m && m[2] !== '' && vals.length > 1) planFail(`unexpected '${vals[1].text}' in from`, vals[1].span);
  } else if (vals.length > 0) planFail(`unexpected '${vals[0].text}' in from`, vals[0].span);
  const source = resolveDatasetSpec(spec.text, spec.span, ctx);
  return {
    name: 'from',
    span: node.span,
    kind: 'generating',
    run: (_input, runCtx) => datasetEvents(source, runCtx, false),
  };
}
