/** timechart over the search's time range (fixedrange): a range far wider than the span is refused. */
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../../src/api.js';
import { collect } from '../../../src/engine/types.js';
import type { SplError } from '../../../src/diagnostics/diagnostic.js';
import { loadMacroTable } from '../../../src/macros/index.js';

const NOW = 1717243200;

async function timechart(search: string, earliest: number, latest: number) {
  const c = compile(search, { macros: loadMacroTable(), now: NOW, tz: 'UTC' });
  expect(c.diagnostics).toEqual([]);
  return collect(run(c.plan!, { inputs: [], earliest, latest }, { now: NOW, tz: 'UTC', notify: () => {} }));
}

describe('timechart fixedrange', () => {
  it('fills the search range up to 50,000 buckets and refuses more', async () => {
    const search = `| makeresults | eval _time=${NOW - 30} | timechart span=1m count`;
    const rows = await timechart(search, NOW - 3600, NOW);
    expect(rows).toHaveLength(60);
    expect(rows.map((r) => r.get('count')).reduce((a, b) => (a as number) + (b as number), 0)).toBe(1);
    const err = await timechart(search, 0, NOW).catch((e: unknown) => e);
    expect((err as SplError).first.message).toMatch(/would make more than 50000 rows/);
    // fixedrange=false charts only the events' range
    expect(await timechart(search.replace('span=1m', 'span=1m fixedrange=false'), 0, NOW)).toHaveLength(1);
  });
});
