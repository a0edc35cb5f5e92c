/**
 * lookup(): a CSV lookup inside an eval expression.
 * Reference: Search Reference, Comparison and Conditional functions, "lookup(<lookup_table>,<json_object>,<json_array>)"
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/evaluation-functions/comparison-and-conditional-functions
 *
 *   lookup("<lookup_table>", json_object("<input_field>", <match_value>, ...) [, json_array("<output_field>", ...)])
 *
 * "This function performs a CSV lookup. It returns the output field or
 * fields in the form of a JSON object." Usable with eval, fieldformat and
 * where.
 * - <lookup_table> is a quoted name: a lookup definition or a CSV lookup
 *   table file, found the way the lookup command finds it (one table,
 *   resolved at plan time). A KV store collection or a scripted lookup is
 *   not a CSV lookup: a plan error.
 * - json_object pairs a field of the table (a quoted name) with the value to
 *   match, any expression (usually a field of the result).
 * - json_array names the table fields to return; without it every field of
 *   the table that is not an input field is returned, as the lookup command
 *   does without OUTPUT.
 * Matching is the lookup command's (src/lookups/match.ts): the definition's
 * case_sensitive_match, WILDCARD/CIDR match types, max_matches and
 * min_matches/default_match; a multivalue match value is looked up value by
 * value.
 *
 * Where the reference is silent (decisions):
 * - the result is compact JSON text; a CSV cell is untyped, so each value is
 *   a JSON string; an output field that several matched rows give values
 *   becomes a JSON array of them (as a multivalue field from the lookup
 *   command); an empty cell gives no value and its key is left out;
 * - no matching row (and no default_match): NULL, as the lookup command
 *   writes no field; a match value that is NULL: NULL, as the lookup command
 *   leaves a result without its match field alone;
 * - the table, the field names in json_object and json_array must be
 *   literals, so that they are checked once at plan time.
 */
import type * as A from '../../ast/nodes.js';
import { combinations, compileMatcher, outputValues } from '../../lookups/match.js';
import { toStr } from '../../values/coerce.js';
import type { Scalar } from '../../values/value.js';
import type { CallCompiler, Compiled, EvalFunction } from './types.js';

const USAGE = 'lookup("<lookup_table>", json_object("<input_field>", <match_value>, ...), json_array("<output_field>", ...))';

function compileLookup(e: A.ExprCall, c: CallCompiler): Compiled {
  const [tableArg, inputArg, outputArg] = e.args;
  if (tableArg.type !== 'string') c.fail('lookup(): the lookup table must be a quoted name', tableArg.span, USAGE);
  if (!c.ctx.lookupTable) c.fail('lookup() is not available here: no lookup tables are known where this expression runs', e.nameSpan, 'use lookup() in eval, where or fieldformat');
  const name = tableArg.value;
  const { def, table } = c.ctx.lookupTable(name, tableArg.span);
  if (def.collection !== undefined) {
    c.fail(`lookup() performs CSV lookups: '${name}' is a KV store collection`, tableArg.span, `use the lookup command: | lookup ${name} ...`);
  }
  const known = new Set(table.columns);
  const column = (arg: A.Expr, what: string): { name: string; col: number } => {
    if (arg.type !== 'string') c.fail(`lookup(): ${what} must be a quoted field name of the table`, arg.span, USAGE);
    if (table.columns.length && !known.has(arg.value)) c.fail(`lookup(): ${name} has no field '${arg.value}'`, arg.span, `its fields: ${table.columns.join(', ')}`);
    return { name: arg.value, col: table.columns.indexOf(arg.value) };
  };

  // json_object("<input_field>", <match_value>, ...)
  if (inputArg.type !== 'call' || inputArg.name.toLowerCase() !== 'json_object') {
    c.fail('lookup(): the second argument must be json_object("<input_field>", <match_value>, ...)', inputArg.span, USAGE);
  }
  if (inputArg.args.length === 0 || inputArg.args.length % 2 !== 0) {
    c.fail('lookup(): json_object() takes pairs of an input field and the value to match', inputArg.span, `for example: json_object("${table.columns[0] ?? 'field'}", ${table.columns[0] ?? 'field'})`);
  }
  const inputs: { col: number; value: Compiled }[] = [];
  const inputNames = new Set<string>();
  for (let i = 0; i < inputArg.args.length; i += 2) {
    const key = column(inputArg.args[i], 'an input field');
    if (inputNames.has(key.name)) c.fail(`lookup(): input field '${key.name}' is given twice`, inputArg.args[i].span);
    inputNames.add(key.name);
    inputs.push({ col: key.col, value: c.compile(inputArg.args[i + 1]) });
  }

  // json_array("<output_field>", ...), or every other field
  let outputs: { name: string; col: number }[];
  if (outputArg === undefined) {
    outputs = table.columns.filter((n) => !inputNames.has(n)).map((n) => ({ name: n, col: table.columns.indexOf(n) }));
  } else {
    if (outputArg.type !== 'call' || outputArg.name.toLowerCase() !== 'json_array') {
      c.fail('lookup(): the third argument must be json_array("<output_field>", ...)', outputArg.span, USAGE);
    }
    if (outputArg.args.length === 0) c.fail('lookup(): json_array() names no output field', outputArg.span, 'name the fields to return, or leave json_array out to return every other field');
    outputs = outputArg.args.map((a) => column(a, 'an output field'));
  }

  const matcher = compileMatcher(def, table, inputs.map((i) => i.col));
  return (env) => {
    const values: Scalar[][] = [];
    for (const i of inputs) {
      const v = i.value(env);
      if (v === null) return null;
      const list = (Array.isArray(v) ? v : [v]).map((x) => toStr(x as Scalar | boolean));
      if (list.length === 0) return null;
      values.push(list);
    }
    const hits: (readonly string[])[] = [];
    for (const combo of combinations(values)) for (const h of matcher.match(combo)) hits.push(h);
    const members: string[] = [];
    for (const o of outputs) {
      if (o.col < 0) continue;
      const vals = outputValues(def, hits, o.col).map((x) => toStr(x));
      if (vals.length === 0) continue;
      members.push(`${JSON.stringify(o.name)}:${JSON.stringify(vals.length === 1 ? vals[0] : vals)}`);
    }
    if (hits.length === 0 && members.length === 0) return null;
    return `{${members.join(',')}}`;
  };
}

export const lookupFunctions: readonly EvalFunction[] = [
  {
    name: 'lookup',
    minArgs: 2,
    maxArgs: 3,
    compile: compileLookup,
    call() {
      // never reached: the compiler uses compile() when a function has it
      throw new Error('lookup() is compiled from its syntax');
    },
  },
];
