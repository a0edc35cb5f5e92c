/**
 * The playground's step without the page: the same rows and the same
 * rendered errors as the CLI, from text held in memory.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadMacroText, macroFilesOf, loadMacroFile, MacroTable, type MacroDef } from '../../src/macros/index.js';
import { bundledSamples, macrosText } from '../../src/playground/samples.js';
import { runPlayground } from '../../src/playground/session.js';

const opts = { now: Date.UTC(2024, 4, 15) / 1000, tz: 'UTC' };

function cli(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const comparable = (d: MacroDef) => ({ name: d.name, arity: d.arity, args: d.args, definition: d.definition, iseval: d.iseval, validation: d.validation, errormsg: d.errormsg, description: d.description });

describe('playground samples', () => {
  it('writes a folder of macros.conf and YAML macros as one macros.conf that defines the same macros', () => {
    const fromFiles = new MacroTable();
    for (const f of macroFilesOf(['fixtures/macros'])) loadMacroFile(f, fromFiles);
    const fromText = new MacroTable();
    loadMacroText(macrosText(['fixtures/macros']), 'macros.conf', fromText);
    expect(fromFiles.size).toBeGreaterThan(3);
    expect(fromText.definitions().map(comparable)).toEqual(fromFiles.definitions().map(comparable));
  });
});

describe('runPlayground', () => {
  it('gives the seed sample the rows splinter run gives the seed detection', async () => {
    const seed = bundledSamples()[0];
    const out = await runPlayground(seed, opts);
    const r = cli(['run', '--detection', 'fixtures/detections/windows_anonymous_pipe_activity.yml', '-m', 'fixtures/macros', '-e', 'fixtures/events/sysmon_pipes.xml', '--tz', 'UTC', '-o', 'json']);
    expect(r.status).toBe(0);
    const want = JSON.parse(r.stdout) as unknown[];
    expect(want.length).toBe(8);
    expect(out.errors).toEqual([]);
    expect(out.results).toEqual(want);
    expect(out.expanded).toContain('EventCode IN (17,18)');
    expect(out.expanded).not.toContain('`sysmon`');
    expect(out.explain).toContain('stats');
    // one line per stage, the last one (the filter macro's search *) handing on the 8 results
    expect(out.stages).toMatch(/^stages:/);
    expect(out.stages).toMatch(/ search: 8 rows out {2}← search \*/);
  }, 60_000);

  it('renders a broken search as the CLI does, caret and hint', async () => {
    const out = await runPlayground({ search: '| stast count', events: '', macros: '' }, opts);
    const r = cli(['run', '| stast count']);
    expect(r.status).not.toBe(0);
    expect(out.stage).toBe('plan');
    expect(out.errors.join('\n') + '\n').toBe(r.stderr);
    expect(out.errors[0]).toContain('^^^^^');
  }, 60_000);

  it('runs every bundled sample without an error, each giving rows', async () => {
    for (const s of bundledSamples()) {
      const out = await runPlayground(s, opts);
      expect(out.errors, s.name).toEqual([]);
      expect(out.results?.length, s.name).toBeGreaterThan(0);
    }
  }, 60_000);

  it('reports a broken macros text with its line', async () => {
    const out = await runPlayground({ search: '`x`', events: '', macros: '[x]\nthis is not a setting\n' }, opts);
    expect(out.stage).toBe('macros');
    expect(out.errors.join('\n')).toMatch(/macros\.conf:2/);
  });

  it('counts the events read and warns about unreadable lines', async () => {
    const out = await runPlayground({ search: '* | stats count', events: '{"a":1}\n{"a":\n{"a":3}\n', eventsName: 'x.jsonl', macros: '' }, opts);
    expect(out.results).toEqual([{ count: 2 }]);
    expect(out.notices.join('\n')).toContain('x.jsonl:2');
  });
});
