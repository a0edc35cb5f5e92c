/**
 * `splinter diff`: one search, two sets of macros, the rows that differ.
 * Expected rows are worked out from the hand-made fixture's table
 * (fixtures/events/README.md): the demo detection returns 8 rows (variant A),
 * 4 of them on host WS-FIN-07 (A in the table): updater.exe 17 with ProcessGuid
 * …a102 (count 3: lines 1, 7, 8–35), updater.exe 17 …b302 (line 45),
 * updater.exe 18 …a102 (line 4), msedge.exe 18 …a702 (line 6). Of the 17
 * events, 15 have EventCode 17 or 18 (11 and 4); the four 18s are lines 4
 * and 6 (WS-FIN-07) and 38 and 43 (SRV-DB-02).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/api.js';
import { diffRows } from '../../src/cli/commands/diff.js';
import { MacroTable } from '../../src/macros/index.js';
import { resultKey } from '../../src/plan/keys.js';
import type { Row } from '../../src/values/value.js';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const PIPES = join(ROOT, 'fixtures', 'events', 'sysmon_pipes.xml');
const MACROS = join(ROOT, 'fixtures', 'macros');
const DETECTION = join(ROOT, 'fixtures', 'detections', 'windows_anonymous_pipe_activity.yml');
const FILTER = 'windows_anonymous_pipe_activity_filter';

function splinter(...args: string[]) {
  const r = spawnSync('node', [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const detection = (...more: string[]) => splinter('diff', '--detection', DETECTION, '-m', MACROS, '-e', PIPES, '--tz', 'UTC', ...more);

interface DiffJson {
  keyFields: string[] | null;
  onlyA: Record<string, unknown>[];
  onlyB: Record<string, unknown>[];
  changed: { key: Record<string, unknown>; a: Record<string, unknown>; b: Record<string, unknown> }[];
  summary: { a: number; b: number; onlyA: number; onlyB: number; changed: number; same: number };
}

describe('splinter diff on the demo detection', () => {
  it('a filter override: the rows it removes are only in A, exit 1', { timeout: 60_000 }, () => {
    const r = detection('--macro-b', `${FILTER}=search NOT dest="WS-FIN-07*"`, '--format', 'json');
    expect(r.err).not.toContain('internal error');
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out) as DiffJson;
    expect(d.keyFields).toEqual(['dest', 'EventCode', 'PipeName', 'ProcessGuid', 'ProcessId', 'Image', 'EventType']);
    expect(d.summary).toEqual({ a: 8, b: 4, onlyA: 4, onlyB: 0, changed: 0, same: 4 });
    expect(d.onlyA.every((row) => row.dest === 'WS-FIN-07.corp.example.com')).toBe(true);
    const removed = d.onlyA.map((row) => `${row.EventCode} ${row.ProcessGuid} ${row.Image} ${row.count}`).sort();
    expect(removed).toEqual([
      '17 {b1f3c2a4-3f2e-6643-a102-000000001c00} C:\\Users\\Public\\Downloads\\updater.exe 3',
      '17 {b1f3c2a4-4a10-6643-b302-000000002e00} C:\\Users\\Public\\Downloads\\updater.exe 1',
      '18 {b1f3c2a4-3f2e-6643-a102-000000001c00} C:\\Users\\Public\\Downloads\\updater.exe 1',
      '18 {b1f3c2a4-3f30-6643-a702-000000001d00} C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe 1',
    ]);
  });

  it('an event removed from a group: one changed row with its old and new statistics', { timeout: 60_000 }, () => {
    // side B's sysmon macro leaves out the multi-line event (lines 8–35, 10:41:59.990): the updater group of lines 1, 7, 8–35 keeps 1 and 7
    const sysmon = 'sysmon=source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational NOT UtcTime="2024-05-14 10:41:59.990"';
    const r = detection('--macro-b', sysmon, '--format', 'json');
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out) as DiffJson;
    expect(d.summary).toEqual({ a: 8, b: 8, onlyA: 0, onlyB: 0, changed: 1, same: 7 });
    const c = d.changed[0];
    expect(c.key).toEqual({
      dest: 'WS-FIN-07.corp.example.com',
      EventCode: '17',
      PipeName: '&lt;Anonymous Pipe&gt;',
      ProcessGuid: '{b1f3c2a4-3f2e-6643-a102-000000001c00}',
      ProcessId: '6612',
      Image: 'C:\\Users\\Public\\Downloads\\updater.exe',
      EventType: 'CreatePipe',
    });
    expect([c.a.count, c.a.firstTime, c.a.lastTime]).toEqual([3, '2024-05-14T10:22:31', '2024-05-14T10:41:59']);
    expect([c.b.count, c.b.firstTime, c.b.lastTime]).toEqual([2, '2024-05-14T10:22:31', '2024-05-14T10:30:15']);
    // the text report names the fields that changed
    const t = detection('--macro-b', sysmon, '--format', 'text');
    expect(t.code).toBe(1);
    expect(t.out).toContain('0 only in A, 0 only in B, 1 changed, 7 same');
    expect(t.out).toMatch(/count\s+3 → 2/);
    expect(t.out).toMatch(/lastTime\s+2024-05-14T10:41:59 → 2024-05-14T10:30:15/);
    expect(t.out).not.toMatch(/firstTime\s/);
  });

  it('identical sides: exit 0, every row the same', { timeout: 60_000 }, () => {
    const r = detection('--format', 'json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as DiffJson;
    expect(d.summary).toEqual({ a: 8, b: 8, onlyA: 0, onlyB: 0, changed: 0, same: 8 });
    // the undefined filter macro is noticed once, not once per side
    expect(r.err.match(/is not defined/g)).toHaveLength(1);
    const t = detection('--format', 'text');
    expect(t.code).toBe(0);
    expect(t.out).toContain('same rows on both sides');
  });

  it('the json shape', { timeout: 60_000 }, () => {
    const r = detection('--macro-b', `${FILTER}=search NOT EventCode=18`, '--format', 'json');
    const d = JSON.parse(r.out) as DiffJson;
    expect(Object.keys(d)).toEqual(['keyFields', 'onlyA', 'onlyB', 'changed', 'summary']);
    expect(Object.keys(d.summary)).toEqual(['a', 'b', 'onlyA', 'onlyB', 'changed', 'same']);
    // rows with EventCode 18 in variant A: updater …a102, msedge, powershell, tool.exe (3316)
    expect(d.summary).toEqual({ a: 8, b: 4, onlyA: 4, onlyB: 0, changed: 0, same: 4 });
    expect(d.onlyA.every((row) => row.EventCode === '18')).toBe(true);
    expect(Object.keys(d.onlyA[0])).toEqual(['dest', 'EventCode', 'PipeName', 'ProcessGuid', 'ProcessId', 'Image', 'EventType', 'firstTime', 'lastTime', 'count']);
  });

  it('--macros-a and --macros-b: each side its own macro files, after -m', { timeout: 60_000 }, () => {
    // fixtures/macros/override redefines sysmon as `index=endpoint sourcetype=XmlWinEventLog`; events read from
    // a file carry no index field, so side B finds nothing; side A keeps the fixture's own sysmon
    const r = splinter('diff', '--detection', DETECTION, '-m', MACROS, '--macros-b', join(MACROS, 'override'), '-e', PIPES, '--tz', 'UTC', '--format', 'json');
    expect(r.err).not.toContain('internal error');
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out) as DiffJson;
    expect(d.summary).toEqual({ a: 8, b: 0, onlyA: 8, onlyB: 0, changed: 0, same: 0 });
    // and the other way round: --macros-a
    const swapped = splinter('diff', '--detection', DETECTION, '-m', MACROS, '--macros-a', join(MACROS, 'override'), '-e', PIPES, '--tz', 'UTC', '--format', 'json');
    expect((JSON.parse(swapped.out) as DiffJson).summary).toEqual({ a: 0, b: 8, onlyA: 0, onlyB: 8, changed: 0, same: 0 });
  });
});

describe('splinter diff on a search that does not group', () => {
  it('rows compared whole and counted as a multiset: no changed rows', { timeout: 60_000 }, () => {
    const r = splinter('diff', '`pipes` | table host EventCode', '-e', PIPES, '--macro-a', 'pipes=EventCode IN (17,18)', '--macro-b', 'pipes=EventCode=17', '--format', 'json');
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out) as DiffJson;
    expect(d.keyFields).toBeNull();
    // 15 rows against 11: the four EventCode 18 events are only in A, two per host, although A holds each of them twice
    expect(d.summary).toEqual({ a: 15, b: 11, onlyA: 4, onlyB: 0, changed: 0, same: 11 });
    expect(d.onlyA.map((row) => `${row.host} ${row.EventCode}`).sort()).toEqual([
      'SRV-DB-02.corp.example.com 18',
      'SRV-DB-02.corp.example.com 18',
      'WS-FIN-07.corp.example.com 18',
      'WS-FIN-07.corp.example.com 18',
    ]);
  });

  it('a field changed on every row: the old rows only in A, the new only in B', { timeout: 60_000 }, () => {
    const r = splinter('diff', '`x` | table host EventCode', '-e', PIPES, '--macro-a', 'x=EventCode=18', '--macro-b', 'x=EventCode=18 | eval host=lower(host)', '--format', 'json');
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out) as DiffJson;
    expect(d.summary).toEqual({ a: 4, b: 4, onlyA: 4, onlyB: 4, changed: 0, same: 0 });
    expect(d.onlyB.map((row) => row.host).sort()).toEqual(['srv-db-02.corp.example.com', 'srv-db-02.corp.example.com', 'ws-fin-07.corp.example.com', 'ws-fin-07.corp.example.com']);
  });
});

describe('splinter diff errors and help', () => {
  it('a search error on side B: exit 3, says which side', { timeout: 60_000 }, () => {
    const r = splinter('diff', '`x` | stats count', '-e', PIPES, '--macro-a', 'x=EventCode=1', '--macro-b', 'x=EventCode=1 | frobnicate');
    expect(r.code).toBe(3);
    expect(r.err).toContain('side B:');
    expect(r.err).toContain("unknown command 'frobnicate'");
  });
  it('unreadable input is trouble (2), never "differ" (1)', { timeout: 60_000 }, () => {
    const r = splinter('diff', 'x', '-e', join(ROOT, 'fixtures', 'events', 'no-such-file.xml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('no-such-file.xml');
    expect(r.err).not.toContain('internal error');
  });
  it('--help documents the exit codes', { timeout: 60_000 }, () => {
    const r = splinter('diff', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 the two sides give the same rows, 1 they differ/);
  });
});

describe('result keys (plan/keys.ts)', () => {
  const keyOf = (search: string) => {
    const c = compile(search, { macros: new MacroTable(), now: 0, tz: 'UTC' });
    expect(c.diagnostics).toEqual([]);
    return resultKey(c.ast!, c.plan!);
  };
  it('the by-fields of the last grouping command', () => {
    expect(keyOf('x | stats count by host, EventCode')).toEqual(['host', 'EventCode']);
    expect(keyOf('x | stats count')).toEqual([]);
    expect(keyOf('x | stats count by host | stats count by count')).toEqual(['count']);
    expect(keyOf('x | chart count over host by EventCode')).toEqual(['host']);
    expect(keyOf('x | chart count by host EventCode')).toEqual(['host']);
    expect(keyOf('x | timechart span=1h count by host')).toEqual(['_time']);
    expect(keyOf('x | top limit=3 Image by host')).toEqual(['host', 'Image']);
    expect(keyOf('x | rare Image')).toEqual(['Image']);
    expect(keyOf('| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user')).toEqual(['Processes.dest', 'Processes.user']);
  });
  it('followed through commands that keep one row per group, renamed by rename', () => {
    expect(keyOf('| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* AS * | where count > 1')).toEqual(['dest']);
    expect(keyOf('x | stats count by host | eval n=count*2 | sort - n | table host n | head 3')).toEqual(['host']);
    expect(keyOf('x | stats min(_time) as t count by host | convert ctime(t) | fields - t')).toEqual(['host']);
  });
  it('none when the rows are events, or a later command reshapes rows or drops the key', () => {
    expect(keyOf('x | table host')).toBeUndefined();
    expect(keyOf('x | eventstats count by host')).toBeUndefined();
    expect(keyOf('x | stats count by host | table count')).toBeUndefined();
    expect(keyOf('x | stats count by host | fields - host')).toBeUndefined();
    expect(keyOf('x | stats values(y) as y by host | mvexpand y')).toBeUndefined();
    expect(keyOf('x | stats count by host | rename count AS host')).toBeUndefined();
    expect(keyOf('x | stats count by host | transpose')).toBeUndefined();
  });
});

describe('comparing rows (diffRows)', () => {
  const row = (o: Record<string, string | number | (string | number)[]>): Row => new Map(Object.entries(o));
  it('multivalues equal in order; a single value equals a multivalue of it; _time compares as a number', () => {
    const a = [row({ k: 'x', v: ['1', '2'], _time: 1715684523 }), row({ k: 'y', v: 'one' })];
    const b = [row({ k: 'x', v: ['1', '2'], _time: '1715684523.000' }), row({ k: 'y', v: ['one'] })];
    expect(diffRows(a, b, ['k'])).toMatchObject({ same: 2, onlyA: [], onlyB: [], changed: [] });
    const reordered = [row({ k: 'x', v: ['2', '1'], _time: 1715684523 }), row({ k: 'y', v: 'one' })];
    const d = diffRows(a, reordered, ['k']);
    expect(d.same).toBe(1);
    expect(d.changed).toEqual([{ a: a[0], b: reordered[0] }]);
  });
  it('an absent field differs from an empty one; field order does not matter', () => {
    expect(diffRows([row({ a: '1', b: '' })], [row({ a: '1' })], undefined)).toMatchObject({ same: 0, onlyA: [row({ a: '1', b: '' })], onlyB: [row({ a: '1' })] });
    expect(diffRows([row({ a: '1', b: '2' })], [row({ b: '2', a: '1' })], undefined).same).toBe(1);
  });
  it('duplicates count: equal rows pair up first, the rest of a key group pair in order', () => {
    const d = diffRows([row({ k: 1, n: 1 }), row({ k: 1, n: 1 }), row({ k: 1, n: 2 })], [row({ k: 1, n: 1 }), row({ k: 1, n: 3 })], ['k']);
    expect(d).toMatchObject({ a: 3, b: 2, same: 1 });
    expect(d.changed).toEqual([{ a: row({ k: 1, n: 1 }), b: row({ k: 1, n: 3 }) }]);
    expect(d.onlyA).toEqual([row({ k: 1, n: 2 })]);
  });
});
