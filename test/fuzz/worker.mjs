/**
 * The fuzz test's worker thread (fuzz.test.ts): compiles and runs each search
 * it is sent over a few small fixture files, and says how it ended. It runs
 * splinter's built code (dist/, which `npm test` builds first), so that the
 * test's main thread can stop a search that never ends by terminating this
 * thread.
 *
 * Outcomes: `ok` (rows, possibly none), `diagnostic` (the search was refused
 * or failed with a user diagnostic: an SplError), `internal` (anything else
 * thrown: a bug).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';

const root = workerData.root;
const dist = (p) => import(join(root, 'dist', p));
const [{ compile, run, EventCache }, { loadMacroTable }, { LookupRegistry }, { expandInputs }, { SplError }] = await Promise.all([
  dist('api.js'),
  dist('macros/index.js'),
  dist('lookups/registry.js'),
  dist('io/inputs.js'),
  dist('diagnostics/diagnostic.js'),
]);

const macros = loadMacroTable({ paths: [join(root, 'fixtures/macros/macros.conf'), join(root, 'fixtures/macros/sysmon.yml'), join(root, 'fixtures/macros/security_content_ctime.yml')] });
// no outputDir: outputlookup writes nothing
const lookups = LookupRegistry.load([join(root, 'fixtures/lookups/app'), join(root, 'fixtures/lookups/sc')]);
const files = await expandInputs(['small.jsonl', 'small.csv', 'sysmon_pipes.xml'].map((f) => join(root, 'fixtures/events', f)));
// events without a timestamp take their file's modification time, which depends on the checkout: a fixed one
// keeps every run the same, and near the other events (a span over years made one chart 673,000 time bins)
const inputs = files.map((file) => ({ file: { ...file, mtime: Date.parse('2024-05-14T12:00:00Z') / 1000 } }));
const cache = new EventCache();
const now = Date.parse('2024-06-01T00:00:00Z') / 1000;
/** rows read from a search before it is stopped: the test is about ending, not about volume */
const MAX_ROWS = 20_000;

async function attempt(search) {
  const compiled = compile(search, { macros, now, tz: 'UTC', lookups });
  if (compiled.stage !== 'ok') return { outcome: 'diagnostic', stage: compiled.stage, message: compiled.diagnostics[0]?.message ?? '' };
  let rows = 0;
  for await (const batch of run(compiled.plan, { inputs, cache }, { now, tz: 'UTC', notify: () => {} })) {
    rows += batch.length;
    if (rows >= MAX_ROWS) break;
  }
  return { outcome: 'ok', rows };
}

parentPort.on('message', async ({ id, search }) => {
  const t = performance.now();
  let reply;
  try {
    reply = await attempt(search);
  } catch (e) {
    reply = e instanceof SplError ? { outcome: 'diagnostic', stage: e.first.stage, message: e.first.message } : { outcome: 'internal', message: String(e?.stack ?? e) };
  }
  parentPort.postMessage({ id, ms: performance.now() - t, ...reply });
});
parentPort.postMessage({ ready: true });
