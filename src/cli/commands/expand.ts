/** `splinter expand`: the search with every macro expanded. */
import type { Command } from 'commander';
import { compile } from '../../api.js';
import { position } from '../../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { EXIT, addSearchOptions, failCompile, macroTable, searchText, stderr, timeContext, type SearchOptions, type Wrap } from '../common.js';

function expandCommand(arg: string | undefined, o: SearchOptions & { trace?: boolean }): number {
  const { text, name, at } = searchText(arg, o);
  const compiled = compile(text, { macros: macroTable(o), ...timeContext(o), name, ...(at ? { at } : {}), until: 'expand' });
  for (const n of compiled.notices) stderr(renderDiagnostic({ ...n, severity: n.severity ?? 'notice' }, compiled.search));
  if (!compiled.expansion) return failCompile(compiled);
  if (o.trace) {
    for (const c of compiled.expansion.calls) {
      const at = position(c.source, c.span.start);
      stderr(`${'  '.repeat(c.depth)}\`${c.source.text.slice(c.span.start, c.span.end).replace(/^`|`$/g, '')}\` (${c.source.name}:${at.line}:${at.column}) → ${c.generated ? '(generated) ' : ''}${compiled.expansion.text.slice(c.output.start, c.output.end)}`);
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
      .option('--trace', 'also list every macro call and what it became, on stderr'),
  ).action(wrap(expandCommand));
}
