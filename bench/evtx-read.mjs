#!/usr/bin/env node
// node bench/evtx-read.mjs file.evtx
//
// splinter's EVTX reader alone (dist/io/evtx/reader.js: chunks, records,
// Binary XML rendered to the add-on's one-line XML), over a file read in 1 MiB
// pieces as the CLI reads it. Prints {records, problems, bytes, seconds,
// cpuSeconds} as JSON: the time from the first byte read to the last record,
// without process start.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { EvtxReader } = await import(path.join(ROOT, 'dist', 'io', 'evtx', 'reader.js'));
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/evtx-read.mjs file.evtx\n');
  process.exit(2);
}
let records = 0;
let chars = 0;
let problems = 0;
const piece = Buffer.allocUnsafe(1 << 20);
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const reader = new EvtxReader(
  (r) => {
    records++;
    chars += r.xml.length;
  },
  () => problems++,
);
const fd = openSync(file, 'r');
for (;;) {
  const n = readSync(fd, piece, 0, piece.length, null);
  if (n === 0) break;
  reader.feed(piece.subarray(0, n));
}
reader.end();
closeSync(fd);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ records, problems, chars, bytes: statSync(file).size, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
