/**
 * addinfo with a time range: info_min_time and info_max_time are the run's
 * --earliest / --latest (addinfo reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/addinfo:
 * "The earliest time boundary for the search", "The latest time boundary").
 * The data-driven cases in queries/addinfo cannot give a time range.
 */
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../../src/api.js';
import { collect } from '../../../src/engine/types.js';
import { loadMacroTable } from '../../../src/macros/index.js';

const now = 1717243200;

async function rows(search: string, range: { earliest?: number; latest?: number }) {
  const c = compile(search, { macros: loadMacroTable(), now, tz: 'UTC' });
  expect(c.diagnostics).toEqual([]);
  const out = await collect(run(c.plan!, { inputs: [], ...range }, { now, tz: 'UTC', notify: () => {} }));
  return out.map((r) => Object.fromEntries([...r].filter(([k]) => k.startsWith('info_'))));
}

describe('addinfo', () => {
  it('reports the run time range', async () => {
    // --earliest -1d@d and --latest @d resolved against now 2024-06-01T12:00:00Z
    expect(await rows('| makeresults | addinfo', { earliest: 1717113600, latest: 1717200000 })).toEqual([
      { info_min_time: 1717113600, info_max_time: 1717200000, info_sid: 'splinter_1717243200', info_search_time: 1717243200 },
    ]);
  });

  it('without --latest has no end (+Infinity), without --earliest starts at 0', async () => {
    expect(await rows('| makeresults | addinfo', { earliest: 1717113600 })).toEqual([
      { info_min_time: 1717113600, info_max_time: '+Infinity', info_sid: 'splinter_1717243200', info_search_time: 1717243200 },
    ]);
    expect(await rows('| makeresults | addinfo', { latest: 1717200000 })).toEqual([
      { info_min_time: 0, info_max_time: 1717200000, info_sid: 'splinter_1717243200', info_search_time: 1717243200 },
    ]);
  });

  it('gives a subsearch the same range', async () => {
    expect(await rows('| makeresults | append [| makeresults | addinfo]', { earliest: 5, latest: 10 })).toEqual([
      {},
      { info_min_time: 5, info_max_time: 10, info_sid: 'splinter_1717243200', info_search_time: 1717243200 },
    ]);
  });
});
