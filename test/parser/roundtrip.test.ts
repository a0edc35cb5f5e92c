/** parse → print → parse gives the same AST (spans aside), for every search in queries/. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { printPipeline } from '../../src/ast/print.js';
import { parse } from '../../src/parser/index.js';
import { join } from 'node:path';
import { expandMacros, loadMacroTable } from '../../src/macros/index.js';
import { caseSearch, QUERY_FILES, ROOT } from '../support/cases.js';

function withoutSpans(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutSpans);
  if (x && typeof x === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'span' && k !== 'nameSpan' && k !== 'opSpan' && k !== 'opSpans') o[k] = withoutSpans(v);
    return o;
  }
  return x;
}

export function roundTrip(text: string): void {
  const first = parse(text);
  expect(first.diagnostics).toEqual([]);
  const printed = printPipeline(first.ast!);
  const second = parse(printed);
  expect(second.diagnostics, printed).toEqual([]);
  expect(withoutSpans(second.ast), printed).toEqual(withoutSpans(first.ast));
}

describe('round trip over queries/', () => {
  for (const file of QUERY_FILES) {
    const c = parseYaml(readFileSync(file, 'utf8'));
    if (c.error && c.error.stage !== 'plan') continue;
    // a case with macros: its expanded search (a macro call inside tstats cannot be parsed unexpanded)
    const macros = c.macros || c.macro ? loadMacroTable({ paths: (c.macros ?? []).map((m: string) => join(ROOT, m)), inline: c.macro ?? [] }) : undefined;
    it(file.replace(/.*queries\//, ''), () => roundTrip(macros && !c.error ? expandMacros(caseSearch(c), macros).text : caseSearch(c)));
  }
});

describe('round trip of tricky forms', () => {
  const searches = [
    'a b OR c NOT d (e OR f) g',
    'x="a \\"quoted\\" b" y=C:\\\\Windows\\\\* z IN (1, "two", th*)',
    'NOT (a=1 b=2) OR c<=3',
    "'odd field'=1 TERM(10.0.0.1) host=CASE(Web)",
    '| eval x=if(a>1 AND NOT b="x", 1, -2), y=a . "c" + 3 * (4 - 5) % 2, z=x LIKE "a%" XOR y IN ("a", "b")',
    'foo | where isnull(x) OR len(\'a.b\') >= 3',
    'x | stats count dc(u) AS "Distinct Users" count(eval(s="404")) AS n BY host, source',
    'x | eventstats avg(b) AS m BY h | streamstats count',
    'x | convert timeformat="%Y" ctime(t) AS y mktime(z)',
    'x | table a b* | fields - c | rename a AS b, c.* AS * | head 5 | sort 0 - count, +str(name) | dedup 2 host keepempty=true sortby -_time',
    '| tstats summariesonly=true count min(_time) AS firstTime FROM datamodel=Endpoint.Processes WHERE Processes.process_name=cmd.exe BY Processes.dest _time span=1h',
    'x | rex field=a "(?<b>\\\\w+)" | lookup l f AS g OUTPUT h | join type=left x [search y | stats count BY x]',
    'x | transaction user startswith=(op="a b") maxspan=2m',
    '| eval feature_-value=1, "Search Name"=2, x = a-b',
    'x | timechart span=1h count(eval(a="x" AND b>2)) AS n BY host',
    'x | transaction user startswith=eval(a=1 AND b="c") maxpause=5m',
    'x | streamstats count current=f window=2 BY h',
    'x | fields - a* predicted(b) c | table "x y" count(z)',
    'x | rename "Processes".* AS *, "a b"c AS d | table "x".y',
    '| eval x=(a+b)+c-(d-e) . f, y=a OR (b OR c) AND d XOR e, z=1*(2*3)/4',
  ];
  for (const s of searches) it(s, () => roundTrip(s));
});
