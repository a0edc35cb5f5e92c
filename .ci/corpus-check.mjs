#!/usr/bin/env node
// Corpus checks (run by .ci/run when ../shared/corpus exists). Fails on any
// regression against .ci/corpus-baseline.json:
//  1. `splinter validate` over security_content detections (deprecated/ excluded):
//     the number reaching stage plan-or-ok and the number reaching ok must not drop,
//     and no file that reached plan-or-ok in the baseline may fall back to lex/parse/expand.
//  2. the seed detection (security_content's 2025 version) run with the corpus macros over
//     fixtures/events/sysmon_pipes.xml gives the rows of queries/seed/anonymous_pipe_2025.yml.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const corpus = process.argv[2] ?? '../shared/corpus';
const sc = join(corpus, 'security_content');
const cli = ['dist/cli/main.js'];
const baselinePath = '.ci/corpus-baseline.json';
const baseline = JSON.parse(readFileSync(baselinePath, 'utf8'));
let failed = false;
const fail = (m) => {
  failed = true;
  console.error('FAIL ' + m);
};

function splinter(args) {
  try {
    return execFileSync('node', [...cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (typeof e.stdout === 'string' && e.stdout.length) return e.stdout;
    throw e;
  }
}

// 1. validate
const out = splinter(['validate', join(sc, 'detections'), '-m', join(sc, 'macros'), '--exclude', join(sc, 'detections', 'deprecated'), '--format', 'json', '--tz', 'UTC']);
const results = JSON.parse(out).results;
const rel = (f) => f.slice(f.indexOf('detections/'));
const reached = results.filter((r) => r.stage === 'plan' || r.stage === 'ok');
const ok = results.filter((r) => r.stage === 'ok');
const byStage = {};
for (const r of results) byStage[r.stage] = (byStage[r.stage] ?? 0) + 1;
const rate = reached.length / results.length;
console.log(`validate: ${results.length} searches; ${reached.length} parsed and expanded (${(rate * 100).toFixed(2)}%), ${ok.length} runnable; by stage ${JSON.stringify(byStage)}`);
for (const r of results.filter((r) => !(r.stage === 'plan' || r.stage === 'ok'))) console.log(`  ${r.stage}: ${rel(r.file)}:${r.line}:${r.column}: ${r.message}`);
if (reached.length < baseline.planOrOk) fail(`parsed+expanded fell from ${baseline.planOrOk} to ${reached.length}`);
if (ok.length < baseline.ok) fail(`runnable fell from ${baseline.ok} to ${ok.length}`);
const nowReached = new Set(reached.map((r) => rel(r.file)));
for (const f of baseline.planOrOkFiles ?? []) if (!nowReached.has(f)) fail(`${f} no longer parses or expands`);

// 2. the seed detection with the corpus macros
const seedYml = join(sc, 'detections/endpoint/windows_anonymous_pipe_activity.yml');
const rows = JSON.parse(splinter(['run', '--detection', seedYml, '-m', join(sc, 'macros'), '-e', 'fixtures/events/sysmon_pipes.xml', '--tz', 'UTC', '--format', 'json']));
const expected = parse(readFileSync('queries/seed/anonymous_pipe_2025.yml', 'utf8')).expected;
if (JSON.stringify(rows) !== JSON.stringify(expected)) fail(`seed detection rows differ:\n${JSON.stringify(rows, null, 1)}`);
else console.log(`seed detection: ${rows.length} rows as expected`);

if (process.argv.includes('--update-baseline')) {
  writeFileSync(baselinePath, JSON.stringify({ planOrOk: reached.length, ok: ok.length, planOrOkFiles: [...nowReached].sort() }, null, 1) + '\n');
  console.log('baseline updated');
}
if (failed) process.exit(1);
console.log('corpus checks passed');
