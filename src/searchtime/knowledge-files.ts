/**
 * Eventtypes and tags from a user's own Splunk apps (`--knowledge`): their
 * eventtypes.conf and tags.conf, applied after the built-in add-ons and
 * before SA_CIM's field tags, so that events of other products (a web proxy,
 * a mail gateway) can fill the CIM data models their add-ons fill.
 *
 * - eventtypes.conf (eventtypes.conf.spec): `[<name>]` with `search = <search
 *   terms>`; `disabled = 1` turns one off; `tags = <tag> <tag>...` (the older
 *   place for tags) adds tags.
 * - tags.conf (tags.conf.spec): `[eventtype=<name>]` or `[<field>=<value>]`
 *   with `<tag> = enabled | disabled`; names and values may be URL-encoded.
 * - An app folder holds them in `default/` and `local/`; `local/` settings
 *   override `default/` ones key by key (configuration file precedence).
 *   A folder of apps is read app by app, in name order.
 * Eventtype templates (`%field%` in a name) are not supported: reported.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { readConfStanzas } from '../io/conf.js';
import type { EventtypeDef, FieldValueTag, KnowledgeSet } from '../io/profiles/eventtype-types.js';
import { parseSearchText } from './eventtypes.js';

export interface LoadedKnowledge {
  readonly sets: KnowledgeSet[];
  /** problems met while reading (shown as warnings) */
  readonly problems: string[];
}

const DISABLED = /^(1|t|true|y|yes|on)$/i;

export function loadKnowledge(paths: readonly string[]): LoadedKnowledge {
  const sets: KnowledgeSet[] = [];
  const problems: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      problems.push(`${p}: no such file or folder`);
      continue;
    }
    if (!st.isDirectory()) {
      const set = fromFiles(resolve(p), [resolve(p)], problems);
      if (set) sets.push(set);
      continue;
    }
    for (const app of appFolders(resolve(p), 0)) {
      const files = ['default', 'local', '.'].flatMap((sub) => ['eventtypes.conf', 'tags.conf'].map((f) => join(app, sub, f))).filter((f) => existsSync(f));
      const set = fromFiles(app, files, problems);
      if (set) sets.push(set);
    }
  }
  return { sets, problems };
}

/** The folder itself when it holds an app's files, else its apps (a few levels down). */
function appFolders(dir: string, depth: number): string[] {
  const holds = (sub: string) => existsSync(join(dir, sub, 'eventtypes.conf')) || existsSync(join(dir, sub, 'tags.conf'));
  if (holds('default') || holds('local') || holds('.')) return [dir];
  if (depth >= 2) return [];
  let entries: string[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
  return entries.flatMap((e) => appFolders(join(dir, e), depth + 1));
}

/** Merges stanzas of the files in order (later settings override earlier ones key by key). */
function fromFiles(origin: string, files: readonly string[], problems: string[]): KnowledgeSet | undefined {
  const eventtypes = new Map<string, Map<string, string>>();
  const tags = new Map<string, Map<string, string>>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push(`${file}: ${(e as Error).message}`);
      continue;
    }
    const target = basename(file).toLowerCase() === 'tags.conf' ? tags : eventtypes;
    for (const s of readConfStanzas(text)) {
      let m = target.get(s.name);
      if (!m) target.set(s.name, (m = new Map()));
      for (const [k, v] of s.settings) m.set(k, v);
    }
  }
  if (eventtypes.size === 0 && tags.size === 0) {
    problems.push(`${origin}: no eventtypes.conf or tags.conf stanzas`);
    return undefined;
  }
  // tags.conf: [eventtype=x] and [field=value]
  const eventtypeTags = new Map<string, Set<string>>();
  const fieldTags: FieldValueTag[] = [];
  for (const [stanza, settings] of tags) {
    const eq = stanza.indexOf('=');
    if (eq <= 0) {
      problems.push(`${origin}: tags.conf [${stanza}] is not <field>=<value>`);
      continue;
    }
    const field = decode(stanza.slice(0, eq).trim());
    const value = decode(stanza.slice(eq + 1).trim());
    const enabled = [...settings].filter(([, v]) => v.trim().toLowerCase() === 'enabled').map(([t]) => t);
    if (field === 'eventtype') {
      let s = eventtypeTags.get(value);
      if (!s) eventtypeTags.set(value, (s = new Set()));
      for (const t of enabled) s.add(t);
    } else if (enabled.length) fieldTags.push({ field, value, tags: enabled });
  }
  const defs: EventtypeDef[] = [];
  for (const [name, settings] of eventtypes) {
    if (name === 'default') continue;
    if (name.includes('%')) {
      problems.push(`${origin}: eventtype template [${name}] is not supported`);
      continue;
    }
    if (DISABLED.test(settings.get('disabled') ?? '')) continue;
    const search = settings.get('search');
    if (search === undefined || search.trim() === '') {
      problems.push(`${origin}: eventtype [${name}] has no search`);
      continue;
    }
    try {
      parseSearchText(search, `eventtype ${name}`);
    } catch (e) {
      problems.push(`${origin}: eventtype [${name}]: ${(e as Error).message.replace(/^eventtype \S+: /, '')}; skipped`);
      continue;
    }
    const own = new Set((settings.get('tags') ?? '').split(/\s+/).filter(Boolean));
    for (const t of eventtypeTags.get(name) ?? []) own.add(t);
    eventtypeTags.delete(name);
    defs.push({ name, search, tags: [...own] });
  }
  return {
    addon: origin,
    eventtypes: defs,
    fieldTags,
    // tags for eventtypes defined elsewhere (the built-in add-ons, another app)
    eventtypeTags: [...eventtypeTags].filter(([, t]) => t.size > 0).map(([eventtype, t]) => ({ eventtype, tags: [...t] })),
  };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
