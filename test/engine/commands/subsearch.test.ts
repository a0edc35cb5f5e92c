/**
 * Subsearches, format, join, map and foreach beyond the conformance cases:
 * Splunk's result limits, values that need escaping, and errors that only
 * show when the search runs.
 */
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../../src/api.js';
import { SplError } from '../../../src/diagnostics/diagnostic.js';
import { formatRows, quoteValue } from '../../../src/engine/commands/format.js';
import { collect } from '../../../src/engine/types.js';
import { loadMacroTable } from '../../../src/macros/index.js';
import type { Row } from '../../../src/values/value.js';

const NOW = 1717243200;

async function rowsOf(search: string, macros: string[] = []) {
  const notes: string[] = [];
  const c = compile(search, { macros: loadMacroTable({ inline: macros }), now: NOW, tz: 'UTC' });
  expect(c.diagnostics).toEqual([]);
  const rows = await collect(run(c.plan!, { inputs: [] }, { now: NOW, tz: 'UTC', notify: (d) => notes.push(d.message) }));
  return { rows: rows.map((r) => Object.fromEntries(r)), notes };
}

describe('format', () => {
  it('escapes quotes and backslashes so that the search reads the same value back', () => {
    expect(quoteValue('C:\\Windows\\"x"')).toBe('"C:\\\\Windows\\\\\\"x\\""');
    const rows: Row[] = [new Map([['p', 'C:\\Windows\\"x"']])];
    expect(formatRows(rows)).toBe('( ( p="C:\\\\Windows\\\\\\"x\\"" ) )');
  });

  it('a subsearch value with quotes and backslashes matches exactly that value', async () => {
    const { rows } = await rowsOf(
      '| makeresults count=3 | streamstats count as n | eval p=case(n=1, "C:\\\\a\\"b", n=2, "C:\\\\a", n=3, "other") ' +
        '| search [| makeresults | eval p="C:\\\\a\\"b" | fields p] | table n p',
    );
    expect(rows).toEqual([{ n: 1, p: 'C:\\a"b' }]);
  });

  it('numbers are written as their text', () => {
    expect(formatRows([new Map<string, number | string>([['n', 2.5], ['s', 'x']])])).toBe('( ( n="2.5" AND s="x" ) )');
  });
});

describe('subsearch limits', () => {
  it('a subsearch in a search passes at most 10,000 results (limits.conf [subsearch] maxout)', async () => {
    const { rows } = await rowsOf('| makeresults count=10005 | streamstats count as n | search [| makeresults count=10005 | streamstats count as n | fields n] | stats count max(n) as top');
    expect(rows).toEqual([{ count: 10000, top: 10000 }]);
  });

  it('join reads at most 50,000 subsearch results (limits.conf [join] subsearch_maxout)', async () => {
    const { rows } = await rowsOf('| makeresults count=50002 | streamstats count as n | join n [| makeresults count=50002 | streamstats count as n | eval hit=1] | stats count');
    expect(rows).toEqual([{ count: 50000 }]);
  }, 60_000);

  it('the subsearch runs before the outer search reads a result', async () => {
    // the outer makeresults produces one row; the subsearch decides whether it passes
    const { rows } = await rowsOf('| makeresults | eval k="a" | search [| makeresults | eval k="a" | fields k] | table k');
    expect(rows).toEqual([{ k: 'a' }]);
  });
});

describe('errors at run time', () => {
  it('a map search that does not plan once its tokens are replaced is a runtime diagnostic', async () => {
    const c = compile('| makeresults | eval q="x | frobnicate" | map search="search $q$"', { macros: loadMacroTable(), now: NOW, tz: 'UTC' });
    expect(c.stage).toBe('ok');
    const err = await collect(run(c.plan!, { inputs: [] }, { now: NOW, tz: 'UTC', notify: () => {} })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SplError);
    expect((err as SplError).first.stage).toBe('runtime');
    expect((err as SplError).first.message).toContain("map: unknown command 'frobnicate'");
  });

  it('map expands macros in its search string when it runs', async () => {
    const { rows } = await rowsOf('| makeresults | eval v="7" | map search="| makeresults | eval got=`twice($v$)` | table got"', ['twice(1)=$1$*2']);
    expect(rows).toEqual([{ got: 14 }]);
  });

  it('a subsearch whose search field is not a search is a runtime diagnostic with the subsearch position', async () => {
    const c = compile('| makeresults | search [| makeresults | eval search="a | stats count" | fields search]', { macros: loadMacroTable(), now: NOW, tz: 'UTC' });
    const err = await collect(run(c.plan!, { inputs: [] }, { now: NOW, tz: 'UTC', notify: () => {} })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SplError);
    expect((err as SplError).first.message).toContain("the subsearch's results do not form a search");
    expect((err as SplError).first.span?.start).toBe(23);
  });

  it('a foreach template is checked at planning, with placeholders for the tokens', () => {
    // <<FIELD>> used as a function name gives an unknown function whatever the field
    const c = compile('| makeresults | eval b=1 | foreach b [eval x=<<FIELD>>(1)]', { macros: loadMacroTable(), now: NOW, tz: 'UTC' });
    expect(c.stage).toBe('plan');
  });
});

describe('transaction', () => {
  it('startswith=eval(...) takes an eval condition (transaction reference)', async () => {
    const { rows } = await rowsOf('| makeresults count=4 | streamstats count as n | eval _time=1000+n*10, k="a" | transaction k startswith=eval(n==3) | table n eventcount');
    // events 1 and 2 come before the first start: they are in no transaction
    expect(rows).toEqual([{ n: [3, 4], eventcount: 2 }]);
  });
});
