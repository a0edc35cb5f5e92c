/** search: keeps the rows the search expression matches (search reference). */
import type { SearchCommand } from '../../ast/nodes.js';
import { compileSearch, SearchCompileError } from '../../search/predicate.js';
import { PlanError, type PlanContext } from '../plan-error.js';
import { streaming, type Operator } from '../types.js';

export function planSearch(node: SearchCommand, ctx: PlanContext): Operator {
  if (!node.expr) return streaming('search', node.span, (rows) => rows);
  let test;
  try {
    test = compileSearch(node.expr, ctx);
  } catch (e) {
    if (e instanceof SearchCompileError) throw new PlanError(e.diagnostic);
    throw e;
  }
  return streaming('search', node.span, (rows) => rows.filter(test));
}
