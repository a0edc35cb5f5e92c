/**
 * Conformance cases as data: every queries/<area>/<case>.yml holds a search
 * (or a detection), its inputs, and the expected rows or the expected error.
 * Expected values are worked out from Splunk's documentation, cited in each
 * file's comments.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compile, run } from '../src/api.js';
import { rowEntries, rowObject } from '../src/cli/output.js';
import { displayFormatter } from '../src/engine/commands/fieldformat.js';
import { collect } from '../src/engine/types.js';
import { expandInputs } from '../src/io/inputs.js';
import { loadMacroTable } from '../src/macros/index.js';
import { LookupRegistry } from '../src/lookups/registry.js';
import { parseNow, parseTimeModifier } from '../src/time/index.js';
import { loadKnowledge } from '../src/searchtime/knowledge-files.js';
import { caseSearch, QUERY_FILES, ROOT, type Case } from './support/cases.js';
import { expectedEntries, fixesColumnOrder } from './support/columns.js';
import { expectedRendering, noticeMessages, relativePaths, renderedErrors } from './support/diagnostics.js';
import { explain } from '../src/explain/explain.js';

describe('queries/', () => {
  for (const file of QUERY_FILES) {
    const text = readFileSync(file, 'utf8');
    const c = parseYaml(text) as Case;
    it(relative(join(ROOT, 'queries'), file), async () => {
      const tz = c.tz ?? 'UTC';
      const now = c.now ? parseNow(c.now, tz)! : Date.parse('2024-06-01T00:00:00Z') / 1000;
      const macros = loadMacroTable({ paths: (c.macros ?? []).map((m) => join(ROOT, m)), inline: c.macro ?? [] });
      const lookups = c.lookups ? LookupRegistry.load(c.lookups.map((l) => join(ROOT, l))) : undefined;
      const compiled = compile(caseSearch(c), { macros, now, tz, ...(lookups ? { lookups } : {}) });
      if (c.error) {
        expect(compiled.stage).toBe(c.error.stage);
        expect(compiled.diagnostics[0]?.message).toContain(c.error.message);
        if (c.error.hint !== undefined) expect(compiled.diagnostics[0]?.hint).toContain(c.error.hint);
        // the whole diagnostic (message, position, excerpt, hint, notes) as the CLI prints it
        const rendered = renderedErrors(compiled);
        expect(rendered).toBe(expectedRendering(file, rendered));
        return;
      }
      expect(compiled.diagnostics).toEqual([]);
      if (c.explain) {
        // the whole page, as `splinter explain` prints it
        const page = relativePaths(explain(compiled));
        expect(page).toBe(expectedRendering(file, page, '.explain'));
        return;
      }
      const files = await expandInputs((c.events ?? []).map((e) => join(ROOT, e)));
      const knowledge = c.knowledge ? loadKnowledge(c.knowledge.map((k) => join(ROOT, k))) : undefined;
      if (knowledge) expect(knowledge.problems).toEqual([]);
      const notices = [...compiled.notices];
      // --earliest / --latest, resolved as the CLI does
      const bound = (v: string | undefined) => (v === undefined ? undefined : parseTimeModifier(v, now, tz));
      const [earliest, latest] = [bound(c.earliest), bound(c.latest)];
      const range = { ...(earliest !== undefined ? { earliest } : {}), ...(latest !== undefined ? { latest } : {}) };
      const rows = await collect(run(compiled.plan!, { inputs: files.map((file) => ({ file })), ...range }, { now, tz, notify: (d) => notices.push(d), ...(knowledge ? { knowledge: knowledge.sets } : {}) }));
      // fieldformat: results are compared as the CLI prints them
      const display = displayFormatter(compiled.plan!, { now, tz }) ?? ((r) => r);
      if (fixesColumnOrder(compiled.ast!)) {
        // the order of the keys in each expected row is the expected column order
        expect(rows.map((r) => rowEntries(display(r), tz))).toEqual(expectedEntries(text));
      } else expect(rows.map((r) => rowObject(display(r), tz))).toEqual(c.expected);
      // a case that declares no notices expects none
      expect(noticeMessages(notices)).toEqual(c.notices ?? []);
    });
  }
});
