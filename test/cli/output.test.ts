/** Result writers keep every field, whatever its name. */
import { describe, expect, it } from 'vitest';
import { makeWriter, type Format } from '../../src/cli/output.js';
import type { Row } from '../../src/values/value.js';

function print(format: Format, rows: Row[]): string {
  let out = '';
  const w = makeWriter(format, { tz: 'UTC', write: (s) => (out += s) });
  w.rows(rows);
  w.end();
  return out;
}

describe('writers', () => {
  const row = (): Row => new Map<string, string | number>([['__proto__', 'p'], ['constructor', 'c'], ['n', 1]]);
  it('json and jsonl keep a field named __proto__ (csv and table show it too)', () => {
    const line = print('jsonl', [row()]).trim();
    expect(line).toBe('{"__proto__":"p","constructor":"c","n":1}');
    // parsed back: an own property, not the prototype
    expect(Object.keys(JSON.parse(print('json', [row()]))[0])).toEqual(['__proto__', 'constructor', 'n']);
    expect(print('csv', [row()])).toBe('__proto__,constructor,n\np,c,1\n');
  });
});
