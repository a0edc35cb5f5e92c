/** Parser shapes: operator chains as one n-ary node; quoted parts joined to words in command arguments. */
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { parse } from '../../src/parser/index.js';

function firstExpr(search: string): Expr {
  const r = parse(search);
  expect(r.diagnostics).toEqual([]);
  const cmd = r.ast!.commands[1];
  if (cmd.type === 'where') return cmd.expr;
  if (cmd.type === 'eval') return cmd.assignments[0].expr;
  throw new Error(`not an expression command: ${cmd.type}`);
}

describe('operator chains', () => {
  it('a run of one level is one node, operands in order', () => {
    const e = firstExpr('| makeresults | eval x=1+2-3 . 4');
    expect(e.type).toBe('binary');
    if (e.type !== 'binary') return;
    expect(e.ops).toEqual(['+', '-', '.']);
    expect(e.operands.map((o) => (o.type === 'number' ? o.value : o.type))).toEqual([1, 2, 3, 4]);
  });
  it('a chain in parentheses stays an operand of its own; tighter operators nest', () => {
    const e = firstExpr('| makeresults | where (a=1 OR b=2) OR c=3 AND d=4');
    if (e.type !== 'binary') throw new Error(e.type);
    expect(e.ops).toEqual(['OR']);
    expect(e.operands.map((o) => (o.type === 'binary' ? o.ops.join(',') : o.type))).toEqual(['OR', 'AND']);
  });
  it('10,000 terms make one node with 10,000 operands', () => {
    const e = firstExpr(`| makeresults | where ${Array.from({ length: 10000 }, (_, i) => `x=${i}`).join(' OR ')}`);
    if (e.type !== 'binary') throw new Error(e.type);
    expect(e.operands).toHaveLength(10000);
    expect(new Set(e.ops)).toEqual(new Set(['OR']));
  });
});

describe('quoted parts joined to a word in command arguments', () => {
  const renamed = (search: string) => {
    const r = parse(search);
    expect(r.diagnostics).toEqual([]);
    const cmd = r.ast!.commands[1];
    if (cmd.type !== 'rename') throw new Error(cmd.type);
    return cmd.renames.map((p) => [p.from.name, p.to.name]);
  };
  it('"Processes".* is the pattern Processes.*', () => {
    expect(renamed('| makeresults | rename "Processes".* AS *')).toEqual([['Processes.*', '*']]);
  });
  it('quoted parts anywhere in the word, with spaces inside', () => {
    expect(renamed('| makeresults | rename a"b c"d AS "x"_y')).toEqual([['ab cd', 'x_y']]);
  });
  it('a quoted value after = stays a value: f="a"g=1 is two comparisons', () => {
    const r = parse('| tstats count WHERE f="a"g=1');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('numbers that run into letters in expressions', () => {
  // [decision] Splunk does not document how `.16H` lexes; 16H cannot be a number, so the
  // dot is the concatenation operator and 16H a field name, as 1a2b is one
  it('a.16H is a . 16H, and lexing ends (it once looped forever)', () => {
    const e = firstExpr('| makeresults | eval x=a.16H');
    if (e.type !== 'binary') throw new Error(e.type);
    expect(e.ops).toEqual(['.']);
    expect(e.operands.map((o) => (o.type === 'field' ? o.name : o.type))).toEqual(['a', '16H']);
  });
  it('a.16 is still field a followed by the number .16 (a parse error, not a hang)', () => {
    expect(parse('| makeresults | eval x=a.16').diagnostics[0]?.message).toMatch(/unexpected '\.16'/);
  });
});
