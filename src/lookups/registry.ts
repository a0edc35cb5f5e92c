/**
 * Lookup definitions and their tables.
 *
 * Sources, in the order given (a later definition of a name wins):
 * - security_content lookup YAML (`name`, `filename` beside the YAML or
 *   `collection` + `fields_list` for a KV store collection, `match_type`,
 *   `case_sensitive_match`, `min_matches`, `max_matches`, `default_match`);
 * - `transforms.conf` stanzas with `filename` (resolved beside the file or in
 *   the app's `lookups/` folder) or `collection`, and the same matching
 *   settings (transforms.conf.spec, "Add field matching rules to your lookup
 *   configuration":
 *   https://help.splunk.com/en/splunk-enterprise/manage-knowledge-objects/knowledge-management-manual/10.2/use-the-configuration-files-to-configure-lookups/add-field-matching-rules-to-your-lookup-configuration);
 * - every `*.csv` file, usable by its file name (`lookup users.csv ...`,
 *   `inputlookup users.csv`), as Splunk allows for lookup table files.
 *
 * Defaults from that page: max_matches 100 (no time_field), min_matches 0,
 * case-sensitive matching. A KV store collection has no data offline: it is
 * an empty table with the collection's fields. An external (scripted) lookup
 * runs when splinter has its own implementation of the script
 * (src/lookups/scripts.ts, which also defines the lookups of apps that
 * security_content expects); other scripts and MLTK model files cannot run:
 * they are reported where used.
 * Tables are read on first use and kept.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readConfStanzas } from '../io/conf.js';
import { parseLookupCsv, type LookupTable } from './csv.js';
import { BUILTIN_SCRIPTED_LOOKUPS, LOOKUP_SCRIPTS, type LookupScript } from './scripts.js';

export type MatchType = 'WILDCARD' | 'CIDR';

export interface LookupDefinition {
  readonly name: string;
  /** where it was defined (a file), for messages */
  readonly origin: string;
  /** absolute path of the CSV table */
  readonly file?: string;
  /** KV store collection: no data offline */
  readonly collection?: string;
  readonly fieldsList?: readonly string[];
  /** an external lookup whose script splinter computes itself */
  readonly script?: LookupScript;
  /** why it cannot be used offline */
  readonly unsupported?: string;
  /** match_type per lookup field */
  readonly matchTypes: ReadonlyMap<string, MatchType>;
  readonly caseSensitive: boolean;
  readonly minMatches: number;
  readonly maxMatches: number;
  readonly defaultMatch?: string;
}

export interface LookupOptions {
  /** folder outputlookup may write to (the user names it); none: outputlookup writes nothing */
  readonly outputDir?: string;
}

export class LookupRegistry {
  private readonly defs = new Map<string, LookupDefinition>();
  private readonly tables = new Map<string, { table?: LookupTable; diagnostic?: Diagnostic }>();
  /** problems met while loading definitions (shown as warnings) */
  readonly problems: string[] = [];
  readonly outputDir?: string;

  constructor(opts: LookupOptions = {}) {
    if (opts.outputDir) this.outputDir = resolve(opts.outputDir);
  }

  /** Loads definitions from files and folders (see the module comment). */
  static load(paths: readonly string[], opts: LookupOptions = {}): LookupRegistry {
    const r = new LookupRegistry(opts);
    for (const p of paths) r.addPath(p);
    return r;
  }

  get size(): number {
    return this.defs.size;
  }

  define(def: LookupDefinition): void {
    this.defs.set(def.name, def);
  }

  /** A definition by its name, or a table file by its file name; then the built-in scripted lookups. */
  get(name: string): LookupDefinition | undefined {
    return this.defs.get(name) ?? (name.toLowerCase().endsWith('.csv') ? undefined : this.defs.get(name + '.csv')) ?? builtinLookup(name);
  }

  names(): string[] {
    return [...this.defs.keys()];
  }

  /**
   * The table of a definition (read once); a KV store collection is an
   * empty table with its fields, and so is a scripted lookup (its rows are
   * computed per lookup).
   */
  table(def: LookupDefinition): { table?: LookupTable; diagnostic?: Diagnostic } {
    if (def.collection !== undefined) return { table: { columns: def.fieldsList ?? [], rows: [] } };
    if (def.script) return { table: { columns: def.script.fields, rows: [] } };
    if (!def.file) return { diagnostic: { stage: 'plan', message: `lookup '${def.name}' has no table file` } };
    let t = this.tables.get(def.file);
    if (!t) {
      let text: string;
      try {
        text = readFileSync(def.file, 'utf8');
        t = parseLookupCsv(text, def.file);
      } catch (e) {
        t = { diagnostic: { stage: 'plan', message: `cannot read lookup file ${def.file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, hint: `lookup '${def.name}' is defined in ${def.origin}` } };
      }
      this.tables.set(def.file, t);
    }
    return t;
  }

  addPath(path: string): void {
    let st;
    try {
      st = statSync(path);
    } catch {
      this.problems.push(`${path}: no such file or folder`);
      return;
    }
    if (st.isDirectory()) this.addFolder(path, 0);
    else this.addFile(path);
  }

  private addFolder(dir: string, depth: number): void {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      this.problems.push(`${dir}: ${(e as Error).message}`);
      return;
    }
    // table files first, so that definitions of the same name (x.csv defined as a lookup) win
    for (const e of entries) if (e.isFile() && /\.csv$/i.test(e.name)) this.addFile(join(dir, e.name));
    for (const e of entries) if (e.isFile() && !/\.csv$/i.test(e.name)) this.addFile(join(dir, e.name));
    // an app: default/transforms.conf and lookups/*.csv
    if (depth < 3) for (const e of entries) if (e.isDirectory()) this.addFolder(join(dir, e.name), depth + 1);
  }

  private addFile(file: string): void {
    const path = resolve(file);
    if (/\.csv$/i.test(path)) {
      this.define({ ...DEFAULTS, name: basename(path), origin: path, file: path });
    } else if (/\.ya?ml$/i.test(path)) {
      this.addYaml(path);
    } else if (/(^|[\\/])transforms\.conf$/i.test(path) || /\.conf$/i.test(path)) {
      this.addConf(path);
    }
  }

  private addYaml(path: string): void {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(path, 'utf8'));
    } catch (e) {
      this.problems.push(`${path}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
      return;
    }
    if (!doc || typeof doc !== 'object') return;
    const d = doc as Record<string, unknown>;
    if (typeof d.name !== 'string' || (d.filename === undefined && d.collection === undefined)) return;
    const settings = new Map<string, string>();
    for (const [k, v] of Object.entries(d)) if (v !== null && v !== undefined && typeof v !== 'object') settings.set(k, String(v));
    const def = fromSettings(d.name, settings, path, dirname(path), this.problems);
    if (def) this.define(def);
  }

  private addConf(path: string): void {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      this.problems.push(`${path}: ${(e as Error).message}`);
      return;
    }
    for (const s of readConfStanzas(text)) {
      if (!s.settings.has('filename') && !s.settings.has('collection') && !s.settings.has('external_cmd') && !s.settings.has('external_type')) continue;
      const def = fromSettings(s.name, s.settings, `${path}:${s.line}`, dirname(path), this.problems);
      if (def) this.define(def);
    }
  }
}

const DEFAULTS = { matchTypes: new Map<string, MatchType>(), caseSensitive: true, minMatches: 0, maxMatches: 100 } as const;

const BUILTINS: ReadonlyMap<string, LookupDefinition> = new Map(
  BUILTIN_SCRIPTED_LOOKUPS.map((b) => [b.name, { ...DEFAULTS, name: b.name, origin: `splinter's built-in definition (${b.script.app}: ${b.script.file})`, script: b.script }]),
);

/**
 * Lookups that a Splunk deployment fills with its own data, which no file of
 * security_content carries: named in the message when one is missing, so
 * that a user knows what table to give with --lookups.
 */
const DEPLOYMENT_LOOKUPS: ReadonlyMap<string, string> = new Map([
  ['asset_lookup_by_str', "Enterprise Security's asset lookup, built from your asset inventory"],
  ['asset_lookup_by_cidr', "Enterprise Security's asset lookup by network, built from your asset inventory"],
  ['identity_lookup_expanded', "Enterprise Security's identity lookup, built from your identity sources"],
  ['interesting_ports_lookup', "Enterprise Security's list of the ports your policy watches"],
  // security_content, windows_ad_privileged_group_modification how_to_implement
  ['admon_groups_def', 'a list of your Active Directory groups with a category for each, which the detection expects you to configure'],
]);

/** What a missing lookup holds when it is one a deployment provides. */
export function deploymentLookup(name: string): string | undefined {
  return DEPLOYMENT_LOOKUPS.get(name);
}

/** A lookup splinter defines itself (src/lookups/scripts.ts), usable without any loaded lookups. */
export function builtinLookup(name: string): LookupDefinition | undefined {
  return BUILTINS.get(name);
}

const TRUE = /^(1|t|true|y|yes|on)$/i;

function fromSettings(name: string, s: ReadonlyMap<string, string>, origin: string, dir: string, problems: string[]): LookupDefinition | undefined {
  const matchTypes = new Map<string, MatchType>();
  const mt = s.get('match_type');
  if (mt) {
    for (const m of mt.matchAll(/\b(WILDCARD|CIDR|EXACT)\s*\(\s*([^)]+?)\s*\)/gi)) {
      const kind = m[1].toUpperCase();
      if (kind !== 'EXACT') matchTypes.set(m[2], kind as MatchType);
    }
  }
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const v = s.get(key);
    if (v === undefined || v.trim() === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n)) {
      problems.push(`${origin}: ${key} = ${v} is not a whole number; using ${fallback}`);
      return fallback;
    }
    return Math.min(max, Math.max(min, n));
  };
  const base = {
    name,
    origin,
    matchTypes,
    caseSensitive: s.has('case_sensitive_match') ? TRUE.test(s.get('case_sensitive_match')!.trim()) : true,
    minMatches: int('min_matches', 0, 0, 1000),
    maxMatches: int('max_matches', 100, 1, 1000),
    ...(s.has('default_match') ? { defaultMatch: s.get('default_match')! } : {}),
  };
  if (s.has('external_cmd') || (s.get('external_type') ?? '').trim() !== '' && !s.has('filename') && !s.has('collection')) {
    // external_cmd = <script> <field>...: the script is found by its file name
    const file = (s.get('external_cmd') ?? '').trim().split(/\s+/)[0] ?? '';
    const script = LOOKUP_SCRIPTS.get(basename(file));
    if (script) return { ...base, script };
    return { ...base, unsupported: `it is an external lookup (${s.get('external_type') ?? 'script'}${file ? ` ${file}` : ''}), which runs a script on a Splunk server` };
  }
  const collection = s.get('collection');
  if (collection !== undefined) {
    const fields = (s.get('fields_list') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
    return { ...base, collection, fieldsList: fields };
  }
  const filename = (s.get('filename') ?? '').trim();
  if (!filename) return undefined;
  if (!/\.csv(\.gz)?$/i.test(filename)) {
    return { ...base, unsupported: /\.mlmodel$/i.test(filename) ? 'it is a Machine Learning Toolkit model file, not a lookup table' : `its file ${filename} is not a CSV table` };
  }
  // transforms.conf.spec: "filename = <string> * Name of static lookup file. * File should be in
  // $SPLUNK_HOME/etc/system/lookups/, or in $SPLUNK_HOME/etc/<app_name>/lookups/": a file name in a
  // lookups folder, not a path. [decision] A name with a folder part (`../../x.csv`, `/etc/x.csv`) is
  // refused, so a definition never reads a file outside the lookup folders.
  if (/[\\/]/.test(filename) || filename === '..' || /^[A-Za-z]:/.test(filename)) {
    problems.push(`${origin}: lookup '${name}': filename = ${filename} is a path; only a file name in the lookups folder is read`);
    return { ...base, unsupported: `its filename ${filename} is a path, not a file name in the lookups folder` };
  }
  const candidates = [join(dir, filename), join(dir, '..', 'lookups', filename), join(dir, 'lookups', filename)];
  const file = candidates.find((c) => existsSync(c)) ?? candidates[0];
  return { ...base, file: resolve(file) };
}

/**
 * The lookups folder beside a macros folder: security_content keeps
 * `<x>/macros` and `<x>/lookups` side by side.
 */
export function lookupsBesideMacros(macroPaths: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of macroPaths) {
    let dir = resolve(m);
    try {
      if (!statSync(dir).isDirectory()) dir = dirname(dir);
    } catch {
      continue;
    }
    if (basename(dir) !== 'macros') continue;
    const candidate = join(dirname(dir), 'lookups');
    try {
      if (statSync(candidate).isDirectory() && !out.includes(candidate)) out.push(candidate);
    } catch {
      // no lookups folder
    }
  }
  return out;
}
