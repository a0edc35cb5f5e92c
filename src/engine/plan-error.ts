import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';

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
}
