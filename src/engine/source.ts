/**
 * The events source: reads every input file, turns raw events into rows
 * (raw extraction, then the add-ons' aliases, calculated fields and lookups),
 * keeps the events inside the time range, and emits them in batches.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { extract } from '../io/extract.js';
import { profileFor } from '../io/profiles/index.js';
import { readEvents } from '../io/readers/index.js';
import type { InputFile, ReadProblem } from '../io/types.js';
import { compileProfiles, type RowProcessor } from '../searchtime/apply.js';
import type { Row } from '../values/value.js';
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
}

export interface SourceOptions {
  readonly inputs: readonly EventInput[];
  readonly earliest?: number;
  readonly latest?: number;
  /** a cheap test on the raw text that every result must pass (planner's prefilter) */
  readonly rawFilter?: (raw: string) => boolean;
  readonly onProblem?: (p: ReadProblem) => void;
  readonly stats?: SourceStats;
}

export function eventsSource(opts: SourceOptions, ctx: RunContext): RowStream {
  const processors = new Map<string, RowProcessor>();
  const processorFor = (source: string, sourcetype: string): RowProcessor => {
    const key = source + '\u0000' + sourcetype;
    let p = processors.get(key);
    if (!p) {
      p = compileProfiles(profileFor(source, sourcetype), ctx);
      processors.set(key, p);
    }
    return p;
  };
  const stats = opts.stats;
  const onProblem = opts.onProblem ?? ((p: ReadProblem) => ctx.notify(problemNotice(p)));
  return {
    async *[Symbol.asyncIterator]() {
      let batch: Row[] = [];
      for (const input of opts.inputs) {
        if (stats) stats.files++;
        const meta = { file: input.file, ...(input.source ? { source: input.source } : {}), ...(input.sourcetype ? { sourcetype: input.sourcetype } : {}), ...(input.host ? { host: input.host } : {}) };
        for await (const raw of readEvents(input.file, (p) => {
          if (stats) stats.problems++;
          onProblem(p);
        })) {
          if (stats) stats.events++;
          if (opts.rawFilter && !opts.rawFilter(raw.raw)) continue;
          const row: Row = new Map();
          extract(raw, meta, row);
          const time = row.get('_time') as number;
          if (opts.earliest !== undefined && !(time >= opts.earliest)) continue;
          if (opts.latest !== undefined && !(time < opts.latest)) continue;
          processorFor(row.get('source') as string, row.get('sourcetype') as string)(row);
          batch.push(row);
          if (batch.length >= BATCH_SIZE) {
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length) yield batch;
    },
  };
}

function problemNotice(p: ReadProblem): Diagnostic {
  return { stage: 'input', severity: 'warning', message: `${p.file}:${p.line}: ${p.reason}` };
}
