/**
 * The contract between the eval compiler (src/eval) and the function library.
 *
 * The compiler turns every argument expression into a Compiled closure once;
 * a function receives those closures and evaluates only what it needs (so
 * `if` and `case` are lazy, and `mvfilter`/`mvmap` can evaluate an argument
 * once per value through env.bindings).
 */
import type { Span } from '../../diagnostics/diagnostic.js';
import type { EvalValue, Row } from '../../values/value.js';
import type { Expr } from '../../ast/nodes.js';

export interface EvalEnv {
  /** the row being evaluated */
  row: Row;
  /** search start time, epoch seconds (now()) */
  readonly now: number;
  /** IANA zone used to render and parse times (strftime, strptime, relative_time) */
  readonly tz: string;
  /**
   * Field values that shadow the row while an argument is evaluated once per
   * value (mvfilter, mvmap). Field lookup checks bindings first.
   */
  bindings?: Map<string, EvalValue>;
  /** evaluates a search-language string against the row (searchmatch) */
  searchMatch(search: string): boolean;
}

export type Compiled = (env: EvalEnv) => EvalValue;

/** What the compiler knows of an argument before running. */
export interface ArgInfo {
  readonly span: Span;
  /** the field names the argument reads */
  readonly fields: readonly string[];
  /** set when the argument is a literal (string or number) */
  readonly literal?: string | number;
  /** true when the argument is a bare field reference */
  readonly isField: boolean;
  /** the argument's syntax tree (sigfig reads the precision of its operands) */
  readonly expr?: Expr;
}

export interface EvalFunction {
  readonly name: string;
  readonly minArgs: number;
  /** Infinity for variadic */
  readonly maxArgs: number;
  /**
   * Checks arguments at plan time (literal patterns that do not compile,
   * literal numbers out of range...). Returns a message, or undefined.
   */
  check?(args: readonly ArgInfo[]): { message: string; argIndex?: number; hint?: string } | undefined;
  call(args: readonly Compiled[], env: EvalEnv, info: readonly ArgInfo[]): EvalValue;
}
