#!/usr/bin/env node
// npm run bench [-- --count N --seed S --runs R --max-ratio X --threads T --no-build --no-evtx]
//
// splinter against DuckDB on the seed detection (without macros) over
// generated Sysmon events; beside it the same events as an .evtx file: the
// EVTX reader alone, and the same search over the .evtx. See bench/README.md
// for what is measured.
//
// Exit codes: 0 ratio within --max-ratio; 1 ratio above it; 2 usage error;
// 3 a side failed or the two sides disagree on the results.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'bench', 'data');
const GEN = path.join(ROOT, 'fixtures', 'gen-sysmon.mjs');
const GEN_EVTX = path.join(ROOT, 'fixtures', 'gen-evtx.mjs');
const EVTX_WRITER = path.join(ROOT, 'fixtures', 'evtx', 'writer.mjs');
const EVTX_READ = path.join(ROOT, 'bench', 'evtx-read.mjs');
// the shipped CLI: the bundle (src/tools/bundle.ts), with the node flags of its #! line
const CLI = path.join(ROOT, 'dist', 'splinter.js');
const cliFlags = () => (/^#!\/usr\/bin\/env -S node(.*)$/m.exec(readFileSync(CLI, 'utf8').slice(0, 200))?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
const DUCK = path.join(ROOT, 'bench', 'duckdb-query.mjs');
const RESULT = path.join(DATA, 'last-result.json');

// The seed search with `sysmon` expanded and the ctime/filter macros left out
// (they do not change which rows come out). `\\` is SPL's escaped backslash.
const SEARCH = String.raw`sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=Syslog:Linux-Sysmon/Operational EventCode IN (17,18) EventType IN ( "CreatePipe", "ConnectPipe") PipeName="*Anonymous Pipe*" NOT( Image IN ("*\\Program Files\\*")) | stats min(_time) as firstTime max(_time) as lastTime count by dest EventCode PipeName ProcessGuid ProcessId Image EventType`;
const BY = ['dest', 'EventCode', 'PipeName', 'ProcessGuid', 'ProcessId', 'Image', 'EventType'];

// ---------------------------------------------------------------- options
function usage(msg) {
  if (msg) process.stderr.write(`bench: ${msg}\n`);
  process.stderr.write(
    'usage: npm run bench -- [--count N] [--seed S] [--runs R] [--max-ratio X] [--threads T] [--no-build] [--no-evtx]\n' +
      '  --count N      events to generate (default 200000, about 264 MB)\n' +
      '  --seed S       generator seed (default 42)\n' +
      '  --runs R       timed runs of each side, interleaved; the best counts (default 3)\n' +
      '  --max-ratio X  fail when splinter time / DuckDB time exceeds X (default 2)\n' +
      '  --threads T    DuckDB threads (default: DuckDB\'s own, one per core)\n' +
      '  --no-build     use dist/ as it is instead of running npm run build first\n' +
      '  --no-evtx      leave out the .evtx measurements\n' +
      '  --hunt DIR     also time `splinter hunt DIR` (a security_content checkout) over the generated events\n' +
      '                 (or over --hunt-events PATH: a file or folder, e.g. evtx-attack-samples): events/s, peak RSS\n',
  );
  process.exit(2);
}
function parseArgs(argv) {
  const o = { count: 200000, seed: 42, runs: 3, maxRatio: 2, threads: undefined, build: true, evtx: true, hunt: undefined, huntEvents: undefined };
  const num = (name, v, { int = true, min = 0 } = {}) => {
    const n = Number(v);
    if (v === undefined || v === '' || !Number.isFinite(n) || (int && !Number.isInteger(n)) || n < min) {
      usage(`${name} needs ${int ? 'a whole number' : 'a number'} >= ${min}, got ${v ?? 'nothing'}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--count': o.count = num(flag, val(), { min: 1 }); break;
      case '--seed': o.seed = num(flag, val()); break;
      case '--runs': o.runs = num(flag, val(), { min: 1 }); break;
      case '--max-ratio': o.maxRatio = num(flag, val(), { int: false, min: 0 }); break;
      case '--threads': o.threads = num(flag, val(), { min: 1 }); break;
      case '--no-build': o.build = false; break;
      case '--no-evtx': o.evtx = false; break;
      case '--hunt': o.hunt = val(); if (!o.hunt) usage('--hunt needs a security_content folder'); break;
      case '--hunt-events': o.huntEvents = val(); if (!o.huntEvents) usage('--hunt-events needs a file or folder'); break;
      case '-h': case '--help': usage();
      default: usage(`unknown option ${a}`);
    }
  }
  return o;
}
const opts = parseArgs(process.argv.slice(2));

function fail(msg, code = 3) {
  process.stderr.write(`\nbench: FAILED: ${msg}\n`);
  process.exit(code);
}
const log = (s) => process.stderr.write(s + '\n');

// ---------------------------------------------------------------- build
if (opts.build) {
  log('bench: npm run build');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const b = spawnSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (b.status !== 0) {
    if (!existsSync(CLI)) fail(`the build failed and ${path.relative(ROOT, CLI)} does not exist`);
    log(`bench: warning: the build failed (exit ${b.status}); using the dist/ that is there`);
  }
}
if (!existsSync(CLI)) fail(`${path.relative(ROOT, CLI)} does not exist; run npm run build`);

// ---------------------------------------------------------------- data
// Cached per count, seed and generator content, so a changed generator
// regenerates instead of benchmarking stale data.
if (!existsSync(GEN)) fail(`the generator ${path.relative(ROOT, GEN)} does not exist`);
mkdirSync(DATA, { recursive: true });
const genHash = createHash('sha256').update(readFileSync(GEN)).digest('hex').slice(0, 10);
const stem = `sysmon-${opts.count}-s${opts.seed}`;
const file = path.join(DATA, `${stem}-${genHash}.xml`);
if (!existsSync(file)) {
  for (const f of readdirSync(DATA)) {
    if (f.startsWith(`${stem}-`) && f.endsWith('.xml')) unlinkSync(path.join(DATA, f)); // stale generator
  }
  log(`bench: generating ${opts.count} events (seed ${opts.seed}) into ${path.relative(ROOT, file)}`);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  const g = spawnSync(process.execPath, [GEN, '--count', String(opts.count), '--seed', String(opts.seed)], { stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  if (g.status !== 0) {
    unlinkSync(tmp);
    fail(`the generator exited with ${g.status ?? g.signal}`);
  }
  renameSync(tmp, file);
}
const bytes = statSync(file).size;
const mb = bytes / 1e6;
log(`bench: ${path.relative(ROOT, file)}: ${opts.count} events, ${mb.toFixed(1)} MB`);

// The same events as a Windows event log (fixtures/gen-evtx.mjs), cached beside
// the XML under a name holding the hashes of the converter and its writer.
let evtxFile;
let evtxMb = 0;
if (opts.evtx) {
  const evtxHash = createHash('sha256').update(readFileSync(GEN_EVTX)).update(readFileSync(EVTX_WRITER)).digest('hex').slice(0, 10);
  const base = path.basename(file, '.xml');
  evtxFile = path.join(DATA, `${base}-${evtxHash}.evtx`);
  if (!existsSync(evtxFile)) {
    for (const f of readdirSync(DATA)) {
      if (f.startsWith(`${base}-`) && f.endsWith('.evtx')) unlinkSync(path.join(DATA, f)); // stale converter
    }
    log(`bench: converting to ${path.relative(ROOT, evtxFile)}`);
    const tmp = `${evtxFile}.${process.pid}.tmp`;
    const g = spawnSync(process.execPath, [GEN_EVTX, file, tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (g.status !== 0) {
      if (existsSync(tmp)) unlinkSync(tmp);
      fail(`fixtures/gen-evtx.mjs exited with ${g.status ?? g.signal}`);
    }
    renameSync(tmp, evtxFile);
  }
  evtxMb = statSync(evtxFile).size / 1e6;
  log(`bench: ${path.relative(ROOT, evtxFile)}: ${evtxMb.toFixed(1)} MB`);
}

// ---------------------------------------------------------------- runs
function run(label, args) {
  return new Promise((resolve) => {
    const out = [];
    const err = [];
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', (e) => fail(`${label} could not start: ${e.message}`));
    child.on('close', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) fail(`${label} exited with ${code ?? signal}\n--- stderr ---\n${stderr.slice(0, 4000)}`);
      resolve({ seconds, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

const duckArgs = (f) => [DUCK, f, ...(opts.threads ? [String(opts.threads)] : [])];
const duckInfo = JSON.parse((await run('DuckDB --version', duckArgs('--version'))).stdout);
const sides = {
  splinter: { label: 'splinter', args: [...cliFlags(), CLI, 'run', SEARCH, '-e', file, '--format', 'json', '--tz', 'UTC', '-v'], times: [] },
  duckdb: { label: `DuckDB ${duckInfo.version}`, args: duckArgs(file), times: [] },
  evtx: { label: 'splinter .evtx', args: evtxFile ? [...cliFlags(), CLI, 'run', SEARCH, '-e', evtxFile, '--format', 'json', '--tz', 'UTC', '-v'] : [], times: [] },
};
/** the EVTX reader alone: records/s and MB/s of each run */
const evtxReads = [];

// Rows keyed by the by-fields, entities decoded so the comparison does not
// depend on whether a side decodes &lt; etc.
const ENT = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s) => String(s).replace(/&(lt|gt|amp|quot|apos);/g, (_, e) => ENT[e]);
function keyed(label, stdout) {
  let rows;
  try {
    rows = JSON.parse(stdout);
  } catch (e) {
    fail(`${label} did not print a JSON array (${e.message}); first bytes:\n${stdout.slice(0, 500)}`);
  }
  if (!Array.isArray(rows)) fail(`${label} printed JSON that is not an array`);
  const m = new Map();
  for (const r of rows) {
    const k = JSON.stringify(BY.map((f) => (r[f] === undefined || r[f] === null ? null : decode(r[f]))));
    if (m.has(k)) fail(`${label} has two rows for the group ${k}`);
    m.set(k, { count: Number(r.count), firstTime: Number(r.firstTime), lastTime: Number(r.lastTime) });
  }
  return m;
}
function compare(a, b, A = 'splinter', B = 'DuckDB') {
  const problems = [];
  if (a.size !== b.size) problems.push(`row count: ${A} ${a.size}, ${B} ${b.size}`);
  for (const [k, x] of a) {
    const y = b.get(k);
    if (!y) problems.push(`only in ${A}: ${k} count=${x.count}`);
    else {
      if (x.count !== y.count) problems.push(`count differs for ${k}: ${A} ${x.count}, ${B} ${y.count}`);
      // both are epoch seconds with millisecond precision
      if (!(Math.abs(x.firstTime - y.firstTime) < 5e-4)) problems.push(`firstTime differs for ${k}: ${A} ${x.firstTime}, ${B} ${y.firstTime}`);
      if (!(Math.abs(x.lastTime - y.lastTime) < 5e-4)) problems.push(`lastTime differs for ${k}: ${A} ${x.lastTime}, ${B} ${y.lastTime}`);
    }
  }
  for (const [k, y] of b) if (!a.has(k)) problems.push(`only in ${B}: ${k} count=${y.count}`);
  return problems;
}

let rows = 0;
let events = 0;
log(`bench: ${opts.runs} run(s) of each side, interleaved (DuckDB threads: ${duckInfo.threads})`);
for (let i = 0; i < opts.runs; i++) {
  const s = await run('splinter', sides.splinter.args);
  const d = await run('DuckDB', sides.duckdb.args);
  sides.splinter.times.push(s.seconds);
  sides.duckdb.times.push(d.seconds);
  log(`  run ${i + 1}: splinter ${s.seconds.toFixed(2)} s, DuckDB ${d.seconds.toFixed(2)} s`);
  const read = /(\d+) events? read/.exec(s.stderr);
  if (read) {
    events = Number(read[1]);
    if (events !== opts.count) fail(`splinter read ${events} events, the file has ${opts.count}\n${s.stderr}`);
  }
  const a = keyed('splinter', s.stdout);
  const b = keyed('DuckDB', d.stdout);
  const problems = compare(a, b);
  if (problems.length) {
    fail(`splinter and DuckDB disagree (${problems.length} difference(s)):\n  ` + problems.slice(0, 20).join('\n  ') + (problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ''));
  }
  rows = a.size;
  if (evtxFile) {
    const e = await run('splinter .evtx', sides.evtx.args);
    sides.evtx.times.push(e.seconds);
    const read = /(\d+) events? read/.exec(e.stderr);
    if (read && Number(read[1]) !== opts.count) fail(`splinter read ${read[1]} events from the .evtx, it has ${opts.count}\n${e.stderr}`);
    // the same events: the same rows as from the XML
    const diff = compare(keyed('splinter .evtx', e.stdout), a, 'the .evtx', 'the XML');
    if (diff.length) fail(`splinter gives other rows over the .evtx than over the XML (${diff.length} difference(s)):\n  ` + diff.slice(0, 20).join('\n  '));
    const r = await run('bench/evtx-read.mjs', [...cliFlags(), EVTX_READ, evtxFile]);
    const m = JSON.parse(r.stdout);
    if (m.records !== opts.count || m.problems !== 0) fail(`the EVTX reader read ${m.records} records (${m.problems} problems), the file has ${opts.count}`);
    evtxReads.push({ seconds: m.seconds, cpuSeconds: m.cpuSeconds, recordsPerSecond: m.records / m.seconds, mbPerSecond: m.bytes / 1e6 / m.seconds });
    log(`  run ${i + 1}: splinter .evtx ${e.seconds.toFixed(2)} s; EVTX reader alone ${m.seconds.toFixed(2)} s (${Math.round(m.records / m.seconds)} records/s)`);
  }
}

// ---------------------------------------------------------------- report
const best = (t) => Math.min(...t);
const sp = best(sides.splinter.times);
const dk = best(sides.duckdb.times);
const ratio = sp / dk;
const pass = ratio <= opts.maxRatio;
const line = (name, t) => `${name.padEnd(16)} ${best(t).toFixed(2).padStart(8)} ${(mb / best(t)).toFixed(1).padStart(8)}   ${t.map((x) => x.toFixed(2)).join(' ')}`;
const cpus = os.cpus();
console.log(`\n${opts.count} events, ${mb.toFixed(1)} MB, ${rows} result rows (same rows, counts and times on both sides)`);
console.log(`node ${process.version}, ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}; DuckDB threads: ${duckInfo.threads}, splinter: 1\n`);
console.log(`${'side'.padEnd(16)} ${'best s'.padStart(8)} ${'MB/s'.padStart(8)}   all runs (s)`);
console.log(line('splinter', sides.splinter.times));
console.log(line(sides.duckdb.label, sides.duckdb.times));
let evtxResult = null;
if (evtxFile) {
  const es = best(sides.evtx.times);
  const rd = evtxReads.reduce((x, y) => (y.seconds < x.seconds ? y : x));
  console.log(`${'splinter .evtx'.padEnd(16)} ${es.toFixed(2).padStart(8)} ${(evtxMb / es).toFixed(1).padStart(8)}   ${sides.evtx.times.map((x) => x.toFixed(2)).join(' ')}   (${evtxMb.toFixed(1)} MB .evtx, same rows as the XML)`);
  console.log(`\nEVTX reader alone (parse and render, one core): ${Math.round(rd.recordsPerSecond).toLocaleString('en-US')} records/s, ${rd.mbPerSecond.toFixed(1)} MB/s (best of ${evtxReads.length}: ${rd.seconds.toFixed(2)} s for ${opts.count} records)`);
  console.log(`search over the .evtx / over the XML: ${(es / sp).toFixed(2)}`);
  evtxResult = {
    file: path.relative(ROOT, evtxFile),
    bytes: Math.round(evtxMb * 1e6),
    search: { seconds: sides.evtx.times, best: es, mbPerSecond: evtxMb / es, ratioToXml: es / sp },
    reader: { runs: evtxReads, best: rd },
  };
}
console.log(`\nratio splinter/DuckDB: ${ratio.toFixed(2)} (max ${opts.maxRatio}) ${pass ? 'OK' : 'TOO SLOW'}`);

const result = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: { model: cpus[0]?.model ?? null, count: cpus.length },
  data: { file: path.relative(ROOT, file), events: opts.count, seed: opts.seed, bytes },
  search: SEARCH,
  resultRows: rows,
  runs: opts.runs,
  splinter: { seconds: sides.splinter.times, best: sp, mbPerSecond: mb / sp },
  duckdb: { version: duckInfo.version, threads: duckInfo.threads, seconds: sides.duckdb.times, best: dk, mbPerSecond: mb / dk },
  evtx: evtxResult,
  ratio,
  maxRatio: opts.maxRatio,
  pass,
};
// ---------------------------------------------------------------- hunt (optional)
// the whole library over the events, read once: wall time (best of the runs), events read per second, and
// the peak RSS as /usr/bin/time reports it (when it is installed)
if (opts.hunt) {
  const events = opts.huntEvents ?? file;
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const times = [];
  let read = 0;
  let rss;
  let account = '';
  for (let i = 0; i < opts.runs; i++) {
    const args = [...cliFlags(), CLI, 'hunt', opts.hunt, '--events', events, '-o', 'json', '--tz', 'UTC'];
    const r = await new Promise((resolve) => {
      const t0 = process.hrtime.bigint();
      const child = timeBin ? spawn(timeBin, ['-f', 'maxrss %M', process.execPath, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      const err = [];
      child.stderr.on('data', (c) => err.push(c));
      child.on('close', (code) => resolve({ code, seconds: Number(process.hrtime.bigint() - t0) / 1e9, stderr: Buffer.concat(err).toString('utf8') }));
    });
    if (r.code !== 0) fail(`splinter hunt exited with ${r.code}\n${r.stderr.slice(-4000)}`);
    times.push(r.seconds);
    read = Number((/splinter hunt: ([\d,]+) events? read/.exec(r.stderr)?.[1] ?? '0').replace(/,/g, ''));
    const m = /maxrss (\d+)/.exec(r.stderr);
    if (m) rss = Math.max(rss ?? 0, Number(m[1]) * 1024);
    account = /detections: .*/.exec(r.stderr)?.[0] ?? '';
  }
  const b = best(times);
  console.log(`\nhunt: ${opts.hunt} over ${path.relative(ROOT, events) || events}: ${read} events, ${account}`);
  console.log(`hunt: best ${b.toFixed(2)} s (${times.map((x) => x.toFixed(2)).join(' ')}), ${Math.round(read / b)} events/s${rss ? `, peak RSS ${Math.round(rss / 1e6)} MB` : ''}`);
  result.hunt = { library: opts.hunt, events: path.relative(ROOT, events) || events, eventsRead: read, seconds: times, best: b, eventsPerSecond: read / b, peakRss: rss ?? null, account };
}
writeFileSync(RESULT, JSON.stringify(result, null, 2) + '\n');
log(`bench: wrote ${path.relative(ROOT, RESULT)}`);
process.exit(pass ? 0 : 1);
