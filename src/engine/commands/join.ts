/**
 * join: adds the fields of a subsearch's results to the main results that
 * have the same values of the join fields (join reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/join):
 *
 *   join [type=inner|outer|left] [usetime=<bool>] [earlier=<bool>] [overwrite=<bool>] [max=<int>] [<field-list>] <subsearch>
 *
 * - type: inner (default) keeps only main results with a match; outer and
 *   left (the same) keep every main result;
 * - max: how many subsearch results each main result joins with (default 1;
 *   0: all), one output row per match, in the subsearch's order;
 * - overwrite (default true): the subsearch's values replace the main
 *   result's values of the same field;
 * - usetime=true: only subsearch results earlier (earlier=true, default) or
 *   later than the main result join;
 * - no field list: the fields both result sets have;
 * - the subsearch's results are limited to 50,000 (limits.conf [join]
 *   subsearch_maxout).
 *
 * Values match exactly (case-sensitive, as strings); a result missing a join
 * field matches nothing. Decisions where the docs are silent: a multivalue
 * join field matches a multivalue with the same values in the same order;
 * without a field list, internal fields (a leading `_`) are not join fields.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toNumber, toStr } from '../../values/coerce.js';
import type { Row, Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import type { Operator, RowStream, RunContext } from '../types.js';
import { collectUpTo, truncationNotice } from './search.js';

export const JOIN_SUBSEARCH_MAXOUT = 50_000;

const SEP = '\u0000';

/** The join key of a row, undefined when a join field is missing. */
export function joinKey(row: Row, fields: readonly string[]): string | undefined {
  let key = '';
  for (let i = 0; i < fields.length; i++) {
    const v = row.get(fields[i]);
    if (v === undefined) return undefined;
    const s = Array.isArray(v) ? v.map((x: Scalar) => toStr(x)).join('\u0001') : toStr(v as Scalar);
    key = i === 0 ? s : key + SEP + s;
  }
  return key;
}

export function planJoin(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('type', 'usetime', 'earlier', 'overwrite', 'max');
  args.only(['value', 'operator', 'subsearch'], 'join [type=inner|outer|left] [max=N] [field, ...] [subsearch]');
  for (const a of args.rest) if (a.kind === 'operator' && a.text !== ',') planFail(`unexpected '${a.text}' in join`, a.span, 'separate the join fields with spaces or commas');
  const typeArg = args.option('type');
  const type = (typeArg?.text ?? 'inner').toLowerCase();
  if (!['inner', 'outer', 'left'].includes(type)) planFail(`join type must be inner, outer or left, not '${typeArg!.text}'`, typeArg!.span);
  const keepAll = type !== 'inner';
  const usetime = args.bool('usetime', false);
  const earlier = args.bool('earlier', true);
  const overwrite = args.bool('overwrite', true);
  const max = args.int('max', 1)!;
  const subs = args.subsearches();
  if (subs.length !== 1) planFail(subs.length === 0 ? 'join needs a subsearch: join field [search ...]' : 'join takes one subsearch', node.span);
  const plan = ctx.planSubsearch(subs[0]);
  const named = args.fields().map((f) => f.name);
  for (const f of args.fields()) if (f.name.includes('*')) planFail(`join fields cannot hold wildcards ('${f.name}')`, f.span);

  return {
    name: 'join',
    span: node.span,
    kind: 'streaming',
    async *run(input: RowStream, rctx: RunContext) {
      const right = await collectUpTo(rctx.runPlan(plan), JOIN_SUBSEARCH_MAXOUT, truncationNotice(rctx, "join's subsearch", JOIN_SUBSEARCH_MAXOUT, node.span, 'limits.conf [join] subsearch_maxout'));
      let fields = named;
      let left: RowStream = input;
      if (fields.length === 0) {
        // the fields both sides have: the main results must be read first
        const main: Row[] = [];
        for await (const b of input) for (const r of b) main.push(r);
        const rightFields = new Set<string>();
        for (const r of right) for (const k of r.keys()) if (!k.startsWith('_')) rightFields.add(k);
        const common = new Set<string>();
        for (const r of main) for (const k of r.keys()) if (rightFields.has(k)) common.add(k);
        fields = [...common];
        left = (async function* () {
          if (main.length) yield main;
        })();
      }
      const index = new Map<string, Row[]>();
      if (fields.length) {
        for (const r of right) {
          const k = joinKey(r, fields);
          if (k === undefined) continue;
          const list = index.get(k);
          if (list) list.push(r);
          else index.set(k, [r]);
        }
      }
      for await (const batch of left) {
        const out: Row[] = [];
        for (const row of batch) {
          const k = fields.length ? joinKey(row, fields) : undefined;
          let matches = k === undefined ? undefined : index.get(k);
          if (matches && usetime) {
            const t = toNumber(row.get('_time') as Scalar | undefined);
            matches = matches.filter((m) => {
              const mt = toNumber(m.get('_time') as Scalar | undefined);
              return t !== undefined && mt !== undefined && (earlier ? mt <= t : mt >= t);
            });
          }
          if (!matches || matches.length === 0) {
            if (keepAll) out.push(row);
            continue;
          }
          const n = max === 0 ? matches.length : Math.min(max, matches.length);
          for (let i = 0; i < n; i++) {
            const joined: Row = i === n - 1 ? row : new Map(row);
            for (const [f, v] of matches[i]) if (overwrite || !joined.has(f)) joined.set(f, v);
            out.push(joined);
          }
        }
        if (out.length) yield out;
      }
    },
  };
}
