/** where: keeps the rows for which the eval expression is true (where reference). */
import type { Expr, WhereCommand } from '../../ast/nodes.js';
import { someExpr } from '../../ast/chain.js';
import { makeEnv } from '../../eval/env.js';
import { tryCompile } from '../../eval/compile.js';
import { PlanError, type PlanContext } from '../plan-error.js';
import { evalCompileContext } from './lookup.js';
import { streaming, type Operator } from '../types.js';

export function planWhere(node: WhereCommand, ctx: PlanContext): Operator {
  const { compiled, diagnostic } = tryCompile(node.expr, evalCompileContext(ctx));
  if (diagnostic) throw new PlanError(diagnostic);
  warnLiteralWildcards(node.expr, ctx);
  const env = makeEnv(ctx);
  return streaming('where', node.span, (rows) =>
    rows.filter((row) => {
      env.row = row;
      return compiled!(env) === true;
    }),
  );
}

/**
 * `where user="adm*"` compares with the text adm*: the where command takes
 * no wildcards, only like() and its % and _ do ("where" usage, Search
 * Reference 10.0: use the like function for a wildcard match). Learners
 * bring `*` over from search, where it is one, and get no rows without a
 * word; [decision] splinter warns at the string, once per comparison.
 */
function warnLiteralWildcards(expr: Expr, ctx: PlanContext): void {
  someExpr(expr, (x) => {
    if (x.type !== 'binary' || x.operands.length !== 2 || !['=', '==', '!='].includes(x.ops[0])) return false;
    const [a, b] = x.operands;
    const field = a.type === 'field' ? a : b.type === 'field' ? b : undefined;
    const str = a.type === 'string' ? a : b.type === 'string' ? b : undefined;
    if (field && str && str.value.includes('*')) {
      const pattern = str.value.replace(/\*/g, '%');
      const name = /^[A-Za-z_][\w.]*$/.test(field.name) ? field.name : `'${field.name}'`;
      ctx.warn(
        `where compares ${field.name} with the text "${str.value}": '*' is not a wildcard in where`,
        str.span,
        `to match a pattern, use like(${name}, "${pattern}") in where, or search ${field.name}=${str.value}`,
      );
    }
    return false;
  });
}
