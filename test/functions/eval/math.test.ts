import { describe, expect, it } from 'vitest';
import { check, ev, field, lit, makeEnv, run, val } from './harness.js';
import type { Expr } from '../../../src/ast/nodes.js';

describe('round', () => {
  it('documented examples: round(3.5)=4, round(2.555,2)=2.56', () => {
    expect(ev('round', 3.5)).toBe(4);
    expect(ev('round', 2.555, 2)).toBe(2.56);
  });
  it('rounds half away from zero', () => {
    expect(ev('round', 2.5)).toBe(3);
    expect(ev('round', -2.5)).toBe(-3);
    expect(ev('round', -2.4)).toBe(-2);
    expect(ev('round', 0.5)).toBe(1);
    expect(ev('round', -0.4)).toBe(0);
    expect(ev('round', 1.005, 2)).toBe(1.01);
    expect(ev('round', 1234.5678, 1)).toBe(1234.6);
    expect(ev('round', 0.000123456, 5)).toBe(0.00012);
    expect(ev('round', 9.995, 2)).toBe(10);
    expect(ev('round', 17, 3)).toBe(17);
    expect(ev('round', 1e21)).toBe(1e21);
  });
  it('reads numeric strings; NULL for the rest', () => {
    expect(run('round', [field('x')], makeEnv({ x: '2.5' }))).toBe(3);
    expect(ev('round', 'abc')).toBeNull();
    expect(run('round', [field('missing')], makeEnv())).toBeNull();
  });
  it('a negative literal number of places is a plan-time error', () => {
    expect(check('round', lit(1.5), lit(-1))).toMatch(/non-negative/);
    expect(ev('round', 1.5, val(-1))).toBeNull();
  });
});

describe('floor / ceil / ceiling / abs', () => {
  it('work on numbers and numeric strings', () => {
    expect(ev('floor', 1.9)).toBe(1);
    expect(ev('floor', -1.1)).toBe(-2);
    expect(ev('ceil', 1.1)).toBe(2);
    expect(ev('ceiling', 1.1)).toBe(2);
    expect(Object.is(ev('ceil', -0.5), 0)).toBe(true);
    expect(ev('abs', -3)).toBe(3);
    expect(ev('abs', '-3.5')).toBe(3.5);
    expect(ev('abs', 'x')).toBeNull();
  });
});

describe('pow / sqrt / exp / ln / log / pi', () => {
  it('compute', () => {
    expect(ev('pow', 2, 10)).toBe(1024);
    expect(ev('sqrt', 9)).toBe(3);
    expect(ev('exp', 0)).toBe(1);
    expect(ev('exp', 3)).toBeCloseTo(20.085536923, 8);
    expect(ev('ln', Math.E)).toBe(1);
    expect(ev('log', 100)).toBe(2);
    expect(ev('log', 8, 2)).toBe(3);
    // documented: pi() returns the constant pi to 11 digits of precision
    expect(ev('pi')).toBe(3.14159265359);
  });
  it('outside the domain gives NULL', () => {
    expect(ev('sqrt', -1)).toBeNull();
    expect(ev('ln', 0)).toBeNull();
    expect(ev('log', -1)).toBeNull();
    expect(ev('log', 8, 1)).toBeNull();
    expect(ev('pow', -8, 1 / 3)).toBeNull();
  });
});

describe('exact / sigfig', () => {
  it('return the number', () => {
    expect(ev('exact', 3.14)).toBe(3.14);
    expect(ev('sigfig', '2.5')).toBe(2.5);
    expect(ev('exact', 'x')).toBeNull();
  });

  // sigfig reads the argument's syntax tree: operands as written
  const span = { start: 0, end: 0 };
  const numNode = (text: string): Expr => ({ type: 'number', span, text, value: Number(text) });
  const fieldNode = (name: string): Expr => ({ type: 'field', span, name, quoted: false });
  const bin = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({ type: 'binary', span, operands: [left, right], ops: [op], opSpans: [span] });
  const sigfig = (e: Expr, value: number, row: Record<string, string | number> = {}) =>
    run('sigfig', [{ compiled: () => value, info: { span, fields: [], isField: false, expr: e } }], makeEnv(row));

  it('multiplication keeps the fewest significant figures (documented: sigfig(1.00*1111) = 1110)', () => {
    expect(sigfig(bin('*', numNode('1.00'), numNode('1111')), 1111)).toBe(1110);
    expect(sigfig(bin('/', numNode('10.0'), numNode('3')), 10 / 3)).toBe(3);
  });
  it('addition keeps the fewest decimal places (documented: 123.0 + 4.567 = 127.6)', () => {
    expect(sigfig(bin('+', numNode('123.0'), numNode('4.567')), 127.567)).toBe(127.6);
    expect(sigfig(bin('-', numNode('10'), numNode('0.25')), 9.75)).toBe(10);
  });
  it('a field counts the digits of its value (documented: test*1.00 -> 3.99)', () => {
    expect(sigfig(bin('*', fieldNode('test'), numNode('1.00')), 3.990000000000215, { test: 3.990000000000215 })).toBe(3.99);
    expect(sigfig(bin('*', fieldNode('nope'), numNode('1.00')), 5)).toBe(5);
  });
});

describe('min / max', () => {
  it('numbers compare numerically; strings are greater than numbers', () => {
    // documented example: max(1, 3, 6, 7, "foo", name) is "foo" when name="baz", "zaz" when name="zaz"
    expect(run('max', [lit(1), lit(3), lit(6), lit(7), lit('foo'), field('name')], makeEnv({ name: 'baz' }))).toBe('foo');
    expect(run('max', [lit(1), lit(3), lit(6), lit(7), lit('foo'), field('name')], makeEnv({ name: 'zaz' }))).toBe('zaz');
    expect(ev('min', 3, 10, 2.5)).toBe(2.5);
    expect(ev('min', 'b', 'a', 100)).toBe(100);
    expect(ev('max', '10', '9')).toBe('10');
  });
  it('look at every value of multivalues and skip NULLs', () => {
    const env = makeEnv({ n: ['5', '6', '7', '1'] });
    expect(run('max', [field('n')], env)).toBe('7');
    expect(run('min', [field('n'), field('missing')], env)).toBe('1');
    expect(run('max', [field('missing')], env)).toBeNull();
  });
});

describe('random', () => {
  it('is an integer in [0, 2^31)', () => {
    for (let i = 0; i < 20; i++) {
      const r = ev('random') as number;
      expect(Number.isInteger(r)).toBe(true);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(2 ** 31);
    }
  });
});

describe('trigonometry', () => {
  it('computes', () => {
    expect(ev('cos', 0)).toBe(1);
    expect(ev('atan2', 1, 1)).toBeCloseTo(Math.PI / 4, 12);
    expect(ev('hypot', 3, 4)).toBe(5);
    expect(ev('acos', 2)).toBeNull();
  });
});
