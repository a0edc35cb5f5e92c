#!/usr/bin/env node
// `splinter hunt` over the evtx-attack-samples folder with security_content
// (its macros and lookups), checked three ways:
//  (a) per detection, the rows hunt reports (or that it cannot run) equal
//      .ci/hunt-baseline.json, which holds what each detection gives when it
//      runs alone, as `splinter run` runs it: no event cache, each detection
//      reading every file itself (the in-process loop of --alone below);
//  (b) the fired set (detections with rows) is the same when the folder is
//      read through Debian's `evtxexport -f xml` (libevtx-utils), each event
//      rewritten in the add-on's shape (fixtures/evtx/normalise.mjs
//      addonShape) into text files, and hunted again; row counts that differ
//      are listed;
//  (c) no internal error.
// Any difference fails. A change in results fails until the baseline is
// deliberately rewritten (--update), with the reason in the commit.
//
//   node .ci/hunt-check.mjs [corpus dir, default ../shared/corpus] [--alone] [--update]
//
// --alone also runs the per-detection loop (slow: about 5 minutes) and
// compares it with the baseline; --update writes the baseline from it.
// Needs a built dist/ (npm run build) and evtxexport for (b) (skipped with
// a notice when it is missing).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { addonShape, splitExport } from '../fixtures/evtx/normalise.mjs';

const args = process.argv.slice(2);
const update = args.includes('--update');
const alone = update || args.includes('--alone');
const corpus = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus';
const sc = resolve(corpus, 'security_content');
const samples = resolve(corpus, 'evtx-attack-samples');
const baselinePath = '.ci/hunt-baseline.json';
const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')).results ?? {} : {};
const NOW = '2024-06-01T00:00:00Z';
const failures = [];
const started = Date.now();

/** detection file (relative to security_content) → rows, or 'cannot run: <reason>' */
function hunt(events) {
  const t = Date.now();
  const r = spawnSync('node', ['dist/splinter.js', 'hunt', sc, '--events', events, '-o', 'json', '--tz', 'UTC', '--now', NOW], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (Date.now() - t) / 1000;
  if (r.status !== 0) {
    console.log(r.stderr);
    throw new Error(`hunt over ${events} exited ${r.status}`);
  }
  const out = {};
  for (const d of JSON.parse(r.stdout).detections) out[relative(sc, d.file)] = d.outcome === 'cannot run' ? `cannot run: ${d.reason}` : d.rows;
  return { out, seconds, account: r.stderr.split('\n').find((l) => l.startsWith('detections:')) };
}

/** The loop: each detection alone, compiled and run as `splinter run` would. */
async function aloneLoop() {
  const dist = resolve('dist');
  const { compile, run } = await import(join(dist, 'api.js'));
  const { collect } = await import(join(dist, 'engine/types.js'));
  const { loadMacroTable } = await import(join(dist, 'macros/index.js'));
  const { LookupRegistry } = await import(join(dist, 'lookups/registry.js'));
  const { expandInputs } = await import(join(dist, 'io/inputs.js'));
  const { SplError } = await import(join(dist, 'diagnostics/diagnostic.js'));
  const { loadDetection } = await import(join(dist, 'testing/detection.js'));
  const { parseNow } = await import(join(dist, 'time/now.js'));
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.ya?ml$/i.test(e.name) ? [join(d, e.name)] : []));
  const macros = loadMacroTable({ paths: [join(sc, 'macros')] });
  const lookups = LookupRegistry.load([join(sc, 'lookups')]);
  const inputs = (await expandInputs([samples])).map((file) => ({ file }));
  const now = parseNow(NOW, 'UTC');
  const out = {};
  for (const file of walk(join(sc, 'detections')).sort()) {
    let det;
    try {
      det = loadDetection(file);
    } catch {
      continue;
    }
    if (det.status === 'deprecated') continue;
    const name = relative(sc, file);
    const c = compile(det.search, { macros, now, tz: 'UTC', lookups, name: file });
    if (!c.plan) {
      out[name] = `cannot run: ${c.stage}: ${c.diagnostics[0]?.message}`;
      continue;
    }
    try {
      out[name] = (await collect(run(c.plan, { inputs, onProblem: () => {} }, { now, tz: 'UTC', notify: () => {} }))).length;
    } catch (e) {
      if (e instanceof SplError) out[name] = `cannot run: ${e.first.stage}: ${e.first.message}`;
      else failures.push(`${name}: internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

function compare(label, want, got) {
  const diffs = [...new Set([...Object.keys(want), ...Object.keys(got)])]
    .sort()
    .filter((d) => want[d] !== got[d])
    .map((d) => `  ${label}: ${d}: expected ${want[d] ?? 'absent'}, got ${got[d] ?? 'absent'}`);
  return diffs;
}

const fired = (o) => new Set(Object.keys(o).filter((k) => typeof o[k] === 'number' && o[k] > 0));

let problems = [];
// (a) hunt against the per-detection baseline
const native = hunt(samples);
for (const [k, v] of Object.entries(native.out)) if (typeof v === 'string' && v.includes('internal error')) failures.push(`${k}: ${v}`);
let reference = baseline;
if (alone) {
  const t = Date.now();
  reference = await aloneLoop();
  console.log(`hunt-check: each detection alone: ${Object.keys(reference).length} detections, ${fired(reference).size} return rows, in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  if (update) {
    writeFileSync(baselinePath, JSON.stringify({ results: reference }, null, 2) + '\n');
    console.log(`baseline written: ${baselinePath}`);
  } else problems.push(...compare('alone vs baseline', baseline, reference));
}
problems.push(...compare('hunt vs alone', reference, native.out));
console.log(`hunt-check: hunt over the .evtx files: ${native.account} in ${native.seconds.toFixed(1)} s`);

// (b) the same folder read through evtxexport
if (spawnSync('evtxexport', ['-h']).error) console.log('hunt-check: evtxexport not found (apt-get install -y libevtx-utils): the comparison through it is skipped');
else {
  const tmp = mkdtempSync(join(tmpdir(), 'hunt-check-'));
  try {
    const t = Date.now();
    const copy = (dir) => {
      for (const e of readdirSync(dir).sort()) {
        const p = join(dir, e);
        const to = join(tmp, relative(samples, p));
        if (statSync(p).isDirectory()) copy(p);
        else if (e.toLowerCase().endsWith('.evtx') && readFileSync(p).subarray(0, 8).toString('latin1') === 'ElfFile\0') {
          const ex = spawnSync('evtxexport', ['-f', 'xml', p], { encoding: 'utf8', maxBuffer: 1 << 28 });
          mkdirSync(dirname(to), { recursive: true });
          writeFileSync(to + '.log', splitExport(ex.stdout ?? '').map(addonShape).join('\n') + '\n');
        } else {
          mkdirSync(dirname(to), { recursive: true });
          cpSync(p, to, { preserveTimestamps: true });
        }
      }
    };
    copy(samples);
    const converted = (Date.now() - t) / 1000;
    const viaExport = hunt(tmp);
    console.log(`hunt-check: hunt over evtxexport's XML: ${viaExport.account} in ${viaExport.seconds.toFixed(1)} s (conversion ${converted.toFixed(1)} s)`);
    const a = fired(native.out);
    const b = fired(viaExport.out);
    for (const d of [...a].filter((x) => !b.has(x)).sort()) problems.push(`  fired reading .evtx only: ${d} (${native.out[d]} rows; through evtxexport: ${viaExport.out[d]})`);
    for (const d of [...b].filter((x) => !a.has(x)).sort()) problems.push(`  fired through evtxexport only: ${d} (${viaExport.out[d]} rows; reading .evtx: ${native.out[d]})`);
    const counts = compare('rows differ (.evtx vs evtxexport)', native.out, viaExport.out).filter((l) => !/cannot run/.test(l));
    for (const c of counts) console.log(c);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

console.log(`hunt-check: ${fired(native.out).size} detections fired; ${problems.length} differences, ${failures.length} internal errors; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
for (const p of problems) console.log(p);
for (const f of failures) console.log(`  internal: ${f}`);
if (problems.length || failures.length) process.exit(1);
