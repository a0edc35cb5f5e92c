/**
 * `splinter macros` and `expand --trace` through the real CLI, over the
 * layered fixtures (fixtures/macros-layered/README.md): site_app's local/
 * overrides `sysmon` of its default/ and only amends `pipes(2)`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
// relative to ROOT, where the CLI runs: origins are printed as the paths were given
const APP = 'fixtures/macros-layered/site_app';
const DEFAULT_CONF = `${APP}/default/macros.conf`;
const LOCAL_CONF = `${APP}/local/macros.conf`;

function splinter(...args: string[]) {
  const r = spawnSync('node', [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function lineOf(file: string, text: string): number {
  return readFileSync(join(ROOT, file), 'utf8').split('\n').indexOf(text) + 1;
}

describe('splinter macros', () => {
  it('text: one block per macro, its origin on the first line, what it overrides', () => {
    const r = splinter('macros', 'sysmon', 'pipes', '-m', APP);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const blocks = r.out.trimEnd().split('\n\n');
    expect(blocks).toEqual([
      [
        `sysmon\t${LOCAL_CONF}:${lineOf(LOCAL_CONF, '[sysmon]')}`,
        '  definition: index=endpoint sourcetype=XmlWinEventLog',
        `  overrides: ${DEFAULT_CONF}:${lineOf(DEFAULT_CONF, '[sysmon]')}: index=main sourcetype=XmlWinEventLog`,
      ].join('\n'),
      [
        `pipes(2)\t${DEFAULT_CONF}:${lineOf(DEFAULT_CONF, '[pipes(2)]')}`,
        '  args: first, second',
        '  description: Pipe events, site description.',
        '  definition: `sysmon` EventCode IN ($first$,$second$) ',
        '    | eval pipe=lower(PipeName)',
        `  amended by: ${LOCAL_CONF}:${lineOf(LOCAL_CONF, '[pipes(2)]')}`,
      ].join('\n'),
    ]);
  }, 60_000);

  it('lists every macro when no name is given, built-ins as built-in; --macro overrides files', () => {
    const r = splinter('macros', '-m', `${APP}/default`, '--macro', 'sysmon=index=cli');
    expect(r.code).toBe(0);
    const headers = r.out.split('\n').filter((l) => l !== '' && !l.startsWith(' '));
    expect(headers).toEqual([
      `app_only\t${DEFAULT_CONF}:${lineOf(DEFAULT_CONF, '[app_only]')}`,
      'drop_dm_object_name(1)\tbuilt-in',
      // local/ beside default/ is read after it
      `local_only\t${LOCAL_CONF}:${lineOf(LOCAL_CONF, '[local_only]')}`,
      `pipes(2)\t${DEFAULT_CONF}:${lineOf(DEFAULT_CONF, '[pipes(2)]')}`,
      'sysmon\t--macro #1',
    ]);
    expect(r.out).toContain(
      `  overrides: ${LOCAL_CONF}:${lineOf(LOCAL_CONF, '[sysmon]')}: index=endpoint sourcetype=XmlWinEventLog\n` +
        `  overrides: ${DEFAULT_CONF}:${lineOf(DEFAULT_CONF, '[sysmon]')}: index=main sourcetype=XmlWinEventLog\n`,
    );
  }, 60_000);

  it('json: the documented shape', () => {
    const r = splinter('macros', '-m', APP, '--format', 'json', 'sysmon', 'drop_dm_object_name(1)');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      macros: [
        {
          key: 'sysmon',
          name: 'sysmon',
          arity: 0,
          args: [],
          definition: 'index=endpoint sourcetype=XmlWinEventLog',
          iseval: false,
          origin: { kind: 'file', file: LOCAL_CONF, line: lineOf(LOCAL_CONF, '[sysmon]') },
          amendedBy: [],
          overrides: [
            {
              origin: { kind: 'file', file: DEFAULT_CONF, line: lineOf(DEFAULT_CONF, '[sysmon]') },
              args: [],
              definition: 'index=main sourcetype=XmlWinEventLog',
            },
          ],
        },
        {
          key: 'drop_dm_object_name(1)',
          name: 'drop_dm_object_name',
          arity: 1,
          args: ['field'],
          definition: 'rename $field$.* AS *',
          iseval: false,
          description: 'Strip the data model object prefix from field names (CIM add-on macro).',
          origin: { kind: 'built-in', file: '<built-in>', line: 1 },
          amendedBy: [],
          overrides: [],
        },
      ],
    });
  }, 60_000);

  it('an unknown name: exit 2 with a did-you-mean hint; the names found are still printed', () => {
    const r = splinter('macros', '-m', APP, 'sysmn', 'pipes(3)', 'app_only');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^app_only\t/);
    expect(r.err).toContain("error: macro 'sysmn' is not defined\n  = hint: did you mean `sysmon`?");
    expect(r.err).toContain("error: macro 'pipes(3)' is not defined\n  = hint: pipes is defined as `pipes(2)`");
    expect(r.err).not.toContain('internal error');
  }, 60_000);
});

describe('expand --trace', () => {
  it('names the file and line each expanded macro was defined in', () => {
    const r = splinter('expand', '`pipes(17,18)` | `drop_dm_object_name(P)` | `m`', '-m', APP, '--macro', 'm=head 1', '--trace');
    expect(r.code).toBe(0);
    expect(r.out).toBe('index=endpoint sourcetype=XmlWinEventLog EventCode IN (17,18) \n| eval pipe=lower(PipeName) | rename P.* AS * | head 1\n');
    expect(r.err).toContain(`\`pipes(17,18)\` (search:1:1; defined in ${DEFAULT_CONF}:${lineOf(DEFAULT_CONF, '[pipes(2)]')}) → `);
    expect(r.err).toContain(`  \`sysmon\` (macro \`pipes(2)\`:1:1; defined in ${LOCAL_CONF}:${lineOf(LOCAL_CONF, '[sysmon]')}) → index=endpoint sourcetype=XmlWinEventLog`);
    expect(r.err).toContain('`drop_dm_object_name(P)` (search:1:18; built in) → rename P.* AS *');
    expect(r.err).toContain('`m` (search:1:45; defined by --macro #1) → head 1');
  }, 60_000);
});
