/**
 * lookup: enriches results with the rows of a lookup table that match them.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/lookup
 *
 * `lookup [local=<bool>] [update=<bool>] <name> (<lookup-field> [AS <event-field>])...
 *   [OUTPUT | OUTPUTNEW (<lookup-field> [AS <event-field>])...]`
 *
 * - Without OUTPUT/OUTPUTNEW every table field that is not a match field is
 *   written, under its own name.
 * - OUTPUT overwrites the event's fields: a result the lookup runs on but
 *   that matches no row loses them. OUTPUTNEW "is not performed for events
 *   in which the output fields already exist": such a result is left alone,
 *   and otherwise only the missing fields are written.
 * - A result that lacks one of the match fields is left as it is.
 * - [decision] local= and update= are accepted and change nothing, as the
 *   10.0 page describes them
 *   (https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/lookup):
 *   local=true "forces the lookup to run on the search head and not on any
 *   remote peers" (splinter has one place to run), and update=true makes
 *   real-time searches see a table modified on disk, which "does not apply
 *   to searches that are not real-time searches" (splinter's are not).
 * - event_time_field= is refused (Args.unsupported): it serves temporal
 *   lookups, which splinter does not support.
 * The definition's matching rules (WILDCARD, CIDR, case, min/max matches,
 * default_match) are in src/lookups/match.ts.
 */
import type { GenericArg, GenericCommand } from '../../ast/nodes.js';
import type { Span } from '../../diagnostics/diagnostic.js';
import { combinations, compileMatcher, outputValues } from '../../lookups/match.js';
import type { LookupTable } from '../../lookups/csv.js';
import type { CompileContext } from '../../functions/eval/types.js';
import { builtinLookup, deploymentLookup, type LookupDefinition } from '../../lookups/registry.js';
import { fromList, valuesOf, type Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';

interface Pair {
  readonly column: string;
  readonly field: string;
  readonly span: Span;
}

export function planLookup(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node)
    .unsupported({
      event_time_field: {
        why: 'it names the event time for temporal lookups (time_field in transforms.conf), which splinter does not support',
        hint: 'remove it: splinter matches on the fields alone',
      },
    })
    .allowOnly('local', 'update').only(['value', 'operator'], 'lookup <name> <field> [AS <event field>] [OUTPUT <field> [AS <name>]]');
  const items = args.rest;
  if (items.length === 0 || items[0].kind !== 'value') planFail('lookup needs a lookup name', node.span, 'for example: lookup users_lookup user OUTPUT department');
  const nameArg = items[0] as Extract<GenericArg, { kind: 'value' }>;
  const { def, table } = resolveLookup(nameArg.value.text, nameArg.span, ctx, 'lookup');
  // split the rest at OUTPUT / OUTPUTNEW
  let mode: 'all' | 'OUTPUT' | 'OUTPUTNEW' = 'all';
  const inputs: GenericArg[] = [];
  const outputs: GenericArg[] = [];
  for (const a of items.slice(1)) {
    if (a.kind === 'value' && !a.value.quoted && /^(output|outputnew)$/i.test(a.value.text)) {
      if (mode !== 'all') planFail(`lookup takes one ${mode} clause`, a.span);
      mode = a.value.text.toUpperCase() as 'OUTPUT' | 'OUTPUTNEW';
      continue;
    }
    (mode === 'all' ? inputs : outputs).push(a);
  }
  const inPairs = pairs(inputs, 'lookup');
  if (inPairs.length === 0) planFail(`lookup ${def.name} needs at least one field to match on`, nameArg.span, `for example: lookup ${def.name} ${table.columns[0] ?? 'field'}`);
  const known = new Set(table.columns);
  const checkColumn = (p: Pair) => {
    if (table.columns.length && !known.has(p.column)) {
      planFail(`lookup ${def.name} has no field '${p.column}'`, p.span, `its fields: ${table.columns.join(', ')}`);
    }
  };
  inPairs.forEach(checkColumn);
  let outPairs: Pair[];
  if (mode === 'all') {
    const matched = new Set(inPairs.map((p) => p.column));
    outPairs = table.columns.filter((c) => !matched.has(c)).map((c) => ({ column: c, field: c, span: nameArg.span }));
  } else {
    outPairs = pairs(outputs, 'lookup');
    if (outPairs.length === 0) planFail(`${mode} needs at least one field`, node.span);
    outPairs.forEach(checkColumn);
  }
  const col = (c: string) => table.columns.indexOf(c);
  const inCols = inPairs.map((p) => col(p.column));
  const matcher = compileMatcher(def, table, inCols);
  const outs = outPairs.map((p) => ({ field: p.field, col: col(p.column) }));
  const inFields = inPairs.map((p) => p.field);
  const outputNew = mode === 'OUTPUTNEW';
  const op = reading(streaming('lookup', node.span, (rows) => {
    for (const row of rows) {
      const inputValues: (readonly Scalar[])[] = [];
      let missing = false;
      for (const f of inFields) {
        const vs = valuesOf(row.get(f));
        if (vs.length === 0) {
          missing = true;
          break;
        }
        inputValues.push(vs);
      }
      if (missing) continue;
      if (outputNew && outs.every((o) => row.has(o.field))) continue;
      const hits: (readonly string[])[] = [];
      for (const combo of combinations(inputValues)) for (const h of matcher.match(combo)) hits.push(h);
      for (const o of outs) {
        if (outputNew && row.has(o.field)) continue;
        const v = o.col < 0 ? undefined : fromList(outputValues(def, hits, o.col));
        if (v === undefined) row.delete(o.field);
        else row.set(o.field, v);
      }
    }
    return rows;
  }), inFields);
  if (!def.collection) return op;
  // a KV store collection has no rows offline: say so once per run, as inputlookup does, rather than add nothing silently
  return {
    ...op,
    run(input, rctx) {
      rctx.notify({ stage: 'runtime', severity: 'notice', message: `lookup ${def.name}: KV store collection '${def.collection}' has no data offline; no field is added`, span: nameArg.span });
      return op.run(input, rctx);
    },
  };
}

/** `a AS b, c` → pairs (lookup field, event field). */
function pairs(args: readonly GenericArg[], cmd: string): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.kind === 'operator' && a.text === ',') continue;
    if (a.kind !== 'value') planFail(`unexpected '${a.kind === 'operator' ? a.text : a.kind}' in ${cmd}`, a.span);
    const next = args[i + 1];
    if (next && next.kind === 'value' && !next.value.quoted && /^as$/i.test(next.value.text)) {
      const target = args[i + 2];
      if (!target || target.kind !== 'value') planFail(`AS needs a field name after it`, next.span);
      out.push({ column: a.value.text, field: target.value.text, span: a.span });
      i += 2;
    } else out.push({ column: a.value.text, field: a.value.text, span: a.span });
  }
  return out;
}

/**
 * A lookup by name, its table read; every problem is a plan diagnostic at
 * `span`. A scripted lookup has no table to list: only `lookup` may use it.
 */
export function resolveLookup(name: string, span: Span, ctx: PlanContext, cmd: string): { def: LookupDefinition; table: LookupTable } {
  const reg = ctx.lookups;
  const def = reg ? reg.get(name) : builtinLookup(name);
  if (!def) {
    const deployment = deploymentLookup(name);
    planFail(
      `unknown lookup '${name}'`,
      span,
      deployment
        ? `it is ${deployment}; give a CSV of it with --lookups (a file ${name}.csv, or a transforms.conf stanza)`
        : !reg || reg.size === 0
        ? 'no lookups are loaded: pass --lookups <folder> (security_content lookups/ is found beside a macros/ folder given with -m)'
        : `no lookup definition or table file of that name among the ${reg.size} loaded`,
    );
  }
  if (def.unsupported) planFail(`${cmd} '${name}' cannot run offline`, span, `splinter cannot use it: ${def.unsupported}`);
  if (def.script) {
    if (cmd !== 'lookup') planFail(`${cmd} cannot read '${name}': it is a scripted lookup, with no table`, span, `its script (${def.script.file}) computes ${def.script.fields.filter((f) => !def.script!.inputs.includes(f)).join(', ')} from ${def.script.inputs.join(', ')}; use it with the lookup command`);
    return { def, table: { columns: def.script.fields, rows: [] } };
  }
  const t = reg!.table(def);
  if (t.diagnostic) {
    // a malformed row points into the lookup file; other problems point at the name
    const d = t.diagnostic;
    throw new PlanError(d.source && d.span ? d : { ...d, span });
  }
  return { def, table: t.table! };
}

/**
 * What the eval compiler needs at plan time: the eval lookup() function
 * resolves its table the way this command does (src/functions/eval/lookup.ts).
 */
export function evalCompileContext(ctx: PlanContext): CompileContext {
  return { lookupTable: (name, span) => resolveLookup(name, span, ctx, 'lookup()') };
}
