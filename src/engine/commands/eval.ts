/**
 * eval: assignments left to right, each seeing the fields set before it; a
 * null result removes the field; a boolean result is an error (eval
 * reference: "The result of an eval expression cannot be a Boolean").
 */
import type { EvalCommand } from '../../ast/nodes.js';
import { isBooleanExpr, tryCompile } from '../../eval/compile.js';
import { makeEnv, storeValue } from '../../eval/env.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { evalCompileContext } from './lookup.js';
import { streaming, type Operator } from '../types.js';

export function planEval(node: EvalCommand, ctx: PlanContext): Operator {
  const cc = evalCompileContext(ctx);
  const steps = node.assignments.map((a) => {
    if (isBooleanExpr(a.expr)) {
      planFail(`the result of an eval expression cannot be a boolean (field '${a.field.name}')`, a.expr.span, 'wrap the condition in if(): if(x, "yes", "no")');
    }
    const { compiled, diagnostic } = tryCompile(a.expr, cc);
    if (diagnostic) throw new PlanError(diagnostic);
    return { field: a.field.name, compiled: compiled! };
  });
  const env = makeEnv(ctx);
  return streaming('eval', node.span, (rows) => {
    for (const row of rows) {
      env.row = row;
      for (const s of steps) storeValue(row, s.field, s.compiled(env));
    }
    return rows;
  });
}
