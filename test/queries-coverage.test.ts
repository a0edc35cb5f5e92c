/**
 * Every command and function splinter runs has at least one data-driven
 * case in queries/ (issue 5: "Each command and function has data-driven
 * cases in queries/"). The lists come from the registries themselves, so a
 * command or function added without a case fails here by name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { GENERIC_COMMANDS } from '../src/engine/commands/registry.js';
import { evalFunctions } from '../src/functions/eval/registry.js';
import { AGGREGATIONS } from '../src/functions/stats/registry.js';
import { COMMANDS } from '../src/lexer/tokens.js';
import { caseSearch, QUERY_FILES, type Case } from './support/cases.js';

const searches = QUERY_FILES.map((f) => caseSearch(parseYaml(readFileSync(f, 'utf8')) as Case));

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function missing(names: Iterable<string>, pattern: (name: string) => RegExp): string[] {
  const out: string[] = [];
  for (const n of names) {
    const re = pattern(n);
    if (!searches.some((s) => re.test(s))) out.push(n);
  }
  return out.sort();
}

describe('queries/ covers', () => {
  it('every command', () => {
    // a command follows a pipe (or starts the search, for search itself)
    const names = [...COMMANDS.keys(), ...GENERIC_COMMANDS.keys()];
    expect(missing(names, (n) => new RegExp(`(^|\\|)\\s*${escape(n)}\\b`, 'i'))).toEqual([]);
  });

  it('every eval function', () => {
    expect(missing(evalFunctions.keys(), (n) => new RegExp(`\\b${escape(n)}\\s*\\(`, 'i'))).toEqual([]);
  });

  it('every stats function, by its name or one of its aliases', () => {
    const uncovered = AGGREGATIONS.filter((d) =>
      missing([d.name, ...d.aliases], (n) => new RegExp(`\\b${escape(n)}\\d*(\\.\\d+)?\\s*\\(`, 'i')).length === 1 + d.aliases.length,
    ).map((d) => d.name);
    expect(uncovered).toEqual([]);
  });
});
