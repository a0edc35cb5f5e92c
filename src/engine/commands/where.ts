/** where: keeps the rows for which the eval expression is true (where reference). */
import type { WhereCommand } from '../../ast/nodes.js';
import { makeEnv } from '../../eval/env.js';
import { tryCompile } from '../../eval/compile.js';
import { PlanError, type PlanContext } from '../plan-error.js';
import { evalCompileContext } from './lookup.js';
import { streaming, type Operator } from '../types.js';

export function planWhere(node: WhereCommand, ctx: PlanContext): Operator {
  const { compiled, diagnostic } = tryCompile(node.expr, evalCompileContext(ctx));
  if (diagnostic) throw new PlanError(diagnostic);
  const env = makeEnv(ctx);
  return streaming('where', node.span, (rows) =>
    rows.filter((row) => {
      env.row = row;
      return compiled!(env) === true;
    }),
  );
}
