/**
 * Token types. SPL's lexical grammar depends on the command: search terms
 * (`C:\Windows\*`, `10.0.0.0/8`, `-70m@m`) are single words, while eval and
 * where read operators. The lexer (lexer.ts) therefore knows which command it
 * is in and emits these Chevrotain token types; the grammar (parser/) is a
 * pure Chevrotain CST grammar over them.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

const NA = Lexer.NA;
const t = (name: string, categories?: TokenType[]) => createToken(categories ? { name, pattern: NA, categories } : { name, pattern: NA });

// ---- categories
/** Anything a search or argument can use as a plain word (keywords included). */
export const WordLike = t('WordLike');
/** Command-name tokens (after a pipe, or a leading `search`). */
export const CommandName = t('CommandName');
/** Comparison operators shared by search and eval. */
export const CompareOp = t('CompareOp');

// ---- structure
export const Pipe = t('Pipe');
export const LBracket = t('LBracket');
export const RBracket = t('RBracket');
export const LParen = t('LParen');
export const RParen = t('RParen');
export const Comma = t('Comma');
export const MacroCall = t('MacroCall');

// ---- operators
export const Eq = t('Eq', [CompareOp]);
export const EqEq = t('EqEq', [CompareOp]);
export const Neq = t('Neq', [CompareOp]);
export const Lte = t('Lte', [CompareOp]);
export const Gte = t('Gte', [CompareOp]);
export const Lt = t('Lt', [CompareOp]);
export const Gt = t('Gt', [CompareOp]);
export const Plus = t('Plus');
export const Minus = t('Minus');
export const Star = t('Star');
export const Slash = t('Slash');
export const Percent = t('Percent');
export const Dot = t('Dot');

// ---- literals
export const QuotedString = t('QuotedString');
/** 'field name' (single quotes) */
export const QuotedField = t('QuotedField');
export const Word = t('Word', [WordLike]);
export const Identifier = t('Identifier');
export const NumberLiteral = t('NumberLiteral');

// ---- keywords: search mode (upper case only) and expression mode (any case)
export const And = t('And', [WordLike]);
export const Or = t('Or', [WordLike]);
export const Not = t('Not', [WordLike]);
export const Xor = t('Xor', [WordLike]);
export const Like = t('Like', [WordLike]);
export const In = t('In', [WordLike]);
export const As = t('As', [WordLike]);
export const By = t('By', [WordLike]);

// ---- command names with their own grammar
export const SearchCmd = t('SearchCmd', [CommandName]);
export const WhereCmd = t('WhereCmd', [CommandName]);
export const EvalCmd = t('EvalCmd', [CommandName]);
export const StatsCmd = t('StatsCmd', [CommandName]);
export const ConvertCmd = t('ConvertCmd', [CommandName]);
export const TableCmd = t('TableCmd', [CommandName]);
export const FieldsCmd = t('FieldsCmd', [CommandName]);
export const RenameCmd = t('RenameCmd', [CommandName]);
export const HeadCmd = t('HeadCmd', [CommandName]);
export const SortCmd = t('SortCmd', [CommandName]);
export const DedupCmd = t('DedupCmd', [CommandName]);
export const TstatsCmd = t('TstatsCmd', [CommandName]);
export const GenericCmd = t('GenericCmd', [CommandName]);

export const allTokens: TokenType[] = [
  WordLike, CommandName, CompareOp,
  Pipe, LBracket, RBracket, LParen, RParen, Comma, MacroCall,
  Eq, EqEq, Neq, Lte, Gte, Lt, Gt, Plus, Minus, Star, Slash, Percent, Dot,
  QuotedString, QuotedField, Word, Identifier, NumberLiteral,
  And, Or, Not, Xor, Like, In, As, By,
  SearchCmd, WhereCmd, EvalCmd, StatsCmd, ConvertCmd, TableCmd, FieldsCmd, RenameCmd,
  HeadCmd, SortCmd, DedupCmd, TstatsCmd, GenericCmd,
];

/** How a command's arguments are lexed. */
export type LexMode = 'search' | 'args' | 'expr';

export interface CommandKind {
  readonly token: TokenType;
  readonly mode: LexMode;
}

/** Commands with a grammar of their own; stats-like commands share one. */
export const COMMANDS: ReadonlyMap<string, CommandKind> = new Map([
  ['search', { token: SearchCmd, mode: 'search' }],
  ['where', { token: WhereCmd, mode: 'expr' }],
  ['eval', { token: EvalCmd, mode: 'expr' }],
  ['fieldformat', { token: EvalCmd, mode: 'expr' }],
  ['stats', { token: StatsCmd, mode: 'args' }],
  ['eventstats', { token: StatsCmd, mode: 'args' }],
  ['streamstats', { token: StatsCmd, mode: 'args' }],
  ['convert', { token: ConvertCmd, mode: 'args' }],
  ['table', { token: TableCmd, mode: 'args' }],
  ['fields', { token: FieldsCmd, mode: 'args' }],
  ['rename', { token: RenameCmd, mode: 'args' }],
  ['head', { token: HeadCmd, mode: 'args' }],
  ['sort', { token: SortCmd, mode: 'args' }],
  ['dedup', { token: DedupCmd, mode: 'args' }],
  ['tstats', { token: TstatsCmd, mode: 'args' }],
]);
