/**
 * Types shared by the input side: files to read, raw events, problems.
 */

/** How a file's text is split into events and which extraction runs on them. */
export type Format = 'XmlWinEventLog' | 'WinEventLog' | '_json' | 'csv' | 'text';

export interface InputFile {
  /** path as found (relative or absolute), or `-` for standard input */
  readonly path: string;
  /** modification time in epoch seconds (standard input: when reading started) */
  readonly mtime: number;
  /** size in bytes when known */
  readonly size?: number;
  /** sourcetype given by the user for this file; when absent the format is detected */
  readonly sourcetype?: string;
  /** found inside a folder or by a glob (not named by the user): when it cannot be opened it is reported and skipped, not fatal */
  readonly inFolder?: boolean;
  /** an .evtx file: also read the records carved from the slack space of its chunks (--recover) */
  readonly recover?: boolean;
  /**
   * The content, when it is held in memory rather than in a file (the
   * playground's pasted events): its lines go through the same assemblers
   * and extraction as a file's, and `path` only names it.
   */
  readonly text?: string;
}

export interface RawEvent {
  /** the event text as in the file (lines of a multi-line event joined with \n) */
  readonly raw: string;
  /** 1-based line where the event starts */
  readonly line: number;
  /** how the event was read (decides the extraction) */
  readonly format: Format;
  /** _json: the parsed object (the reader has already parsed it once) */
  readonly json?: unknown;
  /** csv: the header names and this record's cells, in order */
  readonly header?: readonly string[];
  readonly cells?: readonly string[];
}

export interface ReadProblem {
  readonly file: string;
  /** 1-based line; 0 for a problem with the whole file or one found by byte offset */
  readonly line: number;
  /** byte offset in the file (binary inputs such as .evtx, whose problems have no line) */
  readonly offset?: number;
  readonly reason: string;
}
