/**
 * The events source: reads every input file, turns raw events into rows
 * (raw extraction, then the add-ons' aliases, calculated fields and lookups),
 * keeps the events inside the time range, and emits them in batches.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { extract } from '../io/extract.js';
import { profileFor, profileTargets } from '../io/profiles/index.js';
import { rawFilter } from '../search/rawfilter.js';
import { readEvents, type FileReadInfo } from '../io/readers/index.js';
import type { InputFile, ReadProblem } from '../io/types.js';
import { compileProfiles, type RowProcessor } from '../searchtime/apply.js';
import { compileKnowledge, isKnowledgeField, knowledgeWith } from '../searchtime/eventtypes.js';
import type { SearchExpr } from '../ast/nodes.js';
import { compileSearch, searchFields, type RowPredicate } from '../search/predicate.js';
import type { Row } from '../values/value.js';
import { DISPATCH_FIELDS, EventCache, type CachedEvent } from './event-cache.js';
import { BATCH_SIZE, type RowStream, type RunContext } from './types.js';

export interface EventInput {
  readonly file: InputFile;
  readonly source?: string;
  readonly sourcetype?: string;
  readonly host?: string;
}

export interface SourceStats {
  files: number;
  events: number;
  problems: number;
  /** per input file, in reading order (filled when present) */
  perFile?: FileSummary[];
  /** bytes of the files read to their end, and what the file being read has read so far (progress) */
  bytes?: number;
  reading?: FileReadInfo;
  /**
   * Events of the data the search reads, once it has looked at any: for a
   * search over cached events, those in the time range whose dispatch group
   * its first search's conjuncts on source, sourcetype and EventCode admit;
   * for tstats over a shared data model, the model's rows. `splinter hunt`
   * tells "no data" (0) from "no rows" with it. Undefined: not counted.
   */
  relevant?: number;
}

/** What was read from one file (for the CLI's per-file summary). */
export interface FileSummary {
  readonly path: string;
  /** the reader's format, and the sourcetypes of the events extracted */
  format?: string;
  sourcetypes: Map<string, number>;
  events: number;
  problems: number;
  comments: number;
  gzip: boolean;
  /** events without a timestamp (they got the file's modification time) */
  noTime: number;
  /** .evtx records carved from slack space (--recover), among `events` */
  recovered?: number;
  /** events whose timestamp is an impossible date (they got the file's modification time too), and the first reason */
  badTime?: number;
  badTimeExample?: string;
  readonly mtime: number;
}

export interface SourceOptions {
  readonly inputs: readonly EventInput[];
  readonly earliest?: number;
  readonly latest?: number;
  /** the first search's expression: the parts that read only raw extractions run before the add-ons' settings */
  readonly filter?: SearchExpr;
  /** the fields the pipeline can use (undefined: all) */
  readonly fields?: ReadonlySet<string>;
  readonly onProblem?: (p: ReadProblem) => void;
  readonly stats?: SourceStats;
  /** events already read by an earlier search over the same inputs, and where this one leaves what it reads */
  readonly cache?: EventCache;
}

export function eventsSource(opts: SourceOptions, ctx: RunContext): RowStream {
  const processors = new Map<string, Processor>();
  // eventtypes and tags (after the add-ons' lookups) only when the search can see them
  const knowledge = !opts.fields || [...opts.fields].some(isKnowledgeField) ? compileKnowledge(ctx, knowledgeWith(ctx.knowledge)) : undefined;
  const needed = opts.fields && knowledge ? new Set([...opts.fields, ...knowledge.reads]) : opts.fields;
  // events of one file share their source and sourcetype: remember the last pair to skip the key string
  let lastSource: string | undefined;
  let lastSourcetype: string | undefined;
  let lastProcessor: Processor | undefined;
  const processorFor = (source: string, sourcetype: string): Processor => {
    if (source === lastSource && sourcetype === lastSourcetype) return lastProcessor!;
    const key = source + '\u0000' + sourcetype;
    let p = processors.get(key);
    if (!p) {
      const compiled = compileProfiles(profileFor(source, sourcetype), ctx, needed);
      const late = knowledge ? new Set([...compiled.targets, 'eventtype', 'tag']) : compiled.targets;
      const early = opts.filter ? earlyPredicate(opts.filter, late, ctx) : undefined;
      const dispatch = opts.filter && opts.cache ? earlyPredicate(opts.filter, late, ctx, DISPATCH) : undefined;
      const process: RowProcessor = knowledge
        ? (row) => {
            compiled.process(row);
            knowledge.process(row);
          }
        : compiled.process;
      p = { process, ...(early ? { early } : {}), ...(dispatch ? { dispatch } : {}) };
      processors.set(key, p);
    }
    lastSource = source;
    lastSourcetype = sourcetype;
    lastProcessor = p;
    return p;
  };
  // metadata and the add-ons' calculated fields are not pieces of the raw text
  const notVerbatim = new Set([...profileTargets(), '_time', 'host', 'source', 'sourcetype', 'index', 'splunk_server', 'linecount', 'punct', 'eventtype', 'tag']);
  const xmlRawTest = opts.filter ? rawFilter(opts.filter, (f) => !notVerbatim.has(f) && !f.startsWith('_') && !isKnowledgeField(f)) : undefined;
  const anyRawTest = opts.filter ? rawFilter(opts.filter, () => false) : undefined;
  const stats = opts.stats;
  const onProblem = opts.onProblem ?? ((p: ReadProblem) => ctx.notify(problemNotice(p)));
  // per dispatch group of the cache: whether the first search's dispatch conjuncts admit it (filled as groups are met)
  const admits: (boolean | undefined)[] = [];
  return {
    async *[Symbol.asyncIterator]() {
      let batch: Row[] = [];
      // the row of an extracted event, through the time range, the early conjuncts and the add-ons' settings
      const admit = (row: Row, summary: FileSummary | undefined): boolean => {
        if (summary) {
          const st = row.get('sourcetype') as string;
          summary.sourcetypes.set(st, (summary.sourcetypes.get(st) ?? 0) + 1);
        }
        const time = row.get('_time') as number;
        if (opts.earliest !== undefined && !(time >= opts.earliest)) return false;
        if (opts.latest !== undefined && !(time < opts.latest)) return false;
        const p = processorFor(row.get('source') as string, row.get('sourcetype') as string);
        if (p.early && !p.early(row)) return false;
        p.process(row);
        return true;
      };
      for (const input of opts.inputs) {
        if (stats) stats.files++;
        const summary: FileSummary | undefined = stats?.perFile ? { path: input.file.path, sourcetypes: new Map(), events: 0, problems: 0, comments: 0, gzip: false, noTime: 0, mtime: input.file.mtime } : undefined;
        if (summary) stats!.perFile!.push(summary);
        const problem = (p: ReadProblem) => {
          if (stats) stats.problems++;
          if (summary) summary.problems++;
          onProblem(p);
        };
        const key = opts.cache ? EventCache.key(input.file.path, input.source, input.sourcetype, input.host) : undefined;
        const cached = key !== undefined ? opts.cache!.get(key) : undefined;
        let info: FileReadInfo;
        if (cached) {
          cached.problems.forEach(problem);
          if (summary) {
            summary.noTime += cached.noTime;
            for (const why of cached.badTimes) badTime(summary, why);
          }
          // dispatch: whole groups of events the first search cannot match are skipped unseen (not under a
          // per-file summary, which counts the sourcetypes of every event it looks at)
          const dispatching = !summary;
          if (stats) stats.relevant ??= 0;
          const admitted = (group: number): boolean => {
            let ok = admits[group];
            if (ok === undefined) {
              const g = opts.cache!.group(group);
              const p = processorFor(g.get('source') as string, g.get('sourcetype') as string);
              ok = admits[group] = !p.dispatch || p.dispatch(g);
            }
            return ok;
          };
          // an input none of whose groups is admitted is passed over whole
          const events = dispatching && !cached.groups.some(admitted) ? [] : cached.events;
          if (stats) stats.events += cached.events.length - events.length;
          for (const ev of events) {
            if (stats) stats.events++;
            if (summary) summary.events++;
            if (dispatching) {
              if (!admitted(ev.group)) continue;
              if (stats) {
                const time = ev.row.get('_time') as number;
                if ((opts.earliest === undefined || time >= opts.earliest) && (opts.latest === undefined || time < opts.latest)) stats.relevant!++;
              }
            }
            const rawTest = ev.format === 'XmlWinEventLog' ? xmlRawTest : anyRawTest;
            if (rawTest && !rawTest(ev.raw)) continue;
            const row: Row = new Map(ev.row);
            if (!admit(row, summary)) continue;
            batch.push(row);
            if (batch.length >= BATCH_SIZE) {
              yield batch;
              batch = [];
            }
          }
          info = cached.info;
        } else {
          info = { comments: 0, lines: 0, gzip: false };
          if (stats) stats.reading = info;
          // with a cache, every event is extracted and kept whole for the searches after this one
          const keep: CachedEvent[] | undefined = key !== undefined ? [] : undefined;
          const problems: ReadProblem[] = [];
          let noTime = 0;
          const badTimes: string[] = [];
          const meta = {
            file: input.file,
            ...(input.source ? { source: input.source } : {}),
            ...(input.sourcetype ? { sourcetype: input.sourcetype } : {}),
            ...(input.host ? { host: input.host } : {}),
            tz: ctx.tz,
            onNoTime: () => {
              noTime++;
              if (summary) summary.noTime++;
            },
            onBadTime: (why: string) => {
              if (keep) badTimes.push(why);
              if (summary) badTime(summary, why);
            },
          };
          for await (const raw of readEvents(
            input.file,
            (p) => {
              if (keep) problems.push(p);
              problem(p);
            },
            undefined,
            undefined,
            info,
          )) {
            if (stats) stats.events++;
            if (summary) summary.events++;
            const rawTest = raw.format === 'XmlWinEventLog' ? xmlRawTest : anyRawTest;
            let row: Row;
            if (keep) {
              const base: Row = new Map();
              extract(raw, meta, base);
              keep.push({ raw: raw.raw, format: raw.format, row: base, group: opts.cache!.groupOf(base) });
              if (rawTest && !rawTest(raw.raw)) continue;
              row = new Map(base);
            } else {
              if (rawTest && !rawTest(raw.raw)) continue;
              row = new Map();
              extract(raw, meta, row);
            }
            if (!admit(row, summary)) continue;
            batch.push(row);
            if (batch.length >= BATCH_SIZE) {
              yield batch;
              batch = [];
            }
          }
          // only a file read to its end is kept (a search that stops early, as head does, reads part of it)
          if (keep) opts.cache!.set(key!, { events: keep, problems, info, noTime, badTimes, groups: [...new Set(keep.map((e) => e.group))] });
        }
        if (stats) {
          stats.bytes = (stats.bytes ?? 0) + (info.bytes ?? input.file.size ?? 0);
          stats.reading = undefined;
        }
        if (summary) {
          summary.comments = info.comments;
          summary.gzip = info.gzip;
          if (info.format !== undefined) summary.format = info.evtx ? `EVTX (${info.format})` : info.format;
          if (info.recovered !== undefined) summary.recovered = info.recovered;
        }
      }
      if (batch.length) yield batch;
    },
  };
}

/** An event whose timestamp is impossible, counted on its file's summary with the first example. */
function badTime(summary: FileSummary, why: string): void {
  summary.badTime = (summary.badTime ?? 0) + 1;
  summary.badTimeExample ??= why;
}

interface Processor {
  readonly process: RowProcessor;
  readonly early?: RowPredicate;
  /** the early conjuncts that read only dispatch fields, tested once per dispatch group of a cache */
  readonly dispatch?: RowPredicate;
}

const DISPATCH = new Set(DISPATCH_FIELDS);

/**
 * The conjuncts of the search that read no field the add-ons' settings set:
 * they give the same answer before those settings run, so an event they
 * reject is dropped before its calculated fields are computed. The search
 * command still tests the whole expression afterwards. With `only`, the
 * conjuncts that read nothing but those fields (dispatch: they give the same
 * answer for every event of a dispatch group).
 */
function earlyPredicate(expr: SearchExpr, late: ReadonlySet<string>, ctx: RunContext, only?: ReadonlySet<string>): RowPredicate | undefined {
  const conjuncts = expr.type === 'and' ? expr.items : [expr];
  const early = conjuncts.filter((c) => {
    if (hasNested(c)) return false;
    const fields = [...searchFields(c)];
    // a conjunct that reads no field (a bare term) tests the raw text: never a dispatch conjunct
    if (only && fields.length === 0) return false;
    return fields.every((f) => !late.has(f) && !isKnowledgeField(f) && (!only || only.has(f)));
  });
  if (early.length === 0) return undefined;
  const span = { start: 0, end: 0 };
  return compileSearch(early.length === 1 ? early[0] : { type: 'and', span, items: early }, ctx);
}

function hasNested(e: SearchExpr): boolean {
  switch (e.type) {
    case 'subsearch':
    case 'macro':
      return true;
    case 'and':
    case 'or':
      return e.items.some(hasNested);
    case 'not':
      return hasNested(e.expr);
    default:
      return false;
  }
}

/** `file:line: reason`, `file: byte N: reason` or `file: reason` */
export function problemText(p: ReadProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${p.reason}` : p.offset !== undefined ? `${p.file}: byte ${p.offset}: ${p.reason}` : `${p.file}: ${p.reason}`;
}

function problemNotice(p: ReadProblem): Diagnostic {
  return { stage: 'input', severity: 'warning', message: problemText(p) };
}
