/** `splinter parse`: the syntax tree of a search, after macro expansion or as written. */
import type { Command } from 'commander';
import { compile } from '../../api.js';
import type { GenericArg } from '../../ast/nodes.js';
import { printPipeline, printValue } from '../../ast/print.js';
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

/** positions in the text: left out of the tree (the json format keeps them) */
const isSpan = (k: string) => k === 'span' || k.endsWith('Span') || k.endsWith('Spans');

/** A generic command's argument on one line, as written: `option field="x"`, `value "a b"`, `by host, user`. */
function genericArg(a: GenericArg): string | undefined {
  switch (a.kind) {
    case 'option':
      return a.group ? undefined : `option ${a.name}=${printValue(a.value, true)}`;
    case 'value':
      return `value ${printValue(a.value, true)}`;
    case 'operator':
      return `operator ${a.text}`;
    case 'by':
      return `by ${a.fields.map((f) => f.name).join(', ')}`;
    case 'macro':
      return `macro \`${a.call.text}\``;
    default:
      return undefined;
  }
}

/** An indented view of the AST: node types and their scalar properties (offsets left out). */
function tree(node: unknown, depth: number, label = ''): string {
  const pad = '  '.repeat(depth);
  if (Array.isArray(node)) return node.map((n, i) => tree(n, depth, `${label}[${i}]`)).join('\n');
  if (node === null || typeof node !== 'object') return `${pad}${label}${label ? ': ' : ''}${JSON.stringify(node)}`;
  const o = node as Record<string, unknown>;
  // the arguments of a command without a grammar of its own, one per line, in the order written
  if (typeof o.kind === 'string' && label.startsWith('args[')) {
    const line = genericArg(o as unknown as GenericArg);
    if (line !== undefined) return `${pad}${line}`;
  }
  const scalars = Object.entries(o).filter(([k, v]) => !isSpan(k) && k !== 'type' && (v === null || typeof v !== 'object'));
  const head = `${pad}${label ? label + ': ' : ''}${(o.type as string) ?? ''}${scalars.length ? ' ' + scalars.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') : ''}`;
  const kids = Object.entries(o).filter(([k, v]) => !isSpan(k) && v !== null && typeof v === 'object' && !(Array.isArray(v) && v.length === 0));
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
