/**
 * Bad input through the real CLI: each gives a clear message on stderr and
 * the documented exit code (0 ok, 1 runtime, 2 usage, 3 search error), and
 * none crashes (no "internal error").
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const ROOT = join(__dirname, '..', '..');
const PIPES = join(ROOT, 'fixtures', 'events', 'sysmon_pipes.xml');
const MACROS = join(ROOT, 'fixtures', 'macros');

/** in process (test/support/cli.ts): no node start-up per test */
const splinter = runCli;

describe('CLI errors', () => {
  it('a syntax error: exit 3 with a caret under the place', async () => {
    const r = await splinter('run', 'EventCode=1 | stats count(', '-e', PIPES);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^error: .*expected/m);
    expect(r.err).toContain('^');
    expect(r.err).not.toContain('internal error');
  });
  it('an unknown macro: exit 3, names the macro', async () => {
    const r = await splinter('run', '`nosuchmacro` EventCode=1', '-e', PIPES);
    expect(r.code).toBe(3);
    expect(r.err).toContain("macro 'nosuchmacro' is not defined");
  });
  it('a wrong arity: exit 3, names the arities that exist', async () => {
    const r = await splinter('run', 'x | `security_content_ctime(a, b)`', '-m', MACROS, '-e', PIPES);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/security_content_ctime/);
    expect(r.err).toMatch(/1 argument/);
  });
  it('an unknown command: exit 3, unknown command and its position', async () => {
    const r = await splinter('run', 'x | frobnicate a=1', '-e', PIPES);
    expect(r.code).toBe(3);
    expect(r.err).toContain("unknown command 'frobnicate'");
    expect(r.err).toContain('search:1:5');
  });
  it('an unknown eval function: exit 3 at planning', async () => {
    const r = await splinter('run', 'x | eval y=nosuch(1)', '-e', PIPES);
    expect(r.code).toBe(3);
    expect(r.err).toContain("unknown eval function 'nosuch'");
  });
  it('a missing events file: exit 1, names the path', async () => {
    const r = await splinter('run', 'x', '-e', join(ROOT, 'fixtures', 'events', 'no-such-file.xml'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('no-such-file.xml');
    expect(r.err).not.toContain('internal error');
  });
  it('no events at all: exit 2 (usage)', async () => {
    const r = await splinter('run', 'x');
    expect(r.code).toBe(2);
  });
  it('an unreadable line: a warning with file:line, the run goes on (exit 0); --strict fails (exit 1)', async () => {
    const broken = join(ROOT, 'fixtures', 'events', 'broken.xml');
    const r = await splinter('run', '* | stats count', '-e', broken, '-o', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/broken\.xml:\d+/);
    expect(JSON.parse(r.out)[0].count).toBeGreaterThan(0);
    const s = await splinter('run', '* | stats count', '-e', broken, '--strict', '-o', 'json');
    expect(s.code).toBe(1);
  });
  it('an error inside a macro points into its definition and at the call site', async () => {
    const r = await splinter('run', 'x | `bad`', '--macro', 'bad=stats count(', '-e', PIPES);
    expect(r.code).toBe(3);
    expect(r.err).toContain('macro `bad`');
    expect(r.err).toContain('expanded from');
  });
  it('the demo detection gives its 8 rows as JSON', async () => {
    const r = await splinter('run', '--detection', join(ROOT, 'fixtures/detections/windows_anonymous_pipe_activity.yml'), '-m', MACROS, '-e', PIPES, '--tz', 'UTC', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out);
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0])).toEqual(['dest', 'EventCode', 'PipeName', 'ProcessGuid', 'ProcessId', 'Image', 'EventType', 'firstTime', 'lastTime', 'count']);
  });
});
