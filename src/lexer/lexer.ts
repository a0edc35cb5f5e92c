/**
 * The SPL lexer. It walks the search once, knowing at each point which
 * command it is in (see tokens.ts for why), and produces Chevrotain tokens.
 *
 * Modes:
 *  - search: the search command and the first segment. Words run until white
 *    space or one of | ( ) [ ] " , = < > ` (or `!=`); a backslash takes the
 *    next character into the word. AND, OR, NOT are keywords only in upper
 *    case; IN only before `(`.
 *  - args: arguments of every other command but eval and where. Lexed like
 *    search; `eval(` inside switches to expr mode up to its `)`.
 *  - expr: eval and where. Identifiers, numbers, strings, 'quoted fields',
 *    operators; keywords in any case.
 * `[` opens a subsearch (a pipeline of its own) in search and args modes.
 */
import { createTokenInstance, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import * as T from './tokens.js';

export interface LexResult {
  tokens: IToken[];
  errors: Diagnostic[];
}

interface Frame {
  mode: T.LexMode;
  /** open parentheses in this frame (expr frames end at their closing one) */
  depth: number;
  /** 'eval' frames are `eval(` inside args; they end at depth 0 `)` */
  kind: 'pipeline' | 'eval';
  /** next word starts a command */
  atCommandStart: boolean;
  /** at the very start of a pipeline: a word here is implicit search unless it is a command name */
  atPipelineStart: boolean;
  /** the command whose arguments are being read */
  command?: TokenType;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0;
}

/** characters that end a word in search and args modes */
function isWordBreak(c: number): boolean {
  switch (c) {
    case 124: // |
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 34: // "
    case 44: // ,
    case 61: // =
    case 60: // <
    case 62: // >
    case 96: // `
      return true;
    default:
      return isSpace(c);
  }
}

const EXPR_KEYWORDS: ReadonlyMap<string, TokenType> = new Map([
  ['and', T.And],
  ['or', T.Or],
  ['not', T.Not],
  ['xor', T.Xor],
  ['like', T.Like],
  ['in', T.In],
  ['as', T.As],
  ['by', T.By],
]);

export function tokenize(text: string): LexResult {
  const tokens: IToken[] = [];
  const errors: Diagnostic[] = [];
  const frames: Frame[] = [{ mode: 'search', depth: 0, kind: 'pipeline', atCommandStart: true, atPipelineStart: true }];
  let i = 0;
  const n = text.length;

  /** end of a foreach template such as <<FIELD>> or <<MATCHSTR>> at pos, or -1 */
  const templateEnd = (pos: number): number => {
    const m = /^<<[A-Za-z_]+>>/.exec(text.slice(pos, pos + 40));
    return m ? pos + m[0].length : -1;
  };
  const push = (type: TokenType, start: number, end: number) => {
    tokens.push(createTokenInstance(type, text.slice(start, end), start, end - 1, NaN, NaN, NaN, NaN));
  };
  const top = () => frames[frames.length - 1];
  /** the word being read is the value of a comparison (field=value) */
  const isValuePosition = () => tokens.length > 0 && tokenMatcher(tokens[tokens.length - 1], T.CompareOp);
  const lastType = () => (tokens.length ? tokens[tokens.length - 1].tokenType : undefined);

  /** reads a double-quoted string starting at i; returns the end offset */
  const readQuoted = (start: number, quote: number): number => {
    let j = start + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */ && j + 1 < n) {
        j += 2;
        continue;
      }
      if (c === quote) return j + 1;
      j++;
    }
    errors.push({
      stage: 'lex',
      message: quote === 34 ? 'unterminated quoted string' : "unterminated 'quoted' field name",
      span: { start, end: n },
      hint: quote === 34 ? 'close the string with a double quote, or escape a quote inside it as \\"' : "close the field name with a single quote",
    });
    return n;
  };

  const readMacro = (start: number): number => {
    const close = text.indexOf('`', start + 1);
    if (close < 0) {
      errors.push({ stage: 'lex', message: 'unterminated macro call', span: { start, end: n }, hint: 'a macro call is written between two backticks: `name` or `name(arg)`' });
      return n;
    }
    return close + 1;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const f = top();
    // ---- structure shared by all modes
    if (c === 124 /* | */) {
      if (f.kind === 'eval') {
        errors.push({ stage: 'lex', message: "'|' inside eval(...)", span: { start: i, end: i + 1 }, hint: 'close the parenthesis first' });
        frames.pop();
        continue;
      }
      push(T.Pipe, i, i + 1);
      i++;
      f.mode = 'search';
      f.command = undefined;
      f.atCommandStart = true;
      f.depth = 0;
      continue;
    }
    if (c === 96 /* ` */ && text.startsWith('```', i)) {
      // ```comment``` (Search Manual, "Add comments to searches"): skipped like white space
      const close = text.indexOf('```', i + 3);
      if (close < 0) {
        errors.push({ stage: 'lex', message: 'unterminated comment', span: { start: i, end: n }, hint: 'a comment is written between triple backticks: ```like this```' });
        i = n;
      } else i = close + 3;
      continue;
    }
    if (c === 96 /* ` */) {
      const end = readMacro(i);
      push(T.MacroCall, i, end);
      i = end;
      f.atCommandStart = false;
      f.atPipelineStart = false;
      continue;
    }
    if (c === 93 /* ] */) {
      if (f.kind === 'pipeline' && frames.length > 1) {
        frames.pop();
        push(T.RBracket, i, i + 1);
        i++;
        continue;
      }
      if (f.kind === 'eval') {
        errors.push({ stage: 'lex', message: "unexpected ']' inside eval(...)", span: { start: i, end: i + 1 } });
        frames.pop();
        continue;
      }
      push(T.RBracket, i, i + 1); // the parser reports the unmatched bracket
      i++;
      continue;
    }
    if (c === 91 /* [ */ && f.mode !== 'expr') {
      push(T.LBracket, i, i + 1);
      i++;
      f.atCommandStart = false;
      f.atPipelineStart = false;
      frames.push({ mode: 'search', depth: 0, kind: 'pipeline', atCommandStart: true, atPipelineStart: true });
      continue;
    }
    if (f.mode === 'expr') {
      const next = lexExpr(i, f);
      if (next <= i) throw new Error(`lexer made no progress at offset ${i}`);
      i = next;
      continue;
    }
    // ---- search and args modes
    if (c === 34 /* " */) {
      const end = readQuoted(i, 34);
      if (f.mode === 'args' && end < n && !isWordBreak(text.charCodeAt(end)) && !f.atCommandStart && !isValuePosition()) {
        // "Processes".* : a quoted part and what follows it with no space are one argument (see joinedWordEnd)
        const j = joinedWordEnd(end);
        push(T.Word, i, j);
        i = j;
        f.atPipelineStart = false;
        continue;
      }
      push(T.QuotedString, i, end);
      i = end;
      f.atCommandStart = false;
      f.atPipelineStart = false;
      continue;
    }
    if (c === 40) {
      push(T.LParen, i, i + 1);
      i++;
      f.depth++;
      continue;
    }
    if (c === 41) {
      push(T.RParen, i, i + 1);
      i++;
      if (f.depth > 0) f.depth--;
      continue;
    }
    if (c === 44) {
      push(T.Comma, i, i + 1);
      i++;
      continue;
    }
    if (c === 61 /* = */) {
      if (text.charCodeAt(i + 1) === 61) {
        push(T.EqEq, i, i + 2);
        i += 2;
      } else {
        push(T.Eq, i, i + 1);
        i++;
      }
      continue;
    }
    if (c === 60 && templateEnd(i) > 0) {
      // falls through to the word reader below
    } else if (c === 60 || c === 62) {
      const eq = text.charCodeAt(i + 1) === 61;
      push(c === 60 ? (eq ? T.Lte : T.Lt) : eq ? T.Gte : T.Gt, i, i + (eq ? 2 : 1));
      i += eq ? 2 : 1;
      continue;
    }
    if (c === 33 /* ! */ && text.charCodeAt(i + 1) === 61) {
      push(T.Neq, i, i + 2);
      i += 2;
      continue;
    }
    if (c === 39 /* ' */) {
      const end = readQuoted(i, 39);
      push(T.QuotedField, i, end);
      i = end;
      f.atCommandStart = false;
      f.atPipelineStart = false;
      continue;
    }
    // a word
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 92 && j + 1 < n) {
        j += 2;
        continue;
      }
      if (d === 33 && text.charCodeAt(j + 1) === 61) break;
      if (d === 60 && templateEnd(j) > 0) {
        j = templateEnd(j);
        continue;
      }
      if (d === 40 && j > i && (isValuePosition() || top().command === T.TableCmd || top().command === T.FieldsCmd) && !/^(term|case)$/i.test(text.slice(i, j))) {
        // a value such as *GetCurrent()*, or a field named predicted(x) in table/fields: parentheses written inside the word belong to it
        const close = text.indexOf(')', j);
        const inner = close > 0 ? text.slice(j + 1, close) : '';
        if (close > 0 && !/[\s"()|[\]]/.test(inner)) {
          j = close + 1;
          continue;
        }
      }
      if (d === 34 && j > i && f.mode === 'args' && !f.atCommandStart && !isValuePosition()) {
        // Processes"-x": a word and a quoted part with no space between are one argument
        j = joinedWordEnd(j);
        break;
      }
      if (isWordBreak(d)) break;
      j++;
    }
    if (j === i) {
      // a lone template-less '<' or similar cannot start a word: it is handled above; guard anyway
      j = i + 1;
    }
    const word = text.slice(i, j);
    if (f.atCommandStart) {
      const atStart = f.atPipelineStart && lastType() !== T.Pipe;
      f.atCommandStart = false;
      f.atPipelineStart = false;
      const kind = T.COMMANDS.get(word);
      if (!atStart || kind !== undefined) {
        // after a pipe every word is a command name; at the start only known ones are
        if (!atStart || word === 'search' || frames.length > 1) {
          if (kind) {
            push(kind.token, i, j);
            f.command = kind.token;
            f.mode = kind.mode;
          } else if (!atStart) {
            push(T.GenericCmd, i, j);
            f.command = T.GenericCmd;
            f.mode = 'args';
          } else {
            i = pushWord(word, i, j, f);
            continue;
          }
          i = j;
          continue;
        }
      }
    }
    i = pushWord(word, i, j, f);
  }
  return { tokens, errors };

  /**
   * The end of an argument that joins quoted and unquoted parts written with
   * no space between them, read from `from` (in a part or at a quote): in
   * args mode `"Processes".*` or `a"b c"d` is one word, whose text is the
   * parts with the quotes removed (src/parser/unescape.ts joinedText). Not
   * for a value after a comparison (`f="a"g=1` stays the value "a", then
   * g=1, as security_content's ping_sleep_batch_command writes it).
   * [decision] Splunk's docs do not describe this; it is what its argument
   * tokenizer does with `rename "Processes".* AS *`, the text the CIM macro
   * drop_dm_object_name(1) (`rename $1$.* AS *`) makes when called as
   * drop_dm_object_name("Processes"), as security_content does (macro
   * arguments are substituted as text: Knowledge Manager Manual, "Use search
   * macros in searches").
   */
  function joinedWordEnd(from: number): number {
    let j = from;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 34) {
        j = readQuoted(j, 34);
        continue;
      }
      if (d === 92 && j + 1 < n) {
        j += 2;
        continue;
      }
      if (isWordBreak(d) || (d === 33 && text.charCodeAt(j + 1) === 61)) break;
      j++;
    }
    return j;
  }

  /** pushes a word token; returns the offset to continue from */
  function pushWord(word: string, start: number, end: number, f: Frame): number {
    let type: TokenType = T.Word;
    if (word === 'AND') type = T.And;
    else if (word === 'OR') type = T.Or;
    else if (word === 'NOT') type = T.Not;
    else if ((word === 'IN' || word === 'in') && nextNonSpace(end) === 40) type = T.In;
    else if (f.mode === 'args') {
      const lower = word.toLowerCase();
      if (lower === 'as') type = T.As;
      else if (lower === 'by') type = T.By;
      else if (lower === 'eval' && nextNonSpace(end) === 40 && f.command === T.StatsCmd) {
        // (generic commands keep eval(...) as words: the command re-reads its text)
        push(T.Word, start, end);
        // `eval(` inside stats-like arguments: the expression up to the matching `)`
        const open = text.indexOf('(', end);
        push(T.LParen, open, open + 1);
        frames.push({ mode: 'expr', depth: 0, kind: 'eval', atCommandStart: false, atPipelineStart: false });
        return lexUntilFrameEnds(open + 1);
      }
    }
    push(type, start, end);
    return end;
  }

  function nextNonSpace(from: number): number {
    let k = from;
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    return k < n ? text.charCodeAt(k) : -1;
  }

  /** runs the expr lexer until the eval( frame pushed last is closed; returns the new offset */
  function lexUntilFrameEnds(from: number): number {
    const depthAtStart = frames.length;
    let k = from;
    while (k < n && frames.length >= depthAtStart) {
      const c = text.charCodeAt(k);
      if (isSpace(c)) {
        k++;
        continue;
      }
      if (c === 124 || c === 93) {
        errors.push({ stage: 'lex', message: 'eval( is not closed', span: { start: from - 1, end: k }, hint: 'add the closing parenthesis' });
        frames.pop();
        break;
      }
      const next = lexExpr(k, top());
      if (next <= k) throw new Error(`lexer made no progress at offset ${k}`);
      k = next;
    }
    return k;
  }

  function lexExpr(start: number, f: Frame): number {
    const c = text.charCodeAt(start);
    if (c === 60 && templateEnd(start) > 0) return lexIdentifier(start);
    if (f.command === T.EvalCmd && f.depth === 0 && c !== 34 && c !== 39) {
      const last = tokens[tokens.length - 1]?.tokenType;
      if (last === T.EvalCmd || last === T.Comma) {
        // an assignment target: everything up to '=' names the field (eval a-b=1 sets field "a-b")
        const m = /^[^\s=,()"'|]+/.exec(text.slice(start, start + 200));
        if (m && /^\s*=(?!=)/.test(text.slice(start + m[0].length))) {
          push(T.Identifier, start, start + m[0].length);
          return start + m[0].length;
        }
      }
    }
    const two = text.slice(start, start + 2);
    switch (two) {
      case '==':
        push(T.EqEq, start, start + 2);
        return start + 2;
      case '!=':
        push(T.Neq, start, start + 2);
        return start + 2;
      case '<=':
        push(T.Lte, start, start + 2);
        return start + 2;
      case '>=':
        push(T.Gte, start, start + 2);
        return start + 2;
    }
    switch (c) {
      case 34: {
        const end = readQuoted(start, 34);
        push(T.QuotedString, start, end);
        return end;
      }
      case 39: {
        const end = readQuoted(start, 39);
        push(T.QuotedField, start, end);
        return end;
      }
      case 40:
        push(T.LParen, start, start + 1);
        f.depth++;
        return start + 1;
      case 41:
        push(T.RParen, start, start + 1);
        if (f.depth === 0 && f.kind === 'eval') frames.pop();
        else if (f.depth > 0) f.depth--;
        return start + 1;
      case 44:
        push(T.Comma, start, start + 1);
        return start + 1;
      case 61:
        push(T.Eq, start, start + 1);
        return start + 1;
      case 60:
        push(T.Lt, start, start + 1);
        return start + 1;
      case 62:
        push(T.Gt, start, start + 1);
        return start + 1;
      case 43:
        push(T.Plus, start, start + 1);
        return start + 1;
      case 45:
        push(T.Minus, start, start + 1);
        return start + 1;
      case 42:
        push(T.Star, start, start + 1);
        return start + 1;
      case 47:
        push(T.Slash, start, start + 1);
        return start + 1;
      case 37:
        push(T.Percent, start, start + 1);
        return start + 1;
      case 91:
        errors.push({ stage: 'lex', message: "unexpected '[' in an expression", span: { start, end: start + 1 } });
        return start + 1;
      case 33: // `!` alone: not an SPL eval operator
        errors.push({ stage: 'lex', message: "unexpected '!'", span: { start, end: start + 1 }, hint: 'use NOT for negation and != for "not equal"' });
        return start + 1;
    }
    // numbers
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(text.charCodeAt(start + 1)))) {
      let j = start;
      while (isDigit(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
        j++;
        while (isDigit(text.charCodeAt(j))) j++;
      } else if (text.charCodeAt(j) === 46 && !isIdentStart(text.charCodeAt(j + 1))) {
        j++; // "1." is a number
      }
      const e = text.charCodeAt(j);
      if (e === 101 || e === 69) {
        let k = j + 1;
        const s = text.charCodeAt(k);
        if (s === 43 || s === 45) k++;
        if (isDigit(text.charCodeAt(k))) {
          while (isDigit(text.charCodeAt(k))) k++;
          j = k;
        }
      }
      // a number immediately followed by letters is an identifier (e.g. 1a2b is not a number);
      // after a leading dot (a.16H) the dot is the concatenation operator and 16H the identifier
      if (isIdentPart(text.charCodeAt(j))) {
        if (c !== 46) return lexIdentifier(start);
        push(T.Dot, start, start + 1);
        return start + 1;
      }
      push(T.NumberLiteral, start, j);
      return j;
    }
    if (c === 46) {
      push(T.Dot, start, start + 1);
      return start + 1;
    }
    if (isIdentStart(c)) return lexIdentifier(start);
    errors.push({ stage: 'lex', message: `unexpected character '${text[start]}' in an expression`, span: { start, end: start + 1 } });
    return start + 1;
  }

  function lexIdentifier(start: number): number {
    let j = start;
    for (;;) {
      const d = text.charCodeAt(j);
      if (d === 60 && templateEnd(j) > 0) {
        j = templateEnd(j);
        continue;
      }
      if (isIdentPart(d)) {
        j++;
        continue;
      }
      if (d === 123 /* { */) {
        const close = text.indexOf('}', j);
        if (close > 0) {
          j = close + 1;
          continue;
        }
      }
      break;
    }
    const word = text.slice(start, j);
    const kw = EXPR_KEYWORDS.get(word.toLowerCase());
    if (kw === T.In) {
      push(T.In, start, j);
    } else if (kw && kw !== T.As && kw !== T.By) {
      push(kw, start, j);
    } else push(T.Identifier, start, j);
    return j;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 64 || c > 127;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 58 /* : */;
}
