/**
 * transaction: groups events into transactions (transaction reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/transaction):
 *
 *   transaction [<field-list>] [maxspan=<span>] [maxpause=<span>] [maxevents=<int>]
 *               [startswith=<filter>] [endswith=<filter>] [connected=<bool>] [unifyends=<bool>]
 *               [keepevicted=<bool>] [keeporphans=<bool>] [mvlist=<bool>] [mvraw=<bool>]
 *               [delim=<string>] [nullstr=<string>]
 *
 * - Events with the same values of the fields form one transaction; with no
 *   field list, all events are candidates for one transaction at a time.
 * - maxspan: the first and last events of a transaction are at most this far
 *   apart; maxpause: at most this long between two consecutive events
 *   (default: no limit, -1); maxevents: at most this many events (default 1000).
 * - startswith / endswith: a search expression (`startswith="text"`,
 *   `startswith=(EventCode=4698)`) or `eval(<expr>)`; an event matching
 *   startswith opens a new transaction, one matching endswith closes it.
 *   When either is given, transactions that never satisfy them are evicted
 *   and dropped unless keepevicted=true (closed_txn=0 on those).
 * - A transaction is one result: `_time` of its earliest event, `duration`
 *   (seconds from the earliest to the latest event), `eventcount`,
 *   `closed_txn`, `_raw` the events' raw text joined by newlines (mvraw=true:
 *   "whether the _raw field of the transaction search result should be a
 *   multivalued field", one value per event), and every other field with the
 *   set of its values in lexicographic order (mvlist=false) or every value in
 *   event order (mvlist=true), where an event without the field gives
 *   nullstr (default NULL: "a string value to use when rendering missing
 *   field values as part of multivalue fields in a transaction").
 * - keeporphans=true: "output the results that are not part of any
 *   transactions ... distinguished from transaction events with a
 *   _txn_orphan field, which has a value of 1". [decision] Those are the
 *   events lacking a field of the list, the events before any startswith
 *   match, and the events of evicted transactions that keepevicted=false
 *   drops (as users report: with keepevicted=true no _txn_orphan appears,
 *   https://answers.splunk.com/answers/242355/what-is-the-difference-between-keeporphans-and-kee.html).
 *   They are the events as they came, with _txn_orphan=1, among the
 *   transactions by time.
 * - Results come newest first (by `_time`), like events.
 *
 * Refused (a plan error that says why, Args.unsupported): name= (a stanza
 * of transactiontypes.conf, not read); maxopentxn= and maxopenevents=
 * (Splunk evicts the open transactions least recently used in its
 * newest-first pass, which splinter does not reproduce: it keeps every open
 * transaction); connected=false with several fields (below).
 *
 * Decisions where the page is less precise than this: events are grouped in
 * time order (oldest first, the same transactions as Splunk's newest-first
 * pass with these rules); an event lacking one of the fields of the field
 * list takes part in no transaction (Splunk can attach such an event to a
 * transaction that has the fields it has: "connected ... If an event contains
 * fields required by the transaction, but none of these fields have been
 * instantiated in the transaction (added with a previous event), this opens
 * a new transaction (connected=true) or adds the event to the transaction
 * (connected=false)"). So connected changes nothing with one field, and
 * connected=false with several is refused; unifyends=true ("force events
 * that match startswith and endswith constraints to also match at least one
 * of the fields used to unify events into a transaction") is what splinter
 * does for every member anyway. startswith on an event of an open
 * transaction closes that one (evicted if endswith was required) and opens
 * a new one.
 */
import type { GenericArg, GenericCommand } from '../../ast/nodes.js';

import { isBooleanExpr, tryCompile } from '../../eval/compile.js';
import { makeEnv } from '../../eval/env.js';
import { parse } from '../../parser/index.js';
import { compileSearch, SearchCompileError } from '../../search/predicate.js';
import { compareStrings, toNumber, toStr } from '../../values/coerce.js';
import { valuesOf, type Row, type Scalar, type Value } from '../../values/value.js';
import { Args, boolText, type OptionArg } from '../args.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { batches, collect, type Operator, type RowStream } from '../types.js';
import { parseTimeSpan, spanSeconds } from './bin.js';
import { joinKey } from './join.js';

type RowTest = (row: Row) => boolean;

/** A duration option: `30s`, `5m`, a number of seconds, or -1 (no limit). */
function durationOption(o: OptionArg | undefined, name: string): number {
  if (!o) return Infinity;
  const text = o.value.text.trim();
  if (text === '-1') return Infinity;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const span = parseTimeSpan(text);
  if (span) return spanSeconds(span);
  planFail(`transaction ${name} must be a time span such as 30s, 5m, 2h or 1d, or -1, not '${o.value.text}'`, o.value.span);
}

/** startswith/endswith: a search expression, a quoted search, or eval(<expr>). */
function filterOption(o: OptionArg | undefined, ctx: PlanContext): RowTest | undefined {
  if (!o) return undefined;
  const whole = ctx.text.slice(o.span.start, o.span.end);
  const eq = whole.indexOf('=');
  let start = o.span.start + eq + 1;
  let text = ctx.text.slice(start, o.span.end);
  const lead = text.length - text.trimStart().length;
  start += lead;
  text = text.trim();
  if (/^eval\s*\(/i.test(text)) {
    const inner = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const innerStart = start + text.indexOf('(') + 1;
    const parsed = parse(' '.repeat(Math.max(0, innerStart - 6)) + '|where ' + inner);
    const cmd = parsed.ast?.commands[0];
    if (!parsed.ast || cmd?.type !== 'where') throw new PlanError(parsed.diagnostics[0] ?? { stage: 'plan', message: `transaction ${o.name}: eval() needs an expression`, span: o.span });
    if (!isBooleanExpr(cmd.expr) && cmd.expr.type !== 'call') planFail(`transaction ${o.name}=eval(...) needs a condition`, cmd.expr.span);
    const { compiled, diagnostic } = tryCompile(cmd.expr);
    if (diagnostic) throw new PlanError(diagnostic);
    const env = makeEnv(ctx);
    return (row) => {
      env.row = row;
      return compiled!(env) === true;
    };
  }
  if (o.value.quoted) {
    text = o.value.text;
    start += 1;
  }
  if (text === '') planFail(`transaction ${o.name} needs a search, e.g. ${o.name}="login" or ${o.name}=(EventCode=4624)`, o.span);
  const parsed = parse(' '.repeat(start) + text);
  const cmd = parsed.ast?.commands[0];
  if (!parsed.ast || parsed.ast.commands.length !== 1 || cmd?.type !== 'search' || !cmd.expr) {
    throw new PlanError(parsed.diagnostics[0] ?? { stage: 'plan', message: `transaction ${o.name} takes a search expression, not a pipeline`, span: o.span });
  }
  try {
    return compileSearch(cmd.expr, ctx);
  } catch (e) {
    if (e instanceof SearchCompileError) throw new PlanError(e.diagnostic);
    throw e;
  }
}

interface Txn {
  events: Row[];
  first: number;
  last: number;
  started: boolean;
}

export function planTransaction(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node);
  const fields = args.fields().map((f) => f.name);
  args
    .unsupported({
      name: {
        why: 'it names a stanza of transactiontypes.conf, which splinter does not read',
        hint: 'write the stanza\'s options in the search instead, e.g. transaction clientip maxspan=30m startswith="login"',
      },
      // [decision] with one field (or none) every member has all of the list's fields, so
      // connected changes nothing; with several, Splunk joins an event that has only some of
      // them, which splinter does not do (see the header)
      connected: {
        why: 'with several fields, connected=false adds events that share none of the transaction\'s field values, and splinter only groups events that have every field of the list',
        hint: 'group on one field, or give every event all the fields first (e.g. eval or fillnull)',
        accepts: (text) => fields.length < 2 || boolText(text) !== false,
      },
      maxopentxn: {
        why: 'Splunk evicts open transactions least recently used in its newest-first pass, an order splinter does not reproduce; splinter keeps every open transaction',
        hint: 'remove it: splinter gives the transactions of an unlimited pool',
      },
      maxopenevents: {
        why: 'Splunk evicts open transactions least recently used in its newest-first pass, an order splinter does not reproduce; splinter keeps every open transaction',
        hint: 'remove it: splinter gives the transactions of an unlimited pool',
      },
    })
    .allowOnly('maxspan', 'maxpause', 'maxevents', 'startswith', 'endswith', 'connected', 'keepevicted', 'mvlist', 'delim', 'unifyends', 'keeporphans', 'mvraw', 'nullstr');
  args.only(['value', 'operator'], 'transaction [field ...] [maxspan=..] [maxpause=..] [startswith=..] [endswith=..]');
  for (const a of args.rest as GenericArg[]) if (a.kind === 'operator' && a.text !== ',') planFail(`unexpected '${a.text}' in transaction`, a.span);
  const maxspan = durationOption(args.options.get('maxspan'), 'maxspan');
  const maxpause = durationOption(args.options.get('maxpause'), 'maxpause');
  const maxevents = args.int('maxevents', 1000, -1)!;
  const startswith = filterOption(args.options.get('startswith'), ctx);
  const endswith = filterOption(args.options.get('endswith'), ctx);
  args.bool('connected', true);
  // unifyends=true: start and end events must share the field values too, which
  // every member does in splinter (see the header)
  args.bool('unifyends', false);
  const mvraw = args.bool('mvraw', false);
  const keeporphans = args.bool('keeporphans', false);
  const keepevicted = args.bool('keepevicted', false);
  const mvlist = args.bool('mvlist', false);
  const nullstr = args.string('nullstr', 'NULL')!;
  const delim = args.string('delim', ' ')!;
  const needsEnds = startswith !== undefined || endswith !== undefined;

  const render = (t: Txn, closed: boolean): Row => {
    const out: Row = new Map();
    out.set('_time', t.first);
    const collected = new Map<string, Scalar[]>();
    const raws: string[] = [];
    for (const e of t.events) {
      for (const k of e.keys()) if (k !== '_time' && k !== '_raw' && !collected.has(k)) collected.set(k, []);
    }
    for (const e of t.events) {
      const raw = e.get('_raw');
      if (raw !== undefined) raws.push(valuesOf(raw).map(toStr).join(delim));
      for (const [k, list] of collected) {
        const v = e.get(k);
        if (v !== undefined) list.push(...valuesOf(v));
        // nullstr: "a string value to use when rendering missing field values as part of
        // multivalue fields in a transaction", which only fields rendered as lists are (mvlist)
        else if (mvlist) list.push(nullstr);
      }
    }
    // mvraw: _raw is a multivalue of the events' raw texts instead of one text
    if (raws.length) out.set('_raw', mvraw && raws.length > 1 ? raws : mvraw ? raws[0] : raws.join('\n'));
    for (const [k, list] of collected) {
      let vals: Scalar[] = list;
      if (!mvlist) {
        const seen = new Map<string, Scalar>();
        for (const v of list) if (!seen.has(toStr(v))) seen.set(toStr(v), v);
        vals = [...seen.values()].sort((a, b) => compareStrings(toStr(a), toStr(b)));
      }
      if (vals.length) out.set(k, (vals.length === 1 ? vals[0] : vals) as Value);
    }
    out.set('duration', t.last - t.first);
    out.set('eventcount', t.events.length);
    out.set('closed_txn', closed ? 1 : 0);
    return out;
  };

  return {
    name: 'transaction',
    span: node.span,
    kind: 'blocking',
    orderSensitive: true,
    async *run(input: RowStream) {
      const rows = await collect(input);
      const timed = rows
        .map((r, i) => ({ r, i, t: toNumber(r.get('_time') as Scalar | undefined) ?? 0 }))
        .sort((a, b) => a.t - b.t || b.i - a.i);
      const open = new Map<string, Txn>();
      const done: Row[] = [];
      // keeporphans: the events that end in no transaction are passed on, marked _txn_orphan=1
      const orphan = (r: Row) => {
        if (keeporphans) done.push(new Map(r).set('_txn_orphan', 1));
      };
      const finish = (t: Txn, closed: boolean) => {
        if (closed || !needsEnds || keepevicted) done.push(render(t, closed));
        else for (const e of t.events) orphan(e);
      };
      for (const { r, t } of timed) {
        const key = fields.length ? joinKey(r, fields) : '';
        if (key === undefined) {
          orphan(r);
          continue;
        }
        let txn = open.get(key);
        const isStart = startswith ? startswith(r) : false;
        if (txn && (t - txn.first > maxspan || t - txn.last > maxpause || (maxevents > 0 && txn.events.length >= maxevents) || isStart)) {
          // a limit ends it before this event; without endswith and with its start, it is complete
          finish(txn, !endswith && (!startswith || txn.started));
          open.delete(key);
          txn = undefined;
        }
        if (!txn) {
          if (startswith && !isStart) {
            orphan(r); // an event before any start belongs to no transaction
            continue;
          }
          txn = { events: [], first: t, last: t, started: isStart };
          open.set(key, txn);
        }
        txn.events.push(r);
        txn.last = t;
        if (endswith && endswith(r)) {
          finish(txn, true);
          open.delete(key);
        }
      }
      for (const txn of open.values()) finish(txn, !endswith && (!startswith || txn.started));
      done.sort((a, b) => (toNumber(b.get('_time') as Scalar | undefined) ?? 0) - (toNumber(a.get('_time') as Scalar | undefined) ?? 0));
      yield* batches(done);
    },
  };
}

