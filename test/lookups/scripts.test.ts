/**
 * Lookup scripts splinter computes itself (src/lookups/scripts.ts).
 * Float text follows Python 3's repr(): repr() uses the shortest text that
 * reads back, scientific notation for exponents below -4 or from 16 on
 * (Python docs, "Floating Point Arithmetic" and float.__repr__), and whole
 * numbers keep ".0".
 */
import { describe, expect, it } from 'vitest';
import { LOOKUP_SCRIPTS, pythonFloat, shannonEntropy } from '../../src/lookups/scripts.js';

describe('pythonFloat', () => {
  it('writes floats as Python repr() does', () => {
    expect(pythonFloat(2)).toBe('2.0');
    expect(pythonFloat(0)).toBe('0.0');
    expect(pythonFloat(0.5)).toBe('0.5');
    expect(pythonFloat(0.0001)).toBe('0.0001');
    expect(pythonFloat(0.00001)).toBe('1e-05');
    expect(pythonFloat(1.5e-7)).toBe('1.5e-07');
    expect(pythonFloat(1234567890123456)).toBe('1234567890123456.0');
    expect(pythonFloat(1e16)).toBe('1e+16');
    expect(pythonFloat(-3.25)).toBe('-3.25');
  });
});

describe('ut_shannon.py', () => {
  const script = LOOKUP_SCRIPTS.get('ut_shannon.py')!;
  it('is the entropy in bits of the stripped word', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('ab')).toBe(1);
    // 8 distinct characters: log2 8 = 3
    expect(shannonEntropy('abcdefgh')).toBe(3);
    // characters are code points, not UTF-16 units: two distinct ones
    expect(shannonEntropy('😀a')).toBe(1);
    expect(script.compute(new Map([['word', '\t abcd \n']])).get('ut_shannon')).toBe('2.0');
    expect(script.compute(new Map([['word', '']])).get('ut_shannon')).toBe('0.0');
  });
});
