/**
 * The eval lookup() function compiled from its syntax with a plan-time
 * context, and the compiler without that context. Conformance cases:
 * queries/eval/lookup_function*.yml. Source: Search Reference, Comparison
 * and Conditional functions, lookup() ("This function performs a CSV
 * lookup. It returns the output field or fields in the form of a JSON
 * object."); matching rules from transforms.conf.spec.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../src/ast/nodes.js';
import { tryCompile } from '../../../src/eval/compile.js';
import { makeEnv } from '../../../src/eval/env.js';
import { PlanError } from '../../../src/engine/plan-error.js';
import type { CompileContext } from '../../../src/functions/eval/types.js';
import { LookupRegistry } from '../../../src/lookups/registry.js';
import { parse } from '../../../src/parser/index.js';
import type { Value } from '../../../src/values/value.js';

const ROOT = join(import.meta.dirname, '../../..');
const registry = LookupRegistry.load([join(ROOT, 'fixtures/lookups/sc')]);

/** A context like the planner's: resolves by name, fails with a PlanError. */
const ctx: CompileContext = {
  lookupTable(name, span) {
    const def = registry.get(name);
    if (!def) throw new PlanError({ stage: 'plan', message: `unknown lookup '${name}'`, span });
    return { def, table: registry.table(def).table! };
  },
};

function expr(text: string): Expr {
  const ast = parse(`| makeresults | eval x=${text}`).ast!;
  const cmd = ast.commands[1];
  if (cmd.type !== 'eval') throw new Error('not an eval');
  return cmd.assignments[0].expr;
}

function evaluate(text: string, row: Record<string, Value>, c: CompileContext | undefined = ctx) {
  const { compiled, diagnostic } = tryCompile(expr(text), c);
  if (diagnostic) throw new Error(diagnostic.message);
  const env = makeEnv({ now: 0, tz: 'UTC' });
  env.row = new Map(Object.entries(row));
  return compiled!(env);
}

describe('lookup()', () => {
  it('returns the matching row as JSON, all non-input fields by default', () => {
    expect(evaluate('lookup("users_lookup", json_object("user", user))', { user: 'alice' })).toBe('{"department":"IT","level":"3"}');
    expect(evaluate('lookup("users.csv", json_object("user", user), json_array("level", "department"))', { user: 'alice' })).toBe('{"level":"3","department":"IT"}');
  });
  it('gives NULL when no row matches or the match value is NULL', () => {
    expect(evaluate('lookup("users_lookup", json_object("user", user))', { user: 'nobody' })).toBeNull();
    expect(evaluate('lookup("users_lookup", json_object("user", user))', {})).toBeNull();
  });
  it('compiles the match values as expressions (with other functions inside)', () => {
    expect(evaluate('lookup("users_lookup", json_object("user", lower(u)."e"), json_array("level"))', { u: 'ALIC' })).toBe('{"level":"3"}');
    expect(evaluate('if(isnull(lookup("users_lookup", json_object("user", u))), "no", "yes")', { u: 'bob' })).toBe('yes');
  });
  it('writes cell text as JSON strings, WILDCARD rows included', () => {
    expect(evaluate('lookup("bad_domains", json_object("domain", d), json_array("note"))', { d: 'a.evil.com' })).toBe('{"note":"wildcard, any host"}');
  });
  it('reports the lookup table problems as diagnostics, with spans on the name', () => {
    const text = '| makeresults | eval x=lookup("nope", json_object("user", "a"))';
    const e = expr('lookup("nope", json_object("user", "a"))');
    const { diagnostic } = tryCompile(e, ctx);
    expect(diagnostic?.message).toBe("unknown lookup 'nope'");
    expect(text.slice(diagnostic!.span.start, diagnostic!.span.end)).toBe('"nope"');
  });
  it('checks the argument forms at plan time', () => {
    const msg = (t: string, c: CompileContext | undefined = ctx) => tryCompile(expr(t), c).diagnostic?.message;
    expect(msg('lookup("users_lookup", json_object("user"))')).toContain('pairs of an input field');
    expect(msg('lookup("users_lookup", json_object(user, "a"))')).toContain('an input field must be a quoted field name');
    expect(msg('lookup("users_lookup", json_object("user", "a", "user", "b"))')).toContain("input field 'user' is given twice");
    expect(msg('lookup("users_lookup", json_object("user", "a"), "level")')).toContain('third argument must be json_array');
    expect(msg('lookup("users_lookup", json_object("user", "a"), json_array())')).toContain('names no output field');
    expect(msg('lookup("users_lookup")')).toContain('takes 2 to 3 arguments');
  });
  it('needs the context: without it lookup() is a diagnostic and everything else compiles', () => {
    expect(tryCompile(expr('lookup("users_lookup", json_object("user", "a"))')).diagnostic?.message).toContain('lookup() is not available here');
    expect(evaluate('json_object("user", u)', { u: 'a' }, undefined)).toBe('{"user":"a"}');
  });
});
