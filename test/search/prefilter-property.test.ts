/**
 * Nothing lost (issue 11): the raw-text prefilter (src/search/rawfilter.ts)
 * and the plan's field pruning (src/plan/fields.ts) are shortcuts; a search
 * run with them must give exactly the rows of the same search run without
 * them. For random searches over random Sysmon-like events:
 *
 *   A: `EXPR | table F...`                        prefilter and pruning on
 *   B: `* | fields * | search EXPR | table F...`  no prefilter (the first
 *      search is `*`), no pruning (`fields *` may need any field)
 *
 * fast-check, fixed seed; a failure shrinks to a small search.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { rowObject } from '../../src/cli/output.js';
import { collect } from '../../src/engine/types.js';
import { expandInputs } from '../../src/io/inputs.js';
import { loadMacroTable } from '../../src/macros/index.js';

const FIELDS = ['EventCode', 'EventType', 'PipeName', 'Image', 'User', 'ProcessId'];
const VALUES: Record<string, string[]> = {
  EventCode: ['17', '18', '1', '3'],
  EventType: ['CreatePipe', 'ConnectPipe'],
  PipeName: ['&lt;Anonymous Pipe&gt;', '\\srvsvc', '\\PSEXESVC-stdin'],
  Image: ['C:\\Windows\\System32\\svchost.exe', 'C:\\Program Files\\App\\app.exe', 'C:\\Users\\Public\\x.exe'],
  User: ['CORP\\jdoe', 'NT AUTHORITY\\SYSTEM'],
  ProcessId: ['4', '17', '1818', '6612'],
};

function event(i: number, fields: Record<string, string>): string {
  const data = Object.entries(fields).map(([k, v]) => `<Data Name='${k}'>${v}</Data>`).join('');
  const code = fields.EventCode ?? '1';
  const t = `2024-05-14T10:${String(i % 60).padStart(2, '0')}:00.000Z`;
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>${code}</EventID><TimeCreated SystemTime='${t}'/><EventRecordID>${1700 + i}</EventRecordID><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws${i % 3}.corp</Computer></System><EventData>${data}</EventData></Event>`;
}

const anEvent = fc.record(Object.fromEntries(FIELDS.map((f) => [f, fc.option(fc.constantFrom(...VALUES[f]), { nil: undefined })]))).map((r) =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>,
);

/** a value as a search writes it: whole, a wildcard around a piece, quoted or not */
const aValue = (f: string) =>
  fc.tuple(fc.constantFrom(...VALUES[f]), fc.constantFrom('whole', 'star', 'prefix', 'lower')).map(([v, how]) => {
    const plain = v.replace(/&lt;|&gt;/g, '*').replace(/\\/g, '\\\\');
    const s = how === 'star' ? `*${plain.slice(1, 5)}*` : how === 'prefix' ? `${plain.slice(0, 3)}*` : how === 'lower' ? plain.toLowerCase() : plain;
    return `"${s}"`;
  });

const aLeaf: fc.Arbitrary<string> = fc.constantFrom(...FIELDS).chain((f) =>
  fc.oneof(
    aValue(f).map((v) => `${f}=${v}`),
    aValue(f).map((v) => `${f}!=${v}`),
    fc.array(aValue(f), { minLength: 1, maxLength: 3 }).map((vs) => `${f} IN (${vs.join(', ')})`),
    aValue(f).map((v) => v), // a bare term
    fc.constant(`${f}=*`),
  ),
);

const anExpr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    aLeaf,
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(' ')),
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' OR ')})`),
    tie('e').map((x) => `NOT (${x})`),
  ),
})).e;

const dir = mkdtempSync(join(tmpdir(), 'splinter-prefilter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const macros = loadMacroTable({});
const now = Date.parse('2024-06-01T00:00:00Z') / 1000;

async function rows(search: string, file: string): Promise<unknown[]> {
  const c = compile(search, { macros, now, tz: 'UTC' });
  if (!c.plan) throw new Error(`${search}: ${c.diagnostics[0]?.message}`);
  const inputs = (await expandInputs([file])).map((f) => ({ file: f }));
  return (await collect(run(c.plan, { inputs }, { now, tz: 'UTC', notify: () => {} }))).map((r) => rowObject(r, 'UTC'));
}

describe('the prefilter and field pruning never drop an event or a field', () => {
  it(
    '300 random searches over random events: the same rows with and without them',
    async () => {
      let n = 0;
      let nonEmpty = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(anEvent, { minLength: 5, maxLength: 25 }), anExpr, fc.subarray(FIELDS, { minLength: 1 }), async (events, expr, shown) => {
          const file = join(dir, `e${n++}.xml`);
          writeFileSync(file, events.map((e, i) => event(i, e)).join('\n') + '\n');
          const table = `table _time ${shown.join(' ')}`;
          const a = await rows(`${expr} | ${table}`, file);
          const b = await rows(`* | fields * | search ${expr} | ${table}`, file);
          expect(a).toEqual(b);
          if (a.length) nonEmpty++;
        }),
        { numRuns: 300, seed: 20261206 },
      );
      // the searches must keep events often enough for the comparison to mean something
      expect(nonEmpty).toBeGreaterThan(60);
    },
    120_000,
  );
});
