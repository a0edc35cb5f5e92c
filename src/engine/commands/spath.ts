/**
 * spath: extracts fields from JSON or XML held in a field.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/spath
 *
 * `spath [input=<field>] [output=<field>] [path=<datapath> | <datapath>]`
 *
 * - input defaults to `_raw`; a result without it is left alone. Text that
 *   starts with `<` is XML, other text JSON; text that is neither gives
 *   nothing.
 * - With a path: the values it reaches go into output (default: the path
 *   itself), several making a multivalue; the path syntax and the values
 *   are those of the eval function spath() (src/functions/eval/json.ts):
 *   `a.b`, `a{}.b` (every element), `a{N}` (one element), XML `{@attr}`.
 *   A path that reaches nothing leaves the result alone.
 * - Without a path every leaf is extracted: JSON keys joined with `.`,
 *   arrays marked `{}` (`a.b{}.c`), a value met several times making a
 *   multivalue; XML elements by their tag path from the root element
 *   (`Event.System.EventID`), attributes as `path{@name}`.
 * - Values: JSON strings without quotes, numbers and true/false as written,
 *   objects and arrays reached by a path as compact JSON text.
 * - [decision] JSON null gives no value (as spath() gives NULL).
 */
import { xmlParser, type XmlNode } from '../../values/xmldoc.js';
import type { GenericCommand } from '../../ast/nodes.js';
import { parseJson, spathValue, type Json } from '../../functions/eval/json.js';
import { JsonNumber } from '../../io/json.js';
import { formatNumber, toStr } from '../../values/coerce.js';
import { fromList, valuesOf, type Row, type Scalar, type Value } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';

export function planSpath(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('input', 'output', 'path').only(['value'], 'spath [input=<field>] [output=<field>] [path=<path> | <path>]');
  const input = args.string('input', '_raw')!;
  const vals = args.values();
  if (vals.length > 1) planFail('spath takes one path', vals[1].span, 'spath [input=<field>] [output=<field>] [path=<path> | <path>]');
  if (vals.length && args.option('path')) planFail('spath takes one path: path= or a path alone, not both', vals[0].span);
  const path = args.string('path') ?? vals[0]?.text;
  if (path !== undefined && path.trim() === '') planFail('spath path is empty', args.option('path')?.span ?? node.span);
  if (path === undefined) {
    return reading(streaming('spath', node.span, (rows) => {
      for (const row of rows) {
        const v = row.get(input);
        if (v === undefined) continue;
        for (const s of valuesOf(v)) extractAll(toStr(s), row);
      }
      return rows;
    }), [input]);
  }
  const output = args.string('output', path)!;
  return reading(streaming('spath', node.span, (rows) => {
    for (const row of rows) {
      const v = row.get(input);
      if (v === undefined) continue;
      const found: Scalar[] = [];
      for (const s of valuesOf(v)) {
        const r = spathValue(toStr(s), path);
        if (r === null || typeof r === 'boolean') continue;
        for (const x of Array.isArray(r) ? r : [r as Scalar]) found.push(x);
      }
      const out = fromList(found);
      if (out !== undefined) row.set(output, out);
    }
    return rows;
  }), [input]);
}

/** Extracts every leaf of a JSON or XML text into the row. */
export function extractAll(text: string, row: Row): void {
  const t = text.trimStart();
  const acc = new Map<string, Scalar[]>();
  if (t.startsWith('<')) flattenXml(t, acc);
  else if (t.startsWith('{') || t.startsWith('[')) {
    const doc = parseJson(t);
    if (doc === undefined) return;
    flattenJson(doc, '', acc);
  } else return;
  for (const [k, list] of acc) row.set(k, fromList(list) as Value);
}


function push(acc: Map<string, Scalar[]>, key: string, v: Scalar): void {
  const list = acc.get(key);
  if (list) list.push(v);
  else acc.set(key, [v]);
}

function flattenJson(v: Json, prefix: string, acc: Map<string, Scalar[]>): void {
  if (v === null) return;
  if (v instanceof JsonNumber) {
    if (prefix !== '') push(acc, prefix, v.text);
    return;
  }
  if (Array.isArray(v)) {
    for (const item of v) flattenJson(item, prefix + '{}', acc);
    return;
  }
  if (typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) flattenJson(child, prefix ? `${prefix}.${k}` : k, acc);
    return;
  }
  if (prefix === '') return;
  push(acc, prefix, typeof v === 'boolean' ? String(v) : typeof v === 'number' ? formatNumber(v) : v);
}


function flattenXml(text: string, acc: Map<string, Scalar[]>): void {
  let nodes: XmlNode[];
  try {
    nodes = xmlParser.parse(text) as XmlNode[];
  } catch {
    return;
  }
  const visit = (n: XmlNode, parent: string) => {
    const tag = Object.keys(n).find((k) => k !== ':@');
    if (tag === undefined || tag === '#text' || tag.startsWith('?') || tag === '#comment') return;
    const path = parent ? `${parent}.${tag}` : tag;
    for (const [a, v] of Object.entries(n[':@'] ?? {})) push(acc, `${path}{@${a}}`, String(v));
    const kids = (n[tag] as XmlNode[]) ?? [];
    let textValue = '';
    let elements = 0;
    for (const k of kids) {
      if ('#text' in k) textValue += String(k['#text']);
      else elements++;
    }
    if (textValue !== '' && elements === 0) push(acc, path, textValue);
    for (const k of kids) if (!('#text' in k)) visit(k, path);
  };
  for (const n of nodes) visit(n, '');
}
