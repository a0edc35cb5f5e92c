/**
 * `splinter explain` (src/explain/): the grouping a learner sees, the notes
 * and when they are given, and the verb's exit codes. The whole page of four
 * searches is checked as golden files in queries/explain/.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/api.js';
import type { SearchCommand, WhereCommand } from '../../src/ast/nodes.js';
import { explain, explicitExpr, explicitSearch } from '../../src/explain/explain.js';
import { notes } from '../../src/explain/notes.js';
import { loadMacroTable } from '../../src/macros/index.js';
import { parse } from '../../src/parser/index.js';
import { runCli } from '../support/cli.js';

const ast = (s: string) => parse(s).ast!;
const rules = (s: string) => notes(ast(s), s).map((n) => n.rule);

describe('explain: grouping made explicit', () => {
  it('search: OR groups before the implicit AND, NOT binds to what follows', () => {
    const s = (q: string) => explicitSearch((ast(q).commands[0] as SearchCommand).expr!);
    expect(s('A OR B C')).toBe('(A OR B) AND C');
    expect(s('A B OR C')).toBe('A AND (B OR C)');
    expect(s('NOT a=1 OR b=2 c=3')).toBe('(NOT a=1 OR b=2) AND c=3');
    expect(s('x=1 (y=2 z=3) OR w=4')).toBe('x=1 AND ((y=2 AND z=3) OR w=4)');
  });

  it('eval and where: AND before OR, arithmetic left to right', () => {
    const w = (q: string) => explicitExpr((ast(`| makeresults | where ${q}`).commands[1] as WhereCommand).expr);
    expect(w('a OR b AND c')).toBe('a OR (b AND c)');
    expect(w('a=1 OR b=2 AND NOT c=3')).toBe('(a = 1) OR ((b = 2) AND (NOT (c = 3)))');
    expect(w('x - 1 - 2 = y * 3 + 4')).toBe('((x - 1) - 2) = ((y * 3) + 4)');
  });
});

describe('explain: notes', () => {
  it('OR before AND only where the OR was not written in parentheses', () => {
    expect(rules('a OR b c')).toContain('or-before-and');
    expect(rules('(a OR b) c')).not.toContain('or-before-and');
    expect(rules('a OR b')).not.toContain('or-before-and');
  });

  it('!= against NOT, field=otherfield, case', () => {
    expect(rules('user!=root')).toContain('neq-vs-not');
    expect(rules('NOT user=root')).not.toContain('neq-vs-not');
    expect(rules('src=dest | table src dest')).toContain('field-equals-field');
    expect(rules('src="dest" | table src dest')).not.toContain('field-equals-field');
    expect(rules('src=dest')).not.toContain('field-equals-field'); // no field named dest anywhere
    expect(rules('host=web1')).toContain('case');
    expect(rules('host=CASE(web1)')).not.toContain('case');
  });

  it('where: wildcards are literal, comparisons case-sensitive; AND before OR', () => {
    expect(rules('* | where x="*a*"')).toContain('where-wildcard');
    expect(rules('* | where x="a"')).toEqual(['where-case']);
    expect(rules('* | where a=1 OR b=2 AND c=3')).toContain('eval-and-before-or');
    expect(rules('* | where a=1 OR b=2')).not.toContain('eval-and-before-or');
  });

  it('stats by drops events without the field; values() sorts; a leading pipe needs a generating command', () => {
    expect(rules('* | stats count by host')).toContain('stats-by-missing');
    expect(rules('* | stats count')).not.toContain('stats-by-missing');
    expect(rules('* | eventstats count by host')).not.toContain('stats-by-missing');
    expect(rules('* | stats values(x)')).toContain('values-order');
    expect(rules('| eval x=1')).toContain('leading-pipe');
    expect(rules('| makeresults | eval x=1')).not.toContain('leading-pipe');
  });
});

describe('explain: the page', () => {
  const macros = loadMacroTable({ inline: ['errs=(error OR fail)', 'web=host=web* `errs`'] });
  it('marks what each macro written in the search became, with nested calls under it', () => {
    const page = explain(compile('`web` | stats count by host', { macros, now: 0, tz: 'UTC' }));
    expect(page).toContain('[1] `web` (search:1:1), defined on the command line (--macro #2)');
    expect(page).toMatch(/\n {6}- `errs` \(macro `web`:1:11\), defined on the command line \(--macro #1\)\n {10}→ \(error OR fail\)/);
    expect(page).toContain(`  1  host=web* (error OR fail)\n     ${'^'.repeat(25)} [1]`);
    expect(page).toContain('1  search host=web* AND (error OR fail)');
    expect(page).toContain('2  stats (blocking): one row per host');
  });

  it('a search that does not compile: what was reached, the problem, exit 3 from the verb', async () => {
    const r = await runCli('explain', '| stast count', '--tz', 'UTC');
    expect(r.code).toBe(3);
    expect(r.out).toContain('Does not compile (plan stage)');
    expect(r.err).toContain("unknown command 'stast'");
    const ok = await runCli('explain', 'a OR b c', '--tz', 'UTC');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('1  search (a OR b) AND c');
  });
});
