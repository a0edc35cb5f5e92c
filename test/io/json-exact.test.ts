/** JSON numbers keep their text where a double would change it; everything else is as JSON.parse gives it. */
import { describe, expect, it } from 'vitest';
import { flattenJson, parseJsonExact } from '../../src/io/json.js';
import { compareNumbers, compareScalars } from '../../src/values/coerce.js';
import type { Row } from '../../src/values/value.js';

function fields(text: string): Record<string, unknown> {
  const row: Row = new Map();
  flattenJson(parseJsonExact(text).value, row);
  return Object.fromEntries(row);
}

describe('parseJsonExact', () => {
  it('keeps integers beyond 2^53 and other numbers a double would rewrite as their text', () => {
    expect(fields('{"id":9007199254740993,"big":-123456789012345678901,"f":1.10,"e":1e3,"z":-0,"tiny":0.0000001,"n":5,"x":2.5}')).toEqual({
      id: '9007199254740993',
      big: '-123456789012345678901',
      f: '1.10',
      e: '1e3',
      z: '-0',
      tiny: '0.0000001',
      n: '5',
      x: '2.5',
    });
  });
  it('gives what JSON.parse gives for everything else: strings with escapes, nesting, arrays, literals, __proto__', () => {
    const text = '{"s":"a\\"b\\\\","u":"\\u00e9\\ud83d\\ude00","o":{"a":[1,[true,null],{"k":false}]},"__proto__":{"p":1},"id":12345678901234567890}';
    const exact = parseJsonExact(text).value as Record<string, unknown>;
    const plain = JSON.parse(text) as Record<string, unknown>;
    expect(JSON.stringify({ ...exact, id: 0 })).toBe(JSON.stringify({ ...plain, id: 0 }));
    expect(exact.id).toBe('12345678901234567890');
    expect(Object.keys(exact)).toContain('__proto__');
  });
  it('a one-line array keeps each element as written', () => {
    const r = parseJsonExact('[{"id":9007199254740993}, {"id":1.50}]');
    expect(r.elements).toEqual(['{"id":9007199254740993}', '{"id":1.50}']);
  });
  it('throws JSON.parse\'s error for bad JSON, with or without risky numbers', () => {
    expect(() => parseJsonExact('{"id":9007199254740993,}')).toThrow(SyntaxError);
    expect(() => parseJsonExact('{"id":1')).toThrow(SyntaxError);
  });
  it('takes lines without risky numbers straight to JSON.parse', () => {
    expect(parseJsonExact('{"ip":"10.0.0.10","n":0,"m":-1.5}').value).toEqual({ ip: '10.0.0.10', n: 0, m: -1.5 });
  });
});

describe('compareNumbers', () => {
  it('orders integers that share a double by their exact value', () => {
    expect(compareScalars('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareScalars('123456789012345678', '123456789012345679')).toBe(-1);
    expect(compareScalars('9007199254740993', '9007199254740993')).toBe(0);
    expect(compareNumbers('9007199254740992', 2 ** 53, 2 ** 53, 2 ** 53)).toBe(0);
    // equal numbers written differently stay equal
    expect(compareScalars('1.10', '1.1')).toBe(0);
    expect(compareScalars('1e3', '1000')).toBe(0);
  });
});
