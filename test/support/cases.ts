/** Loading of the data-driven cases in queries/. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const ROOT = join(__dirname, '..', '..');

export interface Case {
  search?: string;
  detection?: string;
  events?: string[];
  macros?: string[];
  macro?: string[];
  /** lookup folders or files (--lookups) */
  lookups?: string[];
  /** apps' eventtypes.conf / tags.conf (--knowledge) */
  knowledge?: string[];
  tz?: string;
  now?: string;
  /** the search's time range, as --earliest / --latest (time modifiers, against now) */
  earliest?: string;
  latest?: string;
  expected?: Record<string, unknown>[];
  /** the messages of the notices and warnings the search gives, exactly and in order; none when absent */
  notices?: string[];
  /** the case checks `splinter explain`'s page for the search, committed as <case>.explain */
  explain?: boolean;
  /** the search fails to compile at this stage; the whole rendered diagnostic is in <case>.err */
  error?: { stage: string; message: string; hint?: string };
}

function listCases(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listCases(p));
    else if (e.name.endsWith('.yml')) out.push(p);
  }
  return out.sort();
}

export function caseSearch(c: Case): string {
  if (c.search !== undefined) return c.search;
  const d = parseYaml(readFileSync(join(ROOT, c.detection!), 'utf8')) as { search: string };
  return d.search.trim();
}

export const QUERY_FILES = listCases(join(ROOT, 'queries'));

