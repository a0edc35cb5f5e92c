/**
 * Running a detection library over evidence (`splinter hunt`). A part of
 * the library (every n-th file) runs in one thread: the evidence is read
 * and extracted once into an EventCache by a first scan, then each
 * detection runs as `splinter run` would run it over the cached events
 * (dispatch groups skip what its first search cannot match; tstats shares
 * data model rows: engine/event-cache.ts). With several jobs, each worker
 * thread runs a part with its own cache, and the parts' results are joined
 * in file order.
 *
 * Every detection ends as exactly one outcome:
 * - fired: it returned rows;
 * - no rows: it read data of the sources it needs and returned none;
 * - no data: the evidence holds none of the events it reads (no event of a
 *   dispatch group its first search admits, or no row in the data model its
 *   tstats reads: SourceStats.relevant is 0);
 * - cannot run: the reason `run` would give (an unsupported command, a
 *   lookup or macro that is not here, a runtime error).
 */
import { Worker } from 'node:worker_threads';
import { compile, run } from '../api.js';
import { SplError } from '../diagnostics/diagnostic.js';
import { EventCache } from '../engine/event-cache.js';
import type { EventInput, SourceStats } from '../engine/source.js';
import { collect } from '../engine/types.js';
import type { ReadProblem } from '../io/types.js';
import { LookupRegistry } from '../lookups/registry.js';
import { loadMacroTable } from '../macros/index.js';
import { loadKnowledge } from '../searchtime/knowledge-files.js';
import { toStr } from '../values/coerce.js';
import type { Row } from '../values/value.js';
import { valuesOf } from '../values/value.js';
import { libraryFiles, loadFile, selector, type HuntDetection, type HuntFilters } from './library.js';

export type Outcome = 'fired' | 'no rows' | 'no data' | 'cannot run';

export interface HuntResult {
  readonly detection: HuntDetection;
  readonly outcome: Outcome;
  readonly rows: readonly Row[];
  /** cannot run: why */
  readonly reason?: string;
}

/** What every thread loads its own copy from (plain data: it crosses to workers). */
export interface HuntSetup {
  readonly paths: readonly string[];
  /** -m and --macro, after a checkout's own macros */
  readonly macroPaths: readonly string[];
  readonly inlineMacros: readonly string[];
  /** --lookups and the lookups/ beside -m folders, after a checkout's own */
  readonly lookupPaths: readonly string[];
  readonly knowledgePaths: readonly string[];
  readonly inputs: readonly EventInput[];
  readonly earliest?: number;
  readonly latest?: number;
  readonly now: number;
  readonly tz: string;
  readonly filters: HuntFilters;
}

/** What reading the evidence found (the same in every part). */
export interface ScanReport {
  readonly stats: SourceStats;
  readonly problems: ReadProblem[];
  /** events per source, as read */
  readonly perSource: [string, number][];
}

export interface PartResult {
  readonly results: HuntResult[];
  readonly deprecated: number;
  /** detections left out by --type, --mitre, --name */
  readonly filteredOut: number;
  /** detections found (before the filters, deprecated ones not counted) */
  readonly found: number;
  readonly scan: ScanReport;
}

/** Runs the files `index`, `index + of`, ... of the library. */
export async function runPart(setup: HuntSetup, index: number, of: number, progress?: (done: number, total: number) => void): Promise<PartResult> {
  const lib = libraryFiles(setup.paths);
  const macros = loadMacroTable({ paths: [...lib.macroPaths, ...setup.macroPaths], inline: [...setup.inlineMacros] });
  const lookups = LookupRegistry.load([...lib.lookupPaths, ...setup.lookupPaths]);
  const knowledge = setup.knowledgePaths.length ? loadKnowledge([...setup.knowledgePaths]).sets : undefined;
  const chosen = selector(setup.filters);
  const mine = lib.files.filter((_, i) => i % of === index);
  let deprecated = 0;
  let found = 0;
  const results: HuntResult[] = [];
  const selected: HuntDetection[] = [];
  for (const f of mine) {
    const loaded = loadFile(f);
    deprecated += loaded.deprecated;
    found += loaded.detections.length;
    if (loaded.unreadable !== undefined) results.push({ detection: { name: f.file, file: f.file, search: '', mitre: [] }, outcome: 'cannot run', rows: [], reason: `input: ${loaded.unreadable}` });
    for (const d of loaded.detections) if (chosen(d)) selected.push(d);
  }

  // the scan: every input read and extracted once into the cache, its events counted per source
  const tctx = { now: setup.now, tz: setup.tz };
  const range = { ...(setup.earliest !== undefined ? { earliest: setup.earliest } : {}), ...(setup.latest !== undefined ? { latest: setup.latest } : {}) };
  const base = { ...tctx, notify: () => {}, ...(knowledge ? { knowledge } : {}) };
  const cache = new EventCache();
  const scan: ScanReport = { stats: { files: 0, events: 0, problems: 0, perFile: [] }, problems: [], perSource: [] };
  const counting = compile('* | stats count by source', { macros, ...tctx });
  for (const row of await collect(run(counting.plan!, { inputs: setup.inputs, cache, onProblem: (p) => scan.problems.push(p), stats: scan.stats }, base))) {
    scan.perSource.push([toStr(valuesOf(row.get('source'))[0] ?? ''), Number(row.get('count'))]);
  }

  let done = 0;
  for (const d of selected) {
    results.push(await huntOne(d, { macros, lookups, tctx, cache, inputs: setup.inputs, range, base }));
    progress?.(++done, selected.length);
  }
  return { results, deprecated, filteredOut: found - selected.length, found, scan };
}

interface HuntRun {
  readonly macros: ReturnType<typeof loadMacroTable>;
  readonly lookups: LookupRegistry;
  readonly tctx: { now: number; tz: string };
  readonly cache: EventCache;
  readonly inputs: readonly EventInput[];
  readonly range: { earliest?: number; latest?: number };
  readonly base: Parameters<typeof run>[2];
}

/** One detection: compiled as `run` compiles it, run over the cached events; its outcome. */
async function huntOne(d: HuntDetection, h: HuntRun): Promise<HuntResult> {
  const c = compile(d.search, { macros: h.macros, ...h.tctx, name: d.file, lookups: h.lookups });
  if (!c.plan) return { detection: d, outcome: 'cannot run', rows: [], reason: `${c.stage}: ${c.diagnostics[0]?.message ?? 'unknown problem'}` };
  const stats: SourceStats = { files: 0, events: 0, problems: 0 };
  try {
    const rows = await collect(run(c.plan, { inputs: h.inputs, cache: h.cache, stats, onProblem: () => {}, ...h.range }, h.base));
    if (rows.length > 0) return { detection: d, outcome: 'fired', rows };
    return { detection: d, outcome: stats.relevant === 0 ? 'no data' : 'no rows', rows };
  } catch (e) {
    if (e instanceof SplError) return { detection: d, outcome: 'cannot run', rows: [], reason: `${e.first.stage}: ${e.first.message}` };
    return { detection: d, outcome: 'cannot run', rows: [], reason: `internal error: ${(e as Error).message} (a bug in splinter; please report it with ${d.file})` };
  }
}

/** What a worker sends: progress, then its part's result. */
type WorkerMessage = { kind: 'progress'; done: number; total: number } | { kind: 'done'; part: PartResult } | { kind: 'error'; message: string };

/**
 * The whole library with `jobs` threads (1: in this thread). `progress`
 * hears of detections finished and to run, over all parts.
 */
export async function hunt(setup: HuntSetup, jobs: number, progress?: (done: number, total: number) => void): Promise<PartResult> {
  if (jobs <= 1) return runPart(setup, 0, 1, progress);
  const counts = new Array<{ done: number; total: number }>(jobs).fill({ done: 0, total: 0 });
  const parts = await Promise.all(
    Array.from(
      { length: jobs },
      (_, index) =>
        new Promise<PartResult>((resolvePart, reject) => {
          const w = new Worker(new URL('./hunt-worker.js', import.meta.url), { workerData: { setup, index, of: jobs } });
          w.on('message', (m: WorkerMessage) => {
            if (m.kind === 'progress') {
              counts[index] = { done: m.done, total: m.total };
              progress?.(
                counts.reduce((a, c) => a + c.done, 0),
                counts.reduce((a, c) => a + c.total, 0),
              );
            } else if (m.kind === 'done') {
              resolvePart(m.part);
              void w.terminate();
            } else reject(new Error(m.message));
          });
          w.on('error', reject);
        }),
    ),
  );
  // every part read the same evidence: its account is the first part's
  return {
    results: parts.flatMap((p) => p.results),
    deprecated: parts.reduce((a, p) => a + p.deprecated, 0),
    filteredOut: parts.reduce((a, p) => a + p.filteredOut, 0),
    found: parts.reduce((a, p) => a + p.found, 0),
    scan: parts[0].scan,
  };
}

export type { WorkerMessage };
