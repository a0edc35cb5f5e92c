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

  it('runs a search that starts with a generating command without events', async () => {
    const r = await splinter('run', '| makeresults count=2 | streamstats count as n | where n>1 | fields - _time', '--stages', '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([{ n: 2 }]);
    expect(r.err).not.toContain('0 events');
    expect(r.err).toMatch(/3 where: 1 row out {2}← where n>1\n {6}\{[^\n]*"n":2\}/);
  });

  it('rejects a row count that is not a number', async () => {
    const r = await splinter('run', '| makeresults', '--stages', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--stages takes a number of rows');
  });
});
