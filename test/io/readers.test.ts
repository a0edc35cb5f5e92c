import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { detectFormat, formatForSourcetype, readEvents } from '../../src/io/readers/index.js';
import { splitCsvRecord } from '../../src/io/readers/csv.js';
import type { Format, InputFile, RawEvent, ReadProblem } from '../../src/io/types.js';

const FIX = path.resolve(__dirname, '../../fixtures/events');
const file = (name: string, sourcetype?: string): InputFile => ({ path: path.join(FIX, name), mtime: 1700000000, sourcetype });

async function readAll(f: InputFile): Promise<{ events: RawEvent[]; problems: ReadProblem[]; format?: Format }> {
  const events: RawEvent[] = [];
  const problems: ReadProblem[] = [];
  let format: Format | undefined;
  for await (const e of readEvents(f, (p) => problems.push(p), undefined, (fm) => (format = fm))) events.push(e);
  return { events, problems, format };
}

describe('XmlWinEventLog reader', () => {
  it('reads one-line and multi-line events of the demo fixture with their start lines', async () => {
    const { events, problems, format } = await readAll(file('sysmon_pipes.xml'));
    expect(format).toBe('XmlWinEventLog');
    expect(problems).toEqual([]);
    expect(events).toHaveLength(17);
    // line numbers: see fixtures/events/README.md (blank line 5, multi-line event 8–35)
    expect(events.map((e) => e.line)).toEqual([1, 2, 3, 4, 6, 7, 8, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45]);
    const multi = events[6].raw;
    expect(multi.startsWith("<Event xmlns=")).toBe(true);
    expect(multi.endsWith('</Event>')).toBe(true);
    expect(multi.split('\n')).toHaveLength(28);
  });

  it('reports garbage, binary bytes, invalid UTF-8 and cut-off events with file:line, and goes on', async () => {
    const f = file('broken.xml');
    const { events, problems } = await readAll(f);
    expect(events.map((e) => e.line)).toEqual([1, 4, 7]);
    expect(events[1].raw).toContain('Jos\uFFFD');
    // a run of stray lines is reported when it ends, so problems are not strictly in line order
    const lines = problems.map((p) => [p.line, p.reason.split(':')[0]]);
    expect(lines).toEqual([
      [3, 'invalid UTF-8 bytes, shown as U+FFFD'],
      [4, 'invalid UTF-8 bytes, shown as U+FFFD'],
      [2, 'line is not part of an <Event> element'],
      [5, '<Event> is not closed'],
      [9, '<Event> is not closed'],
    ]);
    expect(problems.every((p) => p.file === f.path)).toBe(true);
    expect(problems[2].reason).toContain('(this and the next 1 line)');
    expect(problems[2].reason).toContain('this is not xml at all');
    expect(problems[3].reason).toContain('next <Event> at line 7');
    expect(problems[4].reason).toContain('file ends before </Event>');
  });

  it('reads an empty file as no events and no problems', async () => {
    const { events, problems } = await readAll(file('empty.xml'));
    expect(events).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('handles two events on one line and CRLF line ends', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'splinter-io-'));
    const p = path.join(dir, 'two.xml');
    const ev = (n: number) => `<Event xmlns='x'><System><EventID>${n}</EventID></System></Event>`;
    await writeFile(p, `${ev(1)}${ev(2)}\r\n<Event>\r\n<System><EventID>3</EventID></System>\r\n</Event>\r\n`);
    const { events, problems } = await readAll({ path: p, mtime: 0 });
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.line, e.raw])).toEqual([
      [1, ev(1)],
      [1, ev(2)],
      [2, '<Event>\n<System><EventID>3</EventID></System>\n</Event>'],
    ]);
  });

  it('reads a classic WinEventLog record before XML events as its own WinEventLog event', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'splinter-io-'));
    const p = path.join(dir, 'mixed.log');
    await writeFile(p, "01/14/2021 11:41:39 PM\nLogName=Security\n<Event xmlns='x'><System><EventID>4688</EventID></System></Event>\n");
    const { events, problems, format } = await readAll({ path: p, mtime: 0 });
    expect(format).toBe('XmlWinEventLog');
    expect(events.map((e) => [e.line, e.format])).toEqual([
      [1, 'WinEventLog'],
      [3, 'XmlWinEventLog'],
    ]);
    expect(events[0].raw).toBe('01/14/2021 11:41:39 PM\nLogName=Security');
    expect(problems).toEqual([]);
  });

  it('reads lines across chunk boundaries', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'splinter-io-'));
    const p = path.join(dir, 'big.xml');
    const one = `<Event xmlns='x'><System><EventID>1</EventID></System><EventData><Data Name='P'>${'é'.repeat(900)}</Data></EventData></Event>`;
    const n = 3000; // ≈ 5.5 MB: several 1 MB chunks, multibyte characters cut at chunk ends
    await writeFile(p, Array.from({ length: n }, () => one).join('\n'));
    let count = 0;
    const problems: ReadProblem[] = [];
    for await (const e of readEvents({ path: p, mtime: 0 }, (x) => problems.push(x))) {
      if (e.raw !== one) throw new Error(`event at line ${e.line} differs`);
      count++;
    }
    expect(count).toBe(n);
    expect(problems).toEqual([]);
  });
});

describe('cancellation', () => {
  it('closes the file stream when the consumer stops early', async () => {
    const fs = await import('node:fs');
    const spy = vi.spyOn(fs.ReadStream.prototype, 'destroy');
    const it = readEvents(file('sysmon_pipes.xml'), () => {});
    const first = await it.next();
    expect(first.done).toBe(false);
    await it.return(undefined);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    void createReadStream; // the module under test uses fs.createReadStream
  });

  it('stops on an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    const events: RawEvent[] = [];
    for await (const e of readEvents(file('sysmon_pipes.xml'), () => {}, ac.signal)) events.push(e);
    expect(events).toEqual([]);
  });
});

describe('JSON lines and CSV readers', () => {
  it('reads JSON objects, skipping blank lines', async () => {
    const { events, problems, format } = await readAll(file('small.jsonl'));
    expect(format).toBe('_json');
    expect(problems).toEqual([]);
    expect(events.map((e) => e.line)).toEqual([1, 3, 4]);
    expect((events[0].json as { host_name: string }).host_name).toBe('ws1');
  });

  it('reports lines that are not JSON objects', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'splinter-io-'));
    const p = path.join(dir, 'bad.jsonl');
    await writeFile(p, '{"a":1}\n[1,2]\n{"b":\n{"c":3}\n');
    const { events, problems } = await readAll({ path: p, mtime: 0 });
    expect(events.map((e) => e.line)).toEqual([1, 4]);
    // line 2 is an array whose elements are not objects; line 3 is cut off
    expect(problems.map((x) => x.line)).toEqual([2, 3]);
    expect(problems[0].reason).toMatch(/^2 elements of the array on this line are not a JSON object/);
    expect(problems[1].reason).toMatch(/^line is not a JSON object: /);
  });

  it('reads CSV records with quoted commas, doubled quotes and line breaks', async () => {
    const { events, problems, format } = await readAll(file('small.csv'));
    expect(format).toBe('csv');
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.line, e.cells])).toEqual([
      [2, ['ws1', '2024-05-14T10:22:31Z', 'cmd.exe /c "echo, hi"', 'plain']],
      [3, ['ws2', '1715682302.5', 'multi\nline', '']],
      [6, ['ws3', 'not-a-time', 'x', 'y']],
    ]);
    expect(events[0].header).toEqual(['dvc', '_time', 'CommandLine', 'note']);
  });

  it('reports an unclosed quote at the end and extra cells', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'splinter-io-'));
    const p = path.join(dir, 'bad.csv');
    await writeFile(p, 'a,b\n1,2,3\n"open,4\n');
    const { events, problems } = await readAll({ path: p, mtime: 0 });
    expect(events).toHaveLength(1);
    expect(problems.map((x) => x.line)).toEqual([2, 3]);
  });

  it('splits RFC 4180 records', () => {
    expect(splitCsvRecord('a,"b,c",,"d""e"')).toEqual(['a', 'b,c', '', 'd"e']);
    expect(splitCsvRecord('')).toEqual(['']);
    expect(splitCsvRecord('x,')).toEqual(['x', '']);
  });

  it('reads plain text as one event per non-blank line', async () => {
    const { events, format } = await readAll(file('text.log'));
    expect(format).toBe('text');
    expect(events.map((e) => [e.line, e.raw])).toEqual([
      [1, 'first line of text'],
      [3, 'second line key=value'],
    ]);
  });

  it('uses the sourcetype to choose the reader when given', async () => {
    const { format, events } = await readAll(file('text.log', '_json'));
    expect(format).toBe('_json');
    expect(events).toEqual([]);
  });
});

describe('detectFormat', () => {
  it('detects from the first non-blank line', () => {
    expect(detectFormat("<Event xmlns='x'>")).toBe('XmlWinEventLog');
    expect(detectFormat('  <Event>')).toBe('XmlWinEventLog');
    expect(detectFormat('<Events>')).toBe('text');
    expect(detectFormat('{"a":1}')).toBe('_json');
    expect(detectFormat('host,count,"Image Path"')).toBe('csv');
    expect(detectFormat('1,2,3')).toBe('text');
    expect(detectFormat('a,a')).toBe('text');
    expect(detectFormat('May 14 10:22:31 host sshd[1]: Accepted')).toBe('text');
  });

  it('maps sourcetypes to formats', () => {
    expect(formatForSourcetype('XmlWinEventLog')).toBe('XmlWinEventLog');
    expect(formatForSourcetype('xmlwineventlog')).toBe('XmlWinEventLog');
    expect(formatForSourcetype('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational')).toBe('XmlWinEventLog');
    expect(formatForSourcetype('_json')).toBe('_json');
    expect(formatForSourcetype('csv')).toBe('csv');
    expect(formatForSourcetype('syslog')).toBeUndefined();
  });
});
