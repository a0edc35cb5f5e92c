import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SplError } from '../../src/diagnostics/diagnostic.js';
import { expandInputs, globToRegExp } from '../../src/io/inputs.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'splinter-inputs-'));
  for (const f of ['b.xml', 'a.xml', 'sub/c.xml', 'sub/deep/d.xml', 'sub/e.json', '.hidden.xml', 'z.log']) {
    await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await writeFile(path.join(dir, f), 'x\n');
  }
  await mkdir(path.join(dir, 'emptydir'));
});

const rel = (files: { path: string }[]) => files.map((f) => path.relative(dir, f.path).split(path.sep).join('/'));

describe('expandInputs', () => {
  it('reads folders recursively in sorted order, skipping hidden files', async () => {
    expect(rel(await expandInputs([dir]))).toEqual(['a.xml', 'b.xml', 'sub/c.xml', 'sub/deep/d.xml', 'sub/e.json', 'z.log']);
  });

  it('expands *, ? and ** globs', async () => {
    expect(rel(await expandInputs([path.join(dir, '*.xml')]))).toEqual(['a.xml', 'b.xml']);
    expect(rel(await expandInputs([path.join(dir, '?.log')]))).toEqual(['z.log']);
    expect(rel(await expandInputs([path.join(dir, '**/*.xml')]))).toEqual(['a.xml', 'b.xml', 'sub/c.xml', 'sub/deep/d.xml']);
    expect(rel(await expandInputs([path.join(dir, 'sub/**')]))).toEqual(['sub/c.xml', 'sub/deep/d.xml', 'sub/e.json']);
  });

  it('keeps argument order, lists each file once, and takes - as stdin', async () => {
    const files = await expandInputs([path.join(dir, 'z.log'), path.join(dir, '*.xml'), path.join(dir, 'a.xml'), '-']);
    expect(files.map((f) => (f.path === '-' ? '-' : path.basename(f.path)))).toEqual(['z.log', 'a.xml', 'b.xml', '-']);
    expect(files[0].size).toBe(2);
  });

  it('reports inputs that match nothing', async () => {
    for (const p of [path.join(dir, 'nope.xml'), path.join(dir, '*.csv'), path.join(dir, 'emptydir')]) {
      const err = await expandInputs([p]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SplError);
      const d = (err as SplError).first;
      expect(d.stage).toBe('input');
      expect(d.message).toContain(p);
      expect(d.hint).toBeTruthy();
    }
  });

  it('compiles globs', () => {
    expect(globToRegExp('**/*.xml').test('a/b/c.xml')).toBe(true);
    expect(globToRegExp('**/*.xml').test('c.xml')).toBe(true);
    expect(globToRegExp('*.xml').test('a/c.xml')).toBe(false);
    expect(globToRegExp('a?.x').test('ab.x')).toBe(true);
    expect(globToRegExp('a.x').test('abx')).toBe(false);
  });
});

describe('gen-sysmon.mjs', () => {
  const gen = path.resolve(__dirname, '../../fixtures/gen-sysmon.mjs');
  const run = (...a: string[]) => execFileSync(process.execPath, [gen, ...a], { encoding: 'utf8' });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = run('--count', '50', '--seed', '7');
    expect(run('--count', '50', '--seed', '7')).toBe(a);
    expect(run('--count', '50', '--seed', '8')).not.toBe(a);
    const lines = a.trimEnd().split('\n');
    expect(lines).toHaveLength(50);
    for (const l of lines) expect(l).toMatch(/^<Event xmlns='[^']+'><System>.*<\/EventData><\/Event>$/);
  });
});
