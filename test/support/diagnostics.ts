/**
 * What a queries/ case expects of diagnostics: an error case's diagnostics as
 * the CLI prints them (committed next to the case as <case>.err), and the
 * notices and warnings a search gives.
 *
 * `UPDATE_DIAGNOSTICS=1 npx vitest run test/queries.test.ts` (re)writes the
 * .err files from what splinter prints now: read each changed one (git diff)
 * before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Compiled } from '../../src/api.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import { ROOT } from './cases.js';

export const UPDATE_DIAGNOSTICS = process.env.UPDATE_DIAGNOSTICS === '1';

/**
 * A compile's diagnostics as `splinter run` prints them on stderr (src/cli/common.ts report).
 * The case's files are passed by absolute path: paths in the repository are written relative to it, so
 * the text is the same in every checkout.
 */
export function renderedErrors(compiled: Compiled): string {
  return relativePaths(compiled.diagnostics.map((d) => renderDiagnostic(d, compiled.search)).join('\n') + '\n');
}

export function errFile(caseFile: string, ext = '.err'): string {
  return caseFile.replace(/\.yml$/, ext);
}

/**
 * The committed rendering of the case's error (or, with ext '.explain', of
 * its explain page), or, with UPDATE_DIAGNOSTICS=1,
 * `actual` after writing it. Missing file: an Error that says how to make it.
 */
export function expectedRendering(caseFile: string, actual: string, ext = '.err'): string {
  const path = errFile(caseFile, ext);
  if (UPDATE_DIAGNOSTICS) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== actual) writeFileSync(path, actual);
    return actual;
  }
  if (!existsSync(path)) throw new Error(`${relative(ROOT, path)} is missing: write it with UPDATE_DIAGNOSTICS=1 npx vitest run test/queries.test.ts and read it`);
  return readFileSync(path, 'utf8');
}

/** Paths in the repository written relative to it (the cases pass their files by absolute path). */
export function relativePaths(text: string): string {
  return text.split(ROOT + sep).join('');
}

/** The messages of the notices and warnings a search gave, in the order given. */
export function noticeMessages(notices: readonly Diagnostic[]): string[] {
  return notices.map((n) => relativePaths(n.message));
}
