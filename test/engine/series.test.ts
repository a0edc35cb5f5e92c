/**
 * The where clause and agg= of chart and timechart (engine/series.ts): the
 * spans of their plan diagnostics. The rows they give are data-driven cases
 * in queries/chart/where_*.yml and queries/timechart/where_*.yml (chart and
 * timechart references, Search Reference 10.0: "where clause",
 * <wherein-comp> = (in | notin) (top | bottom)<int>, <wherethresh-comp> =
 * (< | >) [" "] <num>).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/api.js';
import { loadMacroTable } from '../../src/macros/index.js';

function diagnostic(search: string) {
  const c = compile(search, { macros: loadMacroTable(), now: 1717243200, tz: 'UTC' });
  const d = c.diagnostics[0];
  expect(d, search).toBeDefined();
  return { stage: c.stage, message: d.message, text: d.span ? search.slice(d.span.start, d.span.end) : undefined };
}

describe('chart and timechart where clause', () => {
  it('points at the word that breaks the clause', () => {
    expect(diagnostic('* | timechart count by host where max in 5')).toMatchObject({ stage: 'plan', text: '5' });
    expect(diagnostic('* | timechart count by host where peak in top5')).toMatchObject({ stage: 'plan', text: 'peak' });
    expect(diagnostic('* | timechart count by host where count >= 10')).toMatchObject({ stage: 'plan', text: '>=' });
    expect(diagnostic('* | timechart count by host where count > x')).toMatchObject({ stage: 'plan', text: 'x' });
    expect(diagnostic('* | timechart count by host where max in top5 extra')).toMatchObject({ stage: 'plan', text: 'extra' });
    expect(diagnostic('* | chart count over a by b where max(bytes) in top5')).toMatchObject({ stage: 'plan', text: '(bytes)' });
  });

  it('spans the whole clause when it is incomplete or misplaced', () => {
    expect(diagnostic('* | timechart count by host where max')).toMatchObject({ stage: 'plan', text: 'where max' });
    expect(diagnostic('* | chart count by status where count in top5')).toMatchObject({ stage: 'plan', text: 'where count in top5' });
    expect(diagnostic('* | timechart count where max in top5')).toMatchObject({ stage: 'plan', text: 'where' });
  });

  it('points at agg= values that name no scoring function', () => {
    expect(diagnostic('* | timechart agg=foo count by host')).toMatchObject({ stage: 'plan', text: 'foo' });
    expect(diagnostic('* | chart agg=per_second count over a by b')).toMatchObject({ stage: 'plan', text: 'per_second' });
    expect(diagnostic('* | chart agg=max(x) count over a by b')).toMatchObject({ stage: 'plan', text: 'max(x)' });
  });

  it('accepts every documented form', () => {
    for (const w of ['in top5', 'in bottom2', 'notin top1', 'notin bottom3', '> 100', '<2.5', '>-1', 'in TOP5']) {
      for (const cmd of ['timechart count by host', 'chart count over a by b']) {
        const c = compile(`* | ${cmd} where max ${w}`, { macros: loadMacroTable(), now: 1717243200, tz: 'UTC' });
        expect(c.diagnostics, `${cmd} where max ${w}`).toEqual([]);
      }
    }
  });
});
