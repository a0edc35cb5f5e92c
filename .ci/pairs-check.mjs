#!/usr/bin/env node
// Detection/dataset pairs (corpus pairs.tsv): runs every detection over its
// attack_data file with the corpus macros, the pair's source and sourcetype,
// and prints a table: detection, tstats or not, rows returned, and the
// stage/error when the run fails. Exits non-zero only when a pair that
// returned rows in .ci/pairs-baseline.json returns none now (or fails).
//
//   node .ci/pairs-check.mjs [corpus dir, default ../shared/corpus] [--update]
//
// --update rewrites the baseline with the pairs that return rows now.
// Needs a built dist/ (npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const args = process.argv.slice(2);
const update = args.includes('--update');
const corpus = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus';
const baselinePath = '.ci/pairs-baseline.json';
const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')) : { passing: {} };

const lines = readFileSync(join(corpus, 'pairs.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const header = lines[0].split('\t');
const col = (name) => header.indexOf(name);
const pairs = lines.slice(1).map((l) => {
  const c = l.split('\t');
  return { detection: c[col('detection')], dataset: c[col('dataset')], source: c[col('source')], sourcetype: c[col('sourcetype')], version: c[col('dataset_version')], tstats: c[col('uses_tstats')] === 'True' };
});

function firstError(stderr) {
  const m = /^error: (.*)$/m.exec(stderr);
  return m ? m[1] : stderr.trim().split('\n').pop() ?? '';
}

const results = [];
for (const p of pairs) {
  const r = spawnSync(
    'node',
    ['dist/cli/main.js', 'run', '--detection', join(corpus, p.detection), '-e', join(corpus, p.dataset), '--source', p.source, '--sourcetype', p.sourcetype, '-m', join(corpus, 'security_content', 'macros'), '-o', 'json', '--tz', 'UTC'],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  let rows = 0;
  let status = 'ok';
  if (r.status === 0) {
    try {
      rows = JSON.parse(r.stdout).length;
    } catch {
      status = 'bad JSON output';
    }
  } else status = `exit ${r.status}: ${firstError(r.stderr ?? '')}`;
  results.push({ name: basename(p.detection, '.yml'), tstats: p.tstats, version: p.version, rows, status });
}

const w = Math.max(...results.map((r) => r.name.length));
console.log(`${'detection'.padEnd(w)}  tstats  data     rows  status`);
for (const r of results) console.log(`${r.name.padEnd(w)}  ${r.tstats ? 'yes   ' : 'no    '}  ${r.version === 'current' ? 'current' : 'older  '}  ${String(r.rows).padStart(4)}  ${r.status}`);
const passing = results.filter((r) => r.status === 'ok' && r.rows > 0);
console.log(`\n${passing.length}/${results.length} pairs return rows (tstats: ${passing.filter((r) => r.tstats).length}/${results.filter((r) => r.tstats).length})`);

let failed = false;
for (const [name] of Object.entries(baseline.passing ?? {})) {
  const now = results.find((r) => r.name === name);
  if (!now || now.status !== 'ok' || now.rows === 0) {
    failed = true;
    console.error(`FAIL ${name} returned rows in the baseline and ${now ? (now.status !== 'ok' ? now.status : 'none now') : 'is no longer in pairs.tsv'}`);
  }
}
if (update) {
  writeFileSync(baselinePath, JSON.stringify({ passing: Object.fromEntries(passing.map((r) => [r.name, r.rows])) }, null, 2) + '\n');
  console.log(`baseline written: ${baselinePath}`);
}
process.exit(failed ? 1 : 0);
