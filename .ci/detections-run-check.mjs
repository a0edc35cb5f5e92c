#!/usr/bin/env node
// Runs every runnable security_content detection (non-deprecated) with the
// corpus macros and lookups over all 55 attack_data files at once, so that
// each real search meets real events. Records, per detection, how many rows
// it returned (or the runtime diagnostic that stopped it) and compares that
// with .ci/detections-run-baseline.json: any difference fails (a detection
// gaining rows as well as losing them), as does an internal error (user
// input must never crash splinter) or a run longer than 20 s. A change in
// results is a failure until the baseline is deliberately updated, with the
// reason in the commit.
//
//   node .ci/detections-run-check.mjs [corpus dir, default ../shared/corpus] [--update]
//
// --update rewrites the baseline with what every detection gives now.
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
const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')).results ?? {} : {};

const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'deprecated' ? [] : walk(join(d, e.name))) : e.name.endsWith('.yml') ? [join(d, e.name)] : []));
const detections = walk(join(sc, 'detections')).sort();
const macros = loadMacroTable({ paths: [join(sc, 'macros')] });
const lookups = LookupRegistry.load([join(sc, 'lookups')]);
// the event files under attack_data/datasets (not its MANIFEST.json)
const inputs = (await expandInputs([join(corpus, 'attack_data', 'datasets')])).map((file) => ({ file }));
const { EventCache } = await import(join(dist, 'engine/event-cache.js'));
const cache = process.env.NO_CACHE ? undefined : new EventCache();
const now = Date.parse('2024-06-01T00:00:00Z') / 1000;

let planned = 0;
/** detection → rows returned, or 'runtime: <message>' */
const results = {};
const failures = [];
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
      collect(run(c.plan, { inputs, ...(cache ? { cache } : {}) }, { now, tz: 'UTC', notify: () => {} })),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out after 20 s')), 20_000))),
    ]);
    results[name] = rows.length;
  } catch (e) {
    if (e instanceof SplError) results[name] = `runtime: ${e.first.message}`;
    else failures.push(`${name}: ${e instanceof Error ? e.stack?.split('\n').slice(0, 3).join(' | ') : String(e)}`);
  } finally {
    clearTimeout(timer);
  }
}

const values = Object.values(results);
const returning = values.filter((v) => typeof v === 'number' && v > 0).length;
const stopped = values.filter((v) => typeof v === 'string').length;
const changed = [...new Set([...Object.keys(baseline), ...Object.keys(results)])]
  .sort()
  .filter((d) => baseline[d] !== results[d])
  .map((d) => `  changed: ${d}: baseline ${baseline[d] ?? 'absent'}, now ${results[d] ?? 'absent (not runnable, or an internal error)'}`);
console.log(`detections run over attack_data (${inputs.length} files): ${planned} runnable, ${returning} return rows (${values.reduce((a, v) => a + (typeof v === 'number' ? v : 0), 0)} rows in all), ${stopped} stopped with a runtime diagnostic, ${failures.length} internal errors or time-outs`);
for (const f of failures) console.log(`  internal: ${f}`);
if (!update) for (const c of changed) console.log(c);
if (update) {
  writeFileSync(baselinePath, JSON.stringify({ results }, null, 2) + '\n');
  console.log(`baseline written: ${baselinePath} (${changed.length} detections changed)`);
}
if (failures.length || (!update && changed.length)) process.exit(1);
