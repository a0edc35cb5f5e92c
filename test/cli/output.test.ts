/** Result writers keep every field, whatever its name; the table fits a terminal; the progress line. */
import { describe, expect, it } from 'vitest';
import { fitWidths, makeWriter, type Format } from '../../src/cli/output.js';
import { byteSize, progressLine } from '../../src/cli/common.js';
import type { Row } from '../../src/values/value.js';

function print(format: Format, rows: Row[], width?: number): string {
  let out = '';
  const w = makeWriter(format, { tz: 'UTC', write: (s) => (out += s), ...(width ? { width } : {}) });
  w.rows(rows);
  w.end();
  return out;
}

describe('writers', () => {
  const row = (): Row => new Map<string, string | number>([['__proto__', 'p'], ['constructor', 'c'], ['n', 1]]);
  it('json and jsonl keep a field named __proto__ (csv and table show it too)', () => {
    const line = print('jsonl', [row()]).trim();
    expect(line).toBe('{"__proto__":"p","constructor":"c","n":1}');
    // parsed back: an own property, not the prototype
    expect(Object.keys(JSON.parse(print('json', [row()]))[0])).toEqual(['__proto__', 'constructor', 'n']);
    expect(print('csv', [row()])).toBe('__proto__,constructor,n\np,c,1\n');
  });
});

describe('table on a terminal', () => {
  const rows = (): Row[] => [
    new Map<string, string | string[]>([['_raw', 'x'.repeat(200)], ['host', 'ws1'], ['CommandLine', 'cmd.exe /c ' + 'a'.repeat(80)], ['tags', ['a', 'b']]]),
    new Map<string, string>([['_raw', 'short'], ['host', 'srv-db-02'], ['CommandLine', 'x\ty'], ['tags', 'c']]),
  ];

  it('fits the width: _raw last and cut first, long cells end in …, multivalues a value a line, tabs drawn aligned', () => {
    expect(print('table', rows(), 60).split('\n')).toEqual([
      'host       CommandLine                      tags  _raw',
      '---------  -------------------------------  ----  ----------',
      `ws1        cmd.exe /c ${'a'.repeat(19)}…  a     ${'x'.repeat(9)}…`,
      '                                            b',
      'srv-db-02  x   y                            c     short',
      '',
    ]);
  });

  it('piped (no width): every cell whole, columns in their order', () => {
    const out = print('table', rows());
    expect(out.split('\n')[0].split(/\s+/)).toEqual(['_raw', 'host', 'CommandLine', 'tags']);
    expect(out).toContain('x'.repeat(200));
  });

  it('widths: _raw gives way down to 10, then the widest are cut to a common width, never below their header', () => {
    expect(fitWidths([10, 20], ['a', 'b'], 100)).toEqual([10, 20]);
    expect(fitWidths([200, 5, 30], ['_raw', 'host', 'CommandLine'], 60)).toEqual([21, 5, 30]);
    expect(fitWidths([200, 50, 50], ['_raw', 'a', 'b'], 60)).toEqual([10, 23, 23]);
    // room 26: CommandLineLong keeps its header's 15, n its 3, alpha the rest
    expect(fitWidths([40, 40, 3], ['alpha', 'CommandLineLong', 'n'], 30)).toEqual([8, 15, 3]);
  });
});

describe('progress line', () => {
  const stats = { files: 2, events: 120_000, problems: 0, bytes: 50 * 1024 * 1024, reading: { comments: 0, lines: 0, gzip: false, bytes: 25 * 1024 * 1024 } };
  it('bytes against the total, the share, the time left from the pace so far', () => {
    expect(progressLine(stats, 0, 4, 300 * 1024 * 1024, 15_000)).toBe('splinter: 75 MB of 300 MB (25%), 120,000 events, file 2 of 4, 15s, about 45s left ');
  });
  it('without sizes (stdin): events and files only', () => {
    expect(progressLine({ files: 1, events: 10, problems: 0 }, 0, 1, undefined, 2_000)).toBe('splinter: 10 events read, file 1 of 1, 2s ');
  });
  it('sizes as a person reads them', () => {
    expect([byteSize(512), byteSize(2048), byteSize(15 * 1024 * 1024), byteSize(3.5 * 1024 ** 3)]).toEqual(['512 B', '2.0 KB', '15 MB', '3.5 GB']);
  });
});
