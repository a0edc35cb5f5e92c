/** `splinter validate`: the first failing stage of each search in files and folders. */
import type { Command } from 'commander';
import { compile } from '../../api.js';
import { position, type SourceText } from '../../diagnostics/diagnostic.js';
import { EXIT, UsageError, addSearchOptions, detectionSearch, formatOption, lookupRegistry, macroTable, readText, searchFiles, timeContext, type SearchOptions, type Wrap } from '../common.js';


function validateCommand(paths: string[], o: SearchOptions & { format?: string; exclude?: string[] }): number {
  const table = macroTable(o);
  const tctx = timeContext(o);
  const lookups = lookupRegistry(o);
  const results: { file: string; name: string; ok: boolean; stage: string; message: string; line: number | null; column: number | null }[] = [];
  for (const { file } of searchFiles(paths, /\.(ya?ml|spl)$/i, o.exclude ?? [])) {
    let text: string;
    let name = file;
    let at: SourceText['at'];
    try {
      if (/\.spl$/i.test(file)) text = readText(file).trim();
      else {
        const d = detectionSearch(file);
        text = d.text;
        name = d.title ?? file;
        at = d.at;
      }
    } catch (e) {
      results.push({ file, name, ok: false, stage: 'input', message: (e as Error).message, line: null, column: null });
      continue;
    }
    const c = compile(text, { macros: table, ...tctx, name: file, ...(at ? { at } : {}), lookups });
    const d = c.diagnostics[0];
    const where = d?.span ? position(d.source ?? c.search, d.span.start) : undefined;
    results.push({ file, name, ok: c.stage === 'ok', stage: c.stage, message: d?.message ?? '', line: where?.line ?? null, column: where?.column ?? null });
  }
  if (o.format === 'json') process.stdout.write(JSON.stringify({ results }, null, 2) + '\n');
  else {
    for (const r of results) if (!r.ok) process.stdout.write(`${r.file}:${r.line ?? 0}:${r.column ?? 0}: ${r.stage}: ${r.message}\n`);
    const byStage = new Map<string, number>();
    for (const r of results) byStage.set(r.stage, (byStage.get(r.stage) ?? 0) + 1);
    process.stdout.write(`${results.length} searches: ${[...byStage].map(([s, n]) => `${n} ${s}`).join(', ')}\n`);
  }
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.search;
}

export function validateVerb(prog: Command, wrap: Wrap): void {
  addSearchOptions(
    prog
      .command('validate')
      .argument('<paths...>', 'detection YAML files, .spl files, or folders of them')
      .description('check that searches lex, parse, expand and plan; report the first failing stage of each')
      .option('--exclude <paths...>', 'skip files under these paths (e.g. a deprecated/ folder)')
      .addOption(formatOption(['text', 'json'], 'text (default) or json: {"results":[{file,name,ok,stage,message,line,column}]}').default('text')),
  ).action(wrap(validateCommand));
}
