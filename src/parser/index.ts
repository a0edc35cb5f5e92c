/**
 * parse(): SPL text → AST, or diagnostics with spans. Lexing, parsing and
 * AST building errors all come back as Diagnostics; nothing user-made throws.
 */
import type { IRecognitionException, IToken, TokenType } from 'chevrotain';
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

function ruleName(e: IRecognitionException): string {
  const stack = e.context?.ruleStack ?? [];
  for (let i = stack.length - 1; i >= 0; i--) {
    const r = stack[i];
    const m = /^(\w+?)Command$/.exec(r);
    if (m) return m[1] === 'generic' ? 'the command' : m[1] === 'search' ? 'search' : m[1];
  }
  if (stack.includes('expression')) return 'the expression';
  return 'the search';
}

function toDiagnostic(e: IRecognitionException, text: string): Diagnostic {
  const tok = e.token;
  const atEnd = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
  const span = atEnd ? { start: text.length, end: text.length } : { start: tok.startOffset, end: (tok.endOffset ?? tok.startOffset) + 1 };
  const where = ruleName(e);
  let message: string;
  let hint: string | undefined;
  if (e.name === 'MismatchedTokenException') {
    const expected = /Expecting token of type --> (\w+) <--/.exec(e.message)?.[1];
    const type = expected ? T.allTokens.find((t) => t.name === expected) : undefined;
    message = `${where}: expected ${type ? HUMAN.get(type) ?? type.name : 'something else'} but found ${describe(tok)}`;
    if (type === T.RParen) hint = 'a parenthesis is not closed';
    if (type === T.RBracket) hint = 'a subsearch bracket is not closed';
  } else if (e.name === 'NotAllInputParsedException') {
    message = `unexpected ${describe(tok)}`;
    if (tok.tokenType === T.RParen) hint = 'this parenthesis has no matching opening one';
    else if (tok.tokenType === T.RBracket) hint = 'this bracket has no matching opening one';
  } else if (atEnd) {
    message = `${where}: the search ends too early`;
  } else {
    message = `${where}: unexpected ${describe(tok)}`;
    if (tok.tokenType === T.Pipe) hint = 'a command is missing before this pipe';
    if (tok.tokenType === T.MacroCall) hint = 'macros are expanded before parsing: define the macro (-m/--macro) or run `splinter expand` to see the expansion';
  }
  return { stage: 'parse', message, span, ...(hint ? { hint } : {}) };
}

export function parse(text: string): ParseResult {
  const lexed = tokenize(text);
  if (lexed.errors.length) return { diagnostics: lexed.errors };
  if (lexed.tokens.length === 0) {
    return { diagnostics: [{ stage: 'parse', message: 'the search is empty', span: { start: 0, end: text.length }, hint: 'write search terms, or start with | and a generating command' }] };
  }
  const parser = parserInstance();
  parser.input = lexed.tokens;
  const cst = parser.pipeline();
  if (parser.errors.length) return { diagnostics: parser.errors.slice(0, 1).map((e) => toDiagnostic(e, text)) };
  try {
    return { ast: buildAst(cst), diagnostics: [] };
  } catch (e) {
    if (e instanceof AstError) return { diagnostics: [{ stage: 'parse', message: e.message, span: e.span, ...(e.hint ? { hint: e.hint } : {}) }] };
    throw e;
  }
}
