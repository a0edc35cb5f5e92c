/**
 * parse(): SPL text → AST, or diagnostics with spans. Lexing, parsing and
 * AST building errors all come back as Diagnostics; nothing user-made throws.
 */
import { tokenMatcher, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type { Pipeline } from '../ast/nodes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { tokenize } from '../lexer/lexer.js';
import * as T from '../lexer/tokens.js';
import { AstError, buildAst } from './cst-to-ast.js';
import { parserInstance } from './parser.js';

export interface ParseResult {
  ast?: Pipeline;
  diagnostics: Diagnostic[];
}

const HUMAN: ReadonlyMap<TokenType, string> = new Map([
  [T.Pipe, "'|'"],
  [T.LBracket, "'['"],
  [T.RBracket, "']'"],
  [T.LParen, "'('"],
  [T.RParen, "')'"],
  [T.Comma, "','"],
  [T.Eq, "'='"],
  [T.CompareOp, 'a comparison operator'],
  [T.QuotedString, 'a quoted string'],
  [T.QuotedField, "a 'quoted' field name"],
  [T.Word, 'a word'],
  [T.WordLike, 'a word'],
  [T.Identifier, 'a field name'],
  [T.NumberLiteral, 'a number'],
  [T.As, "'AS'"],
  [T.By, "'BY'"],
  [T.In, "'IN'"],
  [T.CommandName, 'a command name'],
]);

function describe(tok: IToken): string {
  if (tok.tokenType.name === 'EOF') return 'the end of the search';
  return `'${tok.image}'`;
}

function ruleName(e: IRecognitionException, command: string | undefined): string {
  const stack = e.context?.ruleStack ?? [];
  for (let i = stack.length - 1; i >= 0; i--) {
    const r = stack[i];
    const m = /^(\w+?)Command$/.exec(r);
    // the command as written: chart and timechart share the stats rule
    if (m) return command ?? (m[1] === 'generic' ? 'the command' : m[1]);
  }
  if (stack.includes('expression')) return 'the expression';
  return 'the search';
}

/** The name of the command the token at `offset` is in: the last command name before it. */
function commandAt(tokens: readonly IToken[], offset: number): string | undefined {
  let name: string | undefined;
  for (const t of tokens) {
    if (t.startOffset >= offset) break;
    if (tokenMatcher(t, T.CommandName)) name = t.image;
  }
  return name;
}

/**
 * What a search that stops after `last` is missing: the operand of an
 * operator, the fields after BY, the command after a pipe.
 */
function missingAfter(last: IToken, command: string | undefined): string | undefined {
  const op = last.image;
  if (tokenMatcher(last, T.Pipe)) return "a command must follow '|': remove the last '|' or add a command after it";
  if (tokenMatcher(last, T.By)) return 'BY needs the fields to group by, as in: count BY host';
  if (tokenMatcher(last, T.As)) return `AS needs the new name, as in: ${command === 'rename' ? 'rename src AS dest' : 'count AS total'}`;
  if (tokenMatcher(last, T.Not)) return `${op} needs a term after it, as in: NOT status=200`;
  if (tokenMatcher(last, T.And) || tokenMatcher(last, T.Or) || tokenMatcher(last, T.Xor)) return `${op} needs a term on each side, as in: a=1 ${op} b=2`;
  if (tokenMatcher(last, T.Comma)) return 'something must follow this comma, or remove it';
  if (tokenMatcher(last, T.CompareOp) || [T.Plus, T.Minus, T.Star, T.Slash, T.Percent, T.Dot].some((t) => tokenMatcher(last, t))) {
    return `'${op}' needs a value after it`;
  }
  return undefined;
}

function toDiagnostic(e: IRecognitionException, text: string, tokens: readonly IToken[]): Diagnostic {
  const tok = e.token;
  const atEnd = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
  const span = atEnd ? { start: text.length, end: text.length } : { start: tok.startOffset, end: (tok.endOffset ?? tok.startOffset) + 1 };
  const command = commandAt(tokens, atEnd ? text.length : tok.startOffset);
  const where = ruleName(e, command);
  // the command the problem is in, when there is one: 'eval: ', 'stats: '
  const at = where === 'the search' ? '' : `${where}: `;
  let message: string;
  let hint: string | undefined;
  if (e.name === 'MismatchedTokenException') {
    const expected = /Expecting token of type --> (\w+) <--/.exec(e.message)?.[1];
    const type = expected ? T.allTokens.find((t) => t.name === expected) : undefined;
    message = `${at}expected ${type ? HUMAN.get(type) ?? type.name : 'something else'} but found ${describe(tok)}`;
    // something else where ')' must come: the parenthesis is unclosed, or (as in `f(a b)`) a comma is missing
    if (type === T.RParen) hint = atEnd ? 'a parenthesis is not closed' : 'a parenthesis is not closed, or a comma is missing before this';
    if (type === T.RBracket) hint = 'a subsearch bracket is not closed';
    if (type === T.As && where === 'rename') hint = 'rename takes the old name, AS and the new name, as in: rename src_ip AS src';
    if (type === T.Eq && where === 'eval') {
      hint = tokenMatcher(tok, T.EqEq)
        ? "eval sets a field with a single '=', as in: eval y=1 ('==' compares, inside an expression)"
        : 'eval sets fields: eval <field>=<expression>, as in: eval n=len(a)';
    }
  } else if (e.name === 'NotAllInputParsedException') {
    message = `unexpected ${describe(tok)}`;
    if (tok.tokenType === T.RParen) hint = 'this parenthesis has no matching opening one';
    else if (tok.tokenType === T.RBracket) hint = 'this bracket has no matching opening one';
  } else if (atEnd) {
    message = `${at}the search ends too early`;
    const last = tokens[tokens.length - 1];
    if (last) hint = missingAfter(last, command);
  } else {
    message = `${at}unexpected ${describe(tok)}`;
    if (tok.tokenType === T.Pipe) hint = 'a command is missing before this pipe';
    if (tok.tokenType === T.Percent && (where === 'eval' || where === 'where')) hint = 'a time format is text: put it in double quotes, as in "%Y-%m-%d"';
    if (tok.tokenType === T.MacroCall) hint = 'macros are expanded before parsing: define the macro (-m/--macro) or run `splinter expand` to see the expansion';
  }
  return { stage: 'parse', message, span, ...(hint ? { hint } : {}) };
}

/**
 * How deeply a search may nest: parentheses, subsearch brackets and runs of
 * prefix operators (`NOT NOT ...`, `- - 1`) together. The parser is recursive
 * descent, so each level costs stack; past this the search is refused with a
 * diagnostic instead of overflowing the stack. [decision] The Search
 * Reference gives no limit; 64 is far above what real searches use (the
 * security_content corpus nests at most a few levels) and well below what
 * the parser survives (about 200 parenthesised eval levels with the default stack, about 100 with half of it).
 */
export const MAX_NESTING = 64;

/**
 * How many commands a search may have, subsearches included. [decision] No
 * Splunk limit is documented; planning time grows faster than linearly with
 * the number of commands (each planner sees the ones before it), and real
 * searches have tens. Past this the search is refused at the pipe that
 * goes over, instead of running for minutes.
 */
export const MAX_COMMANDS = 1000;

const OPENERS: ReadonlySet<TokenType> = new Set([T.LParen, T.LBracket]);
const CLOSERS: ReadonlySet<TokenType> = new Set([T.RParen, T.RBracket]);
const PREFIX: ReadonlySet<TokenType> = new Set([T.Not, T.Minus, T.Plus]);

/** The first token where the nesting goes past MAX_NESTING, as a diagnostic. */
function nestingCheck(tokens: readonly IToken[]): Diagnostic | undefined {
  let depth = 0;
  let run = 0;
  let prevType: TokenType | undefined;
  let pipes = 0;
  for (const tok of tokens) {
    const type = tok.tokenType;
    if (type === T.Pipe && ++pipes >= MAX_COMMANDS) {
      return {
        stage: 'parse',
        message: `the search has too many commands: more than ${MAX_COMMANDS}`,
        span: { start: tok.startOffset, end: tok.startOffset + 1 },
        hint: 'split the work across several searches',
      };
    }
    if (OPENERS.has(type)) depth++;
    else if (CLOSERS.has(type)) depth = Math.max(0, depth - 1);
    // a run of the same prefix operator nests one level per operator
    run = PREFIX.has(type) ? (type === prevType ? run + 1 : 1) : 0;
    prevType = type;
    if (depth + run > MAX_NESTING) {
      return {
        stage: 'parse',
        message: `the search is nested too deeply: more than ${MAX_NESTING} levels of parentheses, subsearches or NOT`,
        span: { start: tok.startOffset, end: (tok.endOffset ?? tok.startOffset) + 1 },
        hint: 'simplify the expression: remove redundant parentheses, or split it across several commands',
      };
    }
  }
  return undefined;
}

/**
 * How deep the syntax tree may be, in objects. A chain of one level's
 * operators (`1+1+...`, `a=1 OR a=2 OR ...`) is one n-ary node however long
 * (src/ast/nodes.ts ExprBinary), so only real nesting counts: parentheses,
 * NOT, function calls inside function calls. The compiler and the walkers of
 * the tree recurse on those, so past this the search is refused with a
 * diagnostic instead of overflowing the stack. [decision] No Splunk limit is
 * documented.
 */
export const MAX_TREE_DEPTH = 1000;

/** The span of the first node deeper than MAX_TREE_DEPTH, found without recursion. */
function treeDepthCheck(ast: Pipeline): Diagnostic | undefined {
  const stack: [unknown, number, { start: number; end: number } | undefined][] = [[ast, 0, undefined]];
  while (stack.length) {
    const [node, depth, near] = stack.pop()!;
    const span = (node as { span?: { start: number; end: number } }).span;
    const here = span && typeof span.start === 'number' ? span : near;
    if (depth > MAX_TREE_DEPTH) {
      return {
        stage: 'parse',
        message: `the search is nested too deeply: an expression more than ${MAX_TREE_DEPTH} levels deep`,
        ...(here ? { span: here } : {}),
        hint: 'remove redundant parentheses, or split the expression across several eval commands',
      };
    }
    for (const [k, v] of Object.entries(node as object)) {
      if (k !== 'span' && v !== null && typeof v === 'object') stack.push([v, depth + 1, here]);
    }
  }
  return undefined;
}

export function parse(text: string): ParseResult {
  const lexed = tokenize(text);
  if (lexed.errors.length) return { diagnostics: lexed.errors };
  if (lexed.tokens.length === 0) {
    return { diagnostics: [{ stage: 'parse', message: 'the search is empty', span: { start: 0, end: text.length }, hint: 'write search terms, or start with | and a generating command' }] };
  }
  const deep = nestingCheck(lexed.tokens);
  if (deep) return { diagnostics: [deep] };
  const parser = parserInstance();
  parser.input = lexed.tokens;
  const cst = parser.pipeline();
  if (parser.errors.length) return { diagnostics: parser.errors.slice(0, 1).map((e) => toDiagnostic(e, text, lexed.tokens)) };
  try {
    const ast = buildAst(cst);
    const tooDeep = treeDepthCheck(ast);
    if (tooDeep) return { diagnostics: [tooDeep] };
    return { ast, diagnostics: [] };
  } catch (e) {
    if (e instanceof AstError) return { diagnostics: [{ stage: 'parse', message: e.message, span: e.span, ...(e.hint ? { hint: e.hint } : {}) }] };
    throw e;
  }
}
