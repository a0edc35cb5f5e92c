/**
 * testDetection over the fixtures in fixtures/testing/detections (see their
 * comments) and fixtures/events/sysmon_pipes.xml, whose expected rows are
 * worked out in fixtures/events/README.md: the 2025 search gives 5 rows; with
 * the test's source XmlWinEventLog:Microsoft-Windows-Sysmon/Operational forced
 * on every event, line 44 (Channel Application) also passes the `sysmon`
 * macro and gets dest from the Sysmon stanza, so 6.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventCache } from '../../src/engine/event-cache.js';
import { loadMacroTable } from '../../src/macros/index.js';
import { loadDetection } from '../../src/testing/detection.js';
import { testDetection, type TestOptions } from '../../src/testing/runner.js';

const ROOT = join(__dirname, '..', '..');
const DET = join(ROOT, 'fixtures', 'testing', 'detections');
const base = (): TestOptions => ({ macros: loadMacroTable({ paths: [join(ROOT, 'fixtures', 'macros')] }), dataRoot: join(ROOT, 'fixtures'), now: Date.parse('2024-06-01T00:00:00Z') / 1000, tz: 'UTC' });
const test = (file: string, opts: TestOptions = base()) => testDetection(loadDetection(join(DET, file)), opts);

describe('testDetection', () => {
  it('passes each test: the URL with its source (6 rows) and the relative path without (5 rows)', async () => {
    const r = await test('pipes_pass.yml');
    expect(r.map((x) => [x.test, x.status, x.resultCount, x.message])).toEqual([
      ['True Positive Test', 'pass', 6, '6 results'],
      ['Relative Path Test', 'pass', 5, '5 results'],
    ]);
    expect(r[0].data).toEqual([join(ROOT, 'fixtures', 'events', 'sysmon_pipes.xml')]);
  });
  it('fails on a risk object that is null in some results, naming it', async () => {
    const [r] = await test('pipes_null_risk.yml');
    // user is set for pid 3316 only: 2 of the 5 rows
    expect([r.status, r.resultCount, r.message]).toEqual(['fail', 5, "risk object field 'user' is null in 3 of 5 results"]);
  });
  it('fails on a threat object that no result has', async () => {
    const [r] = await test('pipes_threat_null.yml');
    expect([r.status, r.message]).toEqual(['fail', "threat object field 'parent_process_name' is null in every result"]);
  });
  it('fails when the search returns nothing', async () => {
    const [r] = await test('pipes_no_results.yml');
    expect([r.status, r.resultCount, r.message]).toEqual(['fail', 0, 'the search returned no results']);
  });
  it('skips, never passes, when the data is not there', async () => {
    const [r] = await test('pipes_missing_data.yml');
    expect(r.status).toBe('skip');
    expect(r.message).toBe(`data not found at ${join(ROOT, 'fixtures', 'events', 'not_there.xml')}`);
  });
  it('skips a search that cannot run offline, with the planning diagnostic and its place in the file', async () => {
    const [r] = await test('offline_mstats.yml');
    expect(r.status).toBe('skip');
    expect(r.message).toMatch(/^plan: .*offline_mstats\.yml:5:12: unsupported command 'mstats'/);
  });
  it('reports a manual test as such, with what it returned', async () => {
    const [r] = await test('manual.yml');
    expect([r.status, r.resultCount, r.message]).toEqual(['skip', 5, 'manual test: Needs an ES lookup in production. (returned 5 results)']);
  });
  it('does not test a deprecated detection', async () => {
    const [r] = await test('deprecated.yml');
    expect(r.status).toBe('skip');
    expect(r.message).toMatch(/^status: deprecated/);
  });
  it('reads a data file once for many detections, with the same results as without sharing', async () => {
    const cache = new EventCache();
    const shared = { ...base(), cache };
    const a = await test('pipes_pass.yml', shared);
    expect(cache.size).toBe(2); // the file with the test's source, and without
    const b = await test('pipes_null_risk.yml', shared);
    expect(cache.size).toBe(2);
    const again = await test('pipes_pass.yml', shared);
    expect(again.map((x) => x.resultCount)).toEqual(a.map((x) => x.resultCount));
    expect(b[0].resultCount).toBe((await test('pipes_null_risk.yml'))[0].resultCount);
  });
});
