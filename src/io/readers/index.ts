/**
 * Reading a file as a stream of raw events. The file is read in large
 * chunks and split into lines here; the format's assembler turns lines into
 * events. Stopping early (a `break` in `for await`, or `return()` on the
 * iterator) closes the file.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SplError } from '../../diagnostics/diagnostic.js';
import type { Format, InputFile, RawEvent, ReadProblem } from '../types.js';
import type { Assembler, EmitEvent, EmitProblem } from './assembler.js';
import { isBlank } from './assembler.js';
import { CsvAssembler } from './csv.js';
import { detectFormat, formatForSourcetype } from './detect.js';
import { JsonAssembler } from './json.js';
import { LineSplitter, textLines } from './lines.js';
import { TextAssembler } from './text.js';
import { eventStart, XmlAssembler } from './xml.js';
import { EvtxReader, isEvtx } from '../evtx/reader.js';

export { detectFormat, formatForSourcetype } from './detect.js';

const CHUNK = 1 << 20;
const LOOKAHEAD = 200;

/** What a reader found out about one file (filled while it reads). */
export interface FileReadInfo {
  /** how the file was split into events */
  format?: Format;
  /** `#` comment lines between Windows events (not events, not problems) */
  comments: number;
  /** lines read */
  lines: number;
  /** the file was gzip-compressed */
  gzip: boolean;
  /** bytes of the file read so far (as stored: compressed for a .gz), for progress */
  bytes?: number;
  /** the file is a Windows event log (.evtx, found by its signature) */
  evtx?: boolean;
  /** .evtx records carved from slack space (InputFile.recover), among the events */
  recovered?: number;
}

export function makeAssembler(format: Format, emit: EmitEvent, problem: EmitProblem): Assembler {
  switch (format) {
    case 'XmlWinEventLog':
    case 'WinEventLog':
      return new XmlAssembler(emit, problem);
    case '_json':
      return new JsonAssembler(emit, problem);
    case 'csv':
      return new CsvAssembler(emit, problem);
    case 'text':
      return new TextAssembler(emit);
  }
}

function openReason(err: NodeJS.ErrnoException): string {
  return err.code === 'ENOENT'
      ? 'it does not exist'
      : err.code === 'EACCES' || err.code === 'EPERM'
        ? 'permission denied'
        : err.code === 'EISDIR'
          ? 'it is a folder'
          : err.message;
}

function openError(file: InputFile, err: NodeJS.ErrnoException): SplError {
  const why = openReason(err);
  return new SplError({
    stage: 'input',
    message: `cannot read ${file.path}: ${why}`,
    hint: err.code === 'EISDIR' ? 'give the folder itself as an input: its files are read recursively' : undefined,
  });
}

/**
 * The events of one file, in file order. `onProblem` hears about lines that
 * could not be read (the reading goes on). The format comes from
 * `file.sourcetype` when it names one, else from the first non-blank line;
 * `onFormat` (if given) is told which before the first event.
 */
export async function* readEvents(
  file: InputFile,
  onProblem: (p: ReadProblem) => void,
  signal?: AbortSignal,
  onFormat?: (f: Format) => void,
  info?: FileReadInfo,
): AsyncGenerator<RawEvent, void, undefined> {
  const out: RawEvent[] = [];
  const emit: EmitEvent = (e) => {
    out.push(e);
  };
  const problem: EmitProblem = (line, reason) => onProblem({ file: file.path, line, reason });
  let assembler: Assembler | undefined;
  const given = file.sourcetype !== undefined ? formatForSourcetype(file.sourcetype) : undefined;
  let utf8Reported = 0;

  // Detection: the first non-blank line decides, except that a file whose
  // first line looks like plain text is read as XmlWinEventLog when an
  // `<Event` line follows within the first LOOKAHEAD lines (files that mix
  // classic WinEventLog text with XML events).
  let pending: [string, number][] | undefined;
  let firstGuess: Format | undefined;
  const start = (format: Format): void => {
    onFormat?.(format);
    if (info) info.format = format;
    assembler = makeAssembler(format, emit, problem);
    if (pending !== undefined) {
      const lines = pending;
      pending = undefined;
      for (const [t, n] of lines) assembler.line(t, n);
    }
  };
  const onLine = (text: string, lineNo: number): void => {
    if (text.indexOf('\uFFFD') >= 0 && utf8Reported < 100) {
      utf8Reported++;
      problem(lineNo, 'invalid UTF-8 bytes, shown as U+FFFD');
    }
    if (assembler === undefined) {
      if (given !== undefined) start(given);
      else if (pending === undefined) {
        if (isBlank(text)) return;
        firstGuess = detectFormat(text);
        if (firstGuess !== 'text') start(firstGuess);
        else pending = [];
      } else if (eventStart(text) >= 0) start('XmlWinEventLog');
      else if (pending.length >= LOOKAHEAD) start(firstGuess ?? 'text');
      if (assembler === undefined) {
        pending!.push([text, lineNo]);
        return;
      }
    }
    assembler!.line(text, lineNo);
  };
  const finish = (lines: number): void => {
    if (info) info.lines = lines;
    if (assembler === undefined && pending !== undefined) start(firstGuess ?? 'text');
    (assembler as Assembler | undefined)?.end();
    if (info && assembler instanceof XmlAssembler) info.comments = assembler.comments;
  };

  if (file.text !== undefined) {
    // held in memory (no file, no gzip, no binary check): the same lines, a few events at a time
    let count = 0;
    for (const [t, n] of textLines(file.text)) {
      if (signal?.aborted) return;
      count = n;
      onLine(t, n);
      for (let k = 0; k < out.length; k++) yield out[k];
      out.length = 0;
    }
    finish(count);
    for (let k = 0; k < out.length; k++) yield out[k];
    out.length = 0;
    return;
  }

  const splitter = new LineSplitter(onLine);
  const stream: Readable = file.path === '-' ? process.stdin : createReadStream(file.path, { highWaterMark: CHUNK });
  let evtx: EvtxReader | undefined;
  try {
    try {
      let firstChunk = true;
      for await (const chunk of decompressed(stream, info)) {
        if (signal?.aborted) return;
        if (firstChunk) {
          firstChunk = false;
          if (isEvtx(chunk)) {
            // a Windows event log, whatever its name: each record becomes an XmlWinEventLog event
            if (info) {
              info.evtx = true;
              info.format = 'XmlWinEventLog';
            }
            onFormat?.('XmlWinEventLog');
            let n = 0;
            evtx = new EvtxReader(
              (r) => out.push({ raw: r.xml, line: ++n, format: 'XmlWinEventLog' }),
              (offset, reason) => onProblem({ file: file.path, line: 0, offset, reason }),
              { recover: file.recover === true },
            );
          } else if (/\.evtx$/i.test(file.path)) {
            const reason = 'is named .evtx but is not a Windows event log (it does not start with the EVTX signature ElfFile)';
            if (!file.inFolder) throw new SplError({ stage: 'input', message: `${file.path} ${reason}`, hint: 'give the .evtx file as copied from C:\\Windows\\System32\\winevt\\Logs, or rename a file that is text' });
            problem(0, `${reason}: not read`);
            return;
          } else {
            const why = binaryReason(chunk);
            if (why !== undefined) {
              problem(1, why);
              return;
            }
          }
        }
        if (evtx !== undefined) evtx.feed(chunk);
        else splitter.feed(chunk);
        if (info) info.bytes = (stream as { bytesRead?: number }).bytesRead ?? (info.bytes ?? 0) + chunk.length;
        for (let k = 0; k < out.length; k++) yield out[k];
        out.length = 0;
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err && typeof err.code === 'string' && err.code.startsWith('Z_')) {
        // corrupt or cut-off gzip data: what was read so far stands
        problem(splitter.lines + 1, `gzip data is corrupt or cut off (${err.message}); the rest of the file is skipped`);
      } else if (err && typeof err.code === 'string') {
        // a file found in a folder that cannot be read is one skipped input, not the end of the run
        if (!file.inFolder) throw openError(file, err);
        problem(0, `cannot read this file: ${openReason(err)}; skipped`);
        return;
      }
      else throw e;
    }
    if (evtx !== undefined) {
      evtx.end();
      if (info && file.recover) info.recovered = evtx.recovered;
    } else {
      splitter.end();
      finish(splitter.lines);
    }
    for (let k = 0; k < out.length; k++) yield out[k];
    out.length = 0;
  } finally {
    if (stream !== process.stdin) stream.destroy();
  }
}

/**
 * The bytes of a file; gzip-compressed data (magic bytes 1f 8b, whatever the
 * file's name) is decompressed on the way, as Splunk's file monitor does for
 * .gz files.
 */
async function* decompressed(stream: Readable, info: FileReadInfo | undefined): AsyncGenerator<Buffer, void, undefined> {
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head: Buffer = typeof first.value === 'string' ? Buffer.from(first.value) : (first.value as Buffer);
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    if (info) info.gzip = true;
    const rest = Readable.from(
      (async function* () {
        yield head;
        for (;;) {
          const n = await it.next();
          if (n.done) return;
          yield typeof n.value === 'string' ? Buffer.from(n.value) : (n.value as Buffer);
        }
      })(),
    );
    const gunzip = createGunzip();
    rest.on('error', (e) => gunzip.destroy(e));
    for await (const c of rest.pipe(gunzip)) yield c as Buffer;
    return;
  }
  yield head;
  for (;;) {
    const n = await it.next();
    if (n.done) return;
    yield typeof n.value === 'string' ? Buffer.from(n.value) : (n.value as Buffer);
  }
}

/**
 * Splunk does not index a file that looks binary (props.conf NO_BINARY_CHECK
 * = false by default: the file is skipped as binary). The test here: NUL
 * bytes and more than 5% control bytes in the first 4 KB; UTF-16 text (which
 * has NULs) gets its own reason, as it needs converting to UTF-8 first.
 */
function binaryReason(head: Buffer): string | undefined {
  const n = Math.min(head.length, 4096);
  const nul = head.subarray(0, n).indexOf(0);
  if (nul < 0) return undefined;
  // a stray line of junk in a text file is a problem of that line, not a binary file:
  // binary means NULs and more than 5% control bytes in the first 4 KB
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 127) control++;
  }
  if (control * 20 <= n) return undefined;
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return 'the file is UTF-16 text: not read (convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8)';
  }
  return 'the file looks binary (NUL bytes in its first 4 KB): not read, as Splunk skips binary files';
}
