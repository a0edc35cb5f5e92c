/**
 * Every regular expression literal of the real security_content corpus
 * (kept beside the repo, not in it) compiles with compilePcre: the patterns
 * of rex and regex and the literal patterns of match(), replace() and
 * mvfind(), in every detection (deprecated ones included) after macro
 * expansion. Skipped when ../shared/corpus is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { expandMacros } from '../../src/macros/expand.js';
import { loadMacroTable } from '../../src/macros/load.js';
import { parse } from '../../src/parser/index.js';
import { compilePcre } from '../../src/values/regex.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../shared/corpus/security_content');

function ymlFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) ymlFiles(p, out);
    else if (f.endsWith('.yml')) out.push(p);
  }
  return out;
}

const PATTERN_ARG: Record<string, number> = { match: 1, replace: 1, mvfind: 1 };

/** The regex literals of a parsed search (any node shape: walks the AST generically). */
function regexLiterals(node: unknown, out: string[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) regexLiterals(x, out);
    return;
  }
  const n = node as Record<string, unknown>;
  if (n.type === 'call' && typeof n.name === 'string' && Array.isArray(n.args)) {
    const i = PATTERN_ARG[n.name.toLowerCase()];
    const a = i === undefined ? undefined : (n.args[i] as { type?: string; value?: unknown } | undefined);
    if (a?.type === 'string' && typeof a.value === 'string') out.push(a.value);
  }
  if (n.type === 'command' && (n.name === 'rex' || n.name === 'regex') && Array.isArray(n.args)) {
    const args = n.args as { kind: string; name?: string; value?: { text: string } }[];
    const sed = args.some((a) => a.kind === 'option' && a.name === 'mode' && a.value?.text === 'sed');
    for (const a of args) {
      let text: string | undefined;
      if (a.kind === 'value') text = a.value!.text;
      else if (a.kind === 'option' && n.name === 'regex' && a.name !== 'field') text = a.value!.text;
      if (text === undefined) continue;
      if (sed) {
        // s/<regex>/<replacement>/<flags>: the regex is up to the first unescaped delimiter
        const m = /^s(.)/s.exec(text);
        if (!m) continue;
        let re = '';
        for (let k = 2; k < text.length && text[k] !== m[1]; k++) re += text[k] === '\\' ? text[k] + text[++k] : text[k];
        text = re;
      }
      out.push(text);
    }
  }
  for (const [k, v] of Object.entries(n)) if (k !== 'span' && typeof v === 'object') regexLiterals(v, out);
}

describe.skipIf(!existsSync(CORPUS))('security_content regular expressions', () => {
  it('every regex literal compiles', () => {
    const table = loadMacroTable({ paths: [path.join(CORPUS, 'macros')] });
    const patterns: string[] = [];
    for (const f of ymlFiles(path.join(CORPUS, 'detections'))) {
      let doc: { search?: string };
      try {
        doc = parseYaml(readFileSync(f, 'utf8')) as { search?: string };
      } catch {
        continue; // a few deprecated files are not valid YAML
      }
      if (typeof doc?.search !== 'string') continue;
      let text: string;
      try {
        text = expandMacros(doc.search, table).text;
      } catch {
        continue;
      }
      regexLiterals(parse(text).ast, patterns);
    }
    const failures: string[] = [];
    for (const p of patterns) {
      try {
        compilePcre(p);
      } catch (e) {
        failures.push(`${p}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    // measured: 479 literals; named groups (?<n>…) and (?P<n>…), inline (?i) among them
    expect(patterns.length).toBeGreaterThan(450);
    expect(patterns.filter((p) => p.includes('(?P<')).length).toBeGreaterThan(60);
    expect(patterns.filter((p) => p.includes('(?i)')).length).toBeGreaterThan(40);
  });
});
