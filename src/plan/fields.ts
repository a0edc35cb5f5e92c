/**
 * The fields a pipeline can use. When its results are not raw events (a
 * stats, table or fields keeps only named fields), the events source only
 * needs to compute those: the add-ons' calculated fields that no command
 * reads are skipped. Any wildcard or whole-row use means every field.
 */
import type * as A from '../ast/nodes.js';
import { someExpr } from '../ast/chain.js';
import { fieldsOf } from '../eval/compile.js';
import type { Operator } from '../engine/types.js';
import { searchFields, subsearchesOf } from '../search/predicate.js';

/**
 * undefined means "every field". `operators` (one per command, as planned)
 * tell what the commands without a grammar of their own read.
 */
export function requiredFields(p: A.Pipeline, operators?: readonly Operator[]): Set<string> | undefined {
  const out = new Set<string>(['_time']);
  let projected = false;
  const add = (name: string): boolean => {
    if (name.includes('*')) return false;
    out.add(name);
    return true;
  };
  const addExpr = (e: A.Expr): boolean => {
    if (usesWholeRow(e)) return false;
    fieldsOf(e).forEach((f) => out.add(f));
    return true;
  };
  for (const [i, c] of p.commands.entries()) {
    switch (c.type) {
      case 'search':
        if (c.expr && subsearchesOf(c.expr).length) return undefined; // a subsearch can name any field
        if (c.expr) searchFields(c.expr, out);
        break;
      case 'where':
        if (!addExpr(c.expr)) return undefined;
        break;
      case 'eval':
        for (const a of c.assignments) if (!addExpr(a.expr)) return undefined;
        break;
      case 'stats':
        for (const term of c.aggregations) {
          // sparkline(count(x)): the field is the inner term's
          for (const a of term.inner ? [term, term.inner] : [term]) {
            if (a.field && !add(a.field.name)) return undefined;
            if (a.expr && !addExpr(a.expr)) return undefined;
          }
        }
        for (const f of c.by) if (!add(f.name)) return undefined;
        if (c.variant === 'stats') projected = true;
        break;
      case 'convert':
        for (const v of c.conversions) if (!add(v.field.name)) return undefined;
        break;
      case 'table':
        for (const f of c.fields) if (!add(f.name)) return undefined;
        projected = true;
        break;
      case 'fields':
        if (c.remove) break;
        for (const f of c.fields) if (!add(f.name)) return undefined;
        projected = true;
        break;
      case 'rename':
        for (const r of c.renames) if (!add(r.from.name)) return undefined;
        break;
      case 'head':
        break;
      case 'sort':
        for (const k of c.keys) if (!add(k.field.name)) return undefined;
        break;
      case 'dedup':
        for (const f of c.fields) if (!add(f.name)) return undefined;
        for (const k of c.sortby) if (!add(k.field.name)) return undefined;
        break;
      case 'command': {
        const op = operators?.[i];
        if (!op?.reads) return undefined;
        for (const f of op.reads) if (!add(f)) return undefined;
        if (op.projects) projected = true;
        break;
      }
      default:
        return undefined;
    }
    if (projected) return out;
  }
  return undefined;
}

function usesWholeRow(e: A.Expr): boolean {
  return someExpr(e, (x) => x.type === 'call' && x.name.toLowerCase() === 'searchmatch');
}
