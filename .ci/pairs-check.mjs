#!/usr/bin/env node
// Detection/dataset pairs (corpus pairs.tsv): `splinter test` on the 23
// detections whose attack data is in the corpus, with the corpus macros and
// --data-root at the corpus's attack_data. Prints the command's table and
// compares each detection's status, result count and rows (normalised: each
// row's fields in name order, the rows sorted) with .ci/pairs-baseline.json:
// any change fails, until the baseline is updated on purpose (--update) with
// the reason in the commit.
//
//   node .ci/pairs-check.mjs [corpus dir, default ../shared/corpus] [--update]
//
// Needs a built dist/ (npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const update = args.includes('--update');
const corpus = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus';
const baselinePath = '.ci/pairs-baseline.json';

const lines = readFileSync(join(corpus, 'pairs.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const col = lines[0].split('\t').indexOf('detection');
const detections = lines.slice(1).map((l) => join(corpus, l.split('\t')[col]));

const testArgs = ['dist/cli/main.js', 'test', ...detections, '-m', join(corpus, 'security_content', 'macros'), '--data-root', join(corpus, 'attack_data'), '--tz', 'UTC', '--now', '2024-06-01T00:00:00Z'];
const started = Date.now();
const r = spawnSync('node', [...testArgs, '-o', 'json', '--rows'], { encoding: 'utf8', maxBuffer: 1 << 28 });
const seconds = (Date.now() - started) / 1000;
if (r.status !== 0 && r.status !== 1) {
  console.error(`splinter test ended with exit ${r.status}:\n${r.stderr}`);
  process.exit(1);
}
const { results, summary } = JSON.parse(r.stdout);
/** a row as text with its fields in name order; the rows of a result sorted */
const normalise = (rows) => rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))).sort();
const now = Object.fromEntries(results.map((x) => [x.file.slice(corpus.length + 1), { status: x.status, resultCount: x.resultCount, message: x.message, rows: normalise(x.rows ?? []) }]));

const w = Math.max(...Object.keys(now).map((k) => k.length));
for (const [k, v] of Object.entries(now)) console.log(`${v.status.toUpperCase()}  ${k.padEnd(w)}  ${String(v.resultCount).padStart(3)}  ${v.message}`);
console.log(`\n${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped; ${Object.values(now).filter((v) => v.resultCount > 0).length}/${detections.length} return rows; splinter test took ${seconds.toFixed(1)} s`);

let failed = false;
if (existsSync(baselinePath) && !update) {
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')).pairs ?? {};
  for (const k of new Set([...Object.keys(baseline), ...Object.keys(now)])) {
    const b = baseline[k];
    const n = now[k];
    if (!b || !n || b.status !== n.status || b.resultCount !== n.resultCount) {
      failed = true;
      console.error(`CHANGED ${k}: baseline ${b ? `${b.status} ${b.resultCount}` : 'absent'}, now ${n ? `${n.status} ${n.resultCount} (${n.message})` : 'absent'}`);
    } else if (JSON.stringify(b.rows ?? []) !== JSON.stringify(n.rows)) {
      failed = true;
      const was = new Set(b.rows ?? []);
      const is = new Set(n.rows);
      console.error(`CHANGED ${k}: the rows differ`);
      for (const x of b.rows ?? []) if (!is.has(x)) console.error(`  - ${x}`);
      for (const x of n.rows) if (!was.has(x)) console.error(`  + ${x}`);
    }
  }
}
if (update) {
  const pairs = Object.fromEntries(Object.entries(now).map(([k, v]) => [k, { status: v.status, resultCount: v.resultCount, rows: v.rows }]));
  writeFileSync(baselinePath, JSON.stringify({ pairs }, null, 2) + '\n');
  console.log(`baseline written: ${baselinePath}`);
}
process.exit(failed ? 1 : 0);
