/**
 * makemv: splits a single value into a multivalue.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/makemv
 *
 * `makemv [delim=<string> | tokenizer=<regex>] [allowempty=<bool>] <field>`
 *
 * - delim (default a single space) is a string that separates the values;
 *   tokenizer is a regex whose first capturing group (the whole match when
 *   it has none) is each value, match after match.
 * - Empty values are dropped unless allowempty=true.
 * - A value that is already a multivalue has each of its values split.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import { fromList, valuesOf } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';
import { compileAt } from './rex.js';

export function planMakemv(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('delim', 'tokenizer', 'allowempty', 'setsv').only(['value'], 'makemv [delim=<string>] <field>');
  const vals = args.values();
  if (vals.length !== 1) planFail('makemv needs one field', vals[1]?.span ?? node.span, 'for example: makemv delim="," recipients');
  // setsv=true joins the split values back into one value (makemv reference); splinter does not do that
  if (args.bool('setsv', false)) planFail('splinter does not support makemv setsv=true', args.options.get('setsv')!.span, 'leave setsv out (or setsv=false) to get a multivalue field; mvjoin() makes one value of it');
  const field = vals[0].text;
  const allowEmpty = args.bool('allowempty', false);
  const tokOpt = args.option('tokenizer');
  if (tokOpt && args.option('delim')) planFail('makemv takes delim or tokenizer, not both', tokOpt.span);
  let split: (s: string) => string[];
  if (tokOpt) {
    const re = compileAt(tokOpt, 'g', 'makemv');
    split = (s) => [...s.matchAll(re)].map((m) => m[1] ?? m[0]);
  } else {
    const delim = args.string('delim', ' ')!;
    if (delim === '') planFail('makemv delim is empty', args.option('delim')!.span);
    split = (s) => s.split(delim);
  }
  return reading(streaming('makemv', node.span, (rows) => {
    for (const row of rows) {
      const v = row.get(field);
      if (v === undefined) continue;
      const parts: string[] = [];
      for (const s of valuesOf(v)) for (const p of split(toStr(s))) if (allowEmpty || p !== '') parts.push(p);
      const out = fromList(parts);
      if (out === undefined) row.delete(field);
      else row.set(field, out);
    }
    return rows;
  }), [field]);
}
