#!/usr/bin/env node
// Runs every runnable security_content detection (non-deprecated) with the
// corpus macros and lookups over all 55 attack_data files at once, so that
// each real search meets real events. Fails when a run ends in an internal
// error (anything but a diagnostic: user input must never crash splinter),
// when a run takes longer than 20 s, or when a detection that returned rows
// in .ci/detections-run-baseline.json returns none now.
//
//   node .ci/detections-run-check.mjs [corpus dir, default ../shared/corpus] [--update]
//
// --update rewrites the baseline with the detections that return rows now.
// Needs a built dist/ (npm run build).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

const dist = resolve('dist');
const { compile, run } = await import(join(dist, 'api.js'));
const { collect } = await import(join(dist, 'engine/types.js'));
const { loadMacroTable } = await import(join(dist, 'macros/index.js'));
const { LookupRegistry } = await import(join(dist, 'lookups/registry.js'));
const { expandInputs } = await import(join(dist, 'io/inputs.js'));
const { SplError } = await import(join(dist, 'diagnostics/diagnostic.js'));

const args = process.argv.slice(2);
const update = args.includes('--update');
const corpus = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus';
const sc = join(corpus, 'security_content');
const baselinePath = '.ci/detections-run-baseline.json';
const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')) : { returningRows: [] };

const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'deprecated' ? [] : walk(join(d, e.name))) : e.name.endsWith('.yml') ? [join(d, e.name)] : []));
const detections = walk(join(sc, 'detections')).sort();
const macros = loadMacroTable({ paths: [join(sc, 'macros')] });
const lookups = LookupRegistry.load([join(sc, 'lookups')]);
// the event files under attack_data/datasets (not its MANIFEST.json)
const inputs = (await expandInputs([join(corpus, 'attack_data', 'datasets')])).map((file) => ({ file }));
const now = Date.parse('2024-06-01T00:00:00Z') / 1000;

let planned = 0;
const returning = [];
const failures = [];
let runtimeErrors = 0;
for (const file of detections) {
  const name = relative(sc, file);
  const search = parseYaml(readFileSync(file, 'utf8'))?.search;
  if (typeof search !== 'string') continue;
  const c = compile(search, { macros, now, tz: 'UTC', lookups });
  if (!c.plan) continue;
  planned++;
  let timer;
  try {
    const rows = await Promise.race([
      collect(run(c.plan, { inputs }, { now, tz: 'UTC', notify: () => {} })),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out after 20 s')), 20_000))),
    ]);
    if (rows.length > 0) returning.push(name);
  } catch (e) {
    if (e instanceof SplError) runtimeErrors++;
    else failures.push(`${name}: ${e instanceof Error ? e.stack?.split('\n').slice(0, 3).join(' | ') : String(e)}`);
  } finally {
    clearTimeout(timer);
  }
}

const lost = baseline.returningRows.filter((d) => !returning.includes(d));
console.log(`detections run over attack_data (${inputs.length} files): ${planned} runnable, ${returning.length} return rows, ${runtimeErrors} stopped with a runtime diagnostic, ${failures.length} internal errors or time-outs`);
for (const f of failures) console.log(`  internal: ${f}`);
for (const d of lost) console.log(`  regression: ${d} returned rows in the baseline, none now`);
if (update) {
  writeFileSync(baselinePath, JSON.stringify({ returningRows: returning }, null, 2) + '\n');
  console.log(`baseline written: ${baselinePath}`);
}
if (failures.length || (!update && lost.length)) process.exit(1);
