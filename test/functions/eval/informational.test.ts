import { describe, expect, it } from 'vitest';
import { ev, field, makeEnv, run, val } from './harness.js';

const env = makeEnv({ n: '42', f: '1.5', s: 'abc', m: ['1', '2'] });

describe('isnum / isint / isstr / isbool', () => {
  it('numbers and numeric strings are numbers', () => {
    expect(run('isnum', [field('n')], env)).toBe(true);
    expect(run('isnum', [field('f')], env)).toBe(true);
    expect(run('isnum', [field('s')], env)).toBe(false);
    expect(ev('isnum', 3)).toBe(true);
    expect(run('isnum', [field('missing')], env)).toBe(false);
  });
  it('isint', () => {
    expect(run('isint', [field('n')], env)).toBe(true);
    expect(run('isint', [field('f')], env)).toBe(false);
    expect(ev('isint', 3)).toBe(true);
    expect(ev('isint', 3.5)).toBe(false);
  });
  it('isstr', () => {
    expect(run('isstr', [field('s')], env)).toBe(true);
    expect(run('isstr', [field('n')], env)).toBe(false);
    expect(ev('isstr', 3)).toBe(false);
    expect(run('isstr', [field('missing')], env)).toBe(false);
  });
  it('isbool', () => {
    expect(ev('isbool', val(true))).toBe(true);
    expect(ev('isbool', 'true')).toBe(false);
  });
});

describe('typeof', () => {
  it('documented categories', () => {
    // documented examples: typeof(12) = "Number", typeof("string") = "String",
    // typeof(1==2) = "Boolean", typeof(badfield) = "Invalid"
    expect(ev('typeof', 12)).toBe('Number');
    expect(ev('typeof', 'string')).toBe('String');
    expect(ev('typeof', val(false))).toBe('Boolean');
    expect(run('typeof', [field('badfield')], env)).toBe('Invalid');
    expect(run('typeof', [field('n')], env)).toBe('Number');
    expect(run('typeof', [field('m')], env)).toBe('Multivalue');
  });
});
