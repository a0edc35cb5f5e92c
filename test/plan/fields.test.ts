/**
 * The fields a search can use (plan/fields.ts): the events source computes
 * only those, so a command without a grammar of its own must say what it
 * reads (Operator.reads) or pruning stops.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/api.js';
import { MacroTable } from '../../src/macros/index.js';

function fields(search: string): string[] | undefined {
  const c = compile(search, { macros: new MacroTable(), now: 0, tz: 'UTC' });
  expect(c.diagnostics).toEqual([]);
  return c.plan!.fields ? [...c.plan!.fields].sort() : undefined;
}

describe('requiredFields', () => {
  it('takes the fields rex, bin, spath and fillnull name', () => {
    expect(fields('EventCode=1 | rex field=CommandLine "(?<tool>\\w+)" | bin span=1h _time | stats count by tool')).toEqual(['CommandLine', 'EventCode', '_time', 'tool']);
    expect(fields('x=1 | rex "(?<tool>\\w+)" | stats count by tool')).toEqual(['_raw', '_time', 'tool', 'x']);
    expect(fields('x=1 | spath input=doc | fillnull value=- user | stats count by user')).toEqual(['_time', 'doc', 'user', 'x']);
  });

  it('fillnull without fields reads nothing a later command does not name', () => {
    expect(fields('x=1 | fillnull | stats count by user')).toEqual(['_time', 'user', 'x']);
  });

  it('stops at a command that may read any field', () => {
    expect(fields('x=1 | replace "a" WITH "b" | stats count by user')).toBeUndefined();
    expect(fields('x=1 | foreach * [eval <<FIELD>>=1] | stats count')).toBeUndefined();
    expect(fields('x=1 | replace "a" WITH "b" IN user | stats count by user')).toEqual(['_time', 'user', 'x']);
  });
});
