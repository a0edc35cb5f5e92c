/**
 * inputlookup: the rows of a lookup table as results (a generating command).
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/inputlookup
 *
 * `| inputlookup [append=<bool>] [start=<int>] [max=<int>] <name> [WHERE <search>]`
 *
 * - Rows come in file order, each field in the table's column order; an
 *   empty cell is no value.
 * - start= skips that many rows (0-based), max= keeps at most that many.
 * - WHERE filters the rows with the search language (as the search command).
 * - append=true adds the rows after the results that reach it, so the
 *   command may follow others.
 * - A KV store collection has no data offline: no rows, and a notice.
 *   strict=true, which makes the search fail when the command cannot read
 *   its input rather than go on without it
 *   (https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/inputlookup),
 *   makes that an error; a lookup that is missing or malformed is an error
 *   with or without it.
 */
import type { GenericCommand, SearchCommand } from '../../ast/nodes.js';
import { parse } from '../../parser/index.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { batches, type Operator, type RowStream, type RunContext } from '../types.js';
import { resolveLookup } from './lookup.js';
import { planSearch } from './search.js';

export function planInputlookup(node: GenericCommand, ctx: PlanContext): Operator {
  // the WHERE clause runs to the end of the command: options after it are its field tests
  const whereAt = node.args.findIndex((a) => a.kind === 'value' && !a.value.quoted && a.value.text.toLowerCase() === 'where');
  const head = whereAt < 0 ? node.args : node.args.slice(0, whereAt);
  const args = new Args({ ...node, args: head }).allowOnly('append', 'start', 'max', 'strict');
  const append = args.bool('append', false);
  const start = args.int('start', 0)!;
  const max = args.int('max', 1_000_000_000)!;
  const strict = args.bool('strict', false);
  const rest = args.rest;
  if (rest.length === 0 || rest[0].kind !== 'value') planFail('inputlookup needs a lookup name', node.span, 'for example: | inputlookup users.csv');
  if (rest.length > 1) planFail('unexpected argument in inputlookup', rest[1].span, 'inputlookup <name> [WHERE <search>]');
  const nameArg = rest[0];
  const { def, table } = resolveLookup(nameArg.value.text, nameArg.span, ctx, 'inputlookup');
  let filter: Operator | undefined;
  if (whereAt >= 0) {
    const w = node.args[whereAt];
    if (whereAt === node.args.length - 1) planFail('WHERE needs a search after it', w.span, 'for example: | inputlookup users.csv WHERE department="IT"');
    filter = planSearch(searchAt(ctx, node.args[whereAt + 1].span.start, node.span.end), ctx);
  }
  const rows: Row[] = [];
  for (const cells of table.rows.slice(start, start + max)) {
    const row: Row = new Map();
    table.columns.forEach((c, i) => {
      if (cells[i] !== '') row.set(c, cells[i]);
    });
    rows.push(row);
  }
  const isCollection = def.collection !== undefined;
  // strict=true: an input the command cannot read fails the search instead of giving no rows
  if (isCollection && strict) {
    planFail(`inputlookup ${def.name}: KV store collection '${def.collection}' has no data offline, and strict=true makes that an error`, nameArg.span, 'a KV store collection needs a Splunk server: export it to a CSV file and pass it with --lookups, or drop strict=true to get no rows');
  }
  return {
    name: 'inputlookup',
    span: node.span,
    kind: 'generating',
    appendsToInput: append,
    async *run(input: RowStream, rctx: RunContext) {
      if (append) yield* input;
      if (isCollection) rctx.notify({ stage: 'runtime', severity: 'notice', message: `inputlookup ${def.name}: KV store collection '${def.collection}' has no data offline; no rows`, span: nameArg.span });
      // fresh rows each run: later commands change rows in place
      const own = rows.map((r) => new Map(r));
      yield* filter ? filter.run(batches(own), rctx) : batches(own);
    },
  };
}

/**
 * The search command made of the text between two offsets of the search
 * (inputlookup's WHERE clause): parsed in place, so its spans are offsets
 * into the whole search.
 */
export function searchAt(ctx: PlanContext, start: number, end: number): SearchCommand {
  const keyword = 'search ';
  const pad = Math.max(0, start - keyword.length);
  const text = ' '.repeat(pad) + keyword.slice(Math.max(0, keyword.length - start)) + ctx.text.slice(start, end);
  const parsed = parse(text);
  if (!parsed.ast) throw new PlanError(parsed.diagnostics[0]);
  const c = parsed.ast.commands[0];
  if (parsed.ast.commands.length !== 1 || c.type !== 'search') planFail('expected a search expression', { start, end });
  return c;
}
