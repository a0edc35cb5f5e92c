/**
 * fieldformat: a display format for a field; the value itself is unchanged.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/fieldformat
 *
 * `fieldformat <field>=<eval-expression>`
 *
 * - "use an <eval-expression> to change the format of a field value when
 *   the results render. This command changes the appearance of the results
 *   without changing the underlying value of the field": later commands
 *   (sort, eval, where, stats...) see the value as it was.
 * - One expression per command ("To specify multiple formats you must use
 *   multiple fieldformat commands"); the field is a name without wildcards.
 *   The grammar is eval's (the parser reads `fieldformat` as a variant of
 *   the eval command).
 * - It "does not apply to commands that export data, such as the outputcsv
 *   and outputlookup commands": only the printed results are formatted.
 *
 * How it works here: the operator passes its rows on untouched; the writers
 * (src/cli/output.ts) print each result through `displayFormatter(plan)`,
 * which evaluates the expressions of the pipeline's fieldformat commands
 * against the final result, as eval would, on a copy of it.
 *
 * Decisions where the page is silent:
 * - The expressions are evaluated in pipeline order, each against the
 *   result's own values (a format never sees another one's output); a later
 *   fieldformat of the same field wins.
 * - A format applies to results that have the field when they are printed
 *   (a field removed by a later fields/table, or renamed, is not brought
 *   back); a null result prints the field empty, as eval's null does.
 * - Only the top-level pipeline's fieldformat commands format the output;
 *   one inside a subsearch has no effect on what is printed.
 */
import type { EvalCommand } from '../../ast/nodes.js';
import { isBooleanExpr, tryCompile } from '../../eval/compile.js';
import type { Compiled } from '../../functions/eval/types.js';
import { makeEnv, storeValue } from '../../eval/env.js';
import type { Plan } from '../../plan/plan.js';
import type { Row } from '../../values/value.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { evalCompileContext } from './lookup.js';
import type { Operator, RowStream } from '../types.js';

export interface FieldformatOperator extends Operator {
  readonly name: 'fieldformat';
  /** the field and its compiled display expression */
  readonly display: { readonly field: string; readonly compiled: Compiled };
}

export function planFieldformat(node: EvalCommand, ctx: PlanContext): FieldformatOperator {
  const usage = 'fieldformat <field>=<eval-expression>';
  if (node.assignments.length !== 1) planFail('fieldformat takes one <field>=<eval-expression>', node.assignments[1]?.field.span ?? node.span, 'use one fieldformat command per field');
  const a = node.assignments[0];
  if (a.field.name.includes('*')) planFail('fieldformat takes a field name without wildcards', a.field.span, usage);
  if (isBooleanExpr(a.expr)) planFail(`the result of a fieldformat expression cannot be a boolean (field '${a.field.name}')`, a.expr.span, 'wrap the condition in if(): if(x, "yes", "no")');
  const { compiled, diagnostic } = tryCompile(a.expr, evalCompileContext(ctx));
  if (diagnostic) throw new PlanError(diagnostic);
  return {
    name: 'fieldformat',
    span: node.span,
    kind: 'streaming',
    display: { field: a.field.name, compiled: compiled! },
    run(input: RowStream): RowStream {
      return input;
    },
  };
}

/**
 * The display form of the results of a plan with fieldformat commands: a
 * function from a result to the copy to print; undefined when the plan has
 * none (results print as they are).
 */
export function displayFormatter(plan: Plan, ctx: { now: number; tz: string }): ((row: Row) => Row) | undefined {
  const formats = plan.operators.filter((op): op is FieldformatOperator => op.name === 'fieldformat' && 'display' in op).map((op) => op.display);
  if (formats.length === 0) return undefined;
  const env = makeEnv(ctx);
  return (row) => {
    let out: Row | undefined;
    env.row = row;
    for (const f of formats) {
      if (!row.has(f.field)) continue;
      out ??= new Map(row);
      storeValue(out, f.field, f.compiled(env));
    }
    return out ?? row;
  };
}
