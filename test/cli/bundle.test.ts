/**
 * The shipped CLI is one bundled file, dist/splinter.js (package.json `bin`),
 * with `test --jobs`'s worker beside it (src/tools/bundle.ts). It must give
 * what the modules give: same results, same messages, and its worker found.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const LONG = { timeout: 60_000 };
const node = (entry: string, ...args: string[]) => spawnSync('node', [join(ROOT, entry), ...args], { encoding: 'utf8', cwd: ROOT });

describe('the bundled CLI', () => {
  it('runs the seed detection with the same rows and notices as the modules', LONG, () => {
    const args = ['run', '--detection', 'fixtures/detections/windows_anonymous_pipe_activity.yml', '-m', 'fixtures/macros', '-e', 'fixtures/events/sysmon_pipes.xml', '--tz', 'UTC', '-o', 'json'];
    const bundled = node('dist/splinter.js', ...args);
    const modules = node('dist/cli/main.js', ...args);
    expect(bundled.status).toBe(0);
    expect(JSON.parse(bundled.stdout)).toHaveLength(8);
    expect(bundled.stdout).toBe(modules.stdout);
    expect(bundled.stderr).toBe(modules.stderr);
  });

  it('reports a broken search as the modules do (exit 3, the same caret diagnostic)', LONG, () => {
    const bundled = node('dist/splinter.js', 'run', 'a | stats count by');
    const modules = node('dist/cli/main.js', 'run', 'a | stats count by');
    expect(bundled.status).toBe(3);
    expect(bundled.stderr).toBe(modules.stderr);
  });

  it('starts test --jobs 2 workers from the file beside it', LONG, () => {
    const r = node('dist/splinter.js', 'test', 'fixtures/testing/detections/pipes_pass.yml', '-m', 'fixtures/macros', '--data-root', 'fixtures', '--tz', 'UTC', '-o', 'json', '--jobs', '2');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ passed: 2, failed: 0, skipped: 0 });
  });
});
