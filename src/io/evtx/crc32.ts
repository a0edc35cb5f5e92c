/**
 * CRC-32 as EVTX uses it: the RFC 1952 (gzip) polynomial, reflected, with an
 * initial value of 0 (libyal, "Windows XML Event Log (EVTX)", sections
 * "File header" and "Chunk header").
 */
import * as zlib from 'node:zlib';

/** node's own CRC-32 (zlib.crc32, Node 20.15 and later; chained through its second argument), when there is one */
const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of the given byte ranges, in order, as one run. */
export function crc32(buf: Uint8Array, ranges: readonly (readonly [number, number])[]): number {
  if (typeof native === 'function') {
    let v = 0;
    for (const [start, end] of ranges) v = native(buf.subarray(start, end), v);
    return v >>> 0;
  }
  return crc32Table(buf, ranges);
}

/** The same CRC-32 computed here, byte by byte from a table (for a Node without zlib.crc32). */
export function crc32Table(buf: Uint8Array, ranges: readonly (readonly [number, number])[]): number {
  let c = 0xffffffff;
  for (const [start, end] of ranges) {
    for (let i = start; i < end; i++) c = TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}
