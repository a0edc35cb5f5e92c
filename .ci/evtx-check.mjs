#!/usr/bin/env node
// Reads every .evtx file of the evtx-attack-samples corpus with splinter's
// EVTX reader (dist/io/evtx/reader.js, built by `npm run build`) and with
// Debian's libevtx (`evtxexport -f xml`, package libevtx-utils), and checks
// for each file that both read the same number of records and, record by
// record, the same System values and the same Data elements, compared after
// fixtures/evtx/normalise.mjs (quoting, whitespace, entities, hex padding,
// time digits).
//
//   node .ci/evtx-check.mjs ../shared/corpus [--verbose]
//
// The path may be the corpus folder or its evtx-attack-samples folder.
// Exits 1 on any mismatch, 2 when the corpus or evtxexport is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normEvent, splitExport } from '../fixtures/evtx/normalise.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv[2] ?? join(root, '../shared/corpus');
const verbose = process.argv.includes('--verbose');
const base = existsSync(join(arg, 'evtx-attack-samples')) ? join(arg, 'evtx-attack-samples') : arg;
if (!existsSync(base)) {
  console.error(`evtx-check: no evtx-attack-samples under ${arg}`);
  process.exit(2);
}
if (spawnSync('evtxexport', ['-h']).error) {
  console.error('evtx-check: evtxexport not found (apt-get install -y libevtx-utils)');
  process.exit(2);
}
const { EvtxReader } = await import(join(root, 'dist/io/evtx/reader.js'));

function files(dir, out = []) {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) files(p, out);
    else if (f.toLowerCase().endsWith('.evtx')) out.push(p);
  }
  return out;
}

function native(file) {
  const records = [];
  const problems = [];
  const r = new EvtxReader((rec) => records.push(rec.xml), (offset, why) => problems.push(`${offset}: ${why}`));
  const buf = readFileSync(file);
  for (let i = 0; i < buf.length; i += 1 << 20) r.feed(buf.subarray(i, i + (1 << 20)));
  r.end();
  return { records, problems };
}

function differences(a, b) {
  const out = [];
  const keys = new Set([...Object.keys(a.system), ...Object.keys(b.system)]);
  for (const k of keys) if (a.system[k] !== b.system[k]) out.push(`System ${k}: splinter ${JSON.stringify(a.system[k])}, evtxexport ${JSON.stringify(b.system[k])}`);
  const n = Math.max(a.data.length, b.data.length);
  for (let i = 0; i < n; i++) {
    const x = a.data[i];
    const y = b.data[i];
    if (!x || !y || x[0] !== y[0] || x[1] !== y[1]) out.push(`Data #${i + 1}: splinter ${JSON.stringify(x)}, evtxexport ${JSON.stringify(y)}`);
  }
  return out;
}

const started = Date.now();
let nFiles = 0;
let nRecords = 0;
let nativeMs = 0;
let bad = 0;
let nProblems = 0;
const list = files(base);
for (const file of list) {
  nFiles++;
  const name = relative(base, file);
  const t0 = performance.now();
  const mine = native(file);
  nativeMs += performance.now() - t0;
  const ex = spawnSync('evtxexport', ['-f', 'xml', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const theirs = splitExport(ex.stdout ?? '');
  nRecords += theirs.length;
  const issues = [];
  nProblems += mine.problems.length;
  // a corpus file that libevtx reads whole must not give read problems either
  for (const p of mine.problems) issues.push(`read problem at byte ${p}`);
  if (mine.records.length !== theirs.length) issues.push(`records: splinter ${mine.records.length}, evtxexport ${theirs.length}`);
  const n = Math.min(mine.records.length, theirs.length);
  for (let i = 0; i < n && issues.length < 10; i++) {
    for (const d of differences(normEvent(mine.records[i]), normEvent(theirs[i]))) issues.push(`record ${i + 1}: ${d}`);
  }
  if (issues.length) {
    bad++;
    console.log(`MISMATCH ${name}`);
    for (const s of issues.slice(0, verbose ? 50 : 5)) console.log(`  ${s}`);
  } else if (verbose) console.log(`ok ${name}: ${theirs.length} records`);
}
console.log(`evtx-check: ${nFiles} files, ${nRecords} records (evtxexport); ${nFiles - bad} files match, ${bad} differ; ${nProblems} read problems; splinter's reader took ${(nativeMs / 1000).toFixed(2)} s, the whole check ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(bad ? 1 : 0);
