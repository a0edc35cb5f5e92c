/**
 * top and rare: the most (top) or least (rare) common values of fields.
 * References: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/top
 * and .../search-commands/rare
 *
 * `top [<N>] [limit=<N>] [countfield=<name>] [percentfield=<name>] [showcount=<bool>]
 *   [showperc=<bool>] [useother=<bool>] [otherstr=<string>] <field-list> [BY <field-list>]`
 *
 * - Results that have every listed field are counted by their combination
 *   of values (each value of a multivalue counting on its own); with BY,
 *   separately in each group of the BY fields' values.
 * - Output: one result per combination, the BY fields first, then the
 *   fields, count (countfield) and percent (percentfield: count / counted
 *   results × 100, rounded to 6 decimals); top orders by count descending,
 *   rare ascending, [decision] equal counts in order of first appearance.
 * - limit (default 10, 0 = all) combinations per group; useother=true adds
 *   a result with otherstr (default OTHER) in each field for the rest.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf, type Row, type Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { batches, type Operator, type RowStream } from '../types.js';

export function planTop(node: GenericCommand): Operator {
  const rare = node.name === 'rare';
  const args = new Args(node).allowOnly('limit', 'countfield', 'percentfield', 'showcount', 'showperc', 'useother', 'otherstr').only(['value', 'by', 'operator'], `${node.name} [limit=<N>] <field> ... [BY <field> ...]`);
  let vals = args.values();
  let limit = args.int('limit', 10)!;
  if (vals.length && /^\d+$/.test(vals[0].text) && !vals[0].quoted) {
    if (args.option('limit')) planFail(`${node.name} takes a count or limit=, not both`, vals[0].span);
    limit = Number(vals[0].text);
    vals = vals.slice(1);
  }
  const fields = vals.map((v) => v.text);
  if (fields.length === 0) planFail(`${node.name} needs at least one field`, node.span, `for example: ${node.name} limit=5 user`);
  const by = args.by().map((f) => f.name);
  const countField = args.string('countfield', 'count')!;
  const percentField = args.string('percentfield', 'percent')!;
  const showCount = args.bool('showcount', true);
  const showPerc = args.bool('showperc', true);
  const useOther = args.bool('useother', false);
  const otherStr = args.string('otherstr', 'OTHER')!;
  return {
    name: node.name,
    span: node.span,
    kind: 'blocking',
    groups: [...by, ...fields],
    async *run(input: RowStream) {
      const groups = new Map<string, { by: Scalar[]; total: number; combos: Map<string, { values: Scalar[]; count: number }> }>();
      for await (const batch of input) {
        for (const row of batch) {
          const byVals: Scalar[] = [];
          let skip = false;
          for (const b of by) {
            const v = valuesOf(row.get(b));
            if (v.length === 0) {
              skip = true;
              break;
            }
            byVals.push(v[0]);
          }
          if (skip) continue;
          let combos: Scalar[][] = [[]];
          for (const f of fields) {
            const vs = valuesOf(row.get(f));
            if (vs.length === 0) {
              combos = [];
              break;
            }
            combos = combos.flatMap((c) => vs.map((v) => [...c, v]));
          }
          if (combos.length === 0) continue;
          const gk = byVals.map(toStr).join('\u0000');
          let g = groups.get(gk);
          if (!g) groups.set(gk, (g = { by: byVals, total: 0, combos: new Map() }));
          g.total++;
          for (const c of combos) {
            const ck = c.map(toStr).join('\u0000');
            const e = g.combos.get(ck);
            if (e) e.count++;
            else g.combos.set(ck, { values: c, count: 1 });
          }
        }
      }
      const out: Row[] = [];
      for (const g of groups.values()) {
        const list = [...g.combos.values()];
        list.sort((a, b) => (rare ? a.count - b.count : b.count - a.count));
        const kept = limit > 0 ? list.slice(0, limit) : list;
        const emit = (values: Scalar[], count: number) => {
          const row: Row = new Map();
          by.forEach((b, i) => row.set(b, g.by[i]));
          fields.forEach((f, i) => row.set(f, values[i]));
          if (showCount) row.set(countField, count);
          if (showPerc) row.set(percentField, Math.round((count / g.total) * 100 * 1e6) / 1e6);
          out.push(row);
        };
        for (const e of kept) emit(e.values, e.count);
        const rest = list.slice(kept.length);
        if (useOther && rest.length) emit(fields.map(() => otherStr), rest.reduce((s, e) => s + e.count, 0));
      }
      yield* batches(out);
    },
  };
}
