/** outputlookup writes only into the folder the user names, and passes the results on. */
import { existsSync, linkSync, lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../../src/api.js';
import { collect } from '../../../src/engine/types.js';
import { LookupRegistry } from '../../../src/lookups/registry.js';
import type { SplError } from '../../../src/diagnostics/diagnostic.js';
import { loadMacroTable } from '../../../src/macros/index.js';

async function runSearch(search: string, lookups: LookupRegistry) {
  const notes: string[] = [];
  const c = compile(search, { macros: loadMacroTable(), now: 1717243200, tz: 'UTC', lookups });
  expect(c.diagnostics).toEqual([]);
  const rows = await collect(run(c.plan!, { inputs: [] }, { now: 1717243200, tz: 'UTC', notify: (d) => notes.push(d.message) }));
  return { rows, notes };
}

describe('outputlookup', () => {
  it('writes a CSV file into --outputlookup-dir, multivalues joined by newlines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'splinter-out-'));
    const reg = new LookupRegistry({ outputDir: dir });
    const { rows } = await runSearch('| makeresults count=2 | eval user="ann", tags=split("a,b", ",") | outputlookup seen', reg);
    expect(rows).toHaveLength(2);
    expect(readFileSync(join(dir, 'seen.csv'), 'utf8')).toBe('_time,user,tags\n1717243200,ann,"a\nb"\n1717243200,ann,"a\nb"\n');
  });

  it('createinapp= and create_context= do not move the file out of --outputlookup-dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'splinter-out-'));
    const reg = new LookupRegistry({ outputDir: dir });
    await runSearch('| makeresults | eval user="ann" | fields - _time | outputlookup createinapp=false create_context=system output_format=splunk_sv_csv seen', reg);
    expect(readFileSync(join(dir, 'seen.csv'), 'utf8')).toBe('user\nann\n');
  });

  it('append=true adds rows and merges columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'splinter-out-'));
    writeFileSync(join(dir, 'seen.csv'), 'user,first\nbob,1\n');
    const reg = new LookupRegistry({ outputDir: dir });
    await runSearch('| makeresults | eval user="ann", last=2 | fields - _time | outputlookup append=t seen.csv', reg);
    expect(readFileSync(join(dir, 'seen.csv'), 'utf8')).toBe('user,first,last\nbob,1,\nann,,2\n');
  });

  it('no results: create_empty and override_if_empty decide whether a file is made or emptied; max caps the rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'splinter-out-'));
    const reg = new LookupRegistry({ outputDir: dir });
    const none = '| makeresults | where 1=2 | outputlookup';
    await runSearch(`${none} create_empty=false a.csv`, reg);
    expect(existsSync(join(dir, 'a.csv'))).toBe(false);
    await runSearch(`${none} b.csv`, reg);
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('');
    await runSearch(`${none} override_if_empty=false c.csv`, reg);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe(''); // missing: created, as create_empty says
    writeFileSync(join(dir, 'd.csv'), 'user\nbob\n');
    await runSearch(`${none} override_if_empty=false d.csv`, reg);
    expect(readFileSync(join(dir, 'd.csv'), 'utf8')).toBe('user\nbob\n');
    await runSearch(`${none} d.csv`, reg);
    expect(readFileSync(join(dir, 'd.csv'), 'utf8')).toBe('');
    await runSearch('| makeresults count=3 | streamstats count as n | fields - _time | outputlookup max=2 e.csv', reg);
    expect(readFileSync(join(dir, 'e.csv'), 'utf8')).toBe('n\n1\n2\n');
  });

  it('without a folder writes nothing and says so', async () => {
    const { rows, notes } = await runSearch('| makeresults | outputlookup seen.csv', new LookupRegistry());
    expect(rows).toHaveLength(1);
    expect(notes[0]).toMatch(/not written/);
    expect(existsSync('seen.csv')).toBe(false);
  });

  it('refuses to write or append through a symbolic link in the folder; the file it points to is untouched', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'splinter-outside-'));
    const victim = join(outside, 'victim.csv');
    writeFileSync(victim, 'keep\n1\n');
    const dir = mkdtempSync(join(tmpdir(), 'splinter-out-'));
    symlinkSync(victim, join(dir, 'seen.csv'));
    const reg = new LookupRegistry({ outputDir: dir });
    for (const search of ['| makeresults | eval user="ann" | outputlookup seen.csv', '| makeresults | eval user="ann" | outputlookup append=t seen']) {
      const err = await runSearch(search, reg).catch((e: unknown) => e);
      expect((err as SplError).first.message).toMatch(/refuses to write .*seen\.csv: it is a symbolic link/);
      expect(readFileSync(victim, 'utf8')).toBe('keep\n1\n');
    }
  });

  it('replaces a hard-linked file instead of writing through it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'splinter-outside-'));
    const victim = join(outside, 'victim.csv');
    writeFileSync(victim, 'keep\n1\n');
    const dir = mkdtempSync(join(tmpdir(), 'splinter-out-'));
    linkSync(victim, join(dir, 'seen.csv'));
    await runSearch('| makeresults | eval user="ann" | fields - _time | outputlookup seen.csv', new LookupRegistry({ outputDir: dir }));
    expect(readFileSync(join(dir, 'seen.csv'), 'utf8')).toBe('user\nann\n');
    expect(readFileSync(victim, 'utf8')).toBe('keep\n1\n');
    expect(lstatSync(join(dir, 'seen.csv')).nlink).toBe(1);
  });

  it('refuses a path', () => {
    const c = compile('| makeresults | outputlookup ../x.csv', { macros: loadMacroTable(), now: 0, tz: 'UTC', lookups: new LookupRegistry() });
    expect(c.stage).toBe('plan');
    expect(c.diagnostics[0].message).toMatch(/not a path/);
  });
});
