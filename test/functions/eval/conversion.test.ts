import { describe, expect, it } from 'vitest';
import { check, ev, field, lit, makeEnv, run, val } from './harness.js';

describe('tostring', () => {
  it('numbers and booleans', () => {
    expect(ev('tostring', 12)).toBe('12');
    expect(ev('tostring', 1.5)).toBe('1.5');
    expect(ev('tostring', val(true))).toBe('True');
    expect(ev('tostring', val(false))).toBe('False');
    expect(ev('tostring', val(null))).toBeNull();
  });
  it('"hex" and "binary"', () => {
    // documented example: tostring(615, "hex") = "0x267"
    expect(ev('tostring', 615, 'hex')).toBe('0x267');
    expect(ev('tostring', 255, 'hex')).toBe('0xFF');
    expect(ev('tostring', 9, 'binary')).toBe('1001');
    expect(run('tostring', [field('n'), lit('hex')], makeEnv({ n: '16' }))).toBe('0x10');
  });
  it('"commas" groups thousands and rounds decimals to two places', () => {
    expect(ev('tostring', 1234567, 'commas')).toBe('1,234,567');
    expect(ev('tostring', 12345.6789, 'commas')).toBe('12,345.68');
    expect(ev('tostring', -1234.5, 'commas')).toBe('-1,234.50');
    expect(ev('tostring', 999, 'commas')).toBe('999');
  });
  it('"duration" renders seconds as [D+]HH:MM:SS', () => {
    // documented example: 615 seconds → 00:10:15
    expect(ev('tostring', 615, 'duration')).toBe('00:10:15');
    expect(ev('tostring', 3600 * 25 + 61, 'duration')).toBe('1+01:01:01');
    expect(ev('tostring', 0, 'duration')).toBe('00:00:00');
    expect(ev('tostring', 1.5, 'duration')).toBe('00:00:01.500000');
  });
  it('an unknown literal format is a plan-time error', () => {
    expect(check('tostring', lit(1), lit('octal'))).toMatch(/unknown format/);
  });
  it('a format on a non-number gives NULL', () => {
    expect(ev('tostring', 'abc', 'hex')).toBeNull();
  });
});

describe('tonumber', () => {
  it('documented examples', () => {
    expect(ev('tonumber', '0A4', 16)).toBe(164);
    expect(ev('tonumber', '0101', 2)).toBe(5);
    expect(ev('tonumber', '1.5')).toBe(1.5);
    expect(ev('tonumber', '-12')).toBe(-12);
  });
  it('bases 2..36, 0x prefix in base 16', () => {
    expect(ev('tonumber', 'ff', 16)).toBe(255);
    expect(ev('tonumber', '0xFF', 16)).toBe(255);
    expect(ev('tonumber', 'z', 36)).toBe(35);
    expect(run('tonumber', [field('x'), lit(2)], makeEnv({ x: '2' }))).toBeNull();
  });
  it('unparseable field values and surrounding white space give NULL', () => {
    expect(run('tonumber', [field('x')], makeEnv({ x: 'seven' }))).toBeNull();
    expect(run('tonumber', [field('x')], makeEnv({ x: ' 5' }))).toBeNull();
    expect(run('tonumber', [field('x')], makeEnv({ x: '5 ' }))).toBeNull();
    expect(run('tonumber', [field('x')], makeEnv())).toBeNull();
  });
  it('an unparseable literal is a plan-time error, as is a bad literal base', () => {
    // the compiler puts "tonumber(): " before the message, so the message does not repeat the name
    expect(check('tonumber', lit('seven'))).toBe('"seven" is not a number');
    expect(check('tonumber', lit('12'))).toBeUndefined();
    expect(check('tonumber', lit('G'), lit(16))).toMatch(/base 16/);
    expect(check('tonumber', field('x'), lit(37))).toMatch(/base/);
    expect(check('tonumber', field('x'), lit(1))).toMatch(/base/);
  });
});

describe('printf', () => {
  it('documented examples', () => {
    expect(ev('printf', '%c,%c', 65, 'Foo')).toBe('A,F');
    expect(ev('printf', '%d,%i,%d', -2, 4, 30)).toBe('-2,4,30');
    expect(ev('printf', '%.3A', Math.PI)).toBe('0X1.922P+1');
  });
  it('integers: width, flags, precision, grouping', () => {
    expect(ev('printf', '%5d|%-5d|%05d', 42, 42, 42)).toBe('   42|42   |00042');
    expect(ev('printf', '%+d % d', 5, 5)).toBe('+5  5');
    expect(ev('printf', '%.3d', 7)).toBe('007');
    expect(ev('printf', "%'d", 1234567)).toBe('1,234,567');
    expect(ev('printf', '%d', 3.9)).toBe('3');
    expect(ev('printf', '%d', -3.9)).toBe('-3');
    expect(ev('printf', '%05d', -42)).toBe('-0042');
  });
  it('unsigned, octal, hex', () => {
    expect(ev('printf', '%u', 42)).toBe('42');
    expect(ev('printf', '%u', -1)).toBe('18446744073709551615');
    expect(ev('printf', '%o %#o', 8, 8)).toBe('10 010');
    expect(ev('printf', '%x %X %#x %p', 255, 255, 255, 255)).toBe('ff FF 0xff 0xff');
  });
  it('floating point', () => {
    expect(ev('printf', '%f', Math.PI)).toBe('3.141593');
    expect(ev('printf', '%.2f', 2.5)).toBe('2.50');
    expect(ev('printf', '%8.3f|', Math.PI)).toBe('   3.142|');
    expect(ev('printf', '%e', 12345.678)).toBe('1.234568e+04');
    expect(ev('printf', '%.2E', 0.000123)).toBe('1.23E-04');
    expect(ev('printf', '%g', 0.0001)).toBe('0.0001');
    expect(ev('printf', '%g', 0.00001)).toBe('1e-05');
    expect(ev('printf', '%g', 123456789)).toBe('1.23457e+08');
    expect(ev('printf', '%g', 100)).toBe('100');
    expect(ev('printf', '%.3g', 3.14159)).toBe('3.14');
    expect(ev('printf', '%#g', 1)).toBe('1.00000');
    expect(ev('printf', "%'.2f", 1234567.891)).toBe('1,234,567.89');
    expect(ev('printf', '%a', 1)).toBe('0x1p+0');
    expect(ev('printf', '%a', 0.5)).toBe('0x1p-1');
  });
  it('strings, %%, * width and precision', () => {
    expect(ev('printf', '%s=%s', 'a', 1)).toBe('a=1');
    expect(ev('printf', '%5s|%-5s|', 'ab', 'ab')).toBe('   ab|ab   |');
    expect(ev('printf', '%.2s', 'abcdef')).toBe('ab');
    expect(ev('printf', '%z', 'x')).toBe('x');
    expect(ev('printf', '100%%')).toBe('100%');
    expect(ev('printf', '%*d', 5, 42)).toBe('   42');
    expect(ev('printf', '%.*f', 1, 2.25)).toBe('2.3');
  });
  it('missing and NULL arguments', () => {
    expect(ev('printf', '%s-%d')).toBe('-0');
    expect(ev('printf', '[%s]', val(null))).toBe('[]');
    expect(ev('printf', 'no conversions')).toBe('no conversions');
  });
});
