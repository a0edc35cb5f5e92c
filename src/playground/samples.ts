/**
 * The playground's bundled samples, made from the repository's fixtures when
 * the page is built (Node only: it reads files; the page fetches the result
 * as JSON). The playground takes its macros as one macros.conf text, so the
 * macros of a folder (macros.conf and security_content YAML files) are
 * written out as macros.conf stanzas.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { macroFilesOf, loadMacroFile, MacroTable, type MacroDef } from '../macros/index.js';
import { loadDetection } from '../testing/detection.js';
import type { PlaygroundInput } from './session.js';

export interface Sample extends PlaygroundInput {
  readonly name: string;
}

/** Macro definitions as macros.conf stanzas (a definition's line breaks as `\` continuations). */
export function macrosConf(defs: Iterable<MacroDef>): string {
  const value = (v: string) => v.replace(/\n/g, '\\\n');
  const out: string[] = [];
  for (const d of defs) {
    const lines = [`[${d.arity > 0 ? `${d.name}(${d.arity})` : d.name}]`];
    if (d.arity > 0) lines.push(`args = ${d.args.join(', ')}`);
    lines.push(`definition = ${value(d.definition)}`);
    if (d.iseval) lines.push('iseval = 1');
    if (d.validation !== undefined) lines.push(`validation = ${value(d.validation)}`);
    if (d.errormsg !== undefined) lines.push(`errormsg = ${value(d.errormsg)}`);
    if (d.description !== undefined) lines.push(`description = ${value(d.description)}`);
    out.push(lines.join('\n'));
  }
  return out.map((s) => s + '\n').join('\n');
}

/** The macros of `-m` paths, without the built-ins, as one macros.conf text. */
export function macrosText(paths: readonly string[]): string {
  const table = new MacroTable();
  for (const f of macroFilesOf(paths)) loadMacroFile(f, table);
  return macrosConf(table.definitions());
}

/** A sample from a detection file, its events and the macros it needs. */
export function detectionSample(name: string, detection: string, events: string, macros: readonly string[]): Sample {
  return { name, search: loadDetection(detection).search, events: readFileSync(events, 'utf8'), eventsName: basename(events), macros: macrosText(macros) };
}

/** A sample from a search and an events file. */
export function searchSample(name: string, search: string, events: string): Sample {
  return { name, search, events: readFileSync(events, 'utf8'), eventsName: basename(events), macros: '' };
}

/** The samples the page offers, the seed first (paths relative to the repository). */
export function bundledSamples(root = '.'): Sample[] {
  const at = (p: string) => `${root}/${p}`;
  return [
    detectionSample('Windows Anonymous Pipe Activity (the seed: Sysmon XML, macros)', at('fixtures/detections/windows_anonymous_pipe_activity.yml'), at('fixtures/events/sysmon_pipes.xml'), [at('fixtures/macros')]),
    searchSample('Web requests (JSON lines): stats by server', '* | stats count sum(bytes) AS bytes values(name) AS names BY server', at('fixtures/events/web.jsonl')),
    searchSample('Key=value text log: where and table', '* | where isnotnull(action) | table _time action src dest user port', at('fixtures/events/kv.log')),
  ];
}
