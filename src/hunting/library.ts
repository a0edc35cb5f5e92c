/**
 * The detections of a hunt: detection YAML files, folders of them, a
 * security_content checkout (a folder with detections/ and macros/: its
 * macros and lookups come with it), or a Splunk savedsearches.conf.
 * Deprecated detections (status: deprecated) are counted and left out.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { SplError } from '../diagnostics/diagnostic.js';
import { confTrue, readConfStanzas } from '../io/conf.js';
import { loadDetection } from '../testing/detection.js';
import { wildcardTest } from '../values/wildcard.js';

/** A detection to run: from a detection YAML or a savedsearches.conf stanza (plain data). */
export interface HuntDetection {
  readonly name: string;
  readonly file: string;
  readonly search: string;
  readonly type?: string;
  readonly mitre: readonly string[];
  readonly status?: string;
}

/** A file the detections come from: named on the command line, or found in a folder. */
export interface LibraryFile {
  readonly file: string;
  readonly explicit: boolean;
}

export interface Library {
  readonly files: LibraryFile[];
  /** the macros/ and lookups/ folders of the security_content checkouts named */
  readonly macroPaths: string[];
  readonly lookupPaths: string[];
}

/** A security_content checkout: a folder with detections/ and macros/. */
function isCheckout(dir: string): boolean {
  return existsSync(join(dir, 'detections')) && existsSync(join(dir, 'macros')) && statSync(join(dir, 'detections')).isDirectory();
}

/** The files of the library, in name order (paths must exist: the CLI checks). */
export function libraryFiles(paths: readonly string[]): Library {
  const lib: Library = { files: [], macroPaths: [], lookupPaths: [] };
  const walk = (p: string, explicit: boolean) => {
    if (statSync(p).isDirectory()) {
      if (isCheckout(p)) {
        lib.macroPaths.push(join(p, 'macros'));
        if (existsSync(join(p, 'lookups'))) lib.lookupPaths.push(join(p, 'lookups'));
        walk(join(p, 'detections'), false);
        return;
      }
      for (const e of readdirSync(p).sort()) if (!e.startsWith('.')) walk(join(p, e), false);
    } else if (explicit || /\.(ya?ml|conf)$/i.test(p)) lib.files.push({ file: p, explicit });
  };
  for (const p of paths) walk(p, true);
  return lib;
}

export interface LoadedFile {
  readonly detections: HuntDetection[];
  readonly deprecated: number;
  /** why a named file is not a detection (files found in folders that are not detections are passed over) */
  readonly unreadable?: string;
}

/** The detections of one file. */
export function loadFile({ file, explicit }: LibraryFile): LoadedFile {
  if (extname(file).toLowerCase() === '.conf') {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { detections: [], deprecated: 0, unreadable: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
    }
    return { detections: savedSearches(file, text), deprecated: 0 };
  }
  if (!/\.ya?ml$/i.test(file)) return { detections: [], deprecated: 0, unreadable: 'not a detection YAML file or a savedsearches.conf' };
  try {
    const d = loadDetection(file);
    if (d.status?.toLowerCase() === 'deprecated') return { detections: [], deprecated: 1 };
    return { detections: [{ name: d.name, file, search: d.search, mitre: d.mitre, ...(d.type ? { type: d.type } : {}), ...(d.status ? { status: d.status } : {}) }], deprecated: 0 };
  } catch (e) {
    if (!(e instanceof SplError)) throw e;
    return { detections: [], deprecated: 0, ...(explicit ? { unreadable: e.first.message } : {}) };
  }
}

/**
 * A Splunk savedsearches.conf: each enabled stanza with a `search`, named by
 * its stanza. [decision] the type is Correlation when the stanza is an ES
 * correlation search or raises notables or risk (`action.correlationsearch.enabled`,
 * `action.notable`, `action.risk`), none otherwise; the techniques are the
 * `mitre_attack` list of `action.correlationsearch.annotations`, as ES stores them.
 */
function savedSearches(file: string, text: string): HuntDetection[] {
  const out: HuntDetection[] = [];
  for (const s of readConfStanzas(text)) {
    const search = s.settings.get('search');
    if (!search || s.name === 'default') continue;
    if (confTrue(s.settings.get('disabled'))) continue;
    let mitre: string[] = [];
    try {
      const a = JSON.parse(s.settings.get('action.correlationsearch.annotations') ?? '{}') as { mitre_attack?: unknown };
      if (Array.isArray(a.mitre_attack)) mitre = a.mitre_attack.filter((m): m is string => typeof m === 'string');
    } catch {
      // annotations that are not JSON: no techniques
    }
    const on = (k: string) => confTrue(s.settings.get(k));
    const type = on('action.correlationsearch.enabled') || on('action.notable') || on('action.risk') ? 'Correlation' : undefined;
    out.push({ name: s.name, file, search: search.trim(), mitre, ...(type ? { type } : {}) });
  }
  return out;
}

/** --type, --mitre, --name (comma-separated lists; technique ids match by prefix; the name is a wildcard pattern, any case). */
export interface HuntFilters {
  readonly type?: string;
  readonly mitre?: string;
  readonly name?: string;
}

export function selector(o: HuntFilters): (d: HuntDetection) => boolean {
  const list = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const types = new Set(list(o.type).map((t) => t.toLowerCase()));
  const mitre = list(o.mitre).map((m) => m.toUpperCase());
  const name = o.name !== undefined ? wildcardTest(o.name) : undefined;
  return (d) =>
    (types.size === 0 || types.has((d.type ?? '').toLowerCase())) &&
    (mitre.length === 0 || d.mitre.some((t) => mitre.some((m) => t.toUpperCase().startsWith(m)))) &&
    (!name || name(d.name));
}
