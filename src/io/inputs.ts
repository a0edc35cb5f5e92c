/**
 * Turning the input arguments into a list of files: plain files, folders
 * (read recursively, entries sorted by name, hidden entries skipped), simple
 * globs and `-` for standard input.
 *
 * Globs: `*` matches any run of characters within one path segment, `?` one
 * character within a segment, `**` as a whole segment matches any number of
 * segments (also none). Matching is case-sensitive, as file systems on Linux
 * are. A glob is read from its longest leading part without wildcards.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SplError } from '../diagnostics/diagnostic.js';
import type { InputFile } from './types.js';

export type { InputFile } from './types.js';

export function hasGlob(p: string): boolean {
  return /[*?]/.test(p);
}

function escapeRe(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a glob (with `/` separators) to a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  const segs = glob.split('/');
  let re = '^';
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    if (seg === '**') {
      // any number of whole segments, each followed by '/', or (at the end) anything
      re += last ? '.*' : '(?:[^/]*/)*';
      continue;
    }
    let part = '';
    for (const ch of seg) {
      if (ch === '*') part += '[^/]*';
      else if (ch === '?') part += '[^/]';
      else part += escapeRe(ch);
    }
    re += part + (last ? '' : '/');
  }
  return new RegExp(re + '$');
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every file under a folder, recursively, sorted by name at each level. */
async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => byName(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    else if (e.isFile()) out.push(full);
    else if (e.isSymbolicLink()) {
      const st = await stat(full).catch(() => undefined);
      if (st?.isDirectory()) await walk(full, out);
      else if (st?.isFile()) out.push(full);
    }
  }
}

async function expandGlob(pattern: string): Promise<string[]> {
  const norm = pattern.split(path.sep).join('/');
  const segs = norm.split('/');
  let k = 0;
  while (k < segs.length && !hasGlob(segs[k])) k++;
  const baseSegs = segs.slice(0, k);
  const base = baseSegs.length === 0 ? '.' : baseSegs.join('/') || '/';
  const rest = segs.slice(k).join('/');
  const re = globToRegExp(rest);
  const st = await stat(base).catch(() => undefined);
  if (!st?.isDirectory()) return [];
  const files: string[] = [];
  await walk(base, files);
  const out: string[] = [];
  for (const f of files) {
    const rel = path.relative(base, f).split(path.sep).join('/');
    if (re.test(rel)) out.push(baseSegs.length === 0 ? rel : f);
  }
  return out;
}

/**
 * Expands input arguments to files, in argument order (each file once).
 * Throws SplError (stage 'input') for an argument that matches nothing.
 */
export async function expandInputs(paths: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = async (p: string): Promise<void> => {
    const key = path.resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    const st = await stat(p);
    out.push({ path: p, mtime: st.mtimeMs / 1000, size: st.size });
  };
  for (const p of paths) {
    if (p === '-') {
      if (!seen.has('-')) {
        seen.add('-');
        out.push({ path: '-', mtime: Math.floor(Date.now() / 1000) });
      }
      continue;
    }
    const st = await stat(p).catch(() => undefined);
    if (st?.isFile()) {
      await add(p);
      continue;
    }
    if (st?.isDirectory()) {
      const files: string[] = [];
      await walk(p, files);
      if (files.length === 0) {
        throw new SplError({
          stage: 'input',
          message: `the folder ${p} holds no files`,
          hint: 'give a folder with event files in it, or the files themselves (hidden files are skipped)',
        });
      }
      for (const f of files) await add(f);
      continue;
    }
    if (st === undefined && hasGlob(p)) {
      const files = await expandGlob(p);
      if (files.length === 0) {
        throw new SplError({
          stage: 'input',
          message: `no file matches ${p}`,
          hint: '`*` and `?` match within one folder level, `**` any number of levels; check the folder part of the pattern',
        });
      }
      for (const f of files) await add(f);
      continue;
    }
    throw new SplError({
      stage: 'input',
      message: st === undefined ? `input ${p} does not exist` : `input ${p} is neither a file nor a folder`,
      hint: 'give an event file, a folder, a glob such as "logs/**/*.xml" (quoted), or - for standard input',
    });
  }
  return out;
}
