import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SplError } from '../../src/diagnostics/diagnostic.js';
import { parseMacrosConf } from '../../src/macros/conf.js';
import { MacroTable } from '../../src/macros/definitions.js';
import { loadMacroPath, loadMacroTable, parseInlineMacro } from '../../src/macros/load.js';
import { parseMacroYaml } from '../../src/macros/yaml.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../fixtures/macros');

function splError(fn: () => unknown): SplError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SplError) return e;
    throw e;
  }
  throw new Error('expected an SplError');
}

describe('macros.conf', () => {
  it('reads stanzas with and without arguments', () => {
    const defs = parseMacrosConf(
      ['# comment', '[a]', 'definition = search x', '', '[b(2)]', 'args = x, y', 'definition = $x$ $y$', 'iseval = false'].join('\n'),
      'm.conf',
    );
    expect(defs.map((d) => [d.name, d.arity, d.args, d.definition, d.origin.line])).toEqual([
      ['a', 0, [], 'search x', 2],
      ['b', 2, ['x', 'y'], '$x$ $y$', 5],
    ]);
  });

  it('joins continuation lines keeping the line break and dropping the backslash', () => {
    const [d] = parseMacrosConf('[m]\ndefinition = search a \\\n| stats count \\\n| head 1\n', 'm.conf');
    expect(d.definition).toBe('search a \n| stats count \n| head 1');
  });

  it('handles CRLF line ends and a # inside a value', () => {
    const [d] = parseMacrosConf('[m]\r\ndefinition = search "#tag" \\\r\n| head 1\r\n', 'm.conf');
    expect(d.definition).toBe('search "#tag" \n| head 1');
  });

  it('reads iseval, validation, errormsg, description', () => {
    const [d] = parseMacrosConf(
      '[m(1)]\nargs = n\niseval = 1\nvalidation = isint($n$)\nerrormsg = n must be an integer\ndescription = d\ndefinition = "head " . $n$\n',
      'm.conf',
    );
    expect(d).toMatchObject({ iseval: true, validation: 'isint($n$)', errormsg: 'n must be an integer', description: 'd' });
  });

  it('ignores args on a stanza without (N), and [default]', () => {
    const defs = parseMacrosConf('[default]\ndefinition = x\n[m]\nargs = a\ndefinition = y\n', 'm.conf');
    expect(defs).toHaveLength(1);
    expect(defs[0]).toMatchObject({ name: 'm', arity: 0, args: [] });
  });

  it('reports a stanza without definition with file and line', () => {
    const file = path.join(FIXTURES, 'broken/no_definition.conf');
    const e = splError(() => loadMacroPath(file, new MacroTable()));
    expect(e.first.stage).toBe('expand');
    expect(e.first.message).toBe(`${file}:6: stanza [lonely] has no definition`);
    expect(e.first.source?.name).toBe(file);
    expect(e.first.source?.text.slice(e.first.span!.start, e.first.span!.end)).toBe('[lonely]');
  });

  it('reports a bad arity and a wrong number of args', () => {
    const bad = splError(() => loadMacroPath(path.join(FIXTURES, 'broken/bad_arity.conf'), new MacroTable()));
    expect(bad.first.message).toMatch(/bad_arity\.conf:1: bad stanza \[twice\(x\)\]/);
    const mismatch = splError(() => loadMacroPath(path.join(FIXTURES, 'broken/args_mismatch.conf'), new MacroTable()));
    expect(mismatch.first.message).toMatch(/args_mismatch\.conf:2: stanza \[pair\(2\)\] takes 2 arguments but args names 1/);
    const none = splError(() => parseMacrosConf('[p(1)]\ndefinition = $x$\n', 'p.conf'));
    expect(none.first.message).toBe('p.conf:1: stanza [p(1)] takes 1 argument but has no args setting naming them');
    const badName = splError(() => parseMacrosConf('[p(1)]\nargs = a b\ndefinition = x\n', 'p.conf'));
    expect(badName.first.message).toMatch(/p\.conf:2: .*argument name 'a b'/);
    const line = splError(() => parseMacrosConf('[p]\njust words\n', 'p.conf'));
    expect(line.first.message).toMatch(/^p\.conf:2: expected 'setting = value'/);
  });
});

describe('macro YAML', () => {
  it('reads name, definition and arguments as contentctl does', () => {
    const d = parseMacroYaml(
      "name: ctime\narguments:\n  - field\ndefinition: 'convert ctime($field$)'\ndescription: x\n",
      'c.yml',
    );
    expect(d).toMatchObject({ name: 'ctime', arity: 1, args: ['field'], definition: 'convert ctime($field$)', iseval: false });
    expect(d.origin).toEqual({ file: 'c.yml', line: 4 });
  });

  it('folds a multi-line single-quoted definition as YAML does', () => {
    const d = parseMacroYaml("name: m\ndefinition: 'a\n  | b'\n", 'm.yml');
    expect(d.definition).toBe('a | b');
  });

  it('reports a YAML syntax error with its line', () => {
    const file = path.join(FIXTURES, 'broken/bad_yaml.yml');
    const e = splError(() => loadMacroPath(file, new MacroTable()));
    expect(e.first.stage).toBe('expand');
    expect(e.first.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: YAML syntax error`));
  });

  it('reports missing fields', () => {
    expect(splError(() => parseMacroYaml('name: x\n', 'x.yml')).first.message).toBe("x.yml:1: macro file has no 'definition'");
    expect(splError(() => parseMacroYaml('definition: y\n', 'x.yml')).first.message).toBe("x.yml:1: macro file has no 'name'");
    expect(splError(() => parseMacroYaml('- a\n', 'x.yml')).first.message).toMatch(/must be a mapping/);
    expect(splError(() => parseMacroYaml('name: x\ndefinition: y\narguments: z\n', 'x.yml')).first.message).toBe(
      "x.yml:3: 'arguments' must be a list of names",
    );
  });
});

describe('loading sources', () => {
  it('loads every .yml/.conf of a folder, sorted, with the built-ins first', () => {
    const t = loadMacroTable({ paths: [FIXTURES] });
    expect(t.get('drop_dm_object_name', 1)?.origin.file).toBe('<built-in>');
    expect(t.get('sysmon', 0)?.origin.file).toBe(path.join(FIXTURES, 'sysmon.yml'));
    expect(t.get('security_content_ctime', 1)?.args).toEqual(['field']);
    expect(t.get('sysmon_pipes', 2)?.definition).toBe('`sysmon` EventCode IN ($first$,$second$) \n| eval pipe=lower(PipeName)');
    // sub-folders (broken/, override/) are not read
    expect(t.get('broken', 0)).toBeUndefined();
    expect(t.get('summariesonly_config', 0)?.definition).toBe('false');
  });

  it('lets later sources override earlier ones: files in order, then inline', () => {
    const t = loadMacroTable({ paths: [FIXTURES, path.join(FIXTURES, 'override')] });
    expect(t.get('sysmon', 0)?.definition).toBe('index=endpoint sourcetype=XmlWinEventLog');
    expect(t.get('summariesonly_config', 0)?.definition).toBe('true');
    // the override stanza only changes the description; the definition is layered from the earlier file
    const pipes = t.get('sysmon_pipes', 2);
    expect(pipes?.description).toBe('Pipe events, site description.');
    expect(pipes?.args).toEqual(['first', 'second']);
    expect(pipes?.definition).toMatch(/^`sysmon` EventCode IN/);

    const t2 = loadMacroTable({ paths: [FIXTURES], inline: ['sysmon=sourcetype=mine'] });
    expect(t2.get('sysmon', 0)?.definition).toBe('sourcetype=mine');
    expect(t2.get('sysmon', 0)?.origin.file).toBe('<command line>');

    const t3 = loadMacroTable({ paths: [FIXTURES], inline: ['drop_dm_object_name(f)=fields $f$'] });
    expect(t3.get('drop_dm_object_name', 1)?.definition).toBe('fields $f$');
  });

  it('can leave the built-ins out', () => {
    expect(loadMacroTable({ builtins: false }).size).toBe(0);
    expect(loadMacroTable().get('drop_dm_object_name', 1)).toBeDefined();
  });

  it('reports unreadable paths and unknown file kinds', () => {
    const missing = path.join(FIXTURES, 'no-such-file.conf');
    expect(splError(() => loadMacroTable({ paths: [missing] })).first.message).toBe(
      `cannot read macros from ${missing}: no such file or folder`,
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'splinter-macros-'));
    const txt = path.join(dir, 'macros.txt');
    writeFileSync(txt, 'x');
    expect(splError(() => loadMacroTable({ paths: [txt] })).first.message).toMatch(/expected a \.conf, \.yml or \.yaml file/);
    // a folder with only other files loads nothing, without error
    expect(loadMacroTable({ paths: [dir], builtins: false }).size).toBe(0);
  });

  it('parses inline definitions', () => {
    expect(parseInlineMacro('m=search a=b')).toMatchObject({ name: 'm', arity: 0, args: [], definition: 'search a=b' });
    expect(parseInlineMacro('m(x, y)=eval z=$x$+$y$')).toMatchObject({ arity: 2, args: ['x', 'y'], definition: 'eval z=$x$+$y$' });
    expect(parseInlineMacro('m(2)=$1$ $2$')).toMatchObject({ arity: 2, args: ['1', '2'] });
    expect(parseInlineMacro('m()=x')).toMatchObject({ arity: 0 });
    expect(splError(() => parseInlineMacro('no equals sign')).first.message).toBe("bad inline macro 'no equals sign'");
    expect(splError(() => parseInlineMacro('m(a,a)=x')).first.message).toMatch(/repeated/);
  });
});

describe('MacroTable', () => {
  it('keys macros by name and arity', () => {
    const t = new MacroTable();
    const base = { args: [], definition: 'x', iseval: false, origin: { file: 'f', line: 1 } };
    t.add({ ...base, name: 'foo', arity: 0 });
    t.add({ ...base, name: 'foo', arity: 2, args: ['a', 'b'] });
    expect(t.arities('foo')).toEqual([0, 2]);
    expect(t.get('foo', 1)).toBeUndefined();
    expect(t.getByKey('foo(2)')?.arity).toBe(2);
    expect(t.suggestions('fooo')).toEqual(['foo']);
  });
});
