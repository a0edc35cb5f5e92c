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
import type { Expr, ExprCall } from '../../ast/nodes.js';
import type { LookupTable } from '../../lookups/csv.js';
import type { LookupDefinition } from '../../lookups/registry.js';

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
  /**
   * Compiles the call from its syntax instead of check + call, for a
   * function whose arguments are resolved once at plan time (lookup(): its
   * table, and the fields named in json_object/json_array).
   */
  compile?(call: ExprCall, c: CallCompiler): Compiled;
  call(args: readonly Compiled[], env: EvalEnv, info: readonly ArgInfo[]): EvalValue;
}

/**
 * What the command compiling an expression knows at plan time. Every field
 * is optional: an expression compiled without it (calculated fields, stats
 * eval(...)) still compiles, and a function that needs the field reports so.
 */
export interface CompileContext {
  /**
   * A lookup definition and its table by name (the eval lookup() function);
   * throws an error carrying a plan Diagnostic (unknown lookup, unreadable
   * table) pointing at `span`.
   */
  readonly lookupTable?: (name: string, span: Span) => { def: LookupDefinition; table: LookupTable };
}

/** The compiler's services to EvalFunction.compile. */
export interface CallCompiler {
  readonly ctx: CompileContext;
  /** compiles a sub-expression (with the same context) */
  compile(e: Expr): Compiled;
  /** reports a user error at plan time */
  fail(message: string, span: Span, hint?: string): never;
}
