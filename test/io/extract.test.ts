import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, parseTimeValue } from '../../src/io/extract.js';
import { flattenJson } from '../../src/io/json.js';
import { readEvents } from '../../src/io/readers/index.js';
import type { InputFile, RawEvent } from '../../src/io/types.js';
import type { Row } from '../../src/values/value.js';

const FIX = path.resolve(__dirname, '../../fixtures/events');

async function rows(name: string, meta: { source?: string; sourcetype?: string; host?: string } = {}): Promise<Row[]> {
  const file: InputFile = { path: path.join(FIX, name), mtime: 1700000000 };
  const out: Row[] = [];
  for await (const e of readEvents(file, () => {})) {
    const row: Row = new Map();
    extract(e, { ...meta, file }, row);
    out.push(row);
  }
  return out;
}

describe('extract: XmlWinEventLog', () => {
  it('sets the default fields from the event', async () => {
    const all = await rows('sysmon_pipes.xml');
    const r = all[0];
    expect(r.get('_raw')).toBe(readFileSync(path.join(FIX, 'sysmon_pipes.xml'), 'utf8').split('\n')[0]);
    expect(r.get('_time')).toBe(1715682151.455); // UtcTime 2024-05-14 10:22:31.455 UTC
    expect(r.get('host')).toBe('WS-FIN-07.corp.example.com');
    expect(r.get('source')).toBe('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    expect(r.get('sourcetype')).toBe('XmlWinEventLog');
    expect(r.get('RecordID')).toBe('884211'); // Sysmon add-on name: the source is the Sysmon channel
    // the Application-channel event (line 44): other source, no Sysmon-only names
    const app = all[15];
    expect(app.get('source')).toBe('XmlWinEventLog:Application');
    expect(app.has('RecordID')).toBe(false);
    expect(app.get('RecordNumber')).toBe('7001');
  });

  it('lets the user override source, sourcetype (shown renamed) and host', async () => {
    const [r] = await rows('sysmon_pipes.xml', {
      source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      host: 'collector',
    });
    // rename = xmlwineventlog (Splunk_TA_microsoft_sysmon, §6.2 "Other stanzas")
    expect(r.get('sourcetype')).toBe('xmlwineventlog');
    expect(r.get('host')).toBe('collector');
  });

  it('runs the Sysmon add-on REPORT regexes (hashes, registry details, DNS answers, file_name)', () => {
    const ev = (eid: number, data: string): RawEvent => ({
      raw: `<Event><System><EventID>${eid}</EventID><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>h</Computer></System><EventData>${data}</EventData></Event>`,
      line: 1,
      format: 'XmlWinEventLog',
    });
    const row: Row = new Map();
    extract(ev(1, "<Data Name='Hashes'>MD5=0123456789ABCDEF0123456789ABCDEF,SHA256=" + 'A'.repeat(64) + ",IMPHASH=" + 'b'.repeat(32) + '</Data>'), {}, row);
    expect(row.get('MD5')).toBe('0123456789ABCDEF0123456789ABCDEF');
    expect(row.get('SHA256')).toBe('A'.repeat(64));
    expect(row.get('IMPHASH')).toBe('b'.repeat(32));
    expect(row.has('SHA1')).toBe(false);

    const reg: Row = new Map();
    extract(ev(13, "<Data Name='Details'>DWORD (0x00000001)</Data><Data Name='TargetFilename'>C:\\Users\\x\\a.txt</Data>"), {}, reg);
    expect(reg.get('RegistryValueType')).toBe('DWORD');
    expect(reg.get('RegistryValueData')).toBe('0x00000001');
    expect(reg.get('file_name')).toBe('a.txt');

    const dns: Row = new Map();
    extract(ev(22, "<Data Name='QueryResults'>type:  5 edge.example.net;::ffff:203.0.113.7;</Data>"), {}, dns);
    expect(dns.get('answer')).toEqual(['edge.example.net', '::ffff:203.0.113.7']);
    expect(dns.get('record_type_id')).toBe('5');
  });

  it('falls back to the file time when the event has no time', () => {
    const row: Row = new Map();
    extract({ raw: '<Event><System><EventID>1</EventID></System></Event>', line: 1, format: 'XmlWinEventLog' }, { file: { path: 'x.xml', mtime: 123.5 } }, row);
    expect(row.get('_time')).toBe(123.5);
    expect(row.get('source')).toBe('x.xml');
    expect(row.get('host')).toBe(hostname());
  });
});

describe('extract: JSON', () => {
  it('flattens nested objects and arrays with Splunk names', () => {
    const row: Row = new Map();
    flattenJson(
      { a: { b: { c: 'v' } }, tags: ['x', 'y'], procs: [{ pid: 1, name: 'p' }, { pid: 2 }], m: [[1, 2], [3]], ok: true, no: null, e: '', eo: {}, ea: [] },
      row,
    );
    expect(Object.fromEntries(row)).toEqual({
      'a.b.c': 'v',
      'tags{}': ['x', 'y'],
      'procs{}.pid': ['1', '2'],
      'procs{}.name': 'p',
      'm{}{}': ['1', '2', '3'],
      ok: 'true',
      no: 'null',
    });
  });

  it('reads _time from timestamp, else the file time; host/source from the file', async () => {
    const all = await rows('small.jsonl');
    expect(all[0].get('_time')).toBe(1715682151.455);
    expect(all[0].get('user.name')).toBe('jdoe');
    expect(all[0].get('procs{}.name')).toEqual(['x.exe', 'y.exe']);
    expect(all[1].get('_time')).toBe(1715682302.12);
    expect(all[1].get('deep.a.b.c')).toBe('v');
    expect(all[2].get('_time')).toBe(1700000000);
    expect(all[0].get('source')).toBe(path.join(FIX, 'small.jsonl'));
    expect(all[0].get('sourcetype')).toBe('_json');
    expect(all[0].get('host')).toBe(hostname());
  });
});

describe('extract: CSV', () => {
  it('names fields by the header and reads _time', async () => {
    const all = await rows('small.csv');
    expect(all[0].get('CommandLine')).toBe('cmd.exe /c "echo, hi"');
    expect(all[0].get('_time')).toBe(Date.UTC(2024, 4, 14, 10, 22, 31) / 1000);
    expect(all[1].get('_time')).toBe(1715682302.5);
    expect(all[1].has('note')).toBe(false); // empty cell: no field
    expect(all[2].get('_time')).toBe(1700000000); // not a time: file time
    expect(all[2].get('sourcetype')).toBe('csv');
  });
});

describe('parseTimeValue', () => {
  it('reads epoch and ISO 8601 forms', () => {
    expect(parseTimeValue('1715682151.455')).toBe(1715682151.455);
    expect(parseTimeValue('2024-05-14T10:22:31.455Z')).toBe(1715682151.455);
    expect(parseTimeValue('2024-05-14 10:22:31Z')).toBe(1715682151);
    expect(parseTimeValue('2024-05-14T12:22:31+02:00')).toBe(1715682151);
    expect(parseTimeValue('2024-05-14T10:22:31')).toBe(1715682151); // no zone, no tz given: UTC
    expect(parseTimeValue('2024-05-14T10:22:31', 'Europe/Paris')).toBe(1715682151 - 7200); // CEST
    expect(parseTimeValue('2024-05-14T10:22:31+0000', 'Europe/Paris')).toBe(1715682151); // written zone wins
    expect(parseTimeValue('2024-05-14', 'UTC')).toBe(1715644800); // a date alone: midnight
    expect(parseTimeValue('yesterday')).toBeUndefined();
    expect(parseTimeValue('2024-05-14T10:22:31 and more')).toBeUndefined();
  });

  it('gives the reason for an impossible date instead of moving it', () => {
    expect(parseTimeValue('2024-02-30T00:00:00Z')).toBe('day 30 does not exist in 2024-02');
    expect(parseTimeValue('2023-02-29')).toBe('day 29 does not exist in 2023-02');
    expect(parseTimeValue('2024-02-29')).toBe(1709164800); // a leap year
    expect(parseTimeValue('2024-13-01')).toBe('month 13 does not exist');
    expect(parseTimeValue('2024-06-01 24:00:00')).toBe('time 24:00:00 does not exist');
    expect(parseTimeValue('0001-01-01')).toMatch(/^year 1 is outside the 32-bit epoch times/);
    expect(parseTimeValue('2040-01-01T00:00:00Z')).toMatch(/^year 2040 is outside/);
  });
});

describe('extract: impossible timestamps', () => {
  it('are reported with the field and value, and the event gets the file time', () => {
    const file: InputFile = { path: 'x.json', mtime: 1700000000 };
    const bad: string[] = [];
    let none = 0;
    for (const [json, time] of [
      ['{"timestamp":"2024-02-30T00:00:00Z"}', 1700000000],
      ['{"_time":"0001-01-01"}', 1700000000],
      ['{"timestamp":"2024-06-01T12:00:00"}', 1717243200 + 3 * 3600], // 12:00 in America/Sao_Paulo (UTC-3) = 15:00Z
    ] as const) {
      const row: Row = new Map();
      extract({ raw: json, line: 1, format: '_json' }, { file, tz: 'America/Sao_Paulo', onBadTime: (w) => bad.push(w), onNoTime: () => none++ }, row);
      expect(row.get('_time'), json).toBe(time);
    }
    expect(bad).toEqual(['timestamp "2024-02-30T00:00:00Z": day 30 does not exist in 2024-02', expect.stringMatching(/^_time "0001-01-01": year 1 is outside/)]);
    expect(none).toBe(0);
  });
  it('in text lines, classic WinEventLog records and XML UtcTime too', () => {
    const file: InputFile = { path: 'x.log', mtime: 1700000000 };
    const bad: string[] = [];
    for (const raw of [
      { raw: '2023-02-29 10:00:00 a=1', line: 1, format: 'text' as const },
      { raw: '02/30/2024 10:00:00 AM\nLogName=Security\nEventCode=4624', line: 1, format: 'WinEventLog' as const },
      { raw: "<Event><System><TimeCreated SystemTime='2024-04-31T00:00:00.000Z'/></System></Event>", line: 1, format: 'XmlWinEventLog' as const },
    ]) {
      const row: Row = new Map();
      extract(raw, { file, onBadTime: (w) => bad.push(w) }, row);
      expect(row.get('_time')).toBe(1700000000);
    }
    expect(bad).toEqual([
      '"2023-02-29 10:00:00": day 29 does not exist in 2023-02',
      '"02/30/2024 10:00:00 AM": day 30 does not exist in 2024-02',
      'SystemTime "2024-04-31T00:00:00.000Z": day 31 does not exist in 2024-04',
    ]);
  });
});
