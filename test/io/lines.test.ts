/** Line splitting: LF, CRLF and a lone CR end a line (Splunk's default LINE_BREAKER is ([\r\n]+)), wherever the chunks are cut. */
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/io/readers/lines.js';

function split(chunks: Buffer[]): [string, number][] {
  const out: [string, number][] = [];
  const s = new LineSplitter((t, n) => out.push([t, n]));
  for (const c of chunks) s.feed(c);
  s.end();
  return out;
}

/** every way to cut `text` into three chunks gives the same lines */
function allCuts(text: string): [string, number][][] {
  const b = Buffer.from(text);
  const results: [string, number][][] = [];
  for (let i = 0; i <= b.length; i++) {
    for (let j = i; j <= b.length; j++) results.push(split([b.subarray(0, i), b.subarray(i, j), b.subarray(j)]));
  }
  return results;
}

describe('LineSplitter', () => {
  it('a lone CR ends a line like LF and CRLF do (old Mac line endings do not merge records)', () => {
    const want: [string, number][] = [
      ['a=1', 1],
      ['b=2', 2],
      ['c=3', 3],
      ['d=4', 4],
    ];
    for (const got of allCuts('a=1\rb=2\r\nc=3\nd=4\r')) expect(got).toEqual(want);
  });
  it('CRLF is one line end, CR CR two (the second line is empty)', () => {
    for (const got of allCuts('x\r\n\r\ny\r\rz')) {
      expect(got).toEqual([
        ['x', 1],
        ['', 2],
        ['y', 3],
        ['', 4],
        ['z', 5],
      ]);
    }
  });
  it('keeps multi-byte characters cut between chunks; drops a UTF-8 byte order mark', () => {
    for (const got of allCuts('é\r€')) expect(got).toEqual([['é', 1], ['€', 2]]);
    expect(split([Buffer.from('\uFEFFé\r€')])).toEqual([['é', 1], ['€', 2]]);
  });
});
