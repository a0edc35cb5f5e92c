/**
 * The SPL grammar: a pure Chevrotain CST grammar (no actions). cst-to-ast.ts
 * turns the CST into the AST. One parser instance is reused (parser.input).
 */
import { CstParser, tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
import * as T from '../lexer/tokens.js';

const CLAUSE_WORDS = new Set(['from', 'where', 'by', 'groupby']);

/** set to true by the bundler for the shipped CLI (scripts/bundle.mjs) */
declare const SPLINTER_BUNDLED: boolean | undefined;
/**
 * Chevrotain checks the grammar itself (ambiguities, left recursion...) when
 * the parser is built: a third of the CLI's start-up. The tests build the
 * parser from the modules, with the checks, on every run; the bundle, built
 * from the same grammar, skips them.
 */
const SKIP_VALIDATIONS = typeof SPLINTER_BUNDLED !== 'undefined' && SPLINTER_BUNDLED === true;

export class SplParser extends CstParser {
  constructor() {
    super(T.allTokens, { maxLookahead: 4, recoveryEnabled: false, nodeLocationTracking: 'full', skipValidations: SKIP_VALIDATIONS });
    this.performSelfAnalysis();
  }

  private isImage(tokenIndex: number, ...images: string[]): boolean {
    const tok = this.LA(tokenIndex);
    return images.includes(tok.image.toLowerCase());
  }

  private isType(tokenIndex: number, type: TokenType): boolean {
    return this.LA(tokenIndex).tokenType === type;
  }

  // ------------------------------------------------------------ pipeline
  public pipeline = this.RULE('pipeline', () => {
    this.OR({ IGNORE_AMBIGUITIES: true, DEF: [
      {
        ALT: () => {
          this.CONSUME(T.Pipe, { LABEL: 'leadingPipe' });
          this.SUBRULE(this.command);
        },
      },
      {
        // a pipeline that starts with a command name (`search ...`, or `eval` inside foreach's brackets)
        GATE: () => tokenMatcher(this.LA(1), T.CommandName),
        ALT: () => this.SUBRULE2(this.command),
      },
      { ALT: () => this.SUBRULE(this.implicitSearch) },
    ]});
    this.MANY(() => {
      this.CONSUME2(T.Pipe);
      this.SUBRULE3(this.command);
    });
  });

  public implicitSearch = this.RULE('implicitSearch', () => {
    this.SUBRULE(this.searchAnd, { ARGS: [false] });
  });

  public command = this.RULE('command', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.searchCommand) },
      { ALT: () => this.SUBRULE(this.whereCommand) },
      { ALT: () => this.SUBRULE(this.evalCommand) },
      { ALT: () => this.SUBRULE(this.statsCommand) },
      { ALT: () => this.SUBRULE(this.convertCommand) },
      { ALT: () => this.SUBRULE(this.tableCommand) },
      { ALT: () => this.SUBRULE(this.fieldsCommand) },
      { ALT: () => this.SUBRULE(this.renameCommand) },
      { ALT: () => this.SUBRULE(this.headCommand) },
      { ALT: () => this.SUBRULE(this.sortCommand) },
      { ALT: () => this.SUBRULE(this.dedupCommand) },
      { ALT: () => this.SUBRULE(this.tstatsCommand) },
      { ALT: () => this.SUBRULE(this.macroCommand) },
      { ALT: () => this.SUBRULE(this.genericCommand) },
    ]);
  });

  // ------------------------------------------------------------ search language
  public searchCommand = this.RULE('searchCommand', () => {
    this.CONSUME(T.SearchCmd);
    this.OPTION(() => this.SUBRULE(this.searchAnd, { ARGS: [false] }));
  });

  /** implicit or explicit AND; stopAtBy ends the expression before `by` (tstats where) */
  public searchAnd = this.RULE('searchAnd', (stopAtBy: boolean = false) => {
    this.SUBRULE(this.searchOr, { ARGS: [stopAtBy] });
    this.MANY({
      GATE: () => !(stopAtBy && this.atClauseWord()),
      DEF: () => {
        this.OPTION(() => this.CONSUME(T.And));
        this.SUBRULE2(this.searchOr, { ARGS: [stopAtBy] });
      },
    });
  });

  private atClauseWord(): boolean {
    const tok = this.LA(1);
    return (tok.tokenType === T.By || tok.tokenType === T.Word) && CLAUSE_WORDS.has(tok.image.toLowerCase()) && this.LA(2).tokenType !== T.Eq;
  }

  public searchOr = this.RULE('searchOr', (stopAtBy: boolean = false) => {
    this.SUBRULE(this.searchNot, { ARGS: [stopAtBy] });
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.searchNot, { ARGS: [stopAtBy] });
    });
  });

  public searchNot = this.RULE('searchNot', (stopAtBy: boolean = false) => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.searchNot, { ARGS: [stopAtBy] });
        },
      },
      { ALT: () => this.SUBRULE(this.searchPrimary, { ARGS: [stopAtBy] }) },
    ]);
  });

  public searchPrimary = this.RULE('searchPrimary', (stopAtBy: boolean = false) => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.searchAnd, { ARGS: [stopAtBy] });
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.subsearch) },
      { ALT: () => this.CONSUME(T.MacroCall) },
      { ALT: () => this.SUBRULE(this.searchComparison) },
      { ALT: () => this.SUBRULE(this.searchIn) },
      { ALT: () => this.SUBRULE(this.searchValue) },
    ]);
  });

  public searchComparison = this.RULE('searchComparison', () => {
    this.SUBRULE(this.fieldName);
    this.CONSUME(T.CompareOp);
    this.SUBRULE(this.searchValue);
  });

  public searchIn = this.RULE('searchIn', () => {
    this.SUBRULE(this.fieldName);
    this.CONSUME(T.In);
    this.CONSUME(T.LParen);
    // Splunk tolerates stray commas in the list: IN (,"a","b",)
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.searchValue) }, { ALT: () => this.CONSUME(T.Comma) }]));
    this.CONSUME(T.RParen);
  });

  /** a word, a quoted string, or TERM(...) / CASE(...) */
  public searchValue = this.RULE('searchValue', () => {
    this.OR([
      {
        GATE: () => this.isImage(1, 'term', 'case') && this.isType(2, T.LParen),
        ALT: () => {
          this.CONSUME(T.Word, { LABEL: 'modifier' });
          this.CONSUME(T.LParen);
          this.SUBRULE(this.searchValue);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.CONSUME(T.QuotedString) },
      { ALT: () => this.CONSUME2(T.Word) },
      { ALT: () => this.CONSUME(T.As) },
      { ALT: () => this.CONSUME(T.By) },
    ]);
  });

  public fieldName = this.RULE('fieldName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Word) },
      { ALT: () => this.CONSUME(T.QuotedField) },
      { ALT: () => this.CONSUME(T.QuotedString) },
      { ALT: () => this.CONSUME(T.As) },
      { ALT: () => this.CONSUME(T.By) },
    ]);
  });

  public subsearch = this.RULE('subsearch', () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.pipeline);
    this.CONSUME(T.RBracket);
  });

  // ------------------------------------------------------------ eval expressions
  public whereCommand = this.RULE('whereCommand', () => {
    this.CONSUME(T.WhereCmd);
    this.SUBRULE(this.expression);
  });

  public evalCommand = this.RULE('evalCommand', () => {
    this.CONSUME(T.EvalCmd);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.evalAssignment) });
  });

  public evalAssignment = this.RULE('evalAssignment', () => {
    // a double-quoted target also names a field: eval "Search Name"=...
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedField) }, { ALT: () => this.CONSUME(T.QuotedString) }]);
    this.CONSUME(T.Eq);
    this.SUBRULE(this.expression);
  });

  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpression);
    this.MANY(() => {
      this.CONSUME(T.Xor);
      this.SUBRULE2(this.orExpression);
    });
  });

  public orExpression = this.RULE('orExpression', () => {
    this.SUBRULE(this.andExpression);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpression);
    });
  });

  public andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.notExpression);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpression);
    });
  });

  public notExpression = this.RULE('notExpression', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpression);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  public comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.additive);
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.CompareOp);
            this.SUBRULE2(this.additive);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Like);
            this.SUBRULE3(this.additive);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.In);
            this.CONSUME(T.LParen);
            this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
            this.CONSUME(T.RParen);
          },
        },
      ]);
    });
  });

  public additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Dot) }]);
      this.SUBRULE2(this.multiplicative);
    });
  });

  public multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Slash) }, { ALT: () => this.CONSUME(T.Percent) }]);
      this.SUBRULE2(this.unary);
    });
  });

  public unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unary);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Plus);
          this.SUBRULE2(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  public primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.QuotedString) },
      { ALT: () => this.CONSUME(T.QuotedField) },
      { ALT: () => this.SUBRULE(this.functionCall) },
      { ALT: () => this.CONSUME(T.Identifier) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  public functionCall = this.RULE('functionCall', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.In, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.Like, { LABEL: 'name' }) },
    ]);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RParen);
  });

  // ------------------------------------------------------------ argument commands
  public commandOption = this.RULE('commandOption', () => {
    this.CONSUME(T.WordLike, { LABEL: 'name' });
    this.CONSUME(T.Eq);
    this.SUBRULE(this.searchValue);
  });

  public statsCommand = this.RULE('statsCommand', () => {
    this.CONSUME(T.StatsCmd);
    this.MANY(() => this.SUBRULE(this.commandOption));
    this.MANY2({
      GATE: () => this.LA(2).tokenType !== T.Eq,
      DEF: () => {
        this.SUBRULE(this.aggregation);
        this.OPTION(() => this.CONSUME(T.Comma));
      },
    });
    // options may also follow the aggregations: streamstats count current=f
    this.MANY3(() => this.SUBRULE2(this.commandOption));
    this.OPTION2(() => this.SUBRULE(this.byClause));
  });

  public aggregation = this.RULE('aggregation', () => {
    const func = this.CONSUME(T.Word, { LABEL: 'func' });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            // sparkline(count(x), 1h): an aggregation and a span length instead of a field
            { GATE: () => func.image.toLowerCase() === 'sparkline', ALT: () => this.SUBRULE(this.sparklineArg) },
            { ALT: () => this.SUBRULE(this.aggregationArg) },
          ],
        });
      });
      this.CONSUME(T.RParen);
    });
    this.OPTION3(() => {
      this.CONSUME(T.As);
      this.SUBRULE(this.fieldName, { LABEL: 'as' });
      // `AS aceFlags(inheritance)`: a name with a parenthesised suffix written against it
      this.OPTION4({
        GATE: () => this.LA(1).startOffset === this.LA(0).endOffset! + 1,
        DEF: () => {
          this.CONSUME2(T.LParen);
          this.CONSUME3(T.Word, { LABEL: 'asSuffix' });
          this.CONSUME2(T.RParen);
        },
      });
    });
  });

  public aggregationArg = this.RULE('aggregationArg', () => {
    this.OR([
      {
        GATE: () => this.isImage(1, 'eval') && this.isType(2, T.LParen),
        ALT: () => {
          this.CONSUME(T.Word, { LABEL: 'eval' });
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.fieldName) },
    ]);
  });

  /** what sparkline(...) holds: `count`, `count(x)`, `avg(bytes), 5m` */
  public sparklineArg = this.RULE('sparklineArg', () => {
    this.CONSUME(T.Word, { LABEL: 'func' });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => this.SUBRULE(this.aggregationArg));
      this.CONSUME(T.RParen);
    });
    this.OPTION3(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.Word, { LABEL: 'spanLength' });
    });
  });

  /** `by a, b c` — options may follow or sit between the fields (tstats `by _time span=1h host`) */
  public byClause = this.RULE('byClause', () => {
    this.OR([{ ALT: () => this.CONSUME(T.By) }, { GATE: () => this.isImage(1, 'groupby'), ALT: () => this.CONSUME(T.Word, { LABEL: 'groupby' }) }]);
    this.AT_LEAST_ONE(() => {
      this.OR2([
        { ALT: () => this.SUBRULE(this.commandOption) },
        { ALT: () => this.SUBRULE(this.fieldName) },
        { ALT: () => this.CONSUME(T.Comma) },
      ]);
    });
  });

  public convertCommand = this.RULE('convertCommand', () => {
    this.CONSUME(T.ConvertCmd);
    this.MANY(() => this.SUBRULE(this.commandOption));
    this.AT_LEAST_ONE(() => {
      this.SUBRULE(this.conversion);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
  });

  public conversion = this.RULE('conversion', () => {
    this.CONSUME(T.Word, { LABEL: 'func' });
    this.CONSUME(T.LParen);
    this.SUBRULE(this.fieldName);
    this.CONSUME(T.RParen);
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.SUBRULE2(this.fieldName, { LABEL: 'as' });
    });
  });

  public tableCommand = this.RULE('tableCommand', () => {
    this.CONSUME(T.TableCmd);
    this.SUBRULE(this.fieldList);
  });

  public fieldsCommand = this.RULE('fieldsCommand', () => {
    this.CONSUME(T.FieldsCmd);
    this.SUBRULE(this.fieldList);
  });

  public fieldList = this.RULE('fieldList', () => {
    this.MANY(() => {
      this.SUBRULE(this.fieldName);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
  });

  public renameCommand = this.RULE('renameCommand', () => {
    this.CONSUME(T.RenameCmd);
    this.AT_LEAST_ONE(() => {
      this.SUBRULE(this.renamePair);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
  });

  public renamePair = this.RULE('renamePair', () => {
    this.SUBRULE(this.fieldName, { LABEL: 'from' });
    this.CONSUME(T.As);
    this.SUBRULE2(this.fieldName, { LABEL: 'to' });
  });

  public headCommand = this.RULE('headCommand', () => {
    this.CONSUME(T.HeadCmd);
    this.MANY(() => this.SUBRULE(this.sequenceItem));
  });

  public sortCommand = this.RULE('sortCommand', () => {
    this.CONSUME(T.SortCmd);
    this.MANY(() => this.SUBRULE(this.sequenceItem));
  });

  public dedupCommand = this.RULE('dedupCommand', () => {
    this.CONSUME(T.DedupCmd);
    this.MANY(() => this.SUBRULE(this.sequenceItem));
  });

  /** head/sort/dedup arguments: options, words, `num(x)`-style keys, commas; read by the AST builder in order */
  public sequenceItem = this.RULE('sequenceItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.commandOption) },
      {
        GATE: () => this.isType(2, T.LParen),
        ALT: () => {
          this.CONSUME(T.Word, { LABEL: 'func' });
          this.CONSUME(T.LParen);
          this.SUBRULE(this.fieldName);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE2(this.fieldName) },
      { ALT: () => this.CONSUME(T.Comma) },
    ]);
  });

  public tstatsCommand = this.RULE('tstatsCommand', () => {
    this.CONSUME(T.TstatsCmd);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.commandOption) },
        { ALT: () => this.CONSUME(T.MacroCall) },
      ]);
    });
    this.MANY2({
      GATE: () => !this.atClauseWord(),
      DEF: () => {
        this.SUBRULE(this.aggregation);
        this.OPTION(() => this.CONSUME(T.Comma));
      },
    });
    this.OPTION2({
      GATE: () => this.isImage(1, 'from'),
      DEF: () => this.SUBRULE(this.tstatsFrom),
    });
    this.OPTION3({
      GATE: () => this.isImage(1, 'where'),
      DEF: () => {
        this.CONSUME2(T.Word, { LABEL: 'where' });
        this.SUBRULE(this.searchAnd, { ARGS: [true] });
      },
    });
    this.OPTION4(() => this.SUBRULE(this.byClause));
  });

  public tstatsFrom = this.RULE('tstatsFrom', () => {
    this.CONSUME(T.Word, { LABEL: 'from' });
    this.OR([
      {
        GATE: () => this.isType(2, T.Eq),
        ALT: () => {
          this.CONSUME2(T.Word, { LABEL: 'kind' });
          this.CONSUME(T.Eq);
          this.SUBRULE(this.searchValue);
        },
      },
      { ALT: () => this.SUBRULE2(this.searchValue) },
    ]);
  });

  public macroCommand = this.RULE('macroCommand', () => {
    this.CONSUME(T.MacroCall);
  });

  public genericCommand = this.RULE('genericCommand', () => {
    this.CONSUME(T.GenericCmd);
    this.MANY(() => this.SUBRULE(this.genericArg));
  });

  public genericArg = this.RULE('genericArg', () => {
    this.OR([
      {
        // transaction startswith=(field="x")
        ALT: () => {
          this.CONSUME(T.WordLike, { LABEL: 'groupName' });
          this.CONSUME(T.Eq);
          this.CONSUME(T.LParen);
          this.MANY(() => this.SUBRULE2(this.genericArg));
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.commandOption) },
      { ALT: () => this.SUBRULE(this.genericBy) },
      { ALT: () => this.SUBRULE(this.searchValue) },
      { ALT: () => this.CONSUME(T.QuotedField) },
      { ALT: () => this.CONSUME(T.And) },
      { ALT: () => this.CONSUME(T.Or) },
      { ALT: () => this.CONSUME(T.Not) },
      { ALT: () => this.CONSUME(T.In) },
      { ALT: () => this.CONSUME(T.CompareOp) },
      { ALT: () => this.CONSUME(T.Comma) },
      { ALT: () => this.CONSUME(T.MacroCall) },
      { ALT: () => this.SUBRULE(this.subsearch) },
      {
        ALT: () => {
          this.CONSUME2(T.LParen);
          this.MANY2(() => this.SUBRULE3(this.genericArg));
          this.CONSUME2(T.RParen);
        },
      },
    ]);
  });

  public genericBy = this.RULE('genericBy', () => {
    this.CONSUME(T.By);
    this.AT_LEAST_ONE({
      GATE: () => this.LA(2).tokenType !== T.Eq,
      DEF: () => {
        this.SUBRULE(this.fieldName);
        this.OPTION(() => this.CONSUME(T.Comma));
      },
    });
  });
}

let instance: SplParser | undefined;
export function parserInstance(): SplParser {
  instance ??= new SplParser();
  return instance;
}

export type { CstNode, IToken };
