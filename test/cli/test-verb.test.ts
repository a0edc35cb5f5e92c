/**
 * `splinter test` through the real CLI: the JSON shape, JUnit XML that a
 * parser reads back, exit codes (0 only when nothing failed), and folders
 * (deprecated detections left out). Expected statuses and counts: see
 * test/testing/runner.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const DET = join('fixtures', 'testing', 'detections');
const COMMON = ['-m', 'fixtures/macros', '--data-root', 'fixtures', '--tz', 'UTC'];
const LONG = { timeout: 60_000 };

function splinter(...args: string[]) {
  const r = spawnSync('node', [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('splinter test', () => {
  it('json: one result per test, a summary, exit 1 when a test failed', LONG, () => {
    const r = splinter('test', DET, ...COMMON, '-o', 'json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.summary).toEqual({ passed: 2, failed: 3, skipped: 3 });
    const byName = (n: string) => j.results.filter((x: { detection: string }) => x.detection === n);
    expect(byName('Pipes Pass').map((x: { status: string; resultCount: number }) => [x.status, x.resultCount])).toEqual([['pass', 6], ['pass', 5]]);
    expect(byName('Deprecated Pipes')).toEqual([]);
    expect(Object.keys(j.results[0]).sort()).toEqual(['data', 'detection', 'file', 'message', 'ms', 'resultCount', 'status', 'test']);
    expect(r.err).toMatch(/8 tests: 2 passed, 3 failed, 3 skipped \(1 file not tested/);
  });
  it('exit 0 when nothing failed (skips do not fail a run)', LONG, () => {
    const r = splinter('test', join(DET, 'pipes_pass.yml'), join(DET, 'pipes_missing_data.yml'), ...COMMON, '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).summary).toEqual({ passed: 2, failed: 0, skipped: 1 });
  });
  it('junit: valid XML whose counts and cases read back', LONG, () => {
    const r = splinter('test', DET, ...COMMON, '-o', 'junit');
    expect(XMLValidator.validate(r.out)).toBe(true);
    const x = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.out);
    expect([x.testsuites.tests, x.testsuites.failures, x.testsuites.skipped]).toEqual(['8', '3', '3']);
    const cases = x.testsuites.testsuite.testcase as { name: string; failure?: { message: string }; skipped?: { message: string } }[];
    expect(cases).toHaveLength(8);
    const nullRisk = cases.find((c) => c.name === 'Pipes Null Risk / True Positive Test')!;
    expect(nullRisk.failure!.message).toBe("risk object field 'user' is null in 3 of 5 results");
    expect(cases.filter((c) => c.skipped).length).toBe(3);
  });
  it('table: a line per test with status, detection, test, data, results and reason', LONG, () => {
    const r = splinter('test', join(DET, 'pipes_no_results.yml'), ...COMMON, '-o', 'table');
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^status\s+detection\s+test\s+data\s+results\s+ms\s+reason$/);
    expect(lines[1]).toMatch(/^FAIL\s+Pipes No Results\s+True Positive Test\s+sysmon_pipes\.xml\s+0\s+\d+\s+the search returned no results$/);
  });
  it('--rows adds the rows each search returned, the same from worker threads', LONG, () => {
    const one = JSON.parse(splinter('test', join(DET, 'pipes_pass.yml'), ...COMMON, '-o', 'json', '--rows').out);
    const two = JSON.parse(splinter('test', join(DET, 'pipes_pass.yml'), ...COMMON, '-o', 'json', '--rows', '--jobs', '2').out);
    for (const r of one.results) {
      expect(r.rows).toHaveLength(r.resultCount);
      // the detection's stats ... by dest ..., then fixtures/macros' security_content_ctime: firstTime as text
      for (const row of r.rows) expect(row.firstTime).toMatch(/^2024-05-\d\dT\d\d:\d\d:\d\d$/);
    }
    expect(two.results.map((r: { rows: unknown }) => r.rows)).toEqual(one.results.map((r: { rows: unknown }) => r.rows));
    expect(JSON.parse(splinter('test', join(DET, 'pipes_pass.yml'), ...COMMON, '-o', 'json').out).results[0].rows).toBeUndefined();
  });
  it('--jobs 2 gives the results of one thread, in the same order', LONG, () => {
    const strip = (out: string) => JSON.parse(out).results.map((x: Record<string, unknown>) => ({ ...x, ms: 0 }));
    const one = splinter('test', DET, ...COMMON, '-o', 'json');
    const two = splinter('test', DET, ...COMMON, '-o', 'json', '--jobs', '2');
    expect(two.code).toBe(1);
    expect(strip(two.out)).toEqual(strip(one.out));
    expect(splinter('test', DET, ...COMMON, '--jobs', '0').code).toBe(2);
  });
  it('a missing path or --data-root is a usage error (exit 2)', LONG, () => {
    expect(splinter('test', 'no/such/folder', ...COMMON).code).toBe(2);
    const r = splinter('test', DET, '-m', 'fixtures/macros', '--data-root', 'no/such/root');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--data-root no/such/root: no such file or folder');
  });
});
