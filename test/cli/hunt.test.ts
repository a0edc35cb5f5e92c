/**
 * `splinter hunt` over fixtures/hunt (a security_content-layout folder: eight
 * detections, one deprecated, and the macros they call) and two .evtx
 * fixtures: mixed.evtx (four Sysmon process creations at 10:20:31.455,
 * 10:21:31.455, 10:22:31.455, 10:23:31.455 on WS-FIN-07: cmd, whoami,
 * powershell, cmd; Security 4624 at 10:30:00.123 and 1102, System 7036,
 * Application 65001, on 2024-05-14) and damaged-record-size.evtx (the first
 * two of those process creations again, then a record whose size runs past
 * its chunk: one read problem).
 *
 * Expected outcomes, worked out from the searches (fixtures/hunt/detections):
 * - Hunt Cmd Spawn: cmd.exe three times (10:20 twice, 10:23), one stats row
 *   for WS-FIN-07 / CORP\jdoe; firstTime/lastTime rendered by ctime;
 * - Hunt Whoami Tstats: whoami twice in Endpoint.Processes: one row;
 * - Hunt Sysmon Process Events: the 6 process creations, a row each;
 * - Hunt Security Logon: the one 4624, for jdoe on DC01;
 * - Hunt Mimikatz: Sysmon process events exist, no mimikatz: no rows;
 * - Hunt WMI Consumer (Sysmon EventCode 20) and Hunt Network Tstats (the
 *   Network_Traffic data model): no such events: no data;
 * - Hunt Missing Lookup: its lookup is not here: cannot run;
 * - Hunt Deprecated: skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const ROOT = join(__dirname, '..', '..');
const LIB = join(ROOT, 'fixtures', 'hunt');
const DET = join(LIB, 'detections');
const MIXED = join(ROOT, 'fixtures', 'evtx', 'mixed.evtx');
const DAMAGED = join(ROOT, 'fixtures', 'evtx', 'damaged-record-size.evtx');
const EVENTS = ['--events', MIXED, DAMAGED];
// in this process, one thread (the default; worker threads run the built dist/: see the --jobs test)
const COMMON = ['--tz', 'UTC', '--now', '2024-06-01T00:00:00Z', '-j', '1'];
const LONG = { timeout: 60_000 };

interface Outcome {
  detection: string;
  type: string | null;
  techniques: string[];
  outcome: string;
  rows: number;
  reason?: string;
  first?: string | null;
  last?: string | null;
  hosts?: string[];
}

async function huntJson(...args: string[]) {
  const r = await runCli('hunt', LIB, ...EVENTS, ...COMMON, '-o', 'json', ...args);
  return { ...r, j: JSON.parse(r.out) as { summary: Record<string, unknown>[]; detections: Outcome[]; account: Record<string, number> } };
}

describe('splinter hunt', () => {
  it('every detection ends as one outcome; the damaged file is read as far as it can be', LONG, async () => {
    const { code, j, err } = await huntJson();
    expect(code).toBe(0);
    const outcomes = Object.fromEntries(j.detections.map((d) => [d.detection, [d.outcome, d.rows]]));
    expect(outcomes).toEqual({
      'Hunt Cmd Spawn': ['fired', 1],
      'Hunt Whoami Tstats': ['fired', 1],
      'Hunt Sysmon Process Events': ['fired', 6],
      'Hunt Security Logon': ['fired', 1],
      'Hunt Mimikatz': ['no rows', 0],
      'Hunt WMI Consumer': ['no data', 0],
      'Hunt Network Tstats': ['no data', 0],
      'Hunt Missing Lookup': ['cannot run', 0],
    });
    expect(j.detections.find((d) => d.detection === 'Hunt Missing Lookup')!.reason).toBe("plan: unknown lookup 'hunt_verdicts_lookup'");
    expect(j.account).toEqual({ events: 10, files: 2, readProblems: 1, detections: 8, fired: 4, noRows: 1, noData: 2, cannotRun: 1, deprecated: 1, filteredOut: 0 });
    expect(err).toMatch(/detections: 8 run: 4 fired, 1 no rows, 2 no data, 1 cannot run; 1 deprecated skipped/);
    expect(err).toMatch(/cannot run \(1\): plan: unknown lookup 'hunt_verdicts_lookup'/);
    expect(err).toMatch(/10 events read from 2 files, 1 read problem/);
    expect(err).toMatch(/damaged-record-size\.evtx: byte 8443: record size 60000 runs past/);
  });

  it('summary: sorted by type (TTP, Anomaly, Hunting), then rows, then name, with techniques, times and hosts', LONG, async () => {
    const { j } = await huntJson();
    expect(j.summary).toEqual([
      { detection: 'Hunt Cmd Spawn', type: 'TTP', techniques: ['T1059.003'], rows: 1, first: '2024-05-14T10:20:31.000Z', last: '2024-05-14T10:23:31.000Z', hosts: ['WS-FIN-07.corp.example.com'] },
      { detection: 'Hunt Whoami Tstats', type: 'TTP', techniques: ['T1033'], rows: 1, first: '2024-05-14T10:21:31.455Z', last: '2024-05-14T10:21:31.455Z', hosts: ['WS-FIN-07.corp.example.com'] },
      { detection: 'Hunt Sysmon Process Events', type: 'Anomaly', techniques: ['T1059'], rows: 6, first: '2024-05-14T10:20:31.455Z', last: '2024-05-14T10:23:31.455Z', hosts: ['WS-FIN-07.corp.example.com'] },
      { detection: 'Hunt Security Logon', type: 'Hunting', techniques: ['T1078.002'], rows: 1, first: '2024-05-14T10:30:00.123Z', last: '2024-05-14T10:30:00.123Z', hosts: ['DC01.corp.example.com'] },
    ]);
    // the same twice
    expect((await huntJson()).j.summary).toEqual(j.summary);
  });

  it('table and csv: one line per fired detection in the same order', LONG, async () => {
    const t = await runCli('hunt', LIB, ...EVENTS, ...COMMON, '-o', 'table');
    const lines = t.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^detection\s+type\s+techniques\s+rows\s+first\s+last\s+hosts$/);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/).slice(0, 4))).toEqual([
      ['Hunt Cmd Spawn', 'TTP', 'T1059.003', '1'],
      ['Hunt Whoami Tstats', 'TTP', 'T1033', '1'],
      ['Hunt Sysmon Process Events', 'Anomaly', 'T1059', '6'],
      ['Hunt Security Logon', 'Hunting', 'T1078.002', '1'],
    ]);
    expect(lines[2]).toMatch(/2024-05-14 10:20:31\s+2024-05-14 10:23:31\s+WS-FIN-07\.corp\.example\.com$/);
    const c = await runCli('hunt', LIB, ...EVENTS, ...COMMON, '-o', 'csv');
    expect(c.out.split('\n')[0]).toBe('detection,type,techniques,rows,first,last,hosts');
    expect(c.out.split('\n')[4]).toBe('Hunt Security Logon,Hunting,T1078.002,1,2024-05-14 10:30:00,2024-05-14 10:30:00,DC01.corp.example.com');
  });

  it('--timeline: one line per result row in time order, pivot columns, the rest as details', LONG, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunt-'));
    const csv = join(dir, 'timeline.csv');
    const r = await runCli('hunt', LIB, ...EVENTS, ...COMMON, '-o', 'json', '--timeline', csv);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/timeline: 9 rows written to/);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('time,host,detection,type,techniques,user,process_name,parent_process_name,process,details');
    // time, detection: equal times ordered by detection name
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).filter((_, i) => i !== 1).join(' '))).toEqual([
      '2024-05-14T10:20:31.000Z Hunt Cmd Spawn',
      '2024-05-14T10:20:31.455Z Hunt Sysmon Process Events',
      '2024-05-14T10:20:31.455Z Hunt Sysmon Process Events',
      '2024-05-14T10:21:31.455Z Hunt Sysmon Process Events',
      '2024-05-14T10:21:31.455Z Hunt Sysmon Process Events',
      '2024-05-14T10:21:31.455Z Hunt Whoami Tstats',
      '2024-05-14T10:22:31.455Z Hunt Sysmon Process Events',
      '2024-05-14T10:23:31.455Z Hunt Sysmon Process Events',
      '2024-05-14T10:30:00.123Z Hunt Security Logon',
    ]);
    expect(lines[1]).toBe('2024-05-14T10:20:31.000Z,WS-FIN-07.corp.example.com,Hunt Cmd Spawn,TTP,T1059.003,CORP\\jdoe,C:\\Windows\\System32\\cmd.exe,,,count=3');
    expect(lines[7]).toBe('2024-05-14T10:22:31.455Z,WS-FIN-07.corp.example.com,Hunt Sysmon Process Events,Anomaly,T1059,CORP\\jdoe,C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe,C:\\Windows\\explorer.exe,"powershell -nop -c ""IEX \'x\'""",');
    const jsonl = join(dir, 'timeline.jsonl');
    await runCli('hunt', LIB, ...EVENTS, ...COMMON, '-o', 'json', '--timeline', jsonl);
    const objs = readFileSync(jsonl, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(objs).toHaveLength(9);
    expect(objs[8]).toEqual({ time: '2024-05-14T10:30:00.123Z', host: 'DC01.corp.example.com', detection: 'Hunt Security Logon', type: 'Hunting', techniques: 'T1078.002', user: 'jdoe', details: 'count=1' });
  });

  it('--type, --mitre (prefix) and --name choose detections; the others are counted as not selected', LONG, async () => {
    const names = (j: { detections: Outcome[] }) => j.detections.map((d) => d.detection).sort();
    const byType = await huntJson('--type', 'anomaly,Hunting');
    expect(names(byType.j)).toEqual(['Hunt Missing Lookup', 'Hunt Network Tstats', 'Hunt Security Logon', 'Hunt Sysmon Process Events']);
    expect(byType.j.account.filteredOut).toBe(4);
    const byMitre = await huntJson('--mitre', 'T1059');
    expect(names(byMitre.j)).toEqual(['Hunt Cmd Spawn', 'Hunt Missing Lookup', 'Hunt Sysmon Process Events']);
    const byName = await huntJson('--name', '*TSTATS');
    expect(names(byName.j)).toEqual(['Hunt Network Tstats', 'Hunt Whoami Tstats']);
  });

  it('a filter macro given with --macro applies, as in run: the tuning it suppresses shows', LONG, async () => {
    const { j } = await huntJson('--macro', 'hunt_cmd_spawn_filter=search NOT dest="WS-FIN-07*"');
    expect(j.detections.find((d) => d.detection === 'Hunt Cmd Spawn')).toMatchObject({ outcome: 'no rows', rows: 0 });
  });

  it('rows are those of splinter run on each detection alone', LONG, async () => {
    const { j } = await huntJson();
    for (const [file, name] of [
      ['hunt_cmd_spawn.yml', 'Hunt Cmd Spawn'],
      ['hunt_whoami_tstats.yml', 'Hunt Whoami Tstats'],
      ['hunt_sysmon_process_events.yml', 'Hunt Sysmon Process Events'],
      ['hunt_security_logon.yml', 'Hunt Security Logon'],
      ['hunt_mimikatz.yml', 'Hunt Mimikatz'],
    ]) {
      const r = await runCli('run', '--detection', join(DET, file), '-m', join(LIB, 'macros'), '-e', MIXED, DAMAGED, ...COMMON.slice(0, -2), '-o', 'json');
      expect(JSON.parse(r.out).length, name).toBe(j.detections.find((d) => d.detection === name)!.rows);
    }
  });

  it('a savedsearches.conf: each enabled stanza with a search, named by its stanza', LONG, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunt-'));
    const conf = join(dir, 'savedsearches.conf');
    writeFileSync(
      conf,
      [
        '[Cmd From Conf]',
        'search = `sysmon` EventCode=1 Image="*\\\\cmd.exe" | stats count by Computer',
        'action.correlationsearch.enabled = 1',
        'action.correlationsearch.annotations = {"mitre_attack": ["T1059.003"]}',
        '',
        '[Disabled One]',
        'search = `sysmon` EventCode=1',
        'disabled = 1',
        '',
        // any of the .conf spec's true words: yes disables, true raises notables
        '[Disabled Two]',
        'search = `sysmon` EventCode=1',
        'disabled = Yes',
        '',
        '[Notable One]',
        'search = `sysmon` EventCode=1 Image="*\\\\cmd.exe" | stats count by Computer',
        'action.notable = true',
        '',
      ].join('\n'),
    );
    const r = await runCli('hunt', conf, ...EVENTS, ...COMMON, '-m', join(LIB, 'macros'), '-o', 'json');
    const j = JSON.parse(r.out) as { detections: Outcome[] };
    expect(j.detections.map((d) => [d.detection, d.type, d.techniques, d.outcome, d.rows])).toEqual([
      ['Cmd From Conf', 'Correlation', ['T1059.003'], 'fired', 1],
      ['Notable One', 'Correlation', [], 'fired', 1],
    ]);
  });

  it('--jobs 3: the library split over worker threads gives the same outcomes, rows and account', LONG, async () => {
    const one = await huntJson();
    const r = spawnSync('node', [join(ROOT, 'dist', 'cli', 'main.js'), 'hunt', LIB, ...EVENTS, ...COMMON.slice(0, -2), '-j', '3', '-o', 'json'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(one.j);
  });

  it('exit 1 with the reason when no detection can run, or no event is read', LONG, async () => {
    const none = await runCli('hunt', join(DET, 'hunt_missing_lookup.yml'), ...EVENTS, ...COMMON, '-m', join(LIB, 'macros'), '-o', 'json');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/error: no detection could run/);
    const dir = mkdtempSync(join(tmpdir(), 'hunt-'));
    writeFileSync(join(dir, 'empty.log'), '');
    const empty = await runCli('hunt', LIB, '--events', join(dir, 'empty.log'), ...COMMON, '-o', 'json');
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/error: no event was read/);
    const usage = await runCli('hunt', LIB, ...COMMON);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/no evidence given/);
  });
});
