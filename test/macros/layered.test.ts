/**
 * Layering of macro sources as Splunk layers an app's configuration: an app's
 * local/ overrides its default/ (Admin Manual, "Configuration file
 * precedence"), later -m paths override earlier ones, --macro overrides all;
 * and the table remembers what each definition overrode.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ORIGIN, MacroTable, type MacroDef } from '../../src/macros/definitions.js';
import { loadMacroTable, macroFiles, macroFilesOf } from '../../src/macros/load.js';
import { expandMacros } from '../../src/macros/expand.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LAYERED = path.resolve(here, '../../fixtures/macros-layered');
const APP = path.join(LAYERED, 'site_app');
const DEFAULT_CONF = path.join(APP, 'default', 'macros.conf');
const LOCAL_CONF = path.join(APP, 'local', 'macros.conf');
const SC = path.join(LAYERED, 'security_content');
const SC_LOCAL = path.join(SC, 'local', 'macros.conf');
const SC_SYSMON = path.join(SC, 'macros', 'sysmon.yml');

/** 1-based line of the first line of `file` that is exactly `text`. */
function lineOf(file: string, text: string): number {
  const i = readFileSync(file, 'utf8').split('\n').indexOf(text);
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

const at = (file: string, stanza: string) => ({ file, line: lineOf(file, stanza) });

describe('which files a -m path stands for', () => {
  it('an app folder: default/macros.conf then local/macros.conf, and no other .conf of the app', () => {
    expect(macroFiles(APP)).toEqual([DEFAULT_CONF, LOCAL_CONF]);
  });

  it("an app's default/ folder or its macros.conf: followed by local/'s", () => {
    expect(macroFiles(path.join(APP, 'default'))).toEqual([DEFAULT_CONF, LOCAL_CONF]);
    expect(macroFiles(DEFAULT_CONF)).toEqual([DEFAULT_CONF, LOCAL_CONF]);
    // local/ alone is only local/
    expect(macroFiles(path.join(APP, 'local'))).toEqual([LOCAL_CONF]);
  });

  it('a macros/ folder: its files, then the local/ folder beside it', () => {
    expect(macroFiles(path.join(SC, 'macros')).map((f) => path.resolve(f))).toEqual([
      path.join(SC, 'macros', 'sc_only.yml'),
      SC_SYSMON,
      SC_LOCAL,
    ]);
  });

  it('a file met twice is read once, at its last place', () => {
    const files = macroFilesOf([path.join(APP, 'local'), path.join(APP, 'default')]).map((f) => path.resolve(f));
    expect(files).toEqual([DEFAULT_CONF, LOCAL_CONF]);
    const t = loadMacroTable({ paths: [LOCAL_CONF, DEFAULT_CONF] });
    expect(t.get('sysmon', 0)?.definition).toBe('index=endpoint sourcetype=XmlWinEventLog');
    expect(t.overridden('sysmon', 0).map((d) => path.resolve(d.origin.file))).toEqual([DEFAULT_CONF]);
  });
});

describe('origins and overrides', () => {
  it('local/ overrides default/ and the table remembers the default definition', () => {
    for (const p of [APP, path.join(APP, 'default'), DEFAULT_CONF]) {
      const t = loadMacroTable({ paths: [p] });
      const sysmon = t.get('sysmon', 0) as MacroDef;
      expect(sysmon.definition).toBe('index=endpoint sourcetype=XmlWinEventLog');
      expect({ ...sysmon.origin, file: path.resolve(sysmon.origin.file) }).toEqual(at(LOCAL_CONF, '[sysmon]'));
      const over = t.overridden('sysmon', 0);
      expect(over.map((d) => [path.resolve(d.origin.file), d.origin.line, d.definition])).toEqual([
        [DEFAULT_CONF, lineOf(DEFAULT_CONF, '[sysmon]'), 'index=main sourcetype=XmlWinEventLog'],
      ]);
      expect(path.resolve(t.get('app_only', 0)!.origin.file)).toBe(DEFAULT_CONF);
      expect(path.resolve(t.get('local_only', 0)!.origin.file)).toBe(LOCAL_CONF);
      expect(t.overridden('app_only', 0)).toEqual([]);
    }
  });

  it('a local stanza without definition amends the default macro: same definition and origin, not an override', () => {
    const t = loadMacroTable({ paths: [APP] });
    const pipes = t.get('pipes', 2) as MacroDef;
    expect(pipes.description).toBe('Pipe events, site description.');
    expect(pipes.args).toEqual(['first', 'second']);
    expect(pipes.definition).toBe('`sysmon` EventCode IN ($first$,$second$) \n| eval pipe=lower(PipeName)');
    expect(pipes.origin).toEqual(at(DEFAULT_CONF, '[pipes(2)]'));
    expect(pipes.amendedBy).toEqual([at(LOCAL_CONF, '[pipes(2)]')]);
    expect(t.overridden('pipes', 2)).toEqual([]);
    // the amended macro expands with the local sysmon
    expect(expandMacros('`pipes(17,18)`', t).text).toBe(
      'index=endpoint sourcetype=XmlWinEventLog EventCode IN (17,18) \n| eval pipe=lower(PipeName)',
    );
  });

  it('layers built-ins < -m paths in order (each default then local) < --macro, newest override first', () => {
    const t = loadMacroTable({ paths: [path.join(SC, 'macros'), APP], inline: ['sysmon=index=cli'] });
    const sysmon = t.get('sysmon', 0) as MacroDef;
    expect(sysmon.origin).toEqual({ file: '<command line>', line: 1 });
    expect(t.overridden('sysmon', 0).map((d) => ({ file: path.resolve(d.origin.file), line: d.origin.line }))).toEqual([
      at(LOCAL_CONF, '[sysmon]'),
      at(DEFAULT_CONF, '[sysmon]'),
      at(SC_LOCAL, '[sysmon]'),
      at(SC_SYSMON, 'definition: sourcetype=XmlWinEventLog'),
    ]);
    // the local/ beside security_content's macros/ overrides a built-in
    const drop = t.get('drop_dm_object_name', 1) as MacroDef;
    expect(path.resolve(drop.origin.file)).toBe(SC_LOCAL);
    expect(t.overridden('drop_dm_object_name', 1).map((d) => d.origin)).toEqual([BUILTIN_ORIGIN]);
  });
});

describe('MacroTable.overridden', () => {
  const def = (definition: string, file: string, line = 1): MacroDef => ({
    name: 'm',
    arity: 0,
    args: [],
    definition,
    iseval: false,
    origin: { file, line },
  });

  it('records each replaced definition, newest first, and nothing for a re-add from the same place', () => {
    const t = new MacroTable();
    t.add(def('a', 'one.conf'));
    expect(t.overridden('m', 0)).toEqual([]);
    t.add(def('b', 'two.conf'));
    t.add(def('c', 'three.conf', 4));
    expect(t.overridden('m', 0).map((d) => d.definition)).toEqual(['b', 'a']);
    t.add({ ...def('c', 'three.conf', 4), description: 'amended' });
    expect(t.overridden('m', 0).map((d) => d.definition)).toEqual(['b', 'a']);
    expect(t.get('m', 0)?.description).toBe('amended');
    expect(t.overridden('m', 1)).toEqual([]);
  });
});
