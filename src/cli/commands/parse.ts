/** `splinter parse`: the syntax tree of a search, after macro expansion or as written. */
import type { Command } from 'commander';
import { compile } from '../../api.js';
import { printPipeline } from '../../ast/print.js';
import { parse } from '../../parser/index.js';
import { EXIT, addSearchOptions, failCompile, formatOption, macroTable, report, searchText, timeContext, type SearchOptions, type Wrap } from '../common.js';

function parseCommand(arg: string | undefined, o: SearchOptions & { raw?: boolean; format?: string }): number {
  const { text, name, at } = searchText(arg, o);
  let ast;
  if (o.raw) {
    const parsed = parse(text);
    if (!parsed.ast) {
      report(parsed.diagnostics, { name, text });
      return EXIT.search;
    }
    ast = parsed.ast;
  } else {
    const compiled = compile(text, { macros: macroTable(o), ...timeContext(o), name, ...(at ? { at } : {}), until: 'parse' });
    if (!compiled.ast) return failCompile(compiled);
    ast = compiled.ast;
  }
  if (o.format === 'spl') process.stdout.write(printPipeline(ast) + '\n');
  else if (o.format === 'tree') process.stdout.write(tree(ast, 0) + '\n');
  else process.stdout.write(JSON.stringify(ast, null, 2) + '\n');
  return EXIT.ok;
}

/** An indented view of the AST: node types and their scalar properties. */
function tree(node: unknown, depth: number, label = ''): string {
  const pad = '  '.repeat(depth);
  if (Array.isArray(node)) return node.map((n, i) => tree(n, depth, `${label}[${i}]`)).join('\n');
  if (node === null || typeof node !== 'object') return `${pad}${label}${label ? ': ' : ''}${JSON.stringify(node)}`;
  const o = node as Record<string, unknown>;
  const scalars = Object.entries(o).filter(([k, v]) => k !== 'span' && k !== 'type' && (v === null || typeof v !== 'object'));
  const head = `${pad}${label ? label + ': ' : ''}${(o.type as string) ?? ''}${scalars.length ? ' ' + scalars.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') : ''}`;
  const kids = Object.entries(o).filter(([k, v]) => k !== 'span' && v !== null && typeof v === 'object' && !(Array.isArray(v) && v.length === 0));
  return [head, ...kids.map(([k, v]) => tree(v, depth + 1, k))].join('\n');
}

export function parseVerb(prog: Command, wrap: Wrap): void {
  addSearchOptions(
    prog
      .command('parse')
      .argument('[search]', 'the search')
      .description('parse a search (after macro expansion) and print its syntax tree')
      .option('--raw', 'parse the search as written, with macro calls as nodes, without expanding them')
      .addOption(formatOption(['json', 'tree', 'spl'], 'json (default): the AST; tree: an indented outline; spl: the AST printed back as SPL').default('json')),
  ).action(wrap(parseCommand));
}
