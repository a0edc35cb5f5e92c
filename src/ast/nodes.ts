/**
 * The SPL abstract syntax tree: readonly plain data with a `type`
 * discriminant and a span (offsets into the parsed text) on every node.
 * One name per thing: the node type of a command is the command's name.
 */
import type { Span } from '../diagnostics/diagnostic.js';

export interface Pipeline {
  readonly type: 'pipeline';
  readonly span: Span;
  /** the search started with `|` (a generating command comes first) */
  readonly leadingPipe: boolean;
  readonly commands: readonly Command[];
}

export type Command =
  | SearchCommand
  | WhereCommand
  | EvalCommand
  | StatsCommand
  | ConvertCommand
  | TableCommand
  | FieldsCommand
  | RenameCommand
  | HeadCommand
  | SortCommand
  | DedupCommand
  | TstatsCommand
  | MacroCommand
  | GenericCommand;

// ---------------------------------------------------------------- search language

/** A value in the search language: the text after unescaping, and how it was written. */
export interface SearchValue {
  readonly span: Span;
  /** backslash escapes resolved (`\\` → `\`, `\"` → `"`); wildcards still in */
  readonly text: string;
  readonly quoted: boolean;
  /** TERM(...) or CASE(...) around the value */
  readonly modifier?: 'TERM' | 'CASE';
}

export type SearchExpr = SearchAnd | SearchOr | SearchNot | SearchCompare | SearchIn | SearchTerm | SearchSubsearch | SearchMacro;

export interface SearchAnd {
  readonly type: 'and';
  readonly span: Span;
  readonly items: readonly SearchExpr[];
}
export interface SearchOr {
  readonly type: 'or';
  readonly span: Span;
  readonly items: readonly SearchExpr[];
}
export interface SearchNot {
  readonly type: 'not';
  readonly span: Span;
  readonly expr: SearchExpr;
}
export type CompareOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export interface SearchCompare {
  readonly type: 'compare';
  readonly span: Span;
  readonly field: FieldName;
  readonly op: CompareOperator;
  readonly value: SearchValue;
}
export interface SearchIn {
  readonly type: 'in';
  readonly span: Span;
  readonly field: FieldName;
  readonly values: readonly SearchValue[];
}
export interface SearchTerm {
  readonly type: 'term';
  readonly span: Span;
  readonly value: SearchValue;
}
export interface SearchSubsearch {
  readonly type: 'subsearch';
  readonly span: Span;
  readonly pipeline: Pipeline;
}
export interface SearchMacro {
  readonly type: 'macro';
  readonly span: Span;
  readonly call: MacroCallText;
}

/** A field name as written: plain, with dots and {} , or 'single quoted'. */
export interface FieldName {
  readonly span: Span;
  readonly name: string;
  readonly quoted: boolean;
}

/** `name` or `name(args)` as written between backticks (unexpanded searches only). */
export interface MacroCallText {
  readonly span: Span;
  /** the text between the backticks */
  readonly text: string;
}

// ---------------------------------------------------------------- eval expressions

export type Expr =
  | ExprString
  | ExprNumber
  | ExprField
  | ExprCall
  | ExprBinary
  | ExprNot
  | ExprNegate
  | ExprLike
  | ExprIn;

export interface ExprString {
  readonly type: 'string';
  readonly span: Span;
  readonly value: string;
}
export interface ExprNumber {
  readonly type: 'number';
  readonly span: Span;
  /** as written, so that precision rules and printing keep it */
  readonly text: string;
  readonly value: number;
}
export interface ExprField {
  readonly type: 'field';
  readonly span: Span;
  readonly name: string;
  readonly quoted: boolean;
}
export interface ExprCall {
  readonly type: 'call';
  readonly span: Span;
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
}
export type BinaryOperator = 'OR' | 'XOR' | 'AND' | '=' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '.' | '*' | '/' | '%';
/**
 * Binary operators, n-ary: a comparison (two operands), or a run of
 * left-associative operators of one precedence level written one after the
 * other (`a OR b OR c`, `1+2-3`, `x."-".y`) as one node, meaning
 * ((operands[0] ops[0] operands[1]) ops[1] operands[2]) ... A chain of
 * 10,000 terms is one node with 10,000 operands, not a tree 10,000 deep, so
 * every walker reads it with a loop. A chain in parentheses on either side
 * is an operand of its own.
 */
export interface ExprBinary {
  readonly type: 'binary';
  readonly span: Span;
  /** two or more */
  readonly operands: readonly Expr[];
  /** one fewer than the operands: ops[i] joins operands[i] and operands[i + 1] */
  readonly ops: readonly BinaryOperator[];
  readonly opSpans: readonly Span[];
}
export interface ExprNot {
  readonly type: 'not';
  readonly span: Span;
  readonly operand: Expr;
}
export interface ExprNegate {
  readonly type: 'negate';
  readonly span: Span;
  readonly operand: Expr;
}
export interface ExprLike {
  readonly type: 'like';
  readonly span: Span;
  readonly left: Expr;
  readonly pattern: Expr;
}
export interface ExprIn {
  readonly type: 'in';
  readonly span: Span;
  readonly left: Expr;
  readonly values: readonly Expr[];
}

// ---------------------------------------------------------------- commands

export interface Option {
  readonly span: Span;
  readonly name: string;
  readonly value: SearchValue;
}

export interface SearchCommand {
  readonly type: 'search';
  readonly span: Span;
  /** the first segment without a command name */
  readonly implicit: boolean;
  readonly expr: SearchExpr | null;
}
export interface WhereCommand {
  readonly type: 'where';
  readonly span: Span;
  readonly expr: Expr;
}
export interface EvalAssignment {
  readonly span: Span;
  readonly field: FieldName;
  readonly expr: Expr;
}
/** `eval`, and `fieldformat` (the same assignments, applied only when results print). */
export interface EvalCommand {
  readonly type: 'eval';
  readonly variant: 'eval' | 'fieldformat';
  readonly span: Span;
  readonly assignments: readonly EvalAssignment[];
}

/**
 * An aggregation term: `count`, `dc(user)`, `count(eval(x="a")) AS n`,
 * `sparkline(avg(bytes), 5m) AS trend`.
 */
export interface Aggregation {
  readonly span: Span;
  /** the function as written (`count`, `perc95`, `values`, `sparkline`) */
  readonly func: string;
  /** the field argument (may hold wildcards), absent for bare `count` */
  readonly field?: FieldName;
  /** an eval(...) argument */
  readonly expr?: Expr;
  /** sparkline only: the aggregation drawn per time bucket (`count(x)` in `sparkline(count(x), 1h)`) */
  readonly inner?: Aggregation;
  /** sparkline only: the bucket length as written (`1h` in `sparkline(count(x), 1h)`) */
  readonly spanLength?: SpanLength;
  readonly as?: FieldName;
}

/** A time span as written in a term, e.g. `5m`. */
export interface SpanLength {
  readonly span: Span;
  readonly text: string;
}

export interface StatsCommand {
  readonly type: 'stats';
  readonly span: Span;
  /** stats, eventstats or streamstats: one grammar */
  readonly variant: 'stats' | 'eventstats' | 'streamstats';
  readonly options: readonly Option[];
  readonly aggregations: readonly Aggregation[];
  readonly by: readonly FieldName[];
}

export interface Conversion {
  readonly span: Span;
  readonly func: string;
  readonly field: FieldName;
  readonly as?: FieldName;
}
export interface ConvertCommand {
  readonly type: 'convert';
  readonly span: Span;
  readonly options: readonly Option[];
  readonly conversions: readonly Conversion[];
}
export interface TableCommand {
  readonly type: 'table';
  readonly span: Span;
  readonly fields: readonly FieldName[];
}
export interface FieldsCommand {
  readonly type: 'fields';
  readonly span: Span;
  readonly remove: boolean;
  readonly fields: readonly FieldName[];
}
export interface RenamePair {
  readonly span: Span;
  readonly from: FieldName;
  readonly to: FieldName;
}
export interface RenameCommand {
  readonly type: 'rename';
  readonly span: Span;
  readonly renames: readonly RenamePair[];
}
export interface HeadCommand {
  readonly type: 'head';
  readonly span: Span;
  readonly count?: number;
  readonly options: readonly Option[];
}
export interface SortKey {
  readonly span: Span;
  readonly field: FieldName;
  readonly descending: boolean;
  /** num(x), str(x), ip(x), auto(x) */
  readonly kind: 'auto' | 'num' | 'str' | 'ip';
  /** how it was written, so it prints back */
  readonly sign: '+' | '-' | '';
}
export interface SortCommand {
  readonly type: 'sort';
  readonly span: Span;
  readonly limit?: number;
  readonly options: readonly Option[];
  readonly keys: readonly SortKey[];
  /** trailing `desc` reverses the whole order */
  readonly reverse: boolean;
}
export interface DedupCommand {
  readonly type: 'dedup';
  readonly span: Span;
  readonly count?: number;
  readonly fields: readonly FieldName[];
  readonly options: readonly Option[];
  readonly sortby: readonly SortKey[];
}
export interface TstatsCommand {
  readonly type: 'tstats';
  readonly span: Span;
  readonly options: readonly Option[];
  readonly aggregations: readonly Aggregation[];
  /** `from datamodel=X` / `from X` */
  readonly from?: { readonly span: Span; readonly kind: string; readonly value: SearchValue };
  readonly where?: SearchExpr;
  readonly by: readonly FieldName[];
  /** options after the by clause (span=1h) */
  readonly byOptions: readonly Option[];
}
export interface MacroCommand {
  readonly type: 'macro';
  readonly span: Span;
  readonly call: MacroCallText;
}

/** Arguments of a command without a grammar of its own, kept as written. */
export type GenericArg =
  | { readonly kind: 'option'; readonly span: Span; readonly name: string; readonly value: SearchValue; readonly group?: readonly GenericArg[] }
  | { readonly kind: 'value'; readonly span: Span; readonly value: SearchValue }
  | { readonly kind: 'operator'; readonly span: Span; readonly text: string }
  | { readonly kind: 'group'; readonly span: Span; readonly args: readonly GenericArg[] }
  | { readonly kind: 'by'; readonly span: Span; readonly fields: readonly FieldName[] }
  | { readonly kind: 'subsearch'; readonly span: Span; readonly pipeline: Pipeline }
  | { readonly kind: 'macro'; readonly span: Span; readonly call: MacroCallText };

export interface GenericCommand {
  readonly type: 'command';
  readonly span: Span;
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly GenericArg[];
}
