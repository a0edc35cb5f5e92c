/**
 * `run --stages`: what each stage did to the rows, on stderr after the
 * results; stdout stays the results alone. Expected counts from the hand-made
 * fixture's table (fixtures/events/README.md): 17 events, 15 with EventCode
 * 17 or 18 (11 and 4).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const ROOT = join(__dirname, '..', '..');
const PIPES = join(ROOT, 'fixtures', 'events', 'sysmon_pipes.xml');

/** in process (test/support/cli.ts): no node start-up per test */
const splinter = runCli;

describe('run --stages', () => {
  it('counts the rows each stage hands on and shows its first rows', async () => {
    const r = await splinter('run', 'EventCode IN (17,18) | stats count by EventCode', '-e', PIPES, '--stages', '1', '-o', 'json', '--tz', 'UTC');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { EventCode: '17', count: 11 },
      { EventCode: '18', count: 4 },
    ]);
    expect(r.err).toMatch(/^ {2}0 events: 17 events read, \d+ events handed to the first command/m);
    expect(r.err).toContain('    the search can use only 2 fields (EventCode, _time)');
    expect(r.err).toMatch(/^ {2}1 search: 15 rows out {2}← EventCode IN \(17,18\)$/m);
    expect(r.err).toMatch(/^ {2}2 stats: 2 rows out {2}← stats count by EventCode$/m);
    expect(r.err).toContain('      {"EventCode":"17","count":11}\n      … 1 more');
  });

  it('shows first what a stage made; says how many rows a search or where removed and which condition most rows failed', async () => {
    const r = await splinter('run', '| makeresults count=10 | streamstats count as n | eval m=n%3 | where n>2 AND m=0 | search n<9 m=0', '--stages', '1', '-o', 'json', '--tz', 'UTC');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((x: { n: number }) => x.n)).toEqual([3, 6]);
    // eval made m: it comes first
    expect(r.err).toMatch(/^ {2}3 eval: 10 rows out {2}← eval m=n%3\n {6}\{"m":1,"_time":"[^"]+","n":1\}$/m);
    // m=0 fails for n = 1, 2, 4, 5, 7, 8, 10; n>2 for n = 1, 2
    expect(r.err).toContain('  4 where: 3 rows out  ← where n>2 AND m=0\n    removed 7 rows of 10; the condition most rows failed: m = 0 (7 of 10)');
    expect(r.err).toContain('  5 search: 2 rows out  ← search n<9 m=0\n    removed 1 row of 3; the condition most rows failed: n<9 (1 of 3)');
  });

  it('runs a search that starts with a generating command without events', async () => {
    const r = await splinter('run', '| makeresults count=2 | streamstats count as n | where n>1 | fields - _time', '--stages', '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([{ n: 2 }]);
    expect(r.err).not.toContain('0 events');
    // one condition: no breakdown, only what was removed
    expect(r.err).toMatch(/3 where: 1 row out {2}← where n>1\n {4}removed 1 row of 2\n {6}\{[^\n]*"n":2\}/);
  });

  it('rejects a row count that is not a number', async () => {
    const r = await splinter('run', '| makeresults', '--stages', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--stages takes a number of rows');
  });
});
