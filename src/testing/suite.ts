/**
 * Testing many detection files: one after another in this thread, or spread
 * over worker threads (`--jobs N`), each with its own macro table, lookups
 * and event cache, loaded from the same settings. Results come back in the
 * order of the files.
 */
import { Worker } from 'node:worker_threads';
import { SplError } from '../diagnostics/diagnostic.js';
import { EventCache } from '../engine/event-cache.js';
import { LookupRegistry } from '../lookups/registry.js';
import { loadMacroTable } from '../macros/index.js';
import { loadKnowledge } from '../searchtime/knowledge-files.js';
import { loadDetection } from './detection.js';
import { TESTED_STATUSES, testDetection, type TestOptions, type TestResult } from './runner.js';

/** What every thread loads its own copy from (plain data: it crosses to workers). */
export interface SuiteSetup {
  readonly macroPaths: readonly string[];
  readonly inlineMacros: readonly string[];
  /** lookup definition paths, those beside the macros folders included */
  readonly lookupPaths: readonly string[];
  readonly knowledgePaths: readonly string[];
  readonly dataRoot?: string;
  readonly now: number;
  readonly tz: string;
}

export interface SuiteFile {
  readonly file: string;
  /** named on the command line (tested whatever its status), or found in a folder */
  readonly explicit: boolean;
}

export interface FileOutcome {
  readonly results: TestResult[];
  /** false for a file in a folder that is not a detection, or whose status is not tested */
  readonly tested: boolean;
}

/** Loads what the tests run with (problems in lookups or knowledge are left to the caller to report). */
export function prepare(setup: SuiteSetup, cache = new EventCache()): TestOptions {
  const knowledge = setup.knowledgePaths.length ? loadKnowledge(setup.knowledgePaths).sets : undefined;
  return {
    macros: loadMacroTable({ paths: setup.macroPaths, inline: setup.inlineMacros }),
    lookups: LookupRegistry.load(setup.lookupPaths),
    now: setup.now,
    tz: setup.tz,
    cache,
    ...(setup.dataRoot ? { dataRoot: setup.dataRoot } : {}),
    ...(knowledge ? { knowledge } : {}),
  };
}

/** Tests one file; an internal error is that detection's failure, never the end of the run. */
export async function testFile({ file, explicit }: SuiteFile, opts: TestOptions): Promise<FileOutcome> {
  let det;
  try {
    det = loadDetection(file);
  } catch (e) {
    if (!(e instanceof SplError)) throw e;
    if (!explicit) return { results: [], tested: false };
    return { results: [{ detection: file, file, test: '-', data: [], status: 'fail', resultCount: 0, message: e.first.message, ms: 0 }], tested: true };
  }
  if (!explicit && det.status !== undefined && !TESTED_STATUSES.has(det.status)) return { results: [], tested: false };
  try {
    return { results: await testDetection(det, opts), tested: true };
  } catch (e) {
    return { results: [{ detection: det.name, file, test: '-', data: [], status: 'fail', resultCount: 0, message: `internal error: ${(e as Error).message} (a bug in splinter; please report it)`, ms: 0 }], tested: true };
  }
}

/** Tests every file, with `jobs` threads; `progress` hears of each file as it finishes. */
export async function runSuite(files: readonly SuiteFile[], setup: SuiteSetup, jobs: number, progress?: (done: number, file: string) => void): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  let done = 0;
  if (jobs <= 1 || files.length <= 1) {
    const opts = prepare(setup);
    for (let i = 0; i < files.length; i++) {
      outcomes[i] = await testFile(files[i], opts);
      progress?.(++done, files[i].file);
    }
    return outcomes;
  }
  let next = 0;
  const workers = Array.from({ length: Math.min(jobs, files.length) }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: setup }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolveAll, reject) => {
            const send = () => {
              if (next >= files.length) {
                resolveAll();
                return;
              }
              const index = next++;
              w.postMessage({ index, file: files[index] });
            };
            w.on('message', (m: { index: number; outcome: FileOutcome }) => {
              outcomes[m.index] = m.outcome;
              progress?.(++done, files[m.index].file);
              send();
            });
            w.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
