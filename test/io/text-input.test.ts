/**
 * An input held in memory (InputFile.text, the playground's pasted events)
 * reads as the same file on disk does: same lines, same events, same
 * problems, through the same readers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEvents, type FileReadInfo } from '../../src/io/readers/index.js';
import { LineSplitter, textLines } from '../../src/io/readers/lines.js';
import type { InputFile, RawEvent, ReadProblem } from '../../src/io/types.js';

async function read(file: InputFile): Promise<{ events: RawEvent[]; problems: ReadProblem[]; info: FileReadInfo }> {
  const events: RawEvent[] = [];
  const problems: ReadProblem[] = [];
  const info: FileReadInfo = { comments: 0, lines: 0, gzip: false };
  for await (const e of readEvents(file, (p) => problems.push(p), undefined, undefined, info)) events.push(e);
  // bytes read is a file's progress measure (compressed bytes for a .gz): text held in memory has none
  delete info.bytes;
  return { events, problems, info };
}

describe('textLines', () => {
  it('breaks lines as LineSplitter does', () => {
    for (const text of ['\uFEFFa\r\nb\rc\n\nd', 'one', '', '\n', 'a\r', 'a\r\n\r\nb\n']) {
      const fromBytes: [string, number][] = [];
      const s = new LineSplitter((t, n) => fromBytes.push([t, n]));
      s.feed(Buffer.from(text, 'utf8'));
      s.end();
      expect([...textLines(text)], JSON.stringify(text)).toEqual(fromBytes);
    }
  });
});

describe('an input held in memory', () => {
  for (const name of ['sysmon_pipes.xml', 'broken.xml', 'small.jsonl', 'small.csv', 'kv.log', 'windows_mixed.log']) {
    it(`reads ${name} as its file`, async () => {
      const path = `fixtures/events/${name}`;
      const fromFile = await read({ path, mtime: 0 });
      const fromText = await read({ path, mtime: 0, text: readFileSync(path, 'utf8') });
      expect(fromFile.events.length).toBeGreaterThan(0);
      expect(fromText).toEqual(fromFile);
    });
  }
});
