/**
 * multikv: turns table-formatted events (the output of top, netstat, ps...)
 * into one result per table row (multikv reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/multikv):
 *
 *   multikv [copyattrs=<bool>] [forceheader=<int>] [noheader=<bool>] [rmorig=<bool>]
 *           [fields <field>...] [filter <term>...]
 *
 * The header line (the first line of the event, or line `forceheader`)
 * names the columns; each later non-empty line becomes a result whose
 * `_raw` is that line and whose fields are the line's columns.
 * copyattrs=true (default) copies the event's other fields into each
 * result; rmorig=true (default) drops the original event; noheader=true
 * names the columns Column_1, Column_2...; `fields` keeps only the named
 * columns; `filter` keeps only lines containing one of the terms
 * (case-insensitive).
 *
 * conf=<stanza> (multikv.conf) is refused (Args.unsupported). multitable:
 * "Controls whether or not there can be multiple tables in a single _raw in
 * the original events" (default true); [decision] splinter reads one table
 * per event, what multitable=false asks; with the default, a second table
 * in an event (how Splunk finds one the page does not say) is read as rows
 * of the first.
 *
 * Decisions where the page is silent: columns are separated by runs of
 * white space and a line with more words than the header puts the rest in
 * its last column; header names have every character other than letters,
 * digits and `_` replaced by `_` (Splunk's field-name cleaning).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf, type Row } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';

export function planMultikv(node: GenericCommand, _ctx: PlanContext): Operator {
  const args = new Args(node)
    .unsupported({
      conf: {
        why: 'it names a stanza of multikv.conf, which splinter does not read',
        hint: 'describe the table with the options instead: forceheader=<line>, noheader=true, fields <field>..., filter <term>...',
      },
    })
    .allowOnly('copyattrs', 'forceheader', 'noheader', 'rmorig', 'multitable');
  // multitable=false: one table per event, which is how splinter reads every event (see the header)
  args.bool('multitable', true);
  args.only(['value'], 'multikv [copyattrs=true] [forceheader=N] [noheader=false] [fields f...] [filter term...]');
  const copyattrs = args.bool('copyattrs', true);
  const noheader = args.bool('noheader', false);
  const rmorig = args.bool('rmorig', true);
  const forceheader = args.int('forceheader', undefined, 1);
  let keepFields: string[] | undefined;
  let filters: string[] | undefined;
  let list: string[] | undefined;
  for (const v of args.values()) {
    const word = v.quoted ? '' : v.text.toLowerCase();
    if (word === 'fields') list = keepFields = [];
    else if (word === 'filter') list = filters = [];
    else if (list) list.push(v.text);
    else planFail(`unexpected '${v.text}' in multikv`, v.span, 'multikv [fields f1 f2...] [filter term...]');
  }
  const lowerFilters = filters?.map((f) => f.toLowerCase());
  return reading(streaming('multikv', node.span, (rows) => {
    const out: Row[] = [];
    for (const row of rows) {
      const raw = valuesOf(row.get('_raw')).map(toStr).join('\n');
      const lines = raw.split(/\r?\n/);
      let header: string[];
      let first: number;
      if (noheader) {
        header = [];
        first = 0;
      } else {
        const h = (forceheader ?? 1) - 1;
        if (h >= lines.length) {
          if (!rmorig) out.push(row);
          continue;
        }
        header = lines[h].trim().split(/\s+/).map((x) => x.replace(/[^A-Za-z0-9_]/g, '_'));
        first = h + 1;
      }
      if (!rmorig) out.push(row);
      for (let i = first; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim() === '') continue;
        if (lowerFilters && !lowerFilters.some((f) => line.toLowerCase().includes(f))) continue;
        const words = line.trim().split(/\s+/);
        const r: Row = new Map();
        if (copyattrs) for (const [k, v] of row) if (k !== '_raw') r.set(k, v);
        r.set('_raw', line);
        const n = noheader ? words.length : header.length;
        for (let c = 0; c < n && c < words.length; c++) {
          const name = noheader ? `Column_${c + 1}` : header[c];
          const value = c === n - 1 ? words.slice(c).join(' ') : words[c];
          if (keepFields && !keepFields.includes(name)) continue;
          r.set(name, value);
        }
        out.push(r);
      }
    }
    return out;
  }), ['_raw']);
}
