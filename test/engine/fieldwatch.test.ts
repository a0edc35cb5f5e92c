import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { watchFields, type FieldRef } from '../../src/engine/fieldwatch.js';
import { collect, type RowStream, type RunContext } from '../../src/engine/types.js';
import { loadMacroTable } from '../../src/macros/index.js';
import { expandInputs } from '../../src/io/inputs.js';
import type { Row } from '../../src/values/value.js';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'fixtures', 'events', 'web.jsonl');
const NOW = Date.parse('2024-06-01T00:00:00Z') / 1000;

/** Runs a search over web.jsonl (name, status, server, bytes), returning its rows and notices. */
async function notices(search: string): Promise<{ rows: Row[]; notes: Diagnostic[] }> {
  const c = compile(search, { macros: loadMacroTable(), now: NOW, tz: 'UTC' });
  expect(c.diagnostics).toEqual([]);
  const notes: Diagnostic[] = [];
  const files = await expandInputs([WEB]);
  const rows = await collect(run(c.plan!, { inputs: files.map((file) => ({ file })) }, { now: NOW, tz: 'UTC', notify: (d) => notes.push(d) }));
  return { rows, notes };
}

describe('field names no row had', () => {
  it('a by field written in another case: one notice at its span, with the case hint', async () => {
    const search = '* | stats count by Server';
    const { rows, notes } = await notices(search);
    expect(rows).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ stage: 'runtime', severity: 'notice', message: "no event has field 'Server'; events have 'server'", hint: 'field names are case-sensitive' });
    expect(search.slice(notes[0].span!.start, notes[0].span!.end)).toBe('Server');
  });

  it('a name one edit away, after a transforming command: results, no case hint', async () => {
    const { notes } = await notices('* | stats count by server | table servr count');
    expect(notes.map((n) => n.message)).toEqual(["no result has field 'servr'; results have 'server'"]);
    expect(notes[0].hint).toBeUndefined();
  });

  it('where and a later search are watched; a name is told once per run', async () => {
    const { notes } = await notices('* | search Status=200 OR server=web1 | table Bytes Status');
    expect(notes.map((n) => n.message)).toEqual(["no event has field 'Status'; events have 'status'", "no event has field 'Bytes'; events have 'bytes'"]);
    const where = await notices('* | where Bytes > 10 OR isnotnull(name)');
    expect(where.rows).toHaveLength(5);
    expect(where.notes.map((n) => n.message)).toEqual(["no event has field 'Bytes'; events have 'bytes'"]);
  });

  it('says nothing when the field is there, when no name is near, or when an earlier command sets it', async () => {
    expect((await notices('* | stats count by server')).notes).toEqual([]);
    expect((await notices('* | table frobnication')).notes).toEqual([]);
    // eval sets nme to null on purpose: not a typo of name
    expect((await notices('* | eval nme=null() | table nme')).notes).toEqual([]);
    expect((await notices('* | rename server AS Name | table Name')).notes).toEqual([]);
  });

  it('does not watch the first search (its filter runs in the events source)', async () => {
    expect((await notices('Status=200 | stats count')).notes).toEqual([]);
  });
});

describe('watchFields', () => {
  const ref: FieldRef = { name: 'image', span: { start: 0, end: 5 }, rows: 'event' };
  function ctx(notes: Diagnostic[]): RunContext {
    return { now: NOW, tz: 'UTC', notify: (d) => notes.push(d), events: () => (async function* () {})(), runPlan: () => (async function* () {})() };
  }
  async function* batches(n: number, size: number, last?: Row): RowStream {
    for (let b = 0; b < n; b++) yield Array.from({ length: size }, () => new Map([['Image', 'x']]) as Row);
    if (last) yield [last];
  }

  it('finds a field in a row past the sampled ones: no notice', async () => {
    const notes: Diagnostic[] = [];
    await collect(watchFields(batches(30, 100, new Map([['image', 'y']]) as Row), [ref], ctx(notes), new Set()));
    expect(notes).toEqual([]);
  });

  it('tells when no row of many had it', async () => {
    const notes: Diagnostic[] = [];
    const rows = await collect(watchFields(batches(30, 100), [ref], ctx(notes), new Set()));
    expect(rows).toHaveLength(3000);
    expect(notes.map((n) => n.message)).toEqual(["no event has field 'image'; events have 'Image'"]);
  });

  it('says nothing when the reader stops early (head): later rows might have had it', async () => {
    const notes: Diagnostic[] = [];
    for await (const batch of watchFields(batches(30, 100), [ref], ctx(notes), new Set())) {
      expect(batch).toHaveLength(100);
      break;
    }
    expect(notes).toEqual([]);
  });
});
