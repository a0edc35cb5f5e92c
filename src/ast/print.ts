/**
 * AST → SPL text. Printing then parsing gives the same AST (spans aside):
 * test/parser/roundtrip.test.ts checks it over every search in queries/.
 */
import { escapeSpl } from '../parser/unescape.js';
import type * as A from './nodes.js';

export function printPipeline(p: A.Pipeline): string {
  const parts = p.commands.map(printCommand);
  return (p.leadingPipe ? '| ' : '') + parts.join(' | ');
}

const BREAKS = /[\s|()[\]",=<>`]|!=/;
const KEYWORDS = new Set(['AND', 'OR', 'NOT']);

export function printValue(v: A.SearchValue, generic = false): string {
  let body: string;
  // a bare IN is an operator in the search language, a plain word in a generic command (replace ... IN f)
  if (v.quoted || v.text === '' || BREAKS.test(v.text) || KEYWORDS.has(v.text) || (!generic && /^(in|IN)$/.test(v.text)) || v.text.startsWith("'")) {
    body = `"${escapeSpl(v.text)}"`;
  } else body = escapeSpl(v.text);
  return v.modifier ? `${v.modifier}(${body})` : body;
}

export function printField(f: A.FieldName): string {
  if (f.quoted || f.name === '' || BREAKS.test(f.name) || KEYWORDS.has(f.name)) return `'${f.name}'`;
  return f.name;
}

function printOption(o: A.Option): string {
  return `${o.name}=${printValue(o.value)}`;
}

// ------------------------------------------------------------ search
const SEARCH_PREC = { or: 1, and: 2, not: 3 } as const;

export function printSearch(e: A.SearchExpr, parent = 0): string {
  switch (e.type) {
    case 'and': {
      const s = e.items.map((x) => printSearch(x, SEARCH_PREC.and)).join(' ');
      // OR binds tighter than AND in search, so AND inside OR (or NOT) needs parentheses
      return parent > 0 && parent !== SEARCH_PREC.and ? `(${s})` : s;
    }
    case 'or': {
      const s = e.items.map((x) => printSearch(x, SEARCH_PREC.or)).join(' OR ');
      return parent >= SEARCH_PREC.not ? `(${s})` : s;
    }
    case 'not':
      return `NOT ${printSearch(e.expr, SEARCH_PREC.not)}`;
    case 'compare':
      return `${printField(e.field)}${e.op}${printValue(e.value)}`;
    case 'in':
      return `${printField(e.field)} IN (${e.values.map((v) => printValue(v)).join(', ')})`;
    case 'term':
      return printValue(e.value);
    case 'subsearch':
      return `[${printPipeline(e.pipeline)}]`;
    case 'macro':
      return '`' + e.call.text + '`';
  }
}

// ------------------------------------------------------------ eval
const PREC: Record<A.BinaryOperator, number> = {
  XOR: 1,
  OR: 2,
  AND: 3,
  '=': 5,
  '==': 5,
  '!=': 5,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '.': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};
const NOT_PREC = 4;
const UNARY_PREC = 8;

function exprPrec(e: A.Expr): number {
  switch (e.type) {
    case 'binary':
      return PREC[e.ops[0]];
    case 'not':
      return NOT_PREC;
    case 'like':
    case 'in':
      return 5;
    case 'negate':
      return UNARY_PREC;
    default:
      return 9;
  }
}

function evalField(name: string, quoted: boolean): string {
  // foreach template tokens (<<FIELD>>, <<MATCHSTR>>) are read as parts of a bare name
  const probe = name.replace(/<<\w+>>/g, 'x');
  if (!quoted && /^[A-Za-z_$@][A-Za-z0-9_$@:]*(?:\.[A-Za-z_$@][A-Za-z0-9_$@:]*)*$/.test(probe) && !/^(and|or|not|xor|like|in)$/i.test(name)) return name;
  return `'${name}'`;
}

export function printExpr(e: A.Expr): string {
  const wrap = (x: A.Expr, min: number) => (exprPrec(x) < min ? `(${printExpr(x)})` : printExpr(x));
  switch (e.type) {
    case 'string':
      return `"${escapeSpl(e.value)}"`;
    case 'number':
      return e.text;
    case 'field':
      return evalField(e.name, e.quoted);
    case 'call':
      return `${e.name}(${e.args.map(printExpr).join(', ')})`;
    case 'binary': {
      // a chain is one node: an operand of the same level (or any comparison) was written in parentheses
      const min = PREC[e.ops[0]] === 5 ? 6 : PREC[e.ops[0]] + 1;
      const parts = [wrap(e.operands[0], min)];
      e.ops.forEach((op, i) => parts.push(` ${op} `, wrap(e.operands[i + 1], min)));
      return parts.join('');
    }
    case 'not':
      return `NOT ${wrap(e.operand, NOT_PREC)}`;
    case 'negate':
      return `-${wrap(e.operand, UNARY_PREC)}`;
    case 'like':
      return `${wrap(e.left, 6)} LIKE ${wrap(e.pattern, 6)}`;
    case 'in':
      return `${wrap(e.left, 6)} IN (${e.values.map(printExpr).join(', ')})`;
  }
}

// ------------------------------------------------------------ commands
function printAggregation(a: A.Aggregation): string {
  let s = a.func;
  if (a.expr) s += `(eval(${printExpr(a.expr)}))`;
  else if (a.field) s += `(${printField(a.field)})`;
  else if (a.inner) s += `(${printAggregation(a.inner)}${a.spanLength ? `, ${a.spanLength.text}` : ''})`;
  if (a.as) s += ` AS ${printField(a.as)}`;
  return s;
}

function printSortKey(k: A.SortKey): string {
  const inner = k.kind === 'auto' && !k.sign ? printField(k.field) : k.kind === 'auto' ? printField(k.field) : `${k.kind}(${printField(k.field)})`;
  return k.sign === '' ? inner : `${k.sign}${inner}`;
}

function printGeneric(a: A.GenericArg): string {
  switch (a.kind) {
    case 'option':
      return a.group ? `${a.name}=(${a.group.map(printGeneric).join(' ')})` : `${a.name}=${printValue(a.value)}`;
    case 'value':
      return printValue(a.value, true);
    case 'operator':
      return a.text;
    case 'group':
      return `(${a.args.map(printGeneric).join(' ')})`;
    case 'subsearch':
      return `[${printPipeline(a.pipeline)}]`;
    case 'macro':
      return '`' + a.call.text + '`';
    case 'by':
      return `BY ${a.fields.map(printField).join(', ')}`;
  }
}

export function printCommand(c: A.Command): string {
  const join = (...xs: (string | undefined | false)[]) => xs.filter((x) => x).join(' ');
  switch (c.type) {
    case 'search':
      return c.implicit ? (c.expr ? printSearch(c.expr) : '') : join('search', c.expr ? printSearch(c.expr) : '');
    case 'where':
      return `where ${printExpr(c.expr)}`;
    case 'eval':
      return `${c.variant} ${c.assignments.map((a) => `${evalField(a.field.name, a.field.quoted)}=${printExpr(a.expr)}`).join(', ')}`;
    case 'stats':
      return join(c.variant, ...c.options.map(printOption), c.aggregations.map(printAggregation).join(' '), c.by.length > 0 && `BY ${c.by.map(printField).join(' ')}`);
    case 'convert':
      return join('convert', ...c.options.map(printOption), ...c.conversions.map((v) => `${v.func}(${printField(v.field)})${v.as ? ` AS ${printField(v.as)}` : ''}`));
    case 'table':
      return join('table', c.fields.map(printField).join(' '));
    case 'fields':
      return join('fields', c.remove && '-', c.fields.map(printField).join(' '));
    case 'rename':
      return `rename ${c.renames.map((r) => `${printField(r.from)} AS ${printField(r.to)}`).join(', ')}`;
    case 'head':
      return join('head', c.count !== undefined && String(c.count), ...c.options.map(printOption));
    case 'sort':
      return join('sort', c.limit !== undefined && String(c.limit), ...c.options.map(printOption), c.keys.map(printSortKey).join(', '), c.reverse && 'desc');
    case 'dedup':
      return join('dedup', c.count !== undefined && String(c.count), c.fields.map(printField).join(' '), ...c.options.map(printOption), c.sortby.length > 0 && `sortby ${c.sortby.map(printSortKey).join(', ')}`);
    case 'tstats':
      return join(
        'tstats',
        ...c.options.map(printOption),
        c.aggregations.map(printAggregation).join(' '),
        c.from && `from ${c.from.kind ? `${c.from.kind}=` : ''}${printValue(c.from.value)}`,
        c.where && `where ${printSearch(c.where)}`,
        c.by.length > 0 && `BY ${c.by.map(printField).join(' ')}`,
        ...c.byOptions.map(printOption),
      );
    case 'macro':
      return '`' + c.call.text + '`';
    case 'command':
      return join(c.name, ...c.args.map(printGeneric));
  }
}
