/**
 * JSON functions, spath(), mv_to_json_array(), commands(), ipmask(), avg()
 * and sum(): edge cases beyond the conformance cases in queries/eval/.
 * Sources: JSON functions, text functions (spath), multivalue, conversion
 * and statistical eval functions pages of the Search Reference 10.0.
 */
import { describe, expect, it } from 'vitest';
import { call, check, ev, field, lit, makeEnv, run, val } from './harness.js';
import { parsePath, spathValue, toJson } from '../../../src/functions/eval/json.js';

describe('JSON values', () => {
  it('embeds JSON objects and arrays given as strings, keeps other strings', () => {
    expect(toJson('{"a":1}')).toEqual({ a: 1 });
    expect(toJson('[1, 2]')).toEqual([1, 2]);
    expect(toJson('{not json')).toBe('{not json');
    expect(toJson('12')).toBe('12');
    expect(toJson(12)).toBe(12);
    expect(toJson(['1', 'b'])).toEqual(['1', 'b']);
    expect(toJson(null)).toBeNull();
  });
  it('parses spath paths', () => {
    expect(parsePath('a.b{1}.c{}')).toEqual([{ key: 'a', indexes: [] }, { key: 'b', indexes: [1] }, { key: 'c', indexes: ['*'] }]);
    expect(parsePath('{0}.x')).toEqual([{ indexes: [0] }, { key: 'x', indexes: [] }]);
    expect(parsePath('a..b')).toBeNull();
  });
});

describe('json_object / json_array', () => {
  it('nests the results of other JSON functions', () => {
    expect(ev('json_object', 'a', call('json_array', lit(1), lit('x')))).toBe('{"a":[1,"x"]}');
    expect(ev('json_array', call('json_object', lit('k'), val(false)))).toBe('[{"k":false}]');
  });
  it('rejects an odd number of arguments at planning', () => {
    expect(check('json_object', lit('a'))).toContain('even number');
  });
  it('a NULL key gives NULL', () => {
    expect(ev('json_object', val(null), 1)).toBeNull();
  });
});

describe('json_extract', () => {
  const doc = '{"a":{"b":[10,{"c":"d"}]},"s":"t","f":false,"z":null}';
  it('reads native values', () => {
    expect(ev('json_extract', doc, 'a.b{0}')).toBe(10);
    expect(ev('json_extract', doc, 'a.b{1}.c')).toBe('d');
    expect(ev('json_extract', doc, 'f')).toBe('false');
    expect(ev('json_extract', doc, 'z')).toBeNull();
    expect(ev('json_extract', doc, 'a.b{-1}')).toBe('{"c":"d"}');
    expect(ev('json_extract', doc, 'a.b{5}')).toBeNull();
  });
  it('NULL for text that is not JSON or a field that is missing', () => {
    expect(ev('json_extract', 'nope', 'a')).toBeNull();
    expect(run('json_extract', [field('missing'), lit('a')], makeEnv())).toBeNull();
  });
  it('reads a top-level array', () => {
    expect(ev('json_extract', '[{"x":1},{"x":2}]', '{}.x')).toBe('[1,2]');
    expect(ev('json_extract', '[{"x":1},{"x":2}]', '{1}.x')).toBe(2);
  });
});

describe('editing functions', () => {
  it('json_set overwrites and creates', () => {
    expect(ev('json_set', '{"a":1}', 'a', 2, 'b.c', 'x')).toBe('{"a":2,"b":{"c":"x"}}');
    expect(ev('json_set_exact', '{"a":1}', 'b.c', 'x')).toBe('{"a":1,"b.c":"x"}');
  });
  it('json_append turns a value into an array and ignores missing paths', () => {
    expect(ev('json_append', '{"s":"active"}', 's', 'inactive')).toBe('{"s":["active","inactive"]}');
    expect(ev('json_append', '{"s":1}', 'nope', 2)).toBe('{"s":1}');
  });
  it('json_delete removes array elements and keys', () => {
    expect(ev('json_delete', '{"a":[1,2,3],"b":1}', 'a{1}', 'b')).toBe('{"a":[1,3]}');
  });
  it('needs path-value pairs', () => {
    expect(check('json_set', lit('{}'), lit('a'), lit(1), lit('b'))).toContain('path-value pairs');
  });
});

describe('json_array_to_mv / mv_to_json_array', () => {
  it('maps arrays and multivalues both ways', () => {
    expect(ev('json_array_to_mv', '["a",1,null,{"k":2}]')).toEqual(['a', 1, '{"k":2}']);
    expect(ev('json_array_to_mv', '["only"]')).toBe('only');
    expect(ev('json_array_to_mv', '{"not":"array"}')).toBeNull();
    expect(run('mv_to_json_array', [field('m')], makeEnv({ m: ['1', '{"a":1}'] }))).toBe('["1","{\\"a\\":1}"]');
    expect(run('mv_to_json_array', [field('m'), val(true)], makeEnv({ m: ['1.5', '{"a":1}', 'x'] }))).toBe('[1.5,{"a":1},"x"]');
    expect(run('mv_to_json_array', [field('none')], makeEnv())).toBeNull();
  });
});

describe('spath()', () => {
  it('JSON: {} gives a multivalue, objects come as JSON text', () => {
    expect(spathValue('{"a":[{"b":1},{"b":2}]}', 'a{}.b')).toEqual([1, 2]);
    expect(spathValue('{"a":{"b":1}}', 'a')).toBe('{"b":1}');
    expect(spathValue('not json', 'a')).toBeNull();
  });
  it('XML: elements, 1-based positions and attributes', () => {
    const x = '<r><i n="1">a</i><i n="2">b<j>c</j></i></r>';
    expect(spathValue(x, 'r.i')).toEqual(['a', 'bc']);
    expect(spathValue(x, 'r.i{1}')).toBe('a');
    expect(spathValue(x, 'r.i{@n}')).toEqual(['1', '2']);
    expect(spathValue(x, 'r.i.j')).toBe('c');
    expect(spathValue(x, 'other')).toBeNull();
  });
});

describe('commands(), ipmask(), avg(), sum()', () => {
  it('commands lists the commands of a search string', () => {
    expect(ev('commands', 'search foo | stats count | sort count')).toEqual(['search', 'stats', 'sort']);
    expect(ev('commands', 'foo | eventstats count | rex field=x "(?<a>.)"')).toEqual(['search', 'eventstats', 'rex']);
  });
  it('ipmask ANDs an IPv4 mask', () => {
    expect(ev('ipmask', '255.255.0.0', '10.20.30.40')).toBe('10.20.0.0');
    expect(ev('ipmask', '255.255.255.0', 'not an ip')).toBeNull();
    expect(check('ipmask', lit('255.0'), lit('1.2.3.4'))).toContain('IPv4');
  });
  it('avg and sum skip missing and non-numeric values and read multivalues', () => {
    expect(run('avg', [field('m'), field('x'), field('none')], makeEnv({ m: ['1', '2', 'z'], x: '6' }))).toBe(3);
    expect(run('sum', [field('m'), lit(1)], makeEnv({ m: ['1', '2'] }))).toBe(4);
    expect(run('sum', [field('none')], makeEnv())).toBeNull();
    expect(check('sum', lit(1), lit('2'))).toContain('must be numbers');
  });
});
