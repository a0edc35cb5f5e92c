/**
 * replace: replaces whole field values that match wildcard patterns.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/replace
 *
 * `replace (<wc-string> WITH <wc-string>)... [IN <field-list>]`
 *
 * - A pattern matches the whole value, case-sensitively; `*` matches any
 *   run of characters, and each `*` of the replacement takes the text the
 *   `*` at the same position matched (`"::ffff:*" WITH *` strips a prefix).
 * - The pairs are tried in order; the first that matches a value is used.
 * - Without IN, every field except the internal ones (`_raw`, `_time`...)
 *   is edited. Each value of a multivalue is replaced on its own.
 */
import type { GenericArg, GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import type { Scalar } from '../../values/value.js';
import { escapeRegExp } from '../../values/wildcard.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';

interface Rule {
  readonly re: RegExp | undefined;
  readonly literal: string;
  readonly parts: readonly string[];
}

export function planReplace(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly().only(['value', 'operator'], 'replace "<old>" WITH "<new>" [IN <fields>]');
  const items = args.rest.filter((a) => !(a.kind === 'operator' && a.text === ','));
  const word = (a: GenericArg | undefined, w: string) => a?.kind === 'value' && !a.value.quoted && a.value.text.toLowerCase() === w;
  const rules: Rule[] = [];
  let i = 0;
  while (i < items.length && !word(items[i], 'in')) {
    const from = items[i];
    const w = items[i + 1];
    const to = items[i + 2];
    if (from.kind !== 'value' || !word(w, 'with') || to?.kind !== 'value') planFail('replace needs "<old>" WITH "<new>"', (w ?? from).span, 'for example: replace "::ffff:*" WITH * IN src');
    const fromStars = from.value.text.split('*').length - 1;
    const toStars = to.value.text.split('*').length - 1;
    if (toStars > fromStars) planFail(`'${to.value.text}' has more wildcards than '${from.value.text}'`, to.span, 'each * in the new value takes the text matched by a * in the old one');
    rules.push({
      re: fromStars ? new RegExp('^' + from.value.text.split('*').map(escapeRegExp).join('([\\s\\S]*?)') + '$') : undefined,
      literal: from.value.text,
      parts: to.value.text.split('*'),
    });
    i += 3;
  }
  if (rules.length === 0) planFail('replace needs "<old>" WITH "<new>"', node.span, 'for example: replace "::ffff:*" WITH * IN src');
  let fields: string[] | undefined;
  if (i < items.length) {
    fields = items.slice(i + 1).map((a) => (a.kind === 'value' ? a.value.text : planFail('IN takes field names', a.span)));
    if (fields.length === 0) planFail('IN needs at least one field', items[i].span);
  }
  const one = (s: Scalar): Scalar => {
    const text = toStr(s);
    for (const r of rules) {
      if (!r.re) {
        if (text === r.literal) return r.parts[0];
        continue;
      }
      const m = r.re.exec(text);
      if (!m) continue;
      let out = r.parts[0];
      for (let k = 1; k < r.parts.length; k++) out += (m[k] ?? '') + r.parts[k];
      return out;
    }
    return s;
  };
  const op = streaming('replace', node.span, (rows) => {
    for (const row of rows) {
      for (const f of fields ?? [...row.keys()].filter((k) => !k.startsWith('_'))) {
        const v = row.get(f);
        if (v === undefined) continue;
        row.set(f, Array.isArray(v) ? v.map(one) : one(v as Scalar));
      }
    }
    return rows;
  });
  // without IN it rewrites every field
  return fields ? reading(op, fields) : op;
}
