/** `splinter expand`: the search with every macro expanded. */
import type { Command } from 'commander';
import { compile } from '../../api.js';
import { position } from '../../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { originKind, originText } from '../../macros/index.js';
import { EXIT, addSearchOptions, failCompile, macroTable, searchText, stderr, timeContext, type SearchOptions, type Wrap } from '../common.js';

function expandCommand(arg: string | undefined, o: SearchOptions & { trace?: boolean }): number {
  const { text, name, at } = searchText(arg, o);
  const compiled = compile(text, { macros: macroTable(o), ...timeContext(o), name, ...(at ? { at } : {}), until: 'expand' });
  for (const n of compiled.notices) stderr(renderDiagnostic({ ...n, severity: n.severity ?? 'notice' }, compiled.search));
  if (!compiled.expansion) return failCompile(compiled);
  if (o.trace) {
    for (const c of compiled.expansion.calls) {
      const at = position(c.source, c.span.start);
      const kind = originKind(c.origin);
      const from = c.generated ? 'generated as contentctl does' : kind === 'built-in' ? 'built in' : `defined ${kind === 'command-line' ? 'by' : 'in'} ${originText(c.origin)}`;
      stderr(`${'  '.repeat(c.depth)}\`${c.source.text.slice(c.span.start, c.span.end).replace(/^`|`$/g, '')}\` (${c.source.name}:${at.line}:${at.column}; ${from}) → ${compiled.expansion.text.slice(c.output.start, c.output.end)}`);
    }
  }
  process.stdout.write(compiled.expansion.text + '\n');
  return EXIT.ok;
}

export function expandVerb(prog: Command, wrap: Wrap): void {
  addSearchOptions(
    prog
      .command('expand')
      .argument('[search]', 'the search')
      .description('print the search with every macro expanded')
      .option('--trace', 'also list on stderr every macro call, the file and line its definition came from, and what it became'),
  ).action(wrap(expandCommand));
}
