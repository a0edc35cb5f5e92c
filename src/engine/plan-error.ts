import type { Pipeline } from '../ast/nodes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { Plan } from '../plan/plan.js';
import type { LookupRegistry } from '../lookups/registry.js';
import type { Operator } from './types.js';

/** A user error found while planning a command. */
export class PlanError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export function planFail(message: string, span: Span, hint?: string): never {
  throw new PlanError({ stage: 'plan', message, span, ...(hint ? { hint } : {}) });
}

export interface PlanContext {
  readonly now: number;
  readonly tz: string;
  /** the (expanded) text the AST spans point into, for commands that re-read a part of it */
  readonly text: string;
  /** plans a subsearch's pipeline; throws PlanError with its first diagnostic */
  readonly planSubsearch: (p: Pipeline) => Plan;
  /** expands the macros of a search text built at run time (map's search="..."); throws SplError */
  readonly expand?: (text: string) => string;
  /** lookup definitions and tables (--lookups); absent: no lookup is known */
  readonly lookups?: LookupRegistry;
  /**
   * Reports a problem Splunk would not stop the search for (it runs and finds
   * nothing): a warning with a span, shown by the CLI; planning goes on.
   */
  readonly warn: (message: string, span: Span, hint?: string) => void;
  /**
   * What reaches the command being planned: whether its pipeline reads
   * events, and the operators planned before it, in order (set by
   * planPipeline for each command). A command whose meaning depends on its
   * input (union: streaming events are merged, other results appended) reads
   * it here instead of guessing from the rows. Absent when a command is
   * planned outside a pipeline.
   */
  readonly upstream?: Upstream;
}

/** The part of a pipeline before a command (a Plan's shape, so Plan functions apply to it). */
export interface Upstream {
  readonly readsEvents: boolean;
  readonly operators: readonly Operator[];
}
