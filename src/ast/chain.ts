/**
 * Walking an expression without recursing per operand: a binary node holds a
 * whole chain (`a OR b OR ...`, src/ast/nodes.ts ExprBinary), and these
 * helpers walk the tree with an explicit stack, so neither a long chain nor a
 * long argument list deepens the JavaScript stack.
 */
import type { Expr } from './nodes.js';

/** The direct sub-expressions of an expression, in source order. */
export function children(e: Expr): readonly Expr[] {
  switch (e.type) {
    case 'binary':
      return e.operands;
    case 'call':
      return e.args;
    case 'not':
    case 'negate':
      return [e.operand];
    case 'like':
      return [e.left, e.pattern];
    case 'in':
      return [e.left, ...e.values];
    default:
      return [];
  }
}

/** True when `test` holds for `e` or any expression inside it (visited in source order, parents first). */
export function someExpr(e: Expr, test: (x: Expr) => boolean): boolean {
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (test(x)) return true;
    const kids = children(x);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return false;
}
