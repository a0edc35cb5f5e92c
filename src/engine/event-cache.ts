/**
 * Events read once and shared by many searches over the same files
 * (`splinter test`, many detections over one data set). An entry holds every
 * event of one input as extracted from its raw text (default fields and raw
 * extractions, before the add-ons' settings, which depend on the search),
 * with what reading it found. Each search gets its own copy of each row, so
 * what one search does to its rows never reaches another (values are
 * immutable; a row copy is shallow).
 *
 * The cache lives as long as the caller keeps it: memory grows with the
 * inputs it holds, which is the trade a caller makes when it runs many
 * searches over the same small files. A single `run` streams and keeps none.
 */
import type { FileReadInfo } from '../io/readers/index.js';
import type { Format, ReadProblem } from '../io/types.js';
import type { Row } from '../values/value.js';

export interface CachedEvent {
  /** the raw text, for the search's raw prefilter */
  readonly raw: string;
  readonly format: Format;
  /** the event after extraction; copy before changing */
  readonly row: Row;
}

export interface CachedInput {
  readonly events: readonly CachedEvent[];
  /** lines or records that could not be read, in order */
  readonly problems: readonly ReadProblem[];
  readonly info: FileReadInfo;
  /** events that had no timestamp (they got the file's modification time) */
  readonly noTime: number;
  /** why each event with an impossible timestamp was given the file's time, in order */
  readonly badTimes: readonly string[];
}

export class EventCache {
  private readonly entries = new Map<string, CachedInput>();

  /** the key of an input: its path and the metadata it was read with */
  static key(path: string, source?: string, sourcetype?: string, host?: string): string {
    return [path, source ?? '', sourcetype ?? '', host ?? ''].join('\u0000');
  }

  get(key: string): CachedInput | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CachedInput): void {
    this.entries.set(key, entry);
  }

  /** inputs held */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
