/**
 * Lookup definitions: security_content YAML, transforms.conf, CSV files;
 * the lookups/ folder found beside a macros/ folder; malformed rows.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLookupCsv, toCsv } from '../../src/lookups/csv.js';
import { LookupRegistry, lookupsBesideMacros } from '../../src/lookups/registry.js';
import { ROOT } from '../support/cases.js';
import { compile } from '../../src/api.js';

const FIX = join(ROOT, 'fixtures', 'lookups');

describe('LookupRegistry', () => {
  it('reads security_content YAML with its matching rules', () => {
    const r = LookupRegistry.load([join(FIX, 'sc')]);
    const d = r.get('bad_domains')!;
    expect(d.file).toBe(join(FIX, 'sc', 'bad_domains.csv'));
    expect([...d.matchTypes]).toEqual([['domain', 'WILDCARD']]);
    expect(d.caseSensitive).toBe(false);
    expect(d.minMatches).toBe(1);
    expect(d.defaultMatch).toBe('false');
    // transforms.conf default when the YAML does not say: max_matches 100, case-sensitive
    expect(r.get('users.csv')!.maxMatches).toBe(100);
    expect(r.get('users.csv')!.caseSensitive).toBe(true);
    expect(r.get('networks')!.maxMatches).toBe(1);
    expect(r.get('seen_kv')!.collection).toBe('seen_kv');
    expect(r.table(r.get('seen_kv')!).table).toEqual({ columns: ['user', 'count'], rows: [] });
    expect(r.get('some_model')!.unsupported).toMatch(/Machine Learning Toolkit/);
  });

  it('reads transforms.conf stanzas and finds the file in the app lookups/ folder', () => {
    const r = LookupRegistry.load([join(FIX, 'app')]);
    expect(r.get('port_names')!.file).toBe(join(FIX, 'app', 'lookups', 'ports.csv'));
    expect(r.get('port_script')!.unsupported).toMatch(/external lookup/);
    expect(r.table(r.get('port_names')!).table!.rows.length).toBe(4);
  });

  it('finds <x>/lookups beside <x>/macros', () => {
    const dir = mkdtempSync(join(tmpdir(), 'splinter-lk-'));
    mkdirSync(join(dir, 'macros'));
    mkdirSync(join(dir, 'lookups'));
    mkdirSync(join(dir, 'other'));
    expect(lookupsBesideMacros([join(dir, 'macros'), join(dir, 'other')])).toEqual([join(dir, 'lookups')]);
  });

  it('a missing path is a problem, not a crash', () => {
    const r = LookupRegistry.load(['/no/such/lookups']);
    expect(r.size).toBe(0);
    expect(r.problems[0]).toMatch(/no such file/);
  });
});

describe('lookup CSV', () => {
  it('keeps quoted commas, doubled quotes and line breaks; pads short rows', () => {
    const t = parseLookupCsv('a,b\r\n"x,1","say ""hi"""\n"two\nlines"\n', 't.csv').table!;
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.rows).toEqual([['x,1', 'say "hi"'], ['two\nlines', '']]);
  });

  it('points at a row with too many cells', () => {
    const text = 'a,b\n1,2\n3,4,5\n';
    const d = parseLookupCsv(text, 'bad.csv').diagnostic!;
    expect(d.message).toMatch(/3 cells but the header names 2/);
    expect(text.slice(d.span!.start, d.span!.end)).toBe('3,4,5');
    expect(d.source?.name).toBe('bad.csv');
  });

  it('points at an unclosed quote', () => {
    const d = parseLookupCsv('a\n"open\n', 'q.csv').diagnostic!;
    expect(d.message).toMatch(/not closed/);
    expect(d.span!.start).toBe(2);
  });

  it('writes what it reads', () => {
    const rows = [['x,1', 'say "hi"'], ['two\nlines', '']];
    expect(parseLookupCsv(toCsv(['a', 'b'], rows), 'r.csv').table!.rows).toEqual(rows);
  });

  it('an app folder written on the fly is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'splinter-app-'));
    mkdirSync(join(dir, 'default'));
    mkdirSync(join(dir, 'lookups'));
    writeFileSync(join(dir, 'default', 'transforms.conf'), '[geo]\nfilename = geo.csv\nmatch_type = CIDR(net)\nmax_matches = 0\n');
    writeFileSync(join(dir, 'lookups', 'geo.csv'), 'net,site\n10.0.0.0/8,hq\n');
    const r = LookupRegistry.load([dir]);
    // max_matches is kept in its documented range 1-1000
    expect(r.get('geo')!.maxMatches).toBe(1);
    expect([...r.get('geo')!.matchTypes]).toEqual([['net', 'CIDR']]);
  });

  it('a filename with a folder part (../../x.csv) is refused: only files inside the lookup folders are read', () => {
    const root = mkdtempSync(join(tmpdir(), 'splinter-escape-'));
    writeFileSync(join(root, 'secret.csv'), 'k,v\nleak,1\n');
    const app = join(root, 'apps', 'app');
    mkdirSync(join(app, 'default'), { recursive: true });
    mkdirSync(join(app, 'lookups'));
    writeFileSync(join(app, 'default', 'transforms.conf'), '[up]\nfilename = ../../../secret.csv\n[abs]\nfilename = ' + join(root, 'secret.csv') + '\n');
    writeFileSync(join(app, 'lookups', 'y.yml'), 'name: up_yaml\nfilename: ../../secret.csv\n');
    const r = LookupRegistry.load([app]);
    for (const name of ['up', 'abs', 'up_yaml']) {
      const def = r.get(name)!;
      expect(def.file, name).toBeUndefined();
      expect(def.unsupported, name).toMatch(/is a path, not a file name in the lookups folder/);
    }
    expect(r.problems.filter((p) => /is a path/.test(p))).toHaveLength(3);
    const c = compile('| makeresults | eval k="leak" | lookup up k OUTPUT v', { macros: new Map(), now: 0, tz: 'UTC', lookups: r });
    expect(c.stage).toBe('plan');
    expect(c.diagnostics[0].hint).toMatch(/is a path/);
  });
});
