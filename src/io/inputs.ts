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
import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SplError } from '../diagnostics/diagnostic.js';
import type { InputFile, ReadProblem } from './types.js';

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

/** Told about a folder entry that cannot be read (the walk goes on without it). */
export type SkipSink = (p: ReadProblem) => void;

interface Walk {
  /** folders already walked, by device and inode: a symlink loop is walked once */
  readonly dirs: Set<string>;
  readonly onSkip: SkipSink;
}

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'it does not exist (a dangling link?)' : code === 'ELOOP' ? 'too many levels of symbolic links' : String((err as Error)?.message ?? err);
}

/**
 * Every file under a folder, recursively, sorted by name at each level.
 * Symbolic links are followed, but each real folder is walked once (by
 * device and inode), so a link back to a parent does not loop. A subfolder
 * or link that cannot be read is reported through `w.onSkip` and left out.
 */
async function walk(dir: string, out: string[], w: Walk, top = true): Promise<void> {
  let entries: Dirent[];
  try {
    const st = await stat(dir);
    const id = `${st.dev}:${st.ino}`;
    if (w.dirs.has(id)) return;
    w.dirs.add(id);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (top) {
      throw new SplError({ stage: 'input', message: `cannot read the folder ${dir}: ${why(e)}`, hint: 'check the folder\'s permissions, or give the files you can read' });
    }
    w.onSkip({ file: dir, line: 0, reason: `cannot read this folder: ${why(e)}; skipped` });
    return;
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out, w, false);
    else if (e.isFile()) out.push(full);
    else if (e.isSymbolicLink()) {
      let st: Stats;
      try {
        st = await stat(full);
      } catch (err) {
        w.onSkip({ file: full, line: 0, reason: `cannot follow this link: ${why(err)}; skipped` });
        continue;
      }
      if (st.isDirectory()) await walk(full, out, w, false);
      else if (st.isFile()) out.push(full);
    }
  }
}

async function expandGlob(pattern: string, w: Walk): Promise<string[]> {
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
  await walk(base, files, w);
  const out: string[] = [];
  for (const f of files) {
    const rel = path.relative(base, f).split(path.sep).join('/');
    if (re.test(rel)) out.push(baseSegs.length === 0 ? rel : f);
  }
  return out;
}

/**
 * Expands input arguments to files, in argument order (each real file once,
 * however many paths or links lead to it). Throws SplError (stage 'input')
 * for an argument that matches nothing or cannot be read; a file or
 * subfolder found inside a folder that cannot be read is told to `onSkip`
 * and left out (files found in folders are marked `inFolder`, so that one
 * which fails to open later is skipped the same way).
 */
export async function expandInputs(paths: readonly string[], onSkip: SkipSink = () => {}): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const w: Walk = { dirs: new Set(), onSkip };
  const add = async (p: string, inFolder = false): Promise<void> => {
    let st: Stats;
    try {
      st = await stat(p);
    } catch (e) {
      if (!inFolder) throw new SplError({ stage: 'input', message: `cannot read ${p}: ${why(e)}` });
      onSkip({ file: p, line: 0, reason: `cannot read this file: ${why(e)}; skipped` });
      return;
    }
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path: p, mtime: st.mtimeMs / 1000, size: st.size, ...(inFolder ? { inFolder } : {}) });
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
      await walk(p, files, w);
      if (files.length === 0) {
        throw new SplError({
          stage: 'input',
          message: `the folder ${p} holds no files`,
          hint: 'give a folder with event files in it, or the files themselves (hidden files are skipped)',
        });
      }
      for (const f of files) await add(f, true);
      continue;
    }
    if (st === undefined && hasGlob(p)) {
      const files = await expandGlob(p, w);
      if (files.length === 0) {
        throw new SplError({
          stage: 'input',
          message: `no file matches ${p}`,
          hint: '`*` and `?` match within one folder level, `**` any number of levels; check the folder part of the pattern',
        });
      }
      for (const f of files) await add(f, true);
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
