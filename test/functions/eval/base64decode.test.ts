/**
 * security_content's `base64decode(1)` macro (macros/base64decode.yml) runs
 * end to end: split() into characters, the char_conversion_matrix lookup
 * (a multivalue in, a multivalue out), mvjoin(), rex max_match=0, replace()
 * and rex mode=sed. Needs the real corpus (macros and lookups, kept beside
 * the repo, not in it); skipped when it is absent.
 * Expected values: RFC 4648 base64 of "Hello World"; "SABpAA==" is "Hi" in
 * UTF-16LE, whose NUL bytes the macro drops (its description: "UTF8/UTF16
 * based base64 encoding").
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../../src/api.js';
import { collect } from '../../../src/engine/types.js';
import { LookupRegistry } from '../../../src/lookups/registry.js';
import { loadMacroTable } from '../../../src/macros/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../../shared/corpus/security_content');

describe.skipIf(!existsSync(path.join(CORPUS, 'lookups')))('base64decode macro', () => {
  it('decodes UTF-8 and UTF-16LE base64', async () => {
    const macros = loadMacroTable({ paths: [path.join(CORPUS, 'macros')] });
    const lookups = LookupRegistry.load([path.join(CORPUS, 'lookups')]);
    const now = 1_700_000_000;
    const c = compile('| makeresults | eval a="SGVsbG8gV29ybGQ=", b="SABpAA==" | `base64decode(a)` | `base64decode(b)` | table a_decode b_decode', { macros, now, tz: 'UTC', lookups });
    expect(c.diagnostics).toEqual([]);
    const rows = await collect(run(c.plan!, { inputs: [] }, { now, tz: 'UTC', notify: () => {} }));
    expect(rows.map((r) => Object.fromEntries(r))).toEqual([{ a_decode: 'Hello World', b_decode: 'Hi' }]);
  });
});
