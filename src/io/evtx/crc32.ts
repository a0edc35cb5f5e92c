/**
 * CRC-32 as EVTX uses it: the RFC 1952 (gzip) polynomial, reflected, with an
 * initial value of 0 (libyal, "Windows XML Event Log (EVTX)", sections
 * "File header" and "Chunk header").
 */
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
  let c = 0xffffffff;
  for (const [start, end] of ranges) {
    for (let i = start; i < end; i++) c = TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}
