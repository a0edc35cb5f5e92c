import { describe, expect, it } from 'vitest';
import {
  CONVERT_REMOVE,
  DEFAULT_CONVERT_TIMEFORMAT,
  convertFunctions,
  isConvertRemove,
  type ConvertFunction,
} from '../../src/functions/convert.js';

function fn(name: string): ConvertFunction {
  const f = convertFunctions.get(name);
  if (!f) throw new Error(`missing ${name}`);
  return f;
}
const DF = DEFAULT_CONVERT_TIMEFORMAT;

describe('convert functions', () => {
  it('has every documented function', () => {
    expect([...convertFunctions.keys()].sort()).toEqual(
      ['auto', 'ctime', 'dur2sec', 'memk', 'mktime', 'mstime', 'none', 'num', 'rmcomma', 'rmunit'].sort(),
    );
    expect(DF).toBe('%m/%d/%Y %H:%M:%S');
  });

  it('ctime: docs example timeformat="%H:%M:%S" on 2018-03-27 17:20:14.839 (US Pacific) → 17:20:14', () => {
    // _time 1522196414.839 = 2018-03-28T00:20:14.839Z (PDT, UTC-7)
    expect(fn('ctime')(1522196414.839, '%H:%M:%S', 'America/Los_Angeles')).toBe('17:20:14');
    expect(fn('ctime')('1522196414.839', '%H:%M:%S', 'America/Los_Angeles')).toBe('17:20:14');
    expect(fn('ctime')(1522196414.839, DF, 'America/Los_Angeles')).toBe('03/27/2018 17:20:14');
    expect(fn('ctime')(1522196414.839, DF, 'UTC')).toBe('03/28/2018 00:20:14');
  });
  it('ctime leaves non-numeric values unchanged', () => {
    expect(fn('ctime')('yesterday', DF, 'UTC')).toBeUndefined();
    expect(fn('ctime')('', DF, 'UTC')).toBeUndefined();
  });

  it('mktime reads with timeformat', () => {
    // 2018-03-27 17:20:14 PDT = 2018-03-28T00:20:14Z = 1522196414
    expect(fn('mktime')('03/27/2018 17:20:14', DF, 'America/Los_Angeles')).toBe(1522196414);
    // docs strptime example, with an explicit timeformat
    expect(fn('mktime')('2022-12-15 09:45:22', '%Y-%m-%d %H:%M:%S', 'America/Los_Angeles')).toBe(1671126322);
    expect(fn('mktime')('not a time', DF, 'UTC')).toBeUndefined();
    expect(fn('mktime')(1522196414, DF, 'UTC')).toBeUndefined();
  });

  it('dur2sec: [D+]HH:MM:SS', () => {
    expect(fn('dur2sec')('00:10:15', DF, 'UTC')).toBe(615); // docs example
    expect(fn('dur2sec')('1+02:03:04', DF, 'UTC')).toBe(86400 + 2 * 3600 + 3 * 60 + 4);
    expect(fn('dur2sec')('26:00:00', DF, 'UTC')).toBe(93600);
    expect(fn('dur2sec')('00:00:01.5', DF, 'UTC')).toBe(1.5);
    expect(fn('dur2sec')('10 minutes', DF, 'UTC')).toBeUndefined();
    expect(fn('dur2sec')('00:61:00', DF, 'UTC')).toBeUndefined();
  });

  it('mstime: [MM:]SS.SSS', () => {
    expect(fn('mstime')('03:25.123', DF, 'UTC')).toBe(205.123);
    expect(fn('mstime')('25.123', DF, 'UTC')).toBe(25.123);
    expect(fn('mstime')('7', DF, 'UTC')).toBe(7);
    expect(fn('mstime')('abc', DF, 'UTC')).toBeUndefined();
  });

  it('memk: kilobytes', () => {
    expect(fn('memk')('10', DF, 'UTC')).toBe(10);
    expect(fn('memk')('10k', DF, 'UTC')).toBe(10);
    expect(fn('memk')('10m', DF, 'UTC')).toBe(10240);
    expect(fn('memk')('1.5g', DF, 'UTC')).toBe(1.5 * 1024 * 1024);
    expect(fn('memk')('-5m', DF, 'UTC')).toBeUndefined(); // positive numbers only
    expect(fn('memk')('10t', DF, 'UTC')).toBeUndefined();
  });

  it('rmcomma: removes all commas (docs: 1,000,000.00 → 1000000.00)', () => {
    expect(fn('rmcomma')('1,000,000.00', DF, 'UTC')).toBe('1000000.00');
    expect(fn('rmcomma')('1000', DF, 'UTC')).toBeUndefined();
  });

  it('rmunit: leading number (docs: "212 sec" → 212)', () => {
    expect(fn('rmunit')('212 sec', DF, 'UTC')).toBe(212);
    expect(fn('rmunit')('3.5ms', DF, 'UTC')).toBe(3.5);
    expect(fn('rmunit')('-4 degrees', DF, 'UTC')).toBe(-4);
    expect(fn('rmunit')('sec 212', DF, 'UTC')).toBeUndefined();
  });

  it('auto: best numeric conversion', () => {
    expect(fn('auto')('42', DF, 'UTC')).toBe(42);
    expect(fn('auto')('4.5e3', DF, 'UTC')).toBe(4500);
    expect(fn('auto')('1,234.5', DF, 'UTC')).toBe(1234.5);
    expect(fn('auto')('212 sec', DF, 'UTC')).toBe(212);
    expect(fn('auto')('hello', DF, 'UTC')).toBeUndefined();
    expect(fn('auto')(7, DF, 'UTC')).toBe(7);
  });

  it('num: like auto, but values it cannot convert are removed', () => {
    expect(fn('num')('42', DF, 'UTC')).toBe(42);
    const r = fn('num')('hello', DF, 'UTC');
    expect(r).toBe(CONVERT_REMOVE);
    expect(isConvertRemove(r)).toBe(true);
    expect(isConvertRemove(fn('auto')('hello', DF, 'UTC'))).toBe(false);
  });

  it('none changes nothing', () => {
    expect(fn('none')('42', DF, 'UTC')).toBeUndefined();
  });
});
