import { describe, expect, it } from 'vitest';
import { judge } from '../../src/testing/judge.js';
import type { Row, Value } from '../../src/values/value.js';

const row = (o: Record<string, Value>): Row => new Map(Object.entries(o));

describe('judge (contentctl pass rule)', () => {
  it('no result fails', () => {
    expect(judge([], ['dest'], [])).toEqual({ pass: false, message: 'the search returned no results' });
  });
  it('a risk object must be present in every result', () => {
    const rows = [row({ dest: 'a', user: 'x' }), row({ dest: 'b' }), row({ dest: 'c', user: '' })];
    expect(judge(rows, ['dest'], []).pass).toBe(true);
    expect(judge(rows, ['dest', 'user'], [])).toEqual({ pass: false, message: "risk object field 'user' is null in 2 of 3 results" });
  });
  it('a threat object needs a value in one result only', () => {
    const rows = [row({ dest: 'a' }), row({ dest: 'b', process: ['', 'cmd.exe'] })];
    expect(judge(rows, ['dest'], ['process'])).toEqual({ pass: true, message: '2 results' });
    expect(judge(rows, ['dest'], ['parent'])).toEqual({ pass: false, message: "threat object field 'parent' is null in every result" });
  });
  it('a multivalue of empty values is null', () => {
    expect(judge([row({ user: ['', ''] })], ['user'], []).pass).toBe(false);
  });
});
