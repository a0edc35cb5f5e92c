/**
 * A search written anywhere on the command line. Options that take several
 * values (-m, -e, --lookups, --knowledge, --exclude) read every argument after
 * them up to the next option, so `splinter run -m macros '<search>'` would
 * read the search as a macros path. Before the options are parsed, a value of
 * such an option that is not an input (an existing path, `-`, a glob, or a
 * path with `:sourcetype=` and the like) and looks like a search (it has a
 * space, `|`, `=`, a quote, a parenthesis or a backtick) is moved to just
 * after the verb, where it is the search argument. `--` still ends the
 * options as usual.
 */
import { existsSync } from 'node:fs';
import { hasGlob } from '../io/inputs.js';

/** Options that take several values, in any verb. */
const MULTI = new Set(['-m', '--macros', '-e', '--events', '--lookups', '--knowledge', '--exclude', '--macros-a', '--macros-b']);

/** Verbs whose first argument is a search. */
const SEARCH_VERBS = new Set(['run', 'parse', 'expand', 'diff', 'explain']);

function isInput(v: string, exists: (p: string) => boolean): boolean {
  if (v === '-' || exists(v)) return true;
  const path = v.split(/:(?=(?:sourcetype|source|host)=)/)[0];
  if (path !== v && exists(path)) return true;
  return hasGlob(v) && !/[\s|`="()]/.test(v);
}

export function looksLikeSearch(v: string, exists: (p: string) => boolean = existsSync): boolean {
  return !isInput(v, exists) && /[\s|`="'()]/.test(v);
}

/** `argv` as process.argv (node, script, verb, ...), with a search moved out of a many-valued option. */
export function liftSearch(argv: readonly string[], exists: (p: string) => boolean = existsSync): string[] {
  const out = [...argv];
  const verbAt = out.findIndex((a, i) => i >= 2 && !a.startsWith('-'));
  if (verbAt < 0 || !SEARCH_VERBS.has(out[verbAt])) return out;
  for (let i = verbAt + 1; i < out.length; i++) {
    if (out[i] === '--') break;
    if (!MULTI.has(out[i])) continue;
    for (let j = i + 1; j < out.length && !out[j].startsWith('-'); j++) {
      if (looksLikeSearch(out[j], exists)) {
        const [search] = out.splice(j, 1);
        out.splice(verbAt + 1, 0, search);
        return out;
      }
    }
  }
  return out;
}
