/**
 * `splinter explain`: one readable page on what a search is and does, for
 * people learning SPL. From a compiled search (src/api.ts compile):
 *
 * 1. Macros: each call, where it is written, where its definition came
 *    from, and what it became; nested calls indented under their caller.
 * 2. The expanded search, one command per line, with what each macro
 *    written in the search became marked under it.
 * 3. How it is read: search and where/eval expressions with the grouping
 *    made explicit (parentheses around every group, AND written out), so
 *    that `A OR B C` shows as `(A OR B) AND C`.
 * 4. The plan: per command, streaming, blocking or generating; what it
 *    does to the rows; the fields it reads and makes (fields.ts).
 * 5. Notes where the search relies on a rule learners trip over (notes.ts).
 *
 * When the search does not compile, the page shows what was reached and
 * names the first problem; the caller renders the diagnostics.
 */
import type { Compiled } from '../api.js';
import type * as A from '../ast/nodes.js';
import { position } from '../diagnostics/diagnostic.js';
import { printCommand, printExpr, printField, printSearch } from '../ast/print.js';
import { originKind, originText } from '../macros/index.js';
import { commandFields } from './fields.js';
import { notes } from './notes.js';

/** search with every group in parentheses and AND written out; `top` drops the outer parentheses */
export function explicitSearch(e: A.SearchExpr, top = true): string {
  switch (e.type) {
    case 'and':
    case 'or': {
      const s = e.items.map((x) => explicitSearch(x, false)).join(e.type === 'and' ? ' AND ' : ' OR ');
      return top ? s : `(${s})`;
    }
    case 'not':
      return `NOT ${explicitSearch(e.expr, false)}`;
    case 'subsearch':
      return `[${e.pipeline.commands.map((c, i) => (i ? '| ' : '') + explicitCommand(c)).join(' ')}]`;
    default:
      return printSearch(e);
  }
}

/** an eval expression with every operation in parentheses, left to right */
export function explicitExpr(e: A.Expr, top = true): string {
  const wrap = (s: string) => (top ? s : `(${s})`);
  switch (e.type) {
    case 'binary': {
      let acc = explicitExpr(e.operands[0], false);
      e.ops.forEach((op, i) => {
        const next = `${acc} ${op} ${explicitExpr(e.operands[i + 1], false)}`;
        acc = i === e.ops.length - 1 ? next : `(${next})`;
      });
      return wrap(acc);
    }
    case 'not':
      return wrap(`NOT ${explicitExpr(e.operand, false)}`);
    case 'negate':
      return `-${explicitExpr(e.operand, false)}`;
    case 'call':
      return `${e.name}(${e.args.map((a) => explicitExpr(a)).join(', ')})`;
    case 'like':
      return wrap(`${explicitExpr(e.left, false)} LIKE ${explicitExpr(e.pattern, false)}`);
    case 'in':
      return wrap(`${explicitExpr(e.left, false)} IN (${e.values.map((v) => explicitExpr(v)).join(', ')})`);
    default:
      return printExpr(e);
  }
}

function explicitCommand(c: A.Command): string {
  switch (c.type) {
    case 'search':
      return c.expr ? `search ${explicitSearch(c.expr)}` : 'search';
    case 'where':
      return `where ${explicitExpr(c.expr)}`;
    case 'eval':
      return `${c.variant} ${c.assignments.map((a) => `${printField(a.field)}=${explicitExpr(a.expr)}`).join(', ')}`;
    case 'tstats':
      return c.where ? printCommand({ ...c, where: undefined }).replace(/( by |$)/i, ` where ${explicitSearch(c.where)}$1`) : printCommand(c);
    default:
      return printCommand(c);
  }
}

function section(title: string, lines: readonly string[]): string {
  return [title, ...lines.map((l) => (l === '' ? '' : '  ' + l))].join('\n');
}

function macroLines(compiled: Compiled): string[] {
  const exp = compiled.expansion!;
  if (exp.calls.length === 0) return ['(none)'];
  const top = exp.calls.filter((c) => c.depth === 0);
  return exp.calls.map((c) => {
    const at = position(c.source, c.span.start);
    const kind = originKind(c.origin);
    const from = c.generated
      ? 'not defined: `search *`, as contentctl generates an empty filter macro'
      : kind === 'built-in'
        ? 'built into splinter'
        : kind === 'command-line'
          ? `defined on the command line (${originText(c.origin)})`
          : `defined in ${originText(c.origin)}`;
    const label = c.depth === 0 ? `[${top.indexOf(c) + 1}]` : '-';
    const pad = '    '.repeat(c.depth);
    const became = oneLine(exp.text.slice(c.output.start, c.output.end));
    return `${pad}${label} \`${oneLine(c.source.text.slice(c.span.start, c.span.end).replace(/^`|`$/g, ''))}\` (${c.source.name}:${at.line}:${at.column}), ${from}\n  ${pad}    → ${became === '' ? '(nothing)' : became}`;
  });
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

/** the expanded search, a command per line, with the outputs of the macros written in the search marked */
function expandedLines(compiled: Compiled, ast: A.Pipeline): string[] {
  const exp = compiled.expansion!;
  const text = exp.text;
  const top = exp.calls.filter((c) => c.depth === 0);
  const out: string[] = [];
  const width = String(ast.commands.length).length;
  ast.commands.forEach((cmd, i) => {
    const prefix = i === 0 && !ast.leadingPipe ? '' : '| ';
    const body = text.slice(cmd.span.start, cmd.span.end).replace(/\s/g, ' ');
    const num = String(i + 1).padStart(width);
    out.push(`${num}  ${prefix}${body}`);
    top.forEach((call, k) => {
      const s = Math.max(call.output.start, cmd.span.start);
      const e = Math.min(call.output.end, cmd.span.end);
      if (e <= s) return;
      const indent = ' '.repeat(width + 2 + prefix.length + (s - cmd.span.start));
      out.push(`${indent}${'^'.repeat(e - s)} [${k + 1}]`);
    });
  });
  return out;
}

function groupingLines(ast: A.Pipeline): string[] {
  const width = String(ast.commands.length).length;
  const lines = ast.commands.map((c, i) => `${String(i + 1).padStart(width)}  ${i === 0 && !ast.leadingPipe ? '' : '| '}${explicitCommand(c)}`);
  const compound = (e: A.SearchExpr | null | undefined) => !!e && (e.type === 'and' || e.type === 'or' || e.type === 'not');
  const hasSearch = ast.commands.some((c) => (c.type === 'search' && compound(c.expr)) || (c.type === 'tstats' && compound(c.where)));
  const hasEval = ast.commands.some((c) => c.type === 'where' || c.type === 'eval');
  lines.push('');
  if (hasSearch) lines.push('search: NOT binds first, then OR, then AND (AND is implicit between terms)');
  if (hasEval) lines.push('eval and where: NOT binds first, then AND, then OR, then XOR');
  if (!hasSearch && !hasEval) lines.pop();
  return lines;
}

function planLines(compiled: Compiled, ast: A.Pipeline): string[] {
  const ops = compiled.plan!.operators;
  const text = compiled.expansion!.text;
  const width = String(ast.commands.length).length;
  const out: string[] = [];
  ast.commands.forEach((c, i) => {
    const op = ops[i];
    const f = commandFields(c, op, text, i === 0);
    const name = c.type === 'command' ? c.name : c.type === 'eval' ? c.variant : c.type === 'stats' ? c.variant : c.type;
    out.push(`${String(i + 1).padStart(width)}  ${name} (${op?.kind ?? '?'}): ${f.rows}`);
    const pad = ' '.repeat(width + 2);
    out.push(`${pad}reads: ${f.reads === undefined ? 'any field' : f.reads.length ? f.reads.join(', ') : '-'}`);
    if (f.makes.length) out.push(`${pad}makes: ${f.makes.join(', ')}`);
  });
  out.push('');
  out.push('streaming: row by row, as rows arrive; blocking: reads all its input before it hands on a row; generating: makes rows itself');
  return out;
}

/** The explain page; `compiled` as compile() returns it (with or without a plan). */
export function explain(compiled: Compiled): string {
  const parts: string[] = [];
  parts.push(section('Search', [oneLine(compiled.search.text.trim())]));
  if (compiled.expansion) parts.push(section('Macros', macroLines(compiled)));
  if (compiled.ast) {
    parts.push(section('Expanded, one command per line ([n]: what macro n became)', expandedLines(compiled, compiled.ast)));
    parts.push(section('Read as (every group in parentheses)', groupingLines(compiled.ast)));
  }
  if (compiled.ast && compiled.plan) parts.push(section('Plan', planLines(compiled, compiled.ast)));
  if (compiled.ast) {
    const ns = notes(compiled.ast, compiled.expansion!.text);
    if (ns.length) parts.push(section('Notes', ns.flatMap((n) => [`- (command ${n.command}) ${n.text}`, `  ${n.url}`])));
  }
  if (compiled.diagnostics.length) {
    const first = compiled.diagnostics[0];
    const more = compiled.diagnostics.length > 1 ? ` (and ${compiled.diagnostics.length - 1} more problem${compiled.diagnostics.length > 2 ? 's' : ''})` : '';
    parts.push(section(`Does not compile (${compiled.stage} stage)`, [`${first.message}${more}`, '(the whole message, with where it is, is printed below)']));
  }
  return parts.join('\n\n') + '\n';
}

