/**
 * Testing detections against their data, offline: for each test of a
 * detection, its attack data is read with the test's source, sourcetype and
 * host, the detection's search runs over all time, and the results are
 * judged (judge.ts). Files are read once per run and shared by every
 * detection that uses them (an EventCache).
 */
import type { Row } from '../values/value.js';
import { stat } from 'node:fs/promises';
import { compile, run } from '../api.js';
import { position, SplError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { EventCache } from '../engine/event-cache.js';
import type { EventInput } from '../engine/source.js';
import { collect } from '../engine/types.js';
import type { KnowledgeSet } from '../io/profiles/eventtype-types.js';
import type { LookupRegistry } from '../lookups/registry.js';
import type { MacroTable } from '../macros/index.js';
import { mapDataUrl } from './data-url.js';
import type { Detection, DetectionTest } from './detection.js';
import { judge } from './judge.js';

export type TestStatus = 'pass' | 'fail' | 'skip';

export interface TestResult {
  /** the detection's name */
  readonly detection: string;
  /** the detection file */
  readonly file: string;
  /** the test's name (security_content: "True Positive Test") */
  readonly test: string;
  /** the local data files (or the data as written when it could not be mapped) */
  readonly data: readonly string[];
  readonly status: TestStatus;
  readonly resultCount: number;
  readonly message: string;
  readonly ms: number;
  /** the rows the search returned, when it ran */
  readonly rows?: readonly Row[];
}

export interface TestOptions {
  readonly macros: MacroTable;
  readonly lookups?: LookupRegistry;
  readonly knowledge?: readonly KnowledgeSet[];
  /** a local copy of attack_data (see data-url.ts) */
  readonly dataRoot?: string;
  readonly now: number;
  readonly tz: string;
  /** shared reads; one is made per call when absent */
  readonly cache?: EventCache;
}

/** Statuses a detection is tested in (contentctl tests these two). */
export const TESTED_STATUSES = new Set(['production', 'experimental']);

function firstLine(d: Diagnostic | undefined): string {
  return d ? d.message : 'unknown problem';
}

/** Tests one detection: one result per test entry (or one when it has none or cannot run). */
export async function testDetection(det: Detection, opts: TestOptions): Promise<TestResult[]> {
  const cache = opts.cache ?? new EventCache();
  const base = { detection: det.name, file: det.file };
  const started = Date.now();
  const one = (test: string, data: readonly string[], status: TestStatus, message: string, resultCount = 0, ms = Date.now() - started): TestResult => ({ ...base, test, data, status, resultCount, message, ms });
  if (det.status !== undefined && !TESTED_STATUSES.has(det.status)) return [one('-', [], 'skip', `status: ${det.status} (only production and experimental detections are tested)`)];
  if (det.tests.length === 0) return [one('-', [], 'skip', 'the detection has no tests')];

  const compiled = compile(det.search, { macros: opts.macros, now: opts.now, tz: opts.tz, name: det.file, at: det.at, ...(opts.lookups ? { lookups: opts.lookups } : {}) });
  if (!compiled.plan) {
    const d = compiled.diagnostics[0];
    const source = d?.source ?? compiled.search;
    const at = d?.span ? position(source, d.span.start) : undefined;
    const where = at ? `${source.name}:${at.line}:${at.column}: ` : '';
    // a search that does not parse is the detection's fault; one that needs what is not here (a command, lookup or macro of a Splunk server) cannot run offline
    const status: TestStatus = compiled.stage === 'lex' || compiled.stage === 'parse' ? 'fail' : 'skip';
    return det.tests.map((t) => one(t.name, t.attackData.map((a) => a.data), status, `${compiled.stage}: ${where}${firstLine(d)}`));
  }
  const results: TestResult[] = [];
  for (const t of det.tests) results.push(await runTest(det, t, compiled.plan, opts, cache));
  return results;
}


async function runTest(det: Detection, t: DetectionTest, plan: NonNullable<ReturnType<typeof compile>['plan']>, opts: TestOptions, cache: EventCache): Promise<TestResult> {
  const started = Date.now();
  const base = { detection: det.name, file: det.file, test: t.name };
  const written = t.attackData.map((a) => a.data);
  if (det.manualTest !== undefined && t.attackData.length === 0) return { ...base, data: written, status: 'skip', resultCount: 0, message: `manual test: ${det.manualTest}`, ms: 0 };
  if (t.attackData.length === 0) return { ...base, data: written, status: 'skip', resultCount: 0, message: 'the test has no attack_data', ms: 0 };
  const inputs: EventInput[] = [];
  const paths: string[] = [];
  for (const a of t.attackData) {
    const mapped = mapDataUrl(a.data, opts.dataRoot);
    if (!mapped.path) return { ...base, data: written, status: 'skip', resultCount: 0, message: `data not found: ${mapped.problem}`, ms: Date.now() - started };
    let st;
    try {
      st = await stat(mapped.path);
    } catch {
      st = undefined;
    }
    if (!st || !st.isFile()) return { ...base, data: [...paths, mapped.path], status: 'skip', resultCount: 0, message: `data not found at ${mapped.path}`, ms: Date.now() - started };
    paths.push(mapped.path);
    inputs.push({
      file: { path: mapped.path, mtime: st.mtimeMs / 1000, size: st.size, ...(a.sourcetype ? { sourcetype: a.sourcetype } : {}) },
      ...(a.source ? { source: a.source } : {}),
      ...(a.sourcetype ? { sourcetype: a.sourcetype } : {}),
      ...(a.host ? { host: a.host } : {}),
    });
  }
  let rows;
  try {
    rows = await collect(run(plan, { inputs, cache }, { now: opts.now, tz: opts.tz, notify: () => {}, ...(opts.knowledge ? { knowledge: opts.knowledge } : {}) }));
  } catch (e) {
    if (!(e instanceof SplError)) throw e;
    return { ...base, data: paths, status: 'fail', resultCount: 0, message: `${e.first.stage}: ${e.first.message}`, ms: Date.now() - started };
  }
  const verdict = judge(rows, det.riskObjects, det.threatObjects);
  const ms = Date.now() - started;
  if (det.manualTest !== undefined) return { ...base, data: paths, status: 'skip', resultCount: rows.length, message: `manual test: ${det.manualTest} (returned ${rows.length} result${rows.length === 1 ? '' : 's'})`, ms, rows };
  return { ...base, data: paths, status: verdict.pass ? 'pass' : 'fail', resultCount: rows.length, message: verdict.message, ms, rows };
}
