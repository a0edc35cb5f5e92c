/**
 * format: turns results into one search string, in a single result whose
 * only field is `search` (format reference,
 * https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/format):
 *
 *   format [mvsep="OR"] [maxresults=0] ["(" "(" "AND" ")" "OR" ")"] [emptystr="NOT( )"]
 *
 * Each result becomes `( f1="v1" AND f2="v2" )`, the results are joined by
 * OR and the whole is wrapped in `( ... )`; a multivalue field becomes
 * `( f="a" OR f="b" )` (mvsep). The same formatting turns a subsearch's
 * results into the search they stand for ("Change the format of subsearch
 * results", Search Manual,
 * https://help.splunk.com/en/splunk-enterprise/search/search-manual/9.2/subsearches/change-the-format-of-subsearch-results):
 * fields whose name starts with `_` are ignored, and the values of a field
 * named `search` or `query` are put in the string directly.
 *
 * Decisions where the documentation is silent: fields are written in
 * alphabetical order (the page's example lists host, source, sourcetype in
 * that order whatever the fields command said); `query` values are written
 * as quoted terms, `search` values as they are; quotes and backslashes in
 * values are escaped with a backslash so that the search reads back the same
 * value; a result with no formattable field is left out.
 */
import type { GenericCommand, SearchExpr } from '../../ast/nodes.js';
import { SplError, type Span } from '../../diagnostics/diagnostic.js';
import { parse } from '../../parser/index.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf, type Row } from '../../values/value.js';
import { Args } from '../args.js';
import type { PlanContext } from '../plan-error.js';
import { collect, type Operator } from '../types.js';

export interface FormatOptions {
  readonly rowPrefix: string;
  readonly columnPrefix: string;
  readonly columnSeparator: string;
  readonly columnEnd: string;
  readonly rowSeparator: string;
  readonly rowEnd: string;
  readonly mvsep: string;
  /** 0: every result */
  readonly maxresults: number;
  readonly emptystr: string;
}

export const DEFAULT_FORMAT: FormatOptions = {
  rowPrefix: '(',
  columnPrefix: '(',
  columnSeparator: 'AND',
  columnEnd: ')',
  rowSeparator: 'OR',
  rowEnd: ')',
  mvsep: 'OR',
  maxresults: 0,
  emptystr: 'NOT( )',
};

/** A value as a quoted search-language string. */
export function quoteValue(v: string): string {
  return '"' + v.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

/** One result's clauses (`f="v"`, `( f="a" OR f="b" )`, raw search text), empty when nothing is formattable. */
function rowClauses(row: Row, mvsep: string): string[] {
  const names = [...row.keys()].filter((n) => !n.startsWith('_')).sort();
  const out: string[] = [];
  for (const name of names) {
    const values = valuesOf(row.get(name)).map(toStr);
    if (values.length === 0) continue;
    let parts: string[];
    if (name === 'search') parts = values.filter((v) => v.trim() !== '');
    else if (name === 'query') parts = values.map(quoteValue);
    else parts = values.map((v) => `${fieldText(name)}=${quoteValue(v)}`);
    if (parts.length === 0) continue;
    out.push(parts.length === 1 ? parts[0] : `( ${parts.join(` ${mvsep} `)} )`);
  }
  return out;
}

/** A field name as the search language reads it back (quoted when it holds characters a bare name cannot). */
function fieldText(name: string): string {
  return /^[A-Za-z0-9_.:{}@-]+$/.test(name) ? name : quoteValue(name);
}

/** The search string for a list of results, or undefined when there is nothing to format. */
export function formatRows(rows: readonly Row[], opts: FormatOptions = DEFAULT_FORMAT): string | undefined {
  const limited = opts.maxresults > 0 ? rows.slice(0, opts.maxresults) : rows;
  const formatted: string[] = [];
  for (const row of limited) {
    const clauses = rowClauses(row, opts.mvsep);
    if (clauses.length) formatted.push(`${opts.columnPrefix} ${clauses.join(` ${opts.columnSeparator} `)} ${opts.columnEnd}`);
  }
  if (formatted.length === 0) return undefined;
  return `${opts.rowPrefix} ${formatted.join(` ${opts.rowSeparator} `)} ${opts.rowEnd}`;
}

/**
 * The search expression a subsearch's results stand for; undefined when the
 * results hold nothing to search for (Splunk's `NOT( )`: nothing matches).
 */
export function subsearchExpr(rows: readonly Row[], at: Span): SearchExpr | undefined {
  const text = formatRows(rows);
  if (text === undefined) return undefined;
  const parsed = parse(text);
  const cmd = parsed.ast?.commands[0];
  if (!parsed.ast || parsed.ast.commands.length !== 1 || parsed.ast.leadingPipe || cmd?.type !== 'search') {
    const why = parsed.diagnostics[0]?.message ?? 'it is not a plain search';
    throw new SplError({
      stage: 'runtime',
      message: `the subsearch's results do not form a search: ${why}`,
      span: at,
      hint: `the subsearch returned: ${text.length > 200 ? text.slice(0, 200) + '…' : text}`,
    });
  }
  return cmd.expr ?? undefined;
}

/** Reads the options of a format command (shared with nothing else; exported for tests). */
export function formatOptions(args: Args): FormatOptions {
  args.allowOnly('mvsep', 'maxresults', 'emptystr');
  const positional = args.only(['value'], 'format takes options and six quoted strings: "(" "(" "AND" ")" "OR" ")"').values();
  if (positional.length !== 0 && positional.length !== 6) {
    args.fail(`format takes all six row and column strings or none, not ${positional.length}`, positional[0].span, 'row prefix, column prefix, column separator, column end, row separator, row end: "(" "(" "AND" ")" "OR" ")"');
  }
  const [rowPrefix, columnPrefix, columnSeparator, columnEnd, rowSeparator, rowEnd] = positional.map((v) => v.text);
  return {
    ...DEFAULT_FORMAT,
    ...(positional.length === 6 ? { rowPrefix, columnPrefix, columnSeparator, columnEnd, rowSeparator, rowEnd } : {}),
    mvsep: args.string('mvsep', DEFAULT_FORMAT.mvsep)!,
    maxresults: args.int('maxresults', 0)!,
    emptystr: args.string('emptystr', DEFAULT_FORMAT.emptystr)!,
  };
}

export function planFormat(node: GenericCommand, _ctx: PlanContext): Operator {
  const opts = formatOptions(new Args(node));
  return {
    name: 'format',
    span: node.span,
    kind: 'blocking',
    orderSensitive: true,
    async *run(input) {
      const rows = await collect(input);
      yield [new Map([['search', formatRows(rows, opts) ?? opts.emptystr]])];
    },
  };
}
