/**
 * From an event (its fields, eventtypes and tags computed) to a data model
 * row, one generic mechanism for every model (cim-datamodels.md §2.0, §5):
 * - the event must pass the constraint of every dataset from the root to
 *   the target; each dataset's calculated fields are applied, in their
 *   order, before its children's constraints are tested (a child constraint
 *   such as `action="failure"` sees the model's own `unknown` fill);
 * - the row holds `_time`, `host`, `source`, `sourcetype` and every field of
 *   the chain named `<dataset path>.<field>` (`Processes.dest`,
 *   `All_Changes.Account_Management.src_user`); fields of the target's
 *   descendants are there too when the event also belongs to them.
 * Constraints are compiled once with the search predicate and calculated
 * fields with the eval compiler.
 */
import { compileSearch, searchFields, type RowPredicate } from '../search/predicate.js';
import { makeEnv, storeValue } from '../eval/env.js';
import { compileEvalText } from '../searchtime/apply.js';
import { parseSearchText } from '../searchtime/eventtypes.js';
import { compilePcre } from '../values/regex.js';
import { firstScalar, toStr } from '../values/coerce.js';
import type { Row, Value } from '../values/value.js';
import { chainOf, childrenOf, pathOf, type DataModel, type Dataset } from './index.js';

/** Fields every dataset inherits from BaseEvent / BaseSearch. */
export const BASE_FIELDS: readonly string[] = ['_time', 'host', 'source', 'sourcetype'];

type Calc = (row: Row) => void;

interface Node {
  readonly path: string;
  readonly test: RowPredicate;
  readonly calcs: readonly Calc[];
  /** [output name, event field] */
  readonly fields: readonly (readonly [string, string])[];
  readonly children: readonly Node[];
}

export interface CompiledDataset {
  readonly model: DataModel;
  readonly dataset: Dataset;
  /** `Endpoint.Processes`-style name for messages */
  readonly label: string;
  /** every output field name (base fields and dataset-qualified ones) */
  readonly fieldNames: ReadonlySet<string>;
  /** the event fields the constraints, calculations and field copies read */
  readonly reads: ReadonlySet<string>;
  /**
   * the data model row of an event, or undefined when it is not in the
   * dataset; the event is changed by the calculations, unless `keep`: then
   * they work on a copy, made only when the event is in the dataset's chain
   * so far and a calculation is to run
   */
  toRow(event: Row, keep?: boolean): Row | undefined;
}

interface Ctx {
  readonly now: number;
  readonly tz: string;
}

function compileCalcs(ds: Dataset, ctx: Ctx, reads: Set<string>, label: string): Calc[] {
  const env = makeEnv(ctx);
  return ds.calcs.map((c): Calc => {
    switch (c.kind) {
      case 'eval': {
        const { compiled, reads: r } = compileEvalText(c.expr, `${label} calculated field ${c.field}`);
        r.forEach((f) => reads.add(f));
        const field = c.field;
        return (row) => {
          env.row = row;
          storeValue(row, field, compiled(env));
        };
      }
      case 'rex': {
        reads.add(c.input);
        const re = compilePcre(c.regex);
        const input = c.input;
        return (row) => {
          const v = firstScalar(row.get(input));
          if (v === undefined) return;
          const m = re.exec(toStr(v));
          if (m?.groups) for (const [k, val] of Object.entries(m.groups)) if (val !== undefined && val !== '') row.set(k, val);
        };
      }
      case 'lookup': {
        reads.add(c.match.field);
        const mi = c.columns.indexOf(c.match.column);
        const oi = c.columns.indexOf(c.output.column);
        const table = new Map(c.rows.map((r) => [r[mi].toLowerCase(), r[oi]]));
        const { field: inField } = c.match;
        const { field: outField } = c.output;
        return (row) => {
          const v = firstScalar(row.get(inField));
          const hit = v === undefined ? undefined : table.get(toStr(v).toLowerCase());
          if (hit !== undefined) row.set(outField, hit);
        };
      }
    }
  });
}

function compileNode(model: DataModel, ds: Dataset, ctx: Ctx, reads: Set<string>, names: Set<string>, withChildren: boolean): Node {
  const path = pathOf(model, ds);
  const expr = parseSearchText(ds.constraint, `${model.name}.${path} constraint`);
  searchFields(expr, reads);
  const fields = ds.fields.map((f) => {
    reads.add(f.name);
    names.add(`${path}.${f.name}`);
    return [`${path}.${f.name}`, f.name] as const;
  });
  const calcs = compileCalcs(ds, ctx, reads, `${model.name}.${path}`);
  const children = withChildren ? childrenOf(model, ds.name).map((c) => compileNode(model, c, ctx, reads, names, true)) : [];
  return { path, test: compileSearch(expr, ctx), calcs, fields, children };
}

export function compileDataset(model: DataModel, dataset: Dataset, ctx: Ctx): CompiledDataset {
  const reads = new Set<string>(BASE_FIELDS);
  reads.add('tag');
  reads.add('eventtype');
  const names = new Set<string>(BASE_FIELDS);
  const chain = chainOf(model, dataset).map((d, i, all) => compileNode(model, d, ctx, reads, names, i === all.length - 1));

  const addFields = (out: Row, event: Row, node: Node): void => {
    for (const [name, from] of node.fields) {
      const v = event.get(from);
      if (v !== undefined) out.set(name, v as Value);
    }
  };
  const descend = (out: Row, event: Row, node: Node): void => {
    for (const child of node.children) {
      // siblings must not see each other's calculations
      const e = child.calcs.length > 0 ? new Map(event) : event;
      if (!child.test(e)) continue;
      for (const c of child.calcs) c(e);
      addFields(out, e, child);
      descend(out, e, child);
    }
  };
  return {
    model,
    dataset,
    label: `${model.name}.${pathOf(model, dataset)}`,
    fieldNames: names,
    reads,
    toRow(event, keep = false) {
      for (const node of chain) {
        if (!node.test(event)) return undefined;
        if (keep && node.calcs.length > 0) {
          event = new Map(event);
          keep = false;
        }
        for (const c of node.calcs) c(event);
      }
      const out: Row = new Map();
      for (const f of BASE_FIELDS) {
        const v = event.get(f);
        if (v !== undefined) out.set(f, v as Value);
      }
      for (const node of chain) addFields(out, event, node);
      descend(out, event, chain[chain.length - 1]);
      return out;
    },
  };
}
