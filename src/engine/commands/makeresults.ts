/**
 * makeresults: generates results (a generating command).
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/makeresults
 *
 * `| makeresults [count=<int>] [annotate=<bool>] [format=csv|json data=<string>]`
 *
 * - count results (default 1), each with only `_time`: the search time, in
 *   whole seconds.
 * - annotate=true is refused: it adds splunk_server, the name of the
 *   server the search runs on, and offline there is none.
 * - format=csv|json with data= makes one result per CSV row (the first row
 *   names the fields) or per JSON object of an array, with `_time` only when
 *   the data has it.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { parseLookupCsv } from '../../lookups/csv.js';
import { formatNumber } from '../../values/coerce.js';
import type { Row, Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { batches, type Operator } from '../types.js';

const BATCH = 1000;

/**
 * The most results makeresults generates. [decision] The Search Reference
 * gives count no maximum that we could find; 10,000,000 results took 2.7 GB
 * and over a minute. splinter refuses more than this with a plan-time
 * diagnostic rather than running out of memory.
 */
export const MAKERESULTS_MAX = 1_000_000;

export function planMakeresults(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('count', 'annotate', 'format', 'data', 'splunk_server', 'splunk_server_group').only([], 'makeresults [count=<int>]');
  const count = args.int('count', 1)!;
  if (count > MAKERESULTS_MAX) {
    planFail(`makeresults count=${count} is over the limit of ${MAKERESULTS_MAX.toLocaleString('en-US')} results`, args.option('count')!.span, 'generate fewer results');
  }
  // annotate=true adds splunk_server, "The name of the server that the makeresults command is run on"
  // (makeresults reference), and null fields; offline there is no server to name
  if (args.bool('annotate', false)) {
    args.fail('splinter does not support makeresults annotate=true', args.options.get('annotate')!.span, 'there is no Splunk server to name in splunk_server; leave annotate out');
  }
  const format = args.option('format');
  const data = args.option('data');
  let template: Row[] | undefined;
  if (format || data) {
    if (!format || !data) planFail('makeresults format= and data= go together', (format ?? data)!.span);
    const kind = format.text.toLowerCase();
    if (kind === 'csv') {
      const t = parseLookupCsv(data.text, 'makeresults data');
      if (t.diagnostic) throw new PlanError({ stage: 'plan', message: t.diagnostic.message.replace('lookup file ', ''), span: data.span });
      template = t.table!.rows.map((cells) => {
        const row: Row = new Map();
        t.table!.columns.forEach((c, i) => cells[i] !== '' && row.set(c, cells[i]));
        return row;
      });
    } else if (kind === 'json') {
      let doc: unknown;
      try {
        doc = JSON.parse(data.text);
      } catch (e) {
        planFail(`makeresults data is not JSON: ${(e as Error).message}`, data.span);
      }
      const list = Array.isArray(doc) ? doc : [doc];
      template = list.map((o) => {
        const row: Row = new Map();
        if (o && typeof o === 'object' && !Array.isArray(o)) {
          for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
            if (v === null || v === undefined) continue;
            const one = (x: unknown): Scalar => (typeof x === 'number' ? formatNumber(x) : typeof x === 'string' ? x : JSON.stringify(x));
            row.set(k, Array.isArray(v) ? v.map(one) : one(v));
          }
        }
        return row;
      });
    } else planFail(`makeresults format must be csv or json, not '${format.text}'`, format.span);
  } else {
  }
  const now = Math.floor(ctx.now);
  return {
    name: 'makeresults',
    span: node.span,
    kind: 'generating',
    async *run() {
      if (template) {
        yield* batches(template.map((r) => new Map(r)));
        return;
      }
      // generated a batch at a time, so memory does not grow with count
      for (let done = 0; done < count; ) {
        const n = Math.min(BATCH, count - done);
        yield Array.from({ length: n }, () => new Map<string, Scalar>([['_time', now]]));
        done += n;
      }
    },
  };
}
