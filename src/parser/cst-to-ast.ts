/**
 * CST → AST. One visitor method per grammar rule (validated against the
 * grammar by validateVisitor), each returning readonly AST data with spans.
 */
import type { CstNode, IToken } from 'chevrotain';
import type * as A from '../ast/nodes.js';
import type { Span } from '../diagnostics/diagnostic.js';
import * as T from '../lexer/tokens.js';
import { parserInstance } from './parser.js';
import { joinedText, unescapeSpl, unquote } from './unescape.js';

type Ctx = Record<string, (CstNode | IToken)[] | undefined>;

const tokSpan = (t: IToken): Span => ({ start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 });
/** The span of a rule's children: Chevrotain's visitor passes children, not the node. */
function ctxSpan(ctx: Ctx): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const list of Object.values(ctx)) {
    for (const item of list ?? []) {
      if (isToken(item)) {
        if (Number.isNaN(item.startOffset)) continue;
        start = Math.min(start, item.startOffset);
        end = Math.max(end, (item.endOffset ?? item.startOffset) + 1);
      } else if (item.location) {
        start = Math.min(start, item.location.startOffset);
        end = Math.max(end, (item.location.endOffset ?? item.location.startOffset) + 1);
      }
    }
  }
  return start === Infinity ? { start: 0, end: 0 } : { start, end };
}
const join = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

function isToken(x: CstNode | IToken): x is IToken {
  return (x as IToken).image !== undefined;
}

/** All children of a CST node in source order. */
function ordered(ctx: Ctx): { key: string; item: CstNode | IToken }[] {
  const all: { key: string; item: CstNode | IToken; at: number }[] = [];
  for (const [key, list] of Object.entries(ctx)) {
    for (const item of list ?? []) {
      all.push({ key, item, at: isToken(item) ? item.startOffset : item.location!.startOffset });
    }
  }
  return all.sort((a, b) => a.at - b.at);
}

const BaseVisitor = parserInstance().getBaseCstVisitorConstructor();

class AstBuilder extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  private node<R>(n: CstNode | undefined): R {
    return this.visit(n as CstNode) as R;
  }
  private nodes<R>(list: (CstNode | IToken)[] | undefined): R[] {
    return (list ?? []).map((n) => this.visit(n as CstNode) as R);
  }

  // ------------------------------------------------------------ pipeline
  pipeline(ctx: Ctx): A.Pipeline {
    const commands: A.Command[] = [];
    if (ctx.implicitSearch) commands.push(this.node(ctx.implicitSearch[0] as CstNode));
    commands.push(...this.nodes<A.Command>(ctx.command));
    commands.sort((a, b) => a.span.start - b.span.start);
    return { type: 'pipeline', span: ctxSpan(ctx), leadingPipe: !!ctx.leadingPipe, commands };
  }

  implicitSearch(ctx: Ctx): A.SearchCommand {
    return { type: 'search', span: ctxSpan(ctx), implicit: true, expr: this.node(ctx.searchAnd![0] as CstNode) };
  }

  command(ctx: Ctx): A.Command {
    const [only] = Object.values(ctx).flat() as CstNode[];
    return this.visit(only) as A.Command;
  }

  // ------------------------------------------------------------ search language
  searchCommand(ctx: Ctx): A.SearchCommand {
    return { type: 'search', span: ctxSpan(ctx), implicit: false, expr: ctx.searchAnd ? this.node(ctx.searchAnd[0] as CstNode) : null };
  }

  searchAnd(ctx: Ctx): A.SearchExpr {
    const items = this.nodes<A.SearchExpr>(ctx.searchOr);
    if (items.length === 1) return items[0];
    return { type: 'and', span: ctxSpan(ctx), items: items.flatMap((e) => (e.type === 'and' ? e.items : [e])) };
  }

  searchOr(ctx: Ctx): A.SearchExpr {
    const items = this.nodes<A.SearchExpr>(ctx.searchNot);
    if (items.length === 1) return items[0];
    return { type: 'or', span: ctxSpan(ctx), items: items.flatMap((e) => (e.type === 'or' ? e.items : [e])) };
  }

  searchNot(ctx: Ctx): A.SearchExpr {
    if (ctx.Not) return { type: 'not', span: ctxSpan(ctx), expr: this.node(ctx.searchNot![0] as CstNode) };
    return this.node(ctx.searchPrimary![0] as CstNode);
  }

  searchPrimary(ctx: Ctx): A.SearchExpr {
    if (ctx.searchAnd) return this.node(ctx.searchAnd[0] as CstNode);
    if (ctx.subsearch) return { type: 'subsearch', span: ctxSpan(ctx), pipeline: this.node(ctx.subsearch[0] as CstNode) };
    if (ctx.MacroCall) return { type: 'macro', span: ctxSpan(ctx), call: macroText(ctx.MacroCall[0] as IToken) };
    if (ctx.searchComparison) return this.node(ctx.searchComparison[0] as CstNode);
    if (ctx.searchIn) return this.node(ctx.searchIn[0] as CstNode);
    return { type: 'term', span: ctxSpan(ctx), value: this.node(ctx.searchValue![0] as CstNode) };
  }

  searchComparison(ctx: Ctx): A.SearchCompare {
    const opTok = ctx.CompareOp![0] as IToken;
    const op = opTok.image === '==' ? '=' : (opTok.image as A.CompareOperator);
    return { type: 'compare', span: ctxSpan(ctx), field: this.node(ctx.fieldName![0] as CstNode), op, value: this.node(ctx.searchValue![0] as CstNode) };
  }

  searchIn(ctx: Ctx): A.SearchIn {
    return { type: 'in', span: ctxSpan(ctx), field: this.node(ctx.fieldName![0] as CstNode), values: this.nodes(ctx.searchValue) };
  }

  searchValue(ctx: Ctx): A.SearchValue {
    if (ctx.modifier) {
      const inner = this.node<A.SearchValue>(ctx.searchValue![0] as CstNode);
      const mod = (ctx.modifier[0] as IToken).image.toUpperCase() as 'TERM' | 'CASE';
      return { ...inner, span: ctxSpan(ctx), modifier: mod };
    }
    const tok = Object.values(ctx).flat()[0] as IToken;
    if (tok.tokenType === T.QuotedString) return { span: tokSpan(tok), text: unquote(tok.image), quoted: true };
    return { span: tokSpan(tok), text: joinedText(tok.image), quoted: false };
  }

  fieldName(ctx: Ctx): A.FieldName {
    const tok = Object.values(ctx).flat()[0] as IToken;
    if (tok.tokenType === T.QuotedField || tok.tokenType === T.QuotedString) return { span: tokSpan(tok), name: unquote(tok.image), quoted: true };
    // a word joining quoted parts ("Processes".*) names the parts without their quotes
    const name = tok.image.includes('"') ? joinedText(tok.image) : tok.image;
    // a word holding characters that normally break words (predicted(x)) prints back quoted: mark it so
    return { span: tokSpan(tok), name, quoted: /[\s|()[\]",=<>`]/.test(name) };
  }

  subsearch(ctx: Ctx): A.Pipeline {
    return this.node(ctx.pipeline![0] as CstNode);
  }

  // ------------------------------------------------------------ eval expressions
  whereCommand(ctx: Ctx): A.WhereCommand {
    return { type: 'where', span: ctxSpan(ctx), expr: this.node(ctx.expression![0] as CstNode) };
  }

  evalCommand(ctx: Ctx): A.EvalCommand {
    const variant = (ctx.EvalCmd![0] as IToken).image.toLowerCase() as A.EvalCommand['variant'];
    return { type: 'eval', variant, span: ctxSpan(ctx), assignments: this.nodes(ctx.evalAssignment) };
  }

  evalAssignment(ctx: Ctx): A.EvalAssignment {
    const tok = (ctx.Identifier ?? ctx.QuotedField ?? ctx.QuotedString)![0] as IToken;
    // a target written bare but not a plain name (a-b) prints back quoted: treat it as quoted
    const quoted = tok.tokenType !== T.Identifier || !/^[A-Za-z_$@][A-Za-z0-9_$@:.{}<>]*$/.test(tok.image);
    return {
      span: ctxSpan(ctx),
      field: { span: tokSpan(tok), name: tok.tokenType === T.Identifier ? tok.image : unquote(tok.image), quoted },
      expr: this.node(ctx.expression![0] as CstNode),
    };
  }

  /** A run of operators of one level as one n-ary node (A.ExprBinary); a single operand is itself. */
  private binaryChain(ctx: Ctx, operandKey: string, opKeys: string[]): A.Expr {
    const operands: A.Expr[] = [];
    const ops: A.BinaryOperator[] = [];
    const opSpans: Span[] = [];
    for (const { key, item } of ordered(ctx)) {
      if (key === operandKey) operands.push(this.visit(item as CstNode) as A.Expr);
      else if (opKeys.includes(key)) {
        ops.push(normaliseOp((item as IToken).image));
        opSpans.push(tokSpan(item as IToken));
      }
    }
    if (operands.length === 1) return operands[0];
    return { type: 'binary', span: join(operands[0].span, operands[operands.length - 1].span), operands, ops, opSpans };
  }

  expression(ctx: Ctx): A.Expr {
    return this.binaryChain(ctx, 'orExpression', ['Xor']);
  }
  orExpression(ctx: Ctx): A.Expr {
    return this.binaryChain(ctx, 'andExpression', ['Or']);
  }
  andExpression(ctx: Ctx): A.Expr {
    return this.binaryChain(ctx, 'notExpression', ['And']);
  }
  notExpression(ctx: Ctx): A.Expr {
    if (ctx.Not) return { type: 'not', span: ctxSpan(ctx), operand: this.node(ctx.notExpression![0] as CstNode) };
    return this.node(ctx.comparison![0] as CstNode);
  }
  comparison(ctx: Ctx): A.Expr {
    const [first, second] = this.nodes<A.Expr>(ctx.additive);
    if (ctx.CompareOp) {
      const op = ctx.CompareOp[0] as IToken;
      return { type: 'binary', span: ctxSpan(ctx), operands: [first, second], ops: [normaliseOp(op.image)], opSpans: [tokSpan(op)] };
    }
    if (ctx.Like) return { type: 'like', span: ctxSpan(ctx), left: first, pattern: second };
    if (ctx.In) return { type: 'in', span: ctxSpan(ctx), left: first, values: this.nodes(ctx.expression) };
    return first;
  }
  additive(ctx: Ctx): A.Expr {
    return this.binaryChain(ctx, 'multiplicative', ['Plus', 'Minus', 'Dot']);
  }
  multiplicative(ctx: Ctx): A.Expr {
    return this.binaryChain(ctx, 'unary', ['Star', 'Slash', 'Percent']);
  }
  unary(ctx: Ctx): A.Expr {
    if (ctx.Minus) {
      const operand = this.node<A.Expr>(ctx.unary![0] as CstNode);
      if (operand.type === 'number' && !operand.text.startsWith('-')) {
        return { type: 'number', span: ctxSpan(ctx), text: '-' + operand.text, value: -operand.value };
      }
      return { type: 'negate', span: ctxSpan(ctx), operand };
    }
    if (ctx.Plus) return this.node(ctx.unary![0] as CstNode);
    return this.node(ctx.primary![0] as CstNode);
  }
  primary(ctx: Ctx): A.Expr {
    if (ctx.NumberLiteral) {
      const tok = ctx.NumberLiteral[0] as IToken;
      return { type: 'number', span: tokSpan(tok), text: tok.image, value: Number(tok.image) };
    }
    if (ctx.QuotedString) {
      const tok = ctx.QuotedString[0] as IToken;
      return { type: 'string', span: tokSpan(tok), value: unquote(tok.image) };
    }
    if (ctx.QuotedField) {
      const tok = ctx.QuotedField[0] as IToken;
      return { type: 'field', span: tokSpan(tok), name: unquote(tok.image), quoted: true };
    }
    if (ctx.Identifier) {
      const tok = ctx.Identifier[0] as IToken;
      return { type: 'field', span: tokSpan(tok), name: tok.image, quoted: false };
    }
    if (ctx.functionCall) return this.node(ctx.functionCall[0] as CstNode);
    const inner = this.node<A.Expr>(ctx.expression![0] as CstNode);
    return { ...inner, span: ctxSpan(ctx) } as A.Expr;
  }
  functionCall(ctx: Ctx): A.ExprCall {
    const name = ctx.name![0] as IToken;
    return { type: 'call', span: ctxSpan(ctx), name: name.image.toLowerCase() === 'in' || name.image.toLowerCase() === 'like' ? name.image.toLowerCase() : name.image, nameSpan: tokSpan(name), args: this.nodes(ctx.expression) };
  }

  // ------------------------------------------------------------ argument commands
  commandOption(ctx: Ctx): A.Option {
    return { span: ctxSpan(ctx), name: (ctx.name![0] as IToken).image, value: this.node(ctx.searchValue![0] as CstNode) };
  }

  statsCommand(ctx: Ctx): A.StatsCommand {
    const name = (ctx.StatsCmd![0] as IToken).image as A.StatsCommand['variant'];
    const by = ctx.byClause ? this.node<ByClause>(ctx.byClause[0] as CstNode) : undefined;
    return {
      type: 'stats',
      span: ctxSpan(ctx),
      variant: name,
      aggregations: this.nodes(ctx.aggregation),
      options: [...this.nodes<A.Option>(ctx.commandOption), ...(by?.options ?? [])],
      by: by?.fields ?? [],
    };
  }

  aggregation(ctx: Ctx): A.Aggregation {
    const func = ctx.func![0] as IToken;
    const arg = ctx.aggregationArg ? this.node<{ field?: A.FieldName; expr?: A.Expr }>(ctx.aggregationArg[0] as CstNode) : {};
    let as = ctx.as ? this.node<A.FieldName>(ctx.as[0] as CstNode) : undefined;
    if (as && ctx.asSuffix) {
      const suffix = ctx.asSuffix[0] as IToken;
      as = { span: { start: as.span.start, end: suffix.startOffset + suffix.image.length + 1 }, name: `${as.name}(${suffix.image})`, quoted: true };
    }
    const sparkline = ctx.sparklineArg ? this.node<Pick<A.Aggregation, 'inner' | 'spanLength'>>(ctx.sparklineArg[0] as CstNode) : {};
    return { span: ctxSpan(ctx), func: func.image, ...arg, ...sparkline, ...(as ? { as } : {}) };
  }

  sparklineArg(ctx: Ctx): Pick<A.Aggregation, 'inner' | 'spanLength'> {
    const func = ctx.func![0] as IToken;
    const arg = ctx.aggregationArg ? this.node<{ field?: A.FieldName; expr?: A.Expr }>(ctx.aggregationArg[0] as CstNode) : {};
    const end = tokSpan((ctx.RParen?.[0] ?? func) as IToken).end;
    const inner: A.Aggregation = { span: { start: func.startOffset, end }, func: func.image, ...arg };
    const length = ctx.spanLength?.[0] as IToken | undefined;
    if (!length) return { inner };
    return { inner, spanLength: { span: tokSpan(length), text: length.image } };
  }

  aggregationArg(ctx: Ctx): { field?: A.FieldName; expr?: A.Expr } {
    if (ctx.eval) return { expr: this.node(ctx.expression![0] as CstNode) };
    return { field: this.node(ctx.fieldName![0] as CstNode) };
  }

  byClause(ctx: Ctx): ByClause {
    return { fields: this.nodes(ctx.fieldName), options: this.nodes(ctx.commandOption) };
  }

  convertCommand(ctx: Ctx): A.ConvertCommand {
    return { type: 'convert', span: ctxSpan(ctx), options: this.nodes(ctx.commandOption), conversions: this.nodes(ctx.conversion) };
  }

  conversion(ctx: Ctx): A.Conversion {
    const as = ctx.as ? this.node<A.FieldName>(ctx.as[0] as CstNode) : undefined;
    return { span: ctxSpan(ctx), func: (ctx.func![0] as IToken).image, field: this.node(ctx.fieldName![0] as CstNode), ...(as ? { as } : {}) };
  }

  tableCommand(ctx: Ctx): A.TableCommand {
    return { type: 'table', span: ctxSpan(ctx), fields: this.node(ctx.fieldList![0] as CstNode) };
  }

  fieldsCommand(ctx: Ctx): A.FieldsCommand {
    let fields = this.node<A.FieldName[]>(ctx.fieldList![0] as CstNode);
    let remove = false;
    if (fields.length && !fields[0].quoted && (fields[0].name === '-' || fields[0].name === '+')) {
      remove = fields[0].name === '-';
      fields = fields.slice(1);
    } else if (fields.length && !fields[0].quoted && /^[-+]./.test(fields[0].name)) {
      remove = fields[0].name[0] === '-';
      const f = fields[0];
      fields = [{ span: { start: f.span.start + 1, end: f.span.end }, name: f.name.slice(1), quoted: false }, ...fields.slice(1)];
    }
    return { type: 'fields', span: ctxSpan(ctx), remove, fields };
  }

  fieldList(ctx: Ctx): A.FieldName[] {
    return this.nodes(ctx.fieldName);
  }

  renameCommand(ctx: Ctx): A.RenameCommand {
    return { type: 'rename', span: ctxSpan(ctx), renames: this.nodes(ctx.renamePair) };
  }

  renamePair(ctx: Ctx): A.RenamePair {
    return { span: ctxSpan(ctx), from: this.node(ctx.from![0] as CstNode), to: this.node(ctx.to![0] as CstNode) };
  }

  headCommand(ctx: Ctx): A.HeadCommand {
    const items = this.nodes<SeqItem>(ctx.sequenceItem);
    let count: number | undefined;
    const options: A.Option[] = [];
    for (const it of items) {
      if (it.kind === 'option') options.push(it.option);
      else if (it.kind === 'field' && count === undefined && /^\d+$/.test(it.field.name)) count = Number(it.field.name);
      else throw new AstError(`unexpected '${it.kind === 'field' ? it.field.name : it.kind === 'func' ? it.func : ','}' in head`, it.span, 'head takes a number of results: head 10, or head limit=10');
    }
    return { type: 'head', span: ctxSpan(ctx), ...(count !== undefined ? { count } : {}), options };
  }

  sortCommand(ctx: Ctx): A.SortCommand {
    const items = this.nodes<SeqItem>(ctx.sequenceItem);
    let limit: number | undefined;
    const options: A.Option[] = [];
    let reverse = false;
    const keys = readSortKeys(items, (it, index) => {
      if (it.kind === 'option') {
        options.push(it.option);
        return true;
      }
      if (it.kind === 'field' && index === 0 && /^\d+$/.test(it.field.name)) {
        limit = Number(it.field.name);
        return true;
      }
      if (it.kind === 'field' && index === items.length - 1 && index > 0 && !it.field.quoted && /^(desc|d)$/i.test(it.field.name)) {
        reverse = true;
        return true;
      }
      return false;
    });
    return { type: 'sort', span: ctxSpan(ctx), ...(limit !== undefined ? { limit } : {}), options, keys, reverse };
  }

  dedupCommand(ctx: Ctx): A.DedupCommand {
    const items = this.nodes<SeqItem>(ctx.sequenceItem);
    let count: number | undefined;
    const fields: A.FieldName[] = [];
    const options: A.Option[] = [];
    let sortAt = items.findIndex((it) => it.kind === 'field' && !it.field.quoted && it.field.name.toLowerCase() === 'sortby');
    if (sortAt < 0) sortAt = items.length;
    items.slice(0, sortAt).forEach((it, index) => {
      if (it.kind === 'option') options.push(it.option);
      else if (it.kind === 'field' && index === 0 && /^\d+$/.test(it.field.name)) count = Number(it.field.name);
      else if (it.kind === 'field') fields.push(it.field);
      else if (it.kind === 'func') throw new AstError(`unexpected '${it.func}(...)' in dedup`, it.span, 'sort keys such as num(x) go after sortby');
    });
    const sortby = readSortKeys(items.slice(sortAt + 1), (it) => {
      if (it.kind === 'option') {
        options.push(it.option);
        return true;
      }
      return false;
    });
    return { type: 'dedup', span: ctxSpan(ctx), ...(count !== undefined ? { count } : {}), fields, options, sortby };
  }

  sequenceItem(ctx: Ctx): SeqItem {
    if (ctx.commandOption) return { kind: 'option', span: ctxSpan(ctx), option: this.node(ctx.commandOption[0] as CstNode) };
    if (ctx.func) return { kind: 'func', span: ctxSpan(ctx), func: (ctx.func[0] as IToken).image, field: this.node(ctx.fieldName![0] as CstNode) };
    if (ctx.fieldName) return { kind: 'field', span: ctxSpan(ctx), field: this.node(ctx.fieldName[0] as CstNode) };
    return { kind: 'comma', span: ctxSpan(ctx) };
  }

  tstatsCommand(ctx: Ctx): A.TstatsCommand {
    const by = ctx.byClause ? this.node<ByClause>(ctx.byClause[0] as CstNode) : undefined;
    if (ctx.MacroCall) {
      const tok = ctx.MacroCall[0] as IToken;
      throw new AstError('macro calls must be expanded before tstats is parsed', tokSpan(tok), 'run with the macros defined, or use `splinter expand` to see the expansion');
    }
    const from = ctx.tstatsFrom ? this.node<A.TstatsCommand['from']>(ctx.tstatsFrom[0] as CstNode) : undefined;
    const where = ctx.searchAnd ? this.node<A.SearchExpr>(ctx.searchAnd[0] as CstNode) : undefined;
    return {
      type: 'tstats',
      span: ctxSpan(ctx),
      options: this.nodes(ctx.commandOption),
      aggregations: this.nodes(ctx.aggregation),
      ...(from ? { from } : {}),
      ...(where ? { where } : {}),
      by: by?.fields ?? [],
      byOptions: by?.options ?? [],
    };
  }

  tstatsFrom(ctx: Ctx): A.TstatsCommand['from'] {
    const kind = ctx.kind ? (ctx.kind[0] as IToken).image : '';
    return { span: ctxSpan(ctx), kind, value: this.node(ctx.searchValue![0] as CstNode) };
  }

  macroCommand(ctx: Ctx): A.MacroCommand {
    return { type: 'macro', span: ctxSpan(ctx), call: macroText(ctx.MacroCall![0] as IToken) };
  }

  genericCommand(ctx: Ctx): A.GenericCommand {
    const name = ctx.GenericCmd![0] as IToken;
    return { type: 'command', span: ctxSpan(ctx), name: name.image, nameSpan: tokSpan(name), args: this.nodes(ctx.genericArg) };
  }

  genericArg(ctx: Ctx): A.GenericArg {
    const span = ctxSpan(ctx);
    if (ctx.groupName) return { kind: 'option', span, name: (ctx.groupName[0] as IToken).image, value: { span, text: '', quoted: false }, group: this.nodes(ctx.genericArg) };
    if (ctx.commandOption) {
      const o = this.node<A.Option>(ctx.commandOption[0] as CstNode);
      return { kind: 'option', span, name: o.name, value: o.value };
    }
    if (ctx.genericBy) return { kind: 'by', span, fields: this.node(ctx.genericBy[0] as CstNode) };
    if (ctx.searchValue) return { kind: 'value', span, value: this.node(ctx.searchValue[0] as CstNode) };
    if (ctx.subsearch) return { kind: 'subsearch', span, pipeline: this.node(ctx.subsearch[0] as CstNode) };
    if (ctx.MacroCall) return { kind: 'macro', span, call: macroText(ctx.MacroCall[0] as IToken) };
    if (ctx.LParen) return { kind: 'group', span, args: this.nodes(ctx.genericArg) };
    if (ctx.QuotedField) {
      const tok = ctx.QuotedField[0] as IToken;
      return { kind: 'value', span, value: { span, text: tok.image, quoted: false } };
    }
    const tok = Object.values(ctx).flat()[0] as IToken;
    return { kind: 'operator', span, text: tok.image };
  }

  genericBy(ctx: Ctx): A.FieldName[] {
    return this.nodes(ctx.fieldName);
  }
}

interface ByClause {
  fields: A.FieldName[];
  options: A.Option[];
}

type SeqItem =
  | { kind: 'option'; span: Span; option: A.Option }
  | { kind: 'func'; span: Span; func: string; field: A.FieldName }
  | { kind: 'field'; span: Span; field: A.FieldName }
  | { kind: 'comma'; span: Span };

/** Sort keys: `-count`, `- count`, `+x`, `num(x)`, `-str(x)`; `claim` takes other items (options, limit, desc). */
function readSortKeys(items: SeqItem[], claim: (it: SeqItem, index: number) => boolean): A.SortKey[] {
  const keys: A.SortKey[] = [];
  let pending: { sign: '+' | '-'; span: Span } | undefined;
  items.forEach((it, index) => {
    if (claim(it, index) || it.kind === 'comma') return;
    if (it.kind === 'option') return;
    if (it.kind === 'field' && !it.field.quoted && (it.field.name === '-' || it.field.name === '+')) {
      pending = { sign: it.field.name, span: it.span };
      return;
    }
    let sign: '+' | '-' | '' = pending?.sign ?? '';
    let field: A.FieldName;
    let kind: A.SortKey['kind'] = 'auto';
    if (it.kind === 'func') {
      let func = it.func;
      if (func.startsWith('-') || func.startsWith('+')) {
        sign = func[0] as '+' | '-';
        func = func.slice(1);
      }
      const k = func.toLowerCase();
      if (k !== 'num' && k !== 'str' && k !== 'ip' && k !== 'auto') throw new AstError(`unknown sort function '${func}'`, it.span, 'use auto(), num(), str() or ip()');
      kind = k;
      field = it.field;
    } else {
      field = it.field;
      if (!field.quoted && /^[-+]./.test(field.name)) {
        sign = field.name[0] as '+' | '-';
        field = { span: { start: field.span.start + 1, end: field.span.end }, name: field.name.slice(1), quoted: false };
      }
    }
    const span = pending ? join(pending.span, it.span) : it.span;
    keys.push({ span, field, descending: sign === '-', kind, sign });
    pending = undefined;
  });
  return keys;
}

function macroText(tok: IToken): A.MacroCallText {
  const image = tok.image;
  return { span: tokSpan(tok), text: image.slice(1, image.endsWith('`') && image.length > 1 ? -1 : undefined) };
}

function normaliseOp(image: string): A.BinaryOperator {
  const up = image.toUpperCase();
  return up as A.BinaryOperator;
}

/** A user error found while building the AST. */
export class AstError extends Error {
  constructor(
    message: string,
    readonly span: Span,
    readonly hint?: string,
  ) {
    super(message);
  }
}

let builder: AstBuilder | undefined;
export function buildAst(cst: CstNode): A.Pipeline {
  builder ??= new AstBuilder();
  return builder.visit(cst) as A.Pipeline;
}
