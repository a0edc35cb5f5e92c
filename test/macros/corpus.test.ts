/**
 * The real security_content corpus (kept beside the repo, not in it): every
 * macro file loads, and every non-deprecated detection search expands.
 * Skipped when ../shared/corpus is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SplError } from '../../src/diagnostics/diagnostic.js';
import { expandMacros, listMacroCalls } from '../../src/macros/expand.js';
import { loadMacroTable } from '../../src/macros/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../shared/corpus/security_content');
const MACROS = path.join(CORPUS, 'macros');

function ymlFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) ymlFiles(p, out);
    else if (f.endsWith('.yml')) out.push(p);
  }
  return out;
}

describe.skipIf(!existsSync(MACROS))('security_content corpus', () => {
  it('loads all 189 macro files', () => {
    const files = readdirSync(MACROS).filter((f) => f.endsWith('.yml'));
    expect(files).toHaveLength(189);
    const t = loadMacroTable({ paths: [MACROS], builtins: false });
    expect(t.size).toBe(189);
    // values as contentctl (PyYAML) reads them
    expect(t.get('security_content_ctime', 1)?.definition).toBe('convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)');
    // continuation lines in column 0 inside a quoted scalar (PyYAML accepts them)
    expect(t.get('base64decode', 1)?.definition).toMatch(/^eval b64x_split=split\(\$b64in\$,""\) \| lookup char_conversion_matrix/);
  });

  it('expands every non-deprecated detection search', () => {
    const t = loadMacroTable({ paths: [MACROS] });
    const failures: string[] = [];
    let expanded = 0;
    for (const f of ymlFiles(path.join(CORPUS, 'detections'))) {
      if (f.includes(`${path.sep}deprecated${path.sep}`)) continue;
      const doc = parse(readFileSync(f, 'utf8')) as { search?: string };
      if (typeof doc?.search !== 'string') continue;
      try {
        const x = expandMacros(doc.search, t);
        // no call left outside quotes and comments (calls inside a quoted
        // `map search="..."` are expanded when that search runs)
        expect(listMacroCalls(x.text)).toEqual([]);
        expanded++;
      } catch (e) {
        if (!(e instanceof SplError)) throw e;
        failures.push(`${path.basename(f)}: ${e.first.message}`);
      }
    }
    // get_asset(1) comes from an app outside the repository (corpus README)
    expect(failures).toEqual(['excessive_dns_failures.yml: macro \'get_asset(1)\' is not defined']);
    expect(expanded).toBeGreaterThan(1500);
  });
});
