/**
 * Hostile inputs (fixtures/hostile/make.mjs): each gives a diagnostic or
 * the right rows, in bounded time, run in-process through cli().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
// @ts-expect-error: a plain ES module without types
import { makeHostile, makeValidateFolder } from '../../fixtures/hostile/make.mjs';

interface HostileCase {
  id: string;
  args: string[];
  exit?: number;
  rows?: Record<string, unknown>[];
  stderr?: RegExp;
  stdout?: RegExp;
}

const dir = mkdtempSync(join(tmpdir(), 'splinter-hostile-'));
const cases = makeHostile(dir) as HostileCase[];
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('hostile inputs: a diagnostic or the right answer, never a hang or a crash', () => {
  for (const c of cases) {
    it(
      c.id,
      async () => {
        const t = Date.now();
        const r = await runCli(...c.args);
        expect(r.err).not.toMatch(/internal error|RangeError|Maximum call stack/);
        expect(r.code, r.err).toBe(c.exit ?? 0);
        if (c.rows) expect(JSON.parse(r.out)).toEqual(c.rows);
        if (c.stderr) expect(r.err).toMatch(c.stderr);
        if (c.stdout) expect(r.out).toMatch(c.stdout);
        // bounded: well under the test's own 60 s even on a loaded machine (2.7 s alone; 39 s seen with both cores busy)
        expect(Date.now() - t).toBeLessThan(55_000);
      },
      60_000,
    );
  }

  it(
    'validate reports the file nested too deeply and goes on with the others',
    async () => {
      const folder = makeValidateFolder(join(dir, 'validate'));
      const r = await runCli('validate', folder);
      expect(r.code).toBe(3);
      expect(r.out).toMatch(/b-deep\.spl:1:\d+: parse: the search is nested too deeply/);
      expect(r.out).toMatch(/3 searches: (2 ok, 1 parse|1 parse, 2 ok)/);
    },
    60_000,
  );
});
