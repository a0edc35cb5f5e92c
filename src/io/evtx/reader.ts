/**
 * Reading an EVTX file as a stream: the bytes are fed in whatever pieces the
 * file stream gives; the file header and then each 64 KiB chunk are handled
 * as soon as they are complete, so memory holds one chunk whatever the size
 * of the file. Each record becomes one event: its XML on one line, as
 * Splunk's Windows add-on indexes it with renderXml=true (binxml.ts).
 *
 * Layout from libyal's "Windows XML Event Log (EVTX)" document
 * (libyal/libevtx, documentation/Windows XML Event Log (EVTX).asciidoc):
 * - "File header": signature `ElfFile\0`, header block size at 40 (the
 *   chunks start there, 4096), number of chunks at 42, flags at 120, CRC-32
 *   of the first 120 bytes at 124;
 * - "Chunk header": signature `ElfChnk\0`, free space offset at 48, CRC-32 of
 *   the event records data (512 to the free space offset) at 52, CRC-32 of
 *   bytes 0-120 and 128-512 at 124; records start at 512;
 * - "Event record": signature 2a 2a 00 00, size (of the whole record) at 4,
 *   record identifier at 8, written time (FILETIME) at 16, binary XML from
 *   24, a copy of the size in the last 4 bytes.
 *
 * Damage is reported, never fatal: a chunk with a bad signature or checksum
 * is skipped; a record with a bad signature or a size that does not fit ends
 * the reading of its chunk; a record whose binary XML cannot be read is
 * skipped. Each problem names the byte offset in the file.
 *
 * Recovery (`recover`, off by default): the slack space of each chunk read,
 * from its free space offset to its end, may still hold records (written
 * after the chunk header was last updated, or left from an earlier use of the
 * chunk). As libyal's document says ("Recovery"): a place there holding the
 * record signature and a size that fits, the same size in its last 4 bytes,
 * is a record unless its identifier is that of a record already read (free
 * space often holds former versions of records). Besides, its binary XML must
 * render as an <Event> whose tags are well formed (plausibleEvent) and, when it is a template instance whose definition
 * lies elsewhere in the chunk, the instance's template identifier must be the
 * first 4 bytes of that definition's GUID (so in every record of the 277
 * EVTX-ATTACK-SAMPLES files): a record left from an earlier use of the chunk
 * would otherwise be rendered through whatever template now lies at the
 * offset it names. Such a record is read, counted apart (`recovered`), and the
 * search goes on after it. Slack that is not a record is not a problem.
 */
import { BinXmlError, Chunk, TemplateCache } from './binxml.js';
import { crc32 } from './crc32.js';

export const EVTX_MAGIC = 'ElfFile\u0000';
const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // ElfChnk\0
export const CHUNK_SIZE = 65536;
const CHUNK_HEADER = 512;
const RECORD_HEADER = 24;

/** true when the bytes start with the EVTX file signature */
export function isEvtx(head: Uint8Array): boolean {
  if (head.length < 8) return false;
  for (let i = 0; i < 8; i++) if (head[i] !== EVTX_MAGIC.charCodeAt(i)) return false;
  return true;
}

export interface EvtxRecord {
  /** the record's XML on one line */
  readonly xml: string;
  /** the record identifier (EventRecordID) */
  readonly id: number;
  /** byte offset of the record in the file */
  readonly offset: number;
  /** carved from a chunk's slack space (`recover`) */
  readonly recovered?: boolean;
}

export interface EvtxOptions {
  /** also read records carved from the slack space of chunks */
  readonly recover?: boolean;
}

export type EvtxProblem = (offset: number, reason: string) => void;

export class EvtxReader {
  private header: Uint8Array | undefined;
  private headerFill = 0;
  private headerSize = 4096;
  private declaredChunks = 0;
  private chunk = new Uint8Array(CHUNK_SIZE);
  private chunkFill = 0;
  /** file offset of the chunk being filled */
  private chunkStart = 0;
  /** chunks seen (used or not), and those with a chunk signature */
  chunks = 0;
  written = 0;
  /** records read (recovered ones included) */
  records = 0;
  /** records carved from slack space */
  recovered = 0;
  /** the identifiers of the records read, when recovering */
  private readonly ids = new IdSet();
  /** templates of the chunks read so far */
  private readonly templates = new TemplateCache();

  constructor(
    private readonly emit: (r: EvtxRecord) => void,
    private readonly problem: EvtxProblem,
    private readonly options: EvtxOptions = {},
  ) {}

  feed(buf: Uint8Array): void {
    let p = 0;
    while (p < buf.length) {
      if (this.header === undefined || this.headerFill < this.headerSize) {
        if (this.header === undefined) this.header = new Uint8Array(4096);
        const take = Math.min(this.headerSize - this.headerFill, buf.length - p);
        this.header.set(buf.subarray(p, p + take), this.headerFill);
        this.headerFill += take;
        p += take;
        if (this.headerFill === this.headerSize) this.readHeader();
        continue;
      }
      if (this.chunkFill === 0 && buf.length - p >= CHUNK_SIZE) {
        // a whole chunk in the piece: read where it lies, without a copy
        this.readChunk(buf.subarray(p, p + CHUNK_SIZE), this.chunkStart);
        this.chunkStart += CHUNK_SIZE;
        p += CHUNK_SIZE;
        continue;
      }
      const take = Math.min(CHUNK_SIZE - this.chunkFill, buf.length - p);
      this.chunk.set(buf.subarray(p, p + take), this.chunkFill);
      this.chunkFill += take;
      p += take;
      if (this.chunkFill === CHUNK_SIZE) {
        this.readChunk(this.chunk, this.chunkStart);
        this.chunkStart += CHUNK_SIZE;
        this.chunkFill = 0;
      }
    }
  }

  end(): void {
    if (this.headerFill < this.headerSize) {
      this.problem(0, `the file ends inside its header (${this.headerFill} of ${this.headerSize} bytes): no records read`);
      return;
    }
    if (this.chunkFill > 0 && !allZero(this.chunk, 0, this.chunkFill)) {
      // a cut-off chunk: its whole records are read, the one cut off is reported
      this.problem(this.chunkStart, `the file ends inside a chunk (${this.chunkFill} of ${CHUNK_SIZE} bytes): the records before the cut are read unchecked`);
      if (this.chunkFill >= CHUNK_HEADER) this.readChunk(this.chunk.subarray(0, this.chunkFill), this.chunkStart);
    } else if (this.declaredChunks > 0 && this.chunks < this.declaredChunks) {
      this.problem(42, `the header counts ${this.declaredChunks} chunks but the file holds ${this.chunks}: it was cut off`);
    }
    if (this.written > this.declaredChunks) {
      this.problem(42, `the header counts ${this.declaredChunks} chunk${this.declaredChunks === 1 ? '' : 's'} but the file holds ${this.written} written ones: all were read`);
    }
  }

  private readHeader(): void {
    const h = this.header!;
    const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
    const blockSize = v.getUint16(40, true);
    this.declaredChunks = v.getUint16(42, true);
    const sum = v.getUint32(124, true);
    if (crc32(h, [[0, 120]]) !== sum) this.problem(124, 'the file header checksum does not match: the header is damaged (chunks are read anyway)');
    // libyal, "File flags": 0x0001 is dirty (the log was not closed; its header counts may be stale)
    if (v.getUint32(120, true) & 1) this.problem(120, 'the file header is marked dirty (the log was not closed cleanly): every chunk is read, whatever the header counts');
    if (this.headerSize === 4096 && blockSize > 4096 && blockSize % 4096 === 0 && blockSize <= 1 << 20) {
      // chunks start at the header block size; the rest of the block is read as header
      const bigger = new Uint8Array(blockSize);
      bigger.set(h);
      this.header = bigger;
      this.headerSize = blockSize;
    }
    this.chunkStart = this.headerSize;
  }

  private readChunk(b: Uint8Array, at: number): void {
    this.chunks++;
    let magic = true;
    for (let i = 0; i < 8; i++) if (b[i] !== CHUNK_MAGIC[i]) magic = false;
    if (magic) this.written++;
    if (!magic) {
      // chunks allocated but never written are all zero: not a problem
      if (!allZero(b, 0, CHUNK_HEADER)) this.problem(at, 'chunk signature is not ElfChnk: chunk skipped');
      return;
    }
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (crc32(b, [[0, 120], [128, CHUNK_HEADER]]) !== v.getUint32(124, true)) {
      this.problem(at, 'chunk header checksum does not match: chunk skipped');
      return;
    }
    const cut = b.length < CHUNK_SIZE;
    let free = v.getUint32(48, true);
    if (free < CHUNK_HEADER || free > CHUNK_SIZE) {
      this.problem(at + 48, `chunk free space offset ${free} is outside the chunk: chunk skipped`);
      return;
    }
    if (cut) {
      // the records checksum covers bytes that are missing: records up to the cut are read without it
      if (free > b.length) {
        let end = CHUNK_HEADER;
        while (end + RECORD_HEADER <= b.length && b[end] === 0x2a && b[end + 1] === 0x2a) {
          const size = v.getUint32(end + 4, true);
          if (size < RECORD_HEADER + 4 || end + size > b.length) break;
          end += size;
        }
        if (end < free) this.problem(at + end, 'a record is cut off by the end of the file: skipped');
        free = end;
      }
    } else if (crc32(b, [[CHUNK_HEADER, free]]) !== v.getUint32(52, true)) {
      this.problem(at + 52, 'chunk records checksum does not match: chunk skipped');
      return;
    }
    const chunk = new Chunk(b, this.templates);
    this.readRecords(chunk, v, at, free);
    if (this.options.recover) this.carve(chunk, v, at, free);
  }

  /** The records of a chunk, from its header to its free space offset. */
  private readRecords(chunk: Chunk, v: DataView, at: number, free: number): void {
    const b = chunk.buf;
    let pos = CHUNK_HEADER;
    while (pos + RECORD_HEADER <= free) {
      if (b[pos] !== 0x2a || b[pos + 1] !== 0x2a || b[pos + 2] !== 0 || b[pos + 3] !== 0) {
        this.problem(at + pos, 'no record signature where a record should start: the rest of the chunk is skipped');
        return;
      }
      const size = v.getUint32(pos + 4, true);
      if (size < RECORD_HEADER + 4) {
        this.problem(at + pos, `record size ${size} is too small: the rest of the chunk is skipped`);
        return;
      }
      if (pos + size > free) {
        this.problem(at + pos, `record size ${size} runs past the records of its chunk: the rest of the chunk is skipped`);
        return;
      }
      const id = v.getUint32(pos + 8, true) + v.getUint32(pos + 12, true) * 4294967296;
      if (v.getUint32(pos + size - 4, true) !== size) {
        this.problem(at + pos, `record ${id}: the copy of its size at its end does not match: record skipped`);
      } else {
        try {
          const xml = chunk.render(pos + RECORD_HEADER, pos + size - 4);
          if (this.options.recover) this.ids.add(id);
          this.records++;
          this.emit({ xml, id, offset: at + pos });
        } catch (e) {
          // the fault's place when it lies in the record, else the record's start
          if (e instanceof BinXmlError) this.problem(at + (e.offset > pos && e.offset < pos + size ? e.offset : pos), `record ${id}: ${e.message}: record skipped`);
          // a read past the chunk that no check caught first (DataView's RangeError) is damage too
          else if (e instanceof RangeError) this.problem(at + pos, `record ${id}: its binary XML points outside its chunk: record skipped`);
          else throw e;
        }
      }
      pos += size;
    }
  }

  /** Records in the chunk's slack space, from `from` to its end (see the top of this file). */
  private carve(chunk: Chunk, v: DataView, at: number, from: number): void {
    const b = chunk.buf;
    let pos = from;
    while (pos + RECORD_HEADER + 4 <= b.length) {
      const i = b.indexOf(0x2a, pos);
      if (i < 0 || i + RECORD_HEADER + 4 > b.length) return;
      pos = i + 1;
      if (b[i + 1] !== 0x2a || b[i + 2] !== 0 || b[i + 3] !== 0) continue;
      const size = v.getUint32(i + 4, true);
      if (size < RECORD_HEADER + 4 || i + size > b.length || v.getUint32(i + size - 4, true) !== size) continue;
      const id = v.getUint32(i + 8, true) + v.getUint32(i + 12, true) * 4294967296;
      if (this.ids.has(id) || !templateIdMatches(b, v, i + RECORD_HEADER)) continue;
      let xml: string;
      try {
        xml = chunk.render(i + RECORD_HEADER, i + size - 4);
      } catch (e) {
        if (e instanceof BinXmlError || e instanceof RangeError) continue;
        throw e;
      }
      if (!plausibleEvent(xml)) continue;
      this.ids.add(id);
      this.records++;
      this.recovered++;
      this.emit({ xml, id, offset: at + i, recovered: true });
      pos = i + size;
    }
  }
}

/**
 * The binary XML at `p` is not a template instance (fragment header, then
 * token 0x0c, an unknown byte, the template identifier, the definition
 * offset), or is one whose definition lies at the offset and begins (after its
 * next-offset field) with a GUID whose first 4 bytes are the identifier.
 */
function templateIdMatches(b: Uint8Array, v: DataView, p: number): boolean {
  if (b[p] === 0x0f) p += 4;
  if (p + 10 > b.length || b[p] !== 0x0c) return true;
  const def = v.getUint32(p + 6, true);
  return def + 8 <= b.length && v.getUint32(def + 4, true) === v.getUint32(p + 2, true);
}

/**
 * [decision] What is carved must look like an event, not like slack bytes
 * rendered through names and templates that have since been overwritten:
 * `<Event`, no control characters, and every tag an XML name with attributes
 * `name='value'` (text and values are escaped, so `<` and `'` only delimit).
 */
function plausibleEvent(xml: string): boolean {
  if (!xml.startsWith('<Event') || CONTROL.test(xml)) return false;
  for (const m of xml.matchAll(TAG)) {
    const t = m[1];
    if (t[0] === '!' || t[0] === '?') continue;
    if (!TAG_BODY.test(t)) return false;
  }
  return true;
}
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;
const TAG = /<([^<>]*)>/g;
const TAG_BODY = /^\/?[A-Za-z_][\w.:-]*(?: [A-Za-z_][\w.:-]*='[^'<>]*')*\/?$/;

/** A set of record identifiers, kept as sorted ranges (a log's identifiers run in sequence: a few ranges). */
class IdSet {
  /** [first, last] pairs, sorted, apart by at least one */
  private readonly r: number[] = [];

  /** index of the first range whose last is >= id */
  private find(id: number): number {
    let lo = 0;
    let hi = this.r.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.r[2 * mid + 1] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(id: number): boolean {
    const k = this.find(id);
    return 2 * k < this.r.length && this.r[2 * k] <= id;
  }

  add(id: number): void {
    const r = this.r;
    const k = this.find(id);
    if (2 * k < r.length && r[2 * k] <= id) return;
    const joinsPrev = k > 0 && r[2 * k - 1] === id - 1;
    const joinsNext = 2 * k < r.length && r[2 * k] === id + 1;
    if (joinsPrev && joinsNext) {
      r[2 * k - 1] = r[2 * k + 1];
      r.splice(2 * k, 2);
    } else if (joinsPrev) r[2 * k - 1] = id;
    else if (joinsNext) r[2 * k] = id;
    else r.splice(2 * k, 0, id, id);
  }
}

function allZero(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== 0) return false;
  return true;
}
