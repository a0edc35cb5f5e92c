/**
 * Bitwise functions: values from the reference page
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/bitwise-functions
 */
import { describe, expect, it } from 'vitest';
import { ev, field, makeEnv, run, val } from './harness.js';

const MAX = 2 ** 53 - 1;

describe('bit_and / bit_or / bit_xor', () => {
  it('documented examples', () => {
    expect(ev('bit_and', 12, 9)).toBe(8);
    expect(ev('bit_or', 4, 2)).toBe(6);
    expect(ev('bit_xor', 3, 2)).toBe(1);
    expect([ev('bit_and', 4, 6), ev('bit_or', 4, 6), ev('bit_xor', 4, 6)]).toEqual([4, 6, 2]);
  });
  it('fold more than two values; read numeric strings', () => {
    expect(ev('bit_or', 1, 2, 4)).toBe(7);
    expect(ev('bit_and', '15', 6)).toBe(6);
    expect(ev('bit_and', MAX, MAX)).toBe(MAX);
  });
  it('NULL outside 0..2^53-1, for non-integers, strings and NULL', () => {
    expect(ev('bit_and', MAX + 1, 1)).toBeNull();
    expect(ev('bit_and', -1, 1)).toBeNull();
    expect(ev('bit_or', 1.5, 1)).toBeNull();
    expect(ev('bit_or', 'abc', 1)).toBeNull();
    expect(run('bit_xor', [field('nope'), val(1)], makeEnv())).toBeNull();
  });
});

describe('bit_not', () => {
  it('inverts 53 bits, then ANDs the optional bitmask (documented: 9007199254740982 and 6)', () => {
    expect(ev('bit_not', 9)).toBe(9007199254740982);
    expect(ev('bit_not', 9, 15)).toBe(6);
    expect(ev('bit_not', 9, 7)).toBe(6);
    expect(ev('bit_not', 0)).toBe(MAX);
  });
  it('NULL for an argument out of range', () => {
    expect(ev('bit_not', -1)).toBeNull();
    expect(ev('bit_not', 9, -1)).toBeNull();
  });
});

describe('bit_shift_left / bit_shift_right', () => {
  it('documented table', () => {
    expect(ev('bit_shift_left', 2, 1)).toBe(4);
    expect(ev('bit_shift_left', 3, 1)).toBe(6);
    expect(ev('bit_shift_left', 67, 1)).toBe(134);
    expect(ev('bit_shift_left', 3, 52)).toBe(4503599627370496);
    expect(ev('bit_shift_left', 1, 53)).toBe(0);
    expect(ev('bit_shift_left', 3, 57)).toBe(0);
    expect(ev('bit_shift_left', 3, MAX)).toBe(0);
    expect(ev('bit_shift_left', 3, MAX + 1)).toBeNull();
    expect(ev('bit_shift_left', 2 ** 53, 1)).toBeNull();
    expect(ev('bit_shift_left', 3, -2)).toBeNull();
    expect(ev('bit_shift_right', 4, 1)).toBe(2);
    expect(ev('bit_shift_right', 2, 1)).toBe(1);
    expect(ev('bit_shift_right', -3, 1)).toBeNull();
    expect(ev('bit_shift_right', MAX, 60)).toBe(0);
  });
});
