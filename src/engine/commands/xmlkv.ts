/**
 * xmlkv: extracts `<key>value</key>` pairs from XML text as fields.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/xmlkv
 *
 * `xmlkv [<field>] [maxinputs=<int>]`
 *
 * - The field defaults to `_raw`. Every element that holds only text (no
 *   child element) gives a field named by its tag, its text the value
 *   (entities `&lt; &gt; &amp; &quot; &apos;` decoded); attributes play no
 *   part, so `<Data Name='x'>v</Data>` gives Data=v.
 * - [decision] A tag met several times keeps its last value, as a key
 *   assigned again in a dictionary.
 * - maxinputs is accepted (it limits how many results a Splunk script
 *   command handles at once, which does not change the result here).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';

const ELEMENT = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<]*)<\/\1\s*>/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

export function planXmlkv(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('maxinputs').only(['value'], 'xmlkv [<field>]');
  args.int('maxinputs', 0);
  const vals = args.values();
  if (vals.length > 1) planFail('xmlkv takes one field', vals[1].span);
  const field = vals[0]?.text ?? '_raw';
  return reading(streaming('xmlkv', node.span, (rows) => {
    for (const row of rows) {
      for (const v of valuesOf(row.get(field))) {
        const text = toStr(v);
        if (!text.includes('<')) continue;
        for (const m of text.matchAll(ELEMENT)) row.set(m[1], decodeEntities(m[2]));
      }
    }
    return rows;
  }), [field]);
}
