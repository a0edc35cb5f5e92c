import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SplError } from '../../src/diagnostics/diagnostic.js';
import { expandInputs, globToRegExp } from '../../src/io/inputs.js';
import { readEvents } from '../../src/io/readers/index.js';
import type { ReadProblem } from '../../src/io/types.js';

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

  it('walks a symlink loop once: each real file is read once', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'splinter-loop-'));
    await mkdir(path.join(d, 'sub'));
    await writeFile(path.join(d, 'a.log'), 'x\n');
    await writeFile(path.join(d, 'sub', 'b.log'), 'y\n');
    await symlink('..', path.join(d, 'sub', 'up')); // sub/up -> d: a loop
    await symlink('.', path.join(d, 'self'));
    await symlink('a.log', path.join(d, 'again.log')); // a second name for a.log
    const files = await expandInputs([d]);
    expect(files.map((f) => path.relative(d, f.path))).toEqual(['a.log', path.join('sub', 'b.log')]);
    // a glob and a file named twice through a link: still once
    expect((await expandInputs([path.join(d, '**/*.log'), path.join(d, 'again.log')])).length).toBe(2);
  });

  it('reports a dangling link or unreadable entry inside a folder and lists the rest', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'splinter-skip-'));
    await writeFile(path.join(d, 'a.log'), 'x\n');
    await symlink(path.join(d, 'gone.log'), path.join(d, 'b.log'));
    const skipped: ReadProblem[] = [];
    const files = await expandInputs([d], (p) => skipped.push(p));
    expect(files.map((f) => path.basename(f.path))).toEqual(['a.log']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].file).toBe(path.join(d, 'b.log'));
    expect(skipped[0].reason).toMatch(/cannot follow this link: .*; skipped/);
  });

  it('a file found in a folder that cannot be opened is one problem, not an error; a named one is an error', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'splinter-gone-'));
    await writeFile(path.join(d, 'a.log'), 'x=1\n');
    await writeFile(path.join(d, 'b.log'), 'y=2\n');
    const files = await expandInputs([d]);
    expect(files.every((f) => f.inFolder)).toBe(true);
    await rm(path.join(d, 'a.log')); // gone between listing and reading
    const problems: ReadProblem[] = [];
    const events = [];
    for (const f of files) for await (const e of readEvents(f, (p) => problems.push(p))) events.push(e.raw);
    expect(events).toEqual(['y=2']);
    expect(problems).toEqual([{ file: path.join(d, 'a.log'), line: 0, reason: 'cannot read this file: it does not exist; skipped' }]);
    const named = { path: path.join(d, 'a.log'), mtime: 0 };
    await expect((async () => {
      for await (const e of readEvents(named, () => {})) void e;
    })()).rejects.toBeInstanceOf(SplError);
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission inside a folder is reported and skipped', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'splinter-perm-'));
    await writeFile(path.join(d, 'a.log'), 'x=1\n');
    await writeFile(path.join(d, 'b.log'), 'y=2\n');
    await chmod(path.join(d, 'a.log'), 0o000);
    const problems: ReadProblem[] = [];
    const events = [];
    for (const f of await expandInputs([d])) for await (const e of readEvents(f, (p) => problems.push(p))) events.push(e.raw);
    expect(events).toEqual(['y=2']);
    expect(problems[0].reason).toBe('cannot read this file: permission denied; skipped');
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
