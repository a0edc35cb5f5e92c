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
 *
 * Two things make many searches over one cache cheap (`splinter hunt`):
 * - dispatch groups: every cached event belongs to the group of events with
 *   the same source, sourcetype and EventCode (DISPATCH_FIELDS). A search
 *   decides once per group whether its first search's conjuncts on those
 *   fields can match (engine/source.ts), and skips the events of the groups
 *   they reject without looking at them;
 * - shared rows: rows derived from the events the same way for every search
 *   (a data model's rows, which tstats reads) are built by the first search
 *   that needs them and handed to the others (`rows`). Their holders only
 *   read them.
 */
import type { FileReadInfo } from '../io/readers/index.js';
import type { Format, ReadProblem } from '../io/types.js';
import type { Row, Value } from '../values/value.js';

/** The fields an event's dispatch group is made of: the ones detections' first searches name to pick their data. */
export const DISPATCH_FIELDS: readonly string[] = ['source', 'sourcetype', 'EventCode'];

export interface CachedEvent {
  /** the raw text, for the search's raw prefilter */
  readonly raw: string;
  readonly format: Format;
  /** the event after extraction; copy before changing */
  readonly row: Row;
  /** its dispatch group (EventCache.groupOf) */
  readonly group: number;
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
  /** the dispatch groups of its events, each once */
  readonly groups: readonly number[];
}

export class EventCache {
  private readonly entries = new Map<string, CachedInput>();
  private readonly groupIds = new Map<string, number>();
  private readonly groupRows: Row[] = [];
  private readonly shared = new Map<string, Promise<readonly Row[]>>();

  /** The dispatch group of an extracted event: one per distinct source, sourcetype and EventCode. */
  groupOf(row: Row): number {
    let key = '';
    for (const f of DISPATCH_FIELDS) {
      const v = row.get(f);
      key += (v === undefined ? '\u0001' : Array.isArray(v) ? v.join('\u0002') : String(v)) + '\u0000';
    }
    let id = this.groupIds.get(key);
    if (id === undefined) {
      id = this.groupRows.length;
      const values: Row = new Map();
      for (const f of DISPATCH_FIELDS) {
        const v = row.get(f);
        if (v !== undefined) values.set(f, v as Value);
      }
      this.groupRows.push(values);
      this.groupIds.set(key, id);
    }
    return id;
  }

  /** A group's values of the dispatch fields (read only). */
  group(id: number): Row {
    return this.groupRows[id];
  }

  /**
   * Rows that every search over the same inputs derives alike, under a key
   * that names the inputs, the time range and what the rows are: built by
   * `make` the first time, the same array afterwards. The rows are shared:
   * read them, never change them.
   */
  rows(key: string, make: () => Promise<Row[]>): Promise<readonly Row[]> {
    let p = this.shared.get(key);
    if (!p) {
      p = make();
      this.shared.set(key, p);
      // a failed build is not kept: the next search tries again and meets the same error itself
      p.catch(() => this.shared.delete(key));
    }
    return p;
  }

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
    this.groupIds.clear();
    this.groupRows.length = 0;
    this.shared.clear();
  }
}
