/** `splinter explain`: what a search is and does, on one page (src/explain/). */
import type { Command } from 'commander';
import { explain } from '../../explain/explain.js';
import { EXIT, addSearchOptions, compileSearch, failCompile, lookupRegistry, macroTable, searchText, timeContext, type SearchOptions, type Wrap } from '../common.js';

function explainCommand(arg: string | undefined, o: SearchOptions): number {
  const { text, name, at } = searchText(arg, o);
  const compiled = compileSearch(text, { macros: macroTable(o), ...timeContext(o), name, ...(at ? { at } : {}), lookups: lookupRegistry(o) });
  process.stdout.write(explain(compiled));
  return compiled.plan ? EXIT.ok : failCompile(compiled);
}

export function explainVerb(prog: Command, wrap: Wrap): void {
  addSearchOptions(
    prog
      .command('explain')
      .argument('[search]', 'the search')
      .description('explain a search on one page: its macros and what they became, how it groups (parentheses made explicit), what each command does to the rows and which fields it reads and makes, and notes on the rules it relies on')
      .addHelpText(
        'after',
        `
Example:
  splinter explain --detection fixtures/detections/windows_anonymous_pipe_activity.yml -m fixtures/macros
  splinter explain 'error OR warn host=web* | stats count by host'`,
      ),
  ).action(wrap(explainCommand));
}
