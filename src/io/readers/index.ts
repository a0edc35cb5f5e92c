/**
 * Reading a file as a stream of raw events. The file is read in large
 * chunks and split into lines here; the format's assembler turns lines into
 * events. Stopping early (a `break` in `for await`, or `return()` on the
 * iterator) closes the file.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { SplError } from '../../diagnostics/diagnostic.js';
import type { Format, InputFile, RawEvent, ReadProblem } from '../types.js';
import type { Assembler, EmitEvent, EmitProblem } from './assembler.js';
import { isBlank } from './assembler.js';
import { CsvAssembler } from './csv.js';
import { detectFormat, formatForSourcetype } from './detect.js';
import { JsonAssembler } from './json.js';
import { LineSplitter } from './lines.js';
import { TextAssembler } from './text.js';
import { eventStart, XmlAssembler } from './xml.js';

export { detectFormat, formatForSourcetype } from './detect.js';

const CHUNK = 1 << 20;
const LOOKAHEAD = 200;

export function makeAssembler(format: Format, emit: EmitEvent, problem: EmitProblem): Assembler {
  switch (format) {
    case 'XmlWinEventLog':
      return new XmlAssembler(emit, problem);
    case '_json':
      return new JsonAssembler(emit, problem);
    case 'csv':
      return new CsvAssembler(emit, problem);
    case 'text':
      return new TextAssembler(emit);
  }
}

function openError(file: InputFile, err: NodeJS.ErrnoException): SplError {
  const why =
    err.code === 'ENOENT'
      ? 'it does not exist'
      : err.code === 'EACCES' || err.code === 'EPERM'
        ? 'permission denied'
        : err.code === 'EISDIR'
          ? 'it is a folder'
          : err.message;
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
  const splitter = new LineSplitter(onLine);

  const stream: Readable = file.path === '-' ? process.stdin : createReadStream(file.path, { highWaterMark: CHUNK });
  try {
    try {
      for await (const chunk of stream) {
        if (signal?.aborted) return;
        splitter.feed(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
        for (let k = 0; k < out.length; k++) yield out[k];
        out.length = 0;
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err && typeof err.code === 'string') throw openError(file, err);
      throw e;
    }
    splitter.end();
    if (assembler === undefined && pending !== undefined) start(firstGuess ?? 'text');
    (assembler as Assembler | undefined)?.end();
    for (let k = 0; k < out.length; k++) yield out[k];
    out.length = 0;
  } finally {
    if (stream !== process.stdin) stream.destroy();
  }
}
