/**
 * The execution model. A plan is a list of operators; rows flow between them
 * in batches (arrays of rows) through async iterators, so that a streaming
 * operator costs one await per batch, not per row. Blocking operators (stats,
 * sort) read their whole input before they emit. Breaking out of the loop
 * (head) returns the upstream iterators, which closes the files.
 */
import type { SearchExpr } from '../ast/nodes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { KnowledgeSet } from '../io/profiles/eventtype-types.js';
import type { Plan } from '../plan/plan.js';
import type { Row } from '../values/value.js';

export type Batch = Row[];
export type RowStream = AsyncIterable<Batch>;

/** What a caller of run() provides. */
export interface BaseContext {
  /** search start time, epoch seconds */
  readonly now: number;
  /** IANA zone for rendering and parsing times */
  readonly tz: string;
  /** a notice or warning for the user (rendered by the CLI) */
  readonly notify: (d: Diagnostic) => void;
  /** eventtypes and tags of the user's apps (--knowledge), applied with the built-in add-ons' */
  readonly knowledge?: readonly KnowledgeSet[];
}

/** What operators get at run time. */
export interface RunContext extends BaseContext {
  /**
   * Every event of the run's inputs with every field computed (generating
   * commands such as tstats read them); `filter` and `fields` narrow the work
   * as for the first search.
   */
  readonly events: (opts?: { filter?: SearchExpr; fields?: ReadonlySet<string> }) => RowStream;
  /** runs a planned sub-pipeline (a subsearch) over the same inputs */
  readonly runPlan: (plan: Plan) => RowStream;
  /** the search's time range (--earliest / --latest) in epoch seconds, when given */
  readonly earliest?: number;
  readonly latest?: number;
  /**
   * Rows every search over the same inputs and time range derives alike
   * (tstats: a data model's rows), named by `name`: built by `make` once and
   * shared by the searches of one EventCache (read them, never change them).
   * Absent when the run has no cache.
   */
  readonly sharedRows?: (name: string, make: () => Promise<Row[]>) => Promise<readonly Row[]>;
}

export type OperatorKind = 'generating' | 'streaming' | 'blocking';

export interface Operator {
  /** the command name, as in the AST and in engine/commands/<name>.ts */
  readonly name: string;
  readonly span: Span;
  readonly kind: OperatorKind;
  /** true when the operator's output depends on the order of its input */
  readonly orderSensitive?: boolean;
  /**
   * For commands without a grammar of their own: the fields it reads, when
   * it can name them (wildcard-free), so that the events source computes
   * only the fields a search can use (plan/fields.ts); undefined: it may
   * read any field.
   */
  readonly reads?: readonly string[];
  /** its results hold only the fields it computes (timechart, top...): no later command sees an event field */
  readonly projects?: boolean;
  /**
   * A grouping command (stats, tstats, chart, timechart, top, rare): its
   * results hold one row per combination of these fields' values ([] for a
   * single row). `splinter diff` keys result rows on them (plan/keys.ts).
   */
  readonly groups?: readonly string[];
  /** a generating command that may also follow others, adding its rows (append=true, inputlookup append=t) */
  readonly appendsToInput?: boolean;
  run(input: RowStream, ctx: RunContext): RowStream;
}

/** The operator, naming the fields it reads (Operator.reads). */
export function reading(op: Operator, reads: readonly string[]): Operator {
  return { ...op, reads };
}

/** A streaming operator from a per-batch function (which may filter or change rows in place). */
export function streaming(name: string, span: Span, fn: (rows: Batch, ctx: RunContext) => Batch, orderSensitive = false): Operator {
  return {
    name,
    span,
    kind: 'streaming',
    orderSensitive,
    async *run(input, ctx) {
      for await (const batch of input) {
        const out = fn(batch, ctx);
        if (out.length) yield out;
      }
    },
  };
}

/** Reads a whole stream into one array. */
export async function collect(input: RowStream): Promise<Row[]> {
  const all: Row[] = [];
  for await (const batch of input) for (const r of batch) all.push(r);
  return all;
}

export const BATCH_SIZE = 1024;

/** Emits an array as batches. */
export async function* batches(rows: Row[]): RowStream {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) yield rows.slice(i, i + BATCH_SIZE);
}
