/**
 * Diagnostics: every problem in user input is reported as a Diagnostic with a
 * span into the text the user wrote. Library code returns or throws
 * SplError; only the CLI renders them.
 */
export interface Span {
  /** offset of the first character */
  readonly start: number;
  /** offset one past the last character */
  readonly end: number;
}

export type Stage = 'lex' | 'parse' | 'expand' | 'plan' | 'runtime' | 'input' | 'usage';

export interface Related {
  readonly message: string;
  /** the text the span points into, when it is not the main search (a macro definition) */
  readonly source?: SourceText;
  readonly span?: Span;
}

export interface SourceText {
  /** what the text is: "search", "macro `sysmon`", a file name */
  readonly name: string;
  readonly text: string;
  /**
   * Line and column in the file the text came from, when the text is a part
   * of a file (a detection's search inside its YAML); else they are counted
   * in the text itself.
   */
  readonly at?: (offset: number) => { line: number; column: number };
}

export interface Diagnostic {
  readonly stage: Stage;
  readonly message: string;
  readonly span?: Span;
  /** the text span points into; defaults to the search being run */
  readonly source?: SourceText;
  readonly hint?: string;
  readonly related?: readonly Related[];
  readonly severity?: 'error' | 'warning' | 'notice';
}

export class SplError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics as Diagnostic];
    super(list.map((d) => d.message).join('; '));
    this.name = 'SplError';
    this.diagnostics = list;
  }
  get first(): Diagnostic {
    return this.diagnostics[0];
  }
}

/** Line and column (both 1-based) of an offset into a source, in the file it came from. */
export function position(source: SourceText, offset: number): { line: number; column: number } {
  return source.at ? source.at(offset) : lineCol(source.text, offset);
}

/** Line and column (both 1-based) of an offset. */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
