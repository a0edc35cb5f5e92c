/**
 * The merge of multisearch and union (streaming datasets are interleaved on
 * _time, newest first: union reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/union)
 * over streams of several batches, and its early stop.
 */
import { describe, expect, it } from 'vitest';
import { mergeByTime } from '../../../src/engine/commands/multisearch.js';
import { collect, type RowStream } from '../../../src/engine/types.js';
import type { Row } from '../../../src/values/value.js';

function stream(times: number[], tag: string, batch: number, closed?: { n: number }): RowStream {
  return (async function* () {
    try {
      for (let i = 0; i < times.length; i += batch) yield times.slice(i, i + batch).map((t) => new Map<string, string | number>([['_time', t], ['tag', tag]]) as Row);
    } finally {
      if (closed) closed.n++;
    }
  })();
}

describe('mergeByTime', () => {
  it('interleaves sorted streams newest first across batches, earlier stream first on ties', async () => {
    const a = Array.from({ length: 3000 }, (_, i) => 6000 - 2 * i); // even times
    const b = Array.from({ length: 3000 }, (_, i) => 6001 - 2 * i); // odd times
    const rows = await collect(mergeByTime([stream(a, 'a', 700), stream(b, 'b', 1024)]));
    expect(rows.length).toBe(6000);
    const times = rows.map((r) => r.get('_time') as number);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const tie = await collect(mergeByTime([stream([5, 5], 'a', 1), stream([5], 'b', 1)]));
    expect(tie.map((r) => r.get('tag'))).toEqual(['a', 'a', 'b']);
  });

  it('puts results without _time first and closes every stream when the reader stops', async () => {
    const closed = { n: 0 };
    const noTime: RowStream = (async function* () {
      try {
        yield [new Map([['count', 3]]) as Row];
      } finally {
        closed.n++;
      }
    })();
    // 3000 events in batches of 100: the reader stops after the first merged batch, before they are all read
    const merged = mergeByTime([stream(Array.from({ length: 3000 }, (_, i) => 3000 - i), 'a', 100, closed), noTime]);
    for await (const batch of merged) {
      expect(batch[0].get('count')).toBe(3);
      expect(batch.length).toBe(1024);
      expect(closed.n).toBe(1); // only the finished stream is closed so far
      break;
    }
    expect(closed.n).toBe(2);
  });
});
