#!/usr/bin/env node
// Reads every file of the attack_data corpus with splinter and checks, for each,
// that no line or record was skipped and that the number of events per
// provider:EventID equals MANIFEST.json's `event_ids`.
//
//   node .ci/attack-data-check.mjs ../shared/corpus [--verbose]
//
// The corpus path may be the corpus folder or its attack_data folder. MANIFEST
// names a provider without its `Microsoft-Windows-` prefix (`Sysmon:1`,
// `Security-Auditing:4688`, `Windows Defender:1116`); the events' provider is
// the `Name` attribute of <Provider> (Splunk_TA_windows system_props_xml_attributes).
// Exits 1 on any mismatch or skip, 2 when the corpus is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv[2] ?? join(root, '../shared/corpus');
const verbose = process.argv.includes('--verbose');
const base = existsSync(join(arg, 'MANIFEST.json')) ? arg : join(arg, 'attack_data');
if (!existsSync(join(base, 'MANIFEST.json'))) {
  console.error(`attack-data-check: no MANIFEST.json under ${arg}`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(base, 'MANIFEST.json'), 'utf8'));
const cli = join(root, 'dist/cli/main.js');

function run(file) {
  const r = spawnSync('node', [cli, 'run', 'search * | stats count by Name, EventCode', '-e', file, '-o', 'json', '--tz', 'UTC', '--verbose'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  let rows = [];
  try {
    rows = JSON.parse(r.stdout);
  } catch {
    rows = [];
  }
  return { rows, stderr: r.stderr ?? '', code: r.status ?? 1 };
}

let failures = 0;
let events = 0;
for (const entry of manifest) {
  const file = join(base, entry.path);
  const problems = [];
  if (!existsSync(file)) {
    problems.push('file missing');
  } else {
    const r = run(file);
    if (r.code !== 0) problems.push(`splinter exited ${r.code}: ${r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
    const got = {};
    for (const row of r.rows) {
      const provider = String(row.Name ?? '').replace(/^Microsoft-Windows-/, '');
      got[`${provider}:${row.EventCode}`] = Number(row.count);
    }
    const want = entry.event_ids;
    for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
      if ((got[k] ?? 0) !== (want[k] ?? 0)) problems.push(`${k}: expected ${want[k] ?? 0}, read ${got[k] ?? 0}`);
      events += got[k] ?? 0;
    }
    // the summary line: "splinter: <file>: <n> events, <k> skipped" / "... <k> skipped ..."
    const skipped = [...r.stderr.matchAll(/(\d+) skipped/g)].map((m) => Number(m[1]));
    if (skipped.some((n) => n > 0) || /warning: skipped/.test(r.stderr)) {
      problems.push(`lines or records skipped:\n    ${r.stderr.trim().split('\n').join('\n    ')}`);
    }
    if (verbose) console.log(r.stderr.trim());
  }
  if (problems.length > 0) {
    failures++;
    console.error(`FAIL ${entry.path} (${entry.kind})\n  ${problems.join('\n  ')}`);
  } else if (verbose) console.log(`ok   ${entry.path} (${entry.kind})`);
}

console.log(`attack-data: ${manifest.length} files, ${events} events, ${failures} mismatched`);
process.exit(failures > 0 ? 1 : 0);
