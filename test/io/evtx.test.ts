/**
 * Windows .evtx files read natively (src/io/evtx/): the records of the
 * fixtures made by fixtures/evtx/make.mjs, compared with what libevtx's
 * evtxexport read from the same files (fixtures/evtx/expected.json, written
 * by fixtures/evtx/expected.mjs), the add-on's one-line shape, damaged files,
 * and searches over .evtx inputs.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SplError } from '../../src/diagnostics/diagnostic.js';
import { crc32, crc32Table } from '../../src/io/evtx/crc32.js';
import { EvtxReader } from '../../src/io/evtx/reader.js';
import { readEvents, type FileReadInfo } from '../../src/io/readers/index.js';
import type { InputFile, ReadProblem } from '../../src/io/types.js';
// @ts-expect-error plain JS module shared with the scripts
import { normEvent } from '../../fixtures/evtx/normalise.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = path.join(ROOT, 'fixtures', 'evtx');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Norm[]>;

interface Norm {
  system: Record<string, string>;
  data: [string, string][];
}

async function read(file: string | InputFile): Promise<{ raws: string[]; problems: ReadProblem[]; info: FileReadInfo }> {
  const input: InputFile = typeof file === 'string' ? { path: file, mtime: 0 } : file;
  const raws: string[] = [];
  const problems: ReadProblem[] = [];
  const info: FileReadInfo = { comments: 0, lines: 0, gzip: false };
  for await (const e of readEvents(input, (p) => problems.push(p), undefined, undefined, info)) {
    expect(e.format).toBe('XmlWinEventLog');
    raws.push(e.raw);
  }
  return { raws, problems, info };
}

/** where each record of the file's first chunk starts (from the sizes in the records themselves) */
function recordOffsets(buf: Buffer): number[] {
  const out: number[] = [];
  let at = 4096 + 512;
  const free = buf.readUInt32LE(4096 + 48);
  while (at < free && at + 8 <= buf.length) {
    out.push(at);
    at += buf.readUInt32LE(at + 4);
  }
  return out;
}

// libevtx 20181227 (Debian's evtxexport) renders these value types differently from Windows:
// signed integers wrongly (-5 as an Int8 comes out as -123), SizeT in decimal (Windows: hex, as
// HexInt32/64, libyal's document, "Normal substitution"), doubles with C's %e. The fixture's
// record of every type holds these inputs (make.mjs), so the expected text is known:
const LIBEVTX_DIFFERS: Record<string, string> = {
  Int8: '-5',
  Int16: '-300',
  Int32: '-70000',
  Int64: '-5000000000',
  SizeT: '0x7ff6a000',
  Real64: '2.5',
};

// The record of types.evtx (make.mjs): each <Data> as splinter renders it, worked out from the value's bytes by
// libyal's document ("Value types": Real32/64 IEEE floats, SYSTEMTIME's 16-bit fields, SizeT as HexInt32 or
// HexInt64 by its size, binary as upper-case hex, arrays (type | 0x80) as their items one after the other, the
// element repeated once per item), and, where libevtx 20181227 writes it otherwise, how libevtx does: floats with
// C's %e, SizeT in decimal, signed 8-bit items wrongly (-1 comes out as -127).
// [decision] floats as the shortest decimal that reads back the same, SYSTEMTIME with 7 fraction digits as FILETIME.
const VALUES: [name: string, splinter: string, libevtx?: string][] = [
  ['Real32', '1.5', '1.500000e+000'],
  ['Real32Negative', '-0.25', '-2.500000e-001'],
  ['Real64', '-1024.125', '-1.024125e+003'],
  // (compared after normalise.mjs, which drops a time's trailing zero digits: the XML has .7890000Z)
  ['SystemTime', '2024-05-14T10:34:56.789Z'],
  ['SizeT32', '0x10c8', '4296'],
  ['SizeT64', '0x7ff6a0001000', '140697223041024'],
  ['Binary', 'DEADBEEF0001'],
  ['BinaryEmpty', ''],
  ['Strings', 'alpha'],
  ['Strings', 'beta & <gamma>'],
  ['Strings', 'delta'],
  ['UInt16s', '1'],
  ['UInt16s', '65535'],
  ['Int8s', '-1', '-127'],
  ['Int8s', '127'],
  ['UInt32s', '0'],
  ['UInt32s', '4000000000'],
  ['HexInt32s', '0x1f'],
  ['HexInt32s', '0xdeadbeef'],
  ['Guids', '{01234567-89AB-CDEF-0123-456789ABCDEF}'],
  ['Guids', '{FEDCBA98-7654-3210-FEDC-BA9876543210}'],
];

describe('EVTX records against libevtx (evtxexport)', () => {
  for (const key of Object.keys(expected)) {
    it(`${key}: the same records, the same System values and Data elements`, async () => {
      // 'x.evtx --recover': with the records recovered from slack space (evtxexport -m all)
      const [file, recover] = key.split(' ');
      const { raws, problems, info } = await read({ path: path.join(DIR, file), mtime: 0, ...(recover ? { recover: true } : {}) });
      expect(problems).toEqual([]);
      expect(info.evtx).toBe(true);
      const theirs = expected[key];
      expect(raws.length).toBe(theirs.length);
      expect(raws.length).toBeGreaterThan(0);
      raws.forEach((raw, i) => {
        const mine = normEvent(raw) as Norm;
        const provider = mine.system['Provider@Name'];
        const want: Norm = {
          system: theirs[i].system,
          data: theirs[i].data.map(([k, v], j) =>
            provider === 'Splinter-Test-Types' && k in LIBEVTX_DIFFERS
              ? [k, LIBEVTX_DIFFERS[k]]
              : provider === 'Splinter-Test-Values' && VALUES[j]?.[0] === k && VALUES[j][2] === v
                ? [k, VALUES[j][1]]
                : [k, v],
          ),
        };
        expect(mine).toEqual(want);
      });
    });
  }

  it('floats, SYSTEMTIME, SizeT, binary and arrays: the values worked out from their bytes; libevtx reads the same but where it is known to write them otherwise', async () => {
    const { raws } = await read(path.join(DIR, 'types.evtx'));
    expect(raws).toHaveLength(1);
    expect((normEvent(raws[0]) as Norm).data).toEqual(VALUES.map(([k, v]) => [k, v]));
    expect(expected['types.evtx'][0].data).toEqual(VALUES.map(([k, v, lib]) => [k, lib ?? v]));
    // in the XML itself: the element repeated per item, text escaped, hex unpadded
    expect(raws[0]).toContain("<Data Name='Strings'>alpha</Data><Data Name='Strings'>beta &amp; &lt;gamma&gt;</Data><Data Name='Strings'>delta</Data>");
    expect(raws[0]).toContain("<Data Name='SystemTime'>2024-05-14T10:34:56.7890000Z</Data>");
    expect(raws[0]).toContain("<Data Name='SizeT32'>0x10c8</Data><Data Name='SizeT64'>0x7ff6a0001000</Data><Data Name='Binary'>DEADBEEF0001</Data><Data Name='BinaryEmpty'></Data>");
  });

  it('the differences from libevtx above are only in the record of every type', () => {
    const touched = Object.values(expected)
      .flat()
      .filter((r) => r.data.some(([k, v]) => k in LIBEVTX_DIFFERS && v !== LIBEVTX_DIFFERS[k]));
    expect(touched.map((r) => r.system['Provider@Name'])).toEqual(['Splinter-Test-Types', 'Splinter-Test-Values']);
  });
});

describe('EVTX records in the add-on shape', () => {
  it('a Security logon: one line, single quotes, a well-known SID as its account name, unpadded lower-case hex, upper-case GUIDs, 7 fraction digits, a NULL UserID left out', async () => {
    const { raws } = await read(path.join(DIR, 'mixed.evtx'));
    const raw = raws.find((r) => r.includes('<EventID>4624<'));
    // a well-known SID in the EventData of a Security event is written as the forwarder resolves it; others stay SIDs
    expect(raw).toBe(
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-A5BA-3E3B0328C30D}'/><EventID>4624</EventID><Version>2</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='2024-05-14T10:30:00.1234567Z'/><EventRecordID>5001</EventRecordID><Correlation ActivityID='{4EC0CCF2-B67B-0004-F8CC-C04E7BB6D801}'/><Execution ProcessID='612' ThreadID='4120'/><Channel>Security</Channel><Computer>DC01.corp.example.com</Computer><Security/></System><EventData><Data Name='SubjectUserSid'>NT AUTHORITY\\SYSTEM</Data><Data Name='SubjectUserName'>DC01$</Data><Data Name='SubjectLogonId'>0x3e7</Data><Data Name='TargetUserSid'>S-1-5-21-1587066498-1489273250-1035260531-1106</Data><Data Name='TargetUserName'>jdoe</Data><Data Name='TargetDomainName'>CORP</Data><Data Name='TargetLogonId'>0x18a7875</Data><Data Name='LogonType'>3</Data><Data Name='LogonProcessName'>NtLmSsp </Data><Data Name='LogonGuid'>{00000000-0000-0000-0000-000000000000}</Data><Data Name='IpAddress'>10.0.0.5</Data><Data Name='IpPort'>49712</Data><Data Name='ImpersonationLevel'>%%1833</Data><Data Name='ElevatedToken'>%%1842</Data></EventData></Event>",
    );
  });

  it('a System service event: EventID Qualifiers, binary as upper-case hex; a Sysmon command line keeps its quotes and escapes & < >', async () => {
    const { raws } = await read(path.join(DIR, 'mixed.evtx'));
    const sys = raws.find((r) => r.includes('>7036<'))!;
    expect(sys).toContain("<EventID Qualifiers='16384'>7036</EventID>");
    expect(sys).toContain("<Data Name='param1'>Windows Update</Data><Data Name='param2'>running</Data><Binary>770075006100750073007600000000</Binary></EventData></Event>");
    expect(raws[0]).toContain(`<Data Name='CommandLine'>cmd.exe /c "whoami &amp; echo &lt;done&gt;"</Data>`);
    expect(raws[0]).toContain("<Data Name='RuleName'>technique_id=T1059,technique_name=Command and Scripting Interpreter</Data>");
    expect(raws[1]).toContain("<Data Name='RuleName'></Data>");
    for (const r of raws) {
      expect(r).not.toMatch(/[\r\n]/);
      expect(r).not.toMatch(/="/);
    }
  });

  it('an optional substitution with a NULL value leaves its element out; nested Binary XML becomes UserData', async () => {
    const { raws } = await read(path.join(DIR, 'mixed.evtx'));
    const types = raws.find((r) => r.includes('Splinter-Test-Types'))!;
    expect(types).toContain("<Data Name='Empty'></Data><Data Name='Real64'>2.5</Data>");
    expect(types).not.toContain('Missing');
    // not the Security channel: the SID stays a SID
    expect(types).toContain("<Data Name='Sid'>S-1-5-18</Data>");
    expect(types).toContain("<Provider Name='Splinter-Test-Types'/>");
    const cleared = raws.find((r) => r.includes('>1102<'))!;
    expect(cleared).toContain(
      "<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'><SubjectUserSid>S-1-5-21-1-2-3-1106</SubjectUserSid><SubjectUserName>jdoe</SubjectUserName><SubjectLogonId>0x18a7875</SubjectLogonId></LogFileCleared></UserData></Event>",
    );
  });
});

describe('EVTX input', () => {
  it('is found by its signature whatever its name, also gzip-compressed; fed in small pieces it gives the same records', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'evtx-'));
    const whole = await read(path.join(DIR, 'mixed.evtx'));
    const renamed = path.join(tmp, 'security-export.log');
    copyFileSync(path.join(DIR, 'mixed.evtx'), renamed);
    expect((await read(renamed)).raws).toEqual(whole.raws);
    const gz = path.join(tmp, 'mixed.evtx.gz');
    writeFileSync(gz, gzipSync(readFileSync(path.join(DIR, 'mixed.evtx'))));
    const g = await read(gz);
    expect(g.raws).toEqual(whole.raws);
    expect(g.info.gzip).toBe(true);
    // pieces that cut the header, chunks and records anywhere
    const buf = readFileSync(path.join(DIR, 'damaged-chunk-header.evtx'));
    const pieces: string[] = [];
    const r = new EvtxReader((rec) => pieces.push(rec.xml), () => {});
    for (let i = 0; i < buf.length; i += 777) r.feed(buf.subarray(i, i + 777));
    r.end();
    expect(pieces).toEqual((await read(path.join(DIR, 'damaged-chunk-header.evtx'))).raws);
  });

  it('a cut-off file: the records before the cut are read, the cut one reported with its byte offset', async () => {
    const file = path.join(DIR, 'damaged-truncated.evtx');
    const buf = readFileSync(file);
    const good = readFileSync(path.join(DIR, 'mixed.evtx'));
    const offsets = recordOffsets(good);
    // make.mjs cuts inside the third record
    expect(buf.length).toBeGreaterThan(offsets[2]);
    expect(buf.length).toBeLessThan(offsets[3]);
    const { raws, problems } = await read(file);
    expect(raws).toEqual((await read(path.join(DIR, 'mixed.evtx'))).raws.slice(0, 2));
    expect(problems.map((p) => [p.offset, p.line])).toEqual([
      [4096, 0],
      [offsets[2], 0],
    ]);
    expect(problems[0].reason).toMatch(/ends inside a chunk/);
    expect(problems[1].reason).toMatch(/cut off/);
  });

  it('a chunk whose header checksum fails is skipped and reported; the next chunk is read', async () => {
    const { raws, problems } = await read(path.join(DIR, 'damaged-chunk-header.evtx'));
    expect(raws).toEqual((await read(path.join(DIR, 'sysmon.evtx'))).raws);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ offset: 4096, line: 0, reason: expect.stringMatching(/chunk header checksum/) });
  });

  it('a header marked dirty or counting fewer chunks than the file holds: reported with its offset, every chunk read', () => {
    const b = Buffer.from(readFileSync(path.join(DIR, 'damaged-chunk-header.evtx')));
    b.writeUInt16LE(1, 42); // one chunk counted, two written
    b.writeUInt32LE(b.readUInt32LE(120) | 1, 120); // dirty
    b.writeUInt32LE(crc32(b, [[0, 120]]), 124);
    let records = 0;
    const problems: [number, string][] = [];
    const r = new EvtxReader(
      () => records++,
      (o, why) => problems.push([o, why]),
    );
    r.feed(b);
    r.end();
    expect(records).toBe(4);
    expect(problems.map(([o]) => o)).toEqual([120, 4096, 42]);
    expect(problems[0][1]).toMatch(/marked dirty/);
    expect(problems[2][1]).toBe('the header counts 1 chunk but the file holds 2 written ones: all were read');
  });

  it('a record size past its chunk: the records before it are read, the rest of the chunk skipped and reported', async () => {
    const file = path.join(DIR, 'damaged-record-size.evtx');
    const { raws, problems } = await read(file);
    expect(raws).toEqual((await read(path.join(DIR, 'mixed.evtx'))).raws.slice(0, 2));
    const third = recordOffsets(readFileSync(path.join(DIR, 'mixed.evtx')))[2];
    expect(problems).toEqual([{ file, line: 0, offset: third, reason: 'record size 60000 runs past the records of its chunk: the rest of the chunk is skipped' }]);
  });

  it('damaged Binary XML (random bytes changed, checksums made right again) never throws or hangs: each record is read or reported', () => {
    const good = readFileSync(path.join(DIR, 'mixed.evtx'));
    const free = good.readUInt32LE(4096 + 48);
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let reported = 0;
    for (let round = 0; round < 300; round++) {
      const b = Buffer.from(good);
      const c = b.subarray(4096);
      for (let k = 1 + rand(8); k > 0; k--) c[512 + rand(free - 512)] = rand(256);
      c.writeUInt32LE(crc32(c, [[512, free]]), 52);
      c.writeUInt32LE(crc32(c, [[0, 120], [128, 512]]), 124);
      let records = 0;
      const problems: number[] = [];
      const r = new EvtxReader(
        () => records++,
        (offset) => problems.push(offset),
      );
      r.feed(b);
      r.end();
      // every record is either read or stops the chunk / is reported; offsets lie inside the chunk
      expect(records).toBeLessThanOrEqual(8);
      if (records < 8) expect(problems.length).toBeGreaterThan(0);
      for (const o of problems) expect(o >= 4096 && o < 4096 + 65536).toBe(true);
      reported += problems.length;
    }
    expect(reported).toBeGreaterThan(0);
  });

  it('a file named .evtx that is not one: an error naming it, or a problem when found in a folder', async () => {
    const file = path.join(DIR, 'not-evtx.evtx');
    await expect(read(file)).rejects.toThrow(SplError);
    await expect(read(file)).rejects.toThrow(`${file} is named .evtx but is not a Windows event log`);
    const { raws, problems } = await read({ path: file, mtime: 0, inFolder: true });
    expect(raws).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].reason).toMatch(/not a Windows event log/);
  });
});

describe('records recovered from slack space (--recover)', () => {
  it('off by default: the slack is not read; on: the records there that are whole are read after the chunk, counted apart, and slack that only looks like a record is passed over', async () => {
    const file = path.join(DIR, 'slack.evtx');
    const sysmon = (await read(path.join(DIR, 'sysmon.evtx'))).raws;
    // make.mjs: slack.evtx is sysmon.evtx whose chunk header ends the records after the second of four
    const plain = await read(file);
    expect(plain.raws).toEqual(sysmon.slice(0, 2));
    expect(plain.problems).toEqual([]);
    expect(plain.info.recovered).toBeUndefined();
    const rec = await read({ path: file, mtime: 0, recover: true });
    expect(rec.raws).toEqual(sysmon);
    expect(rec.problems).toEqual([]);
    expect(rec.info.recovered).toBe(2);
  });

  it('a record in the slack that is a former version of one already read (same identifier) is not read again; the identifiers and offsets are the records\'', () => {
    const buf = Buffer.from(readFileSync(path.join(DIR, 'slack.evtx')));
    const c = buf.subarray(4096);
    const third = c.readUInt32LE(48);
    // the third record (in the slack) given the identifier of the first
    c.writeBigUInt64LE(1000n, third + 8);
    const got: [number, number, boolean][] = [];
    const r = new EvtxReader(
      (x) => got.push([x.id, x.offset, x.recovered === true]),
      () => {},
      { recover: true },
    );
    r.feed(buf);
    r.end();
    const fourth = third + c.readUInt32LE(third + 4);
    expect(got).toEqual([
      [1000, 4096 + 512, false],
      [1001, 4096 + 512 + c.readUInt32LE(512 + 4), false],
      [1003, 4096 + fourth, true],
    ]);
    expect([r.records, r.recovered]).toEqual([3, 1]);
  });

  it('a record in the slack whose template is not the one it names (another template identifier at its offset) is not read', () => {
    const buf = Buffer.from(readFileSync(path.join(DIR, 'slack.evtx')));
    const c = buf.subarray(4096);
    const third = c.readUInt32LE(48);
    // fragment header (4), template instance token and unknown byte (2), then the template identifier
    expect(c[third + 24 + 4]).toBe(0x0c);
    c.writeUInt32LE((c.readUInt32LE(third + 24 + 6) ^ 1) >>> 0, third + 24 + 6);
    const ids: number[] = [];
    const r = new EvtxReader(
      (x) => ids.push(x.id),
      () => {},
      { recover: true },
    );
    r.feed(buf);
    r.end();
    expect(ids).toEqual([1000, 1001, 1003]);
  });

  it('splinter run --recover: the summary counts the recovered records', { timeout: 60_000 }, () => {
    const file = path.join(DIR, 'slack.evtx');
    const r = spawnSync('node', [CLI, 'run', '* | stats count', '-e', file, '-o', 'json', '-v', '--recover'], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ count: 4 }]);
    expect(r.stderr).toContain('slack.evtx: read as EVTX (XmlWinEventLog), sourcetype XmlWinEventLog (4); 4 events, 0 skipped, 2 recovered from slack space');
    const off = spawnSync('node', [CLI, 'run', '* | stats count', '-e', file, '-o', 'json', '-v'], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
    expect(JSON.parse(off.stdout)).toEqual([{ count: 2 }]);
    expect(off.stderr).not.toContain('recovered');
  });
});

describe('searches over .evtx', () => {
  const splinter = (...args: string[]) => spawnSync('node', [CLI, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });

  it('EventCode=1 | stats count by Image, with source, sourcetype and host from the record', { timeout: 60_000 }, () => {
    const r = splinter('run', 'EventCode=1 | stats count by Image, source, sourcetype, host', '-e', path.join(DIR, 'sysmon.evtx'), '-o', 'json');
    expect(r.status).toBe(0);
    const base = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog', host: 'WS-FIN-07.corp.example.com' };
    expect(JSON.parse(r.stdout)).toEqual([
      { Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', ...base, count: 1 },
      { Image: 'C:\\Windows\\System32\\cmd.exe', ...base, count: 2 },
      { Image: 'C:\\Windows\\System32\\whoami.exe', ...base, count: 1 },
    ]);
  });

  it('the same rows as over the add-on text form of the same record; _time to the sub-second', { timeout: 60_000 }, async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'evtx-'));
    const { raws } = await read(path.join(DIR, 'mixed.evtx'));
    const text = path.join(tmp, 'security.xml');
    writeFileSync(text, raws.find((r) => r.includes('<EventID>4624<'))! + '\n');
    const q = "EventCode=4624 | eval t=strftime(_time, \"%Y-%m-%dT%H:%M:%S.%3N\") | table *";
    const a = splinter('run', q, '-e', path.join(DIR, 'mixed.evtx'), '-o', 'json');
    const b = splinter('run', q, '-e', text, '-o', 'json');
    expect(a.status).toBe(0);
    const rows = JSON.parse(a.stdout);
    expect(rows).toEqual(JSON.parse(b.stdout));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ t: '2024-05-14T10:30:00.123', TargetUserName: 'jdoe', LogonType: '3', source: 'XmlWinEventLog:Security', host: 'DC01.corp.example.com' });
  });

  it('problems carry the file and byte offset', { timeout: 60_000 }, () => {
    const file = path.join(DIR, 'damaged-record-size.evtx');
    const r = splinter('run', '* | stats count', '-e', file, '-o', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ count: 2 }]);
    expect(r.stderr).toMatch(new RegExp(`warning: skipped .*damaged-record-size\\.evtx: byte \\d+: record size 60000 runs past`));
  });
});

describe('crc32', () => {
  it('is the RFC 1952 CRC-32 ("123456789" gives 0xcbf43926), over several ranges as one run', () => {
    const b = Buffer.from('xx123456789');
    expect(crc32(b, [[2, 11]])).toBe(0xcbf43926);
    expect(crc32(b, [[2, 5], [5, 11]])).toBe(0xcbf43926);
    expect(crc32(b, [[2, 2]])).toBe(0);
    expect(crc32Table(b, [[2, 5], [5, 11]])).toBe(0xcbf43926);
    const chunk = readFileSync(path.join(DIR, 'mixed.evtx')).subarray(4096);
    expect(crc32Table(chunk, [[0, 120], [128, 512]])).toBe(chunk.readUInt32LE(124));
  });
});
