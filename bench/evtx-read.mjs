#!/usr/bin/env node
// node bench/evtx-read.mjs file.evtx
// node bench/evtx-read.mjs --samples <folder> [seconds]
//
// splinter's EVTX reader alone (dist/io/evtx/reader.js: chunks, records,
// Binary XML rendered to the add-on's one-line XML), over a file read in 1 MiB
// pieces as the CLI reads it. Prints {records, problems, bytes, seconds,
// cpuSeconds} as JSON: the time from the first byte read to the last record,
// without process start.
//
// --samples: the .evtx files of a folder (such as ../shared/corpus/evtx-attack-samples)
// whose records are all Sysmon, or all Security: the written chunks of each
// kind, put one after the other behind a file header, read over and over for
// `seconds` (default 5) in passes; prints records/s and MB/s of the best pass
// (wall clock) and over all passes (process CPU time), per kind.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { EvtxReader } = await import(path.join(ROOT, 'dist', 'io', 'evtx', 'reader.js'));
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/evtx-read.mjs file.evtx | --samples <folder> [seconds]\n');
  process.exit(2);
}
if (file === '--samples') {
  samples(process.argv[3], Number(process.argv[4] ?? 5));
  process.exit(0);
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

function samples(dir, seconds) {
  const files = (d, out = []) => {
    for (const f of readdirSync(d).sort()) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) files(p, out);
      else if (f.toLowerCase().endsWith('.evtx')) out.push(p);
    }
    return out;
  };
  const kinds = { Sysmon: [], Security: [] };
  const channel = { Sysmon: '<Channel>Microsoft-Windows-Sysmon/Operational</Channel>', Security: '<Channel>Security</Channel>' };
  for (const f of files(dir)) {
    const buf = readFileSync(f);
    const seen = { Sysmon: 0, Security: 0, all: 0 };
    const r = new EvtxReader(
      (rec) => {
        seen.all++;
        for (const k of Object.keys(channel)) if (rec.xml.includes(channel[k])) seen[k]++;
      },
      () => {},
    );
    r.feed(buf);
    r.end();
    const kind = Object.keys(channel).find((k) => seen.all > 0 && seen[k] === seen.all);
    if (kind === undefined) continue;
    const block = buf.readUInt16LE(40) || 4096;
    for (let at = block; at + 65536 <= buf.length; at += 65536) {
      if (buf.toString('latin1', at, at + 8) === 'ElfChnk\0') kinds[kind].push(buf.subarray(at, at + 65536));
    }
  }
  for (const [kind, chunks] of Object.entries(kinds)) {
    const head = Buffer.alloc(4096);
    head.write('ElfFile\0', 0, 'latin1');
    head.writeUInt16LE(4096, 40);
    head.writeUInt16LE(Math.min(chunks.length, 65535), 42);
    const all = Buffer.concat([head, ...chunks]);
    let records = 0;
    let passes = 0;
    let best = Infinity;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    do {
      const p0 = process.hrtime.bigint();
      let n = 0;
      const r = new EvtxReader(() => n++, () => {});
      for (let at = 0; at < all.length; at += 1 << 20) r.feed(all.subarray(at, at + (1 << 20)));
      r.end();
      records = n;
      passes++;
      best = Math.min(best, Number(process.hrtime.bigint() - p0) / 1e9);
    } while (Number(process.hrtime.bigint() - t0) / 1e9 < seconds);
    const cpu = process.cpuUsage(c0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const mb = all.length / 1e6;
    console.log(
      `${kind}: ${chunks.length} chunks, ${records} records, ${mb.toFixed(1)} MB; best pass ${Math.round(records / best).toLocaleString('en-US')} records/s, ${(mb / best).toFixed(1)} MB/s; ` +
        `all ${passes} passes by CPU time ${Math.round((records * passes) / cpuSeconds).toLocaleString('en-US')} records/s`,
    );
  }
}
