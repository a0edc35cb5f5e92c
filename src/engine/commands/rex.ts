/**
 * rex: extracts fields with a regular expression's named groups, or edits a
 * field with a sed expression.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/rex
 *
 * `rex [field=<field>] (<regex> [max_match=<int>] [offset_field=<name>]) | (mode=sed <sed-expression>)`
 *
 * - field defaults to `_raw`; a result without it is left alone.
 * - Each named group becomes a field. max_match (default 1; 0 = no limit)
 *   is how many matches to take: with more than one, a group's values over
 *   the matches make a multivalue. A group that takes part in no match sets
 *   nothing; when the regex does not match, the result is left alone.
 * - A regex without named groups extracts nothing: an error, as in Splunk
 *   ("The regex ... does not extract anything").
 * - [decision] A multivalue field is searched value by value, in order, the
 *   matches counting toward max_match together.
 * - offset_field=<name> adds `<group>=<start>-<end>` (end inclusive) for each
 *   match, joined with `&`.
 * - mode=sed: `s/<regex>/<replacement>/<flags>` (flags `g`, or a number N:
 *   replace the Nth match only; `i` ignores case), `\1`..`\9` in the
 *   replacement are the groups and `&` the whole match; or
 *   `y/<chars>/<chars>/` to transliterate. Any character may stand for `/`.
 *   Each value of the field is edited.
 * Patterns are PCRE, translated once at planning (src/values/regex.ts).
 */
import type { GenericCommand, SearchValue } from '../../ast/nodes.js';
import { compilePcre, pcreGroupNames, PcreError } from '../../values/regex.js';
import { toStr } from '../../values/coerce.js';
import { fromList, type Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';

/** Compiles a PCRE pattern written in a search value; a bad pattern fails at its position. */
export function compileAt(v: SearchValue, flags: string, cmd: string, pattern = v.text, offset = 0): RegExp {
  try {
    return compilePcre(pattern, flags);
  } catch (e) {
    if (!(e instanceof PcreError)) throw e;
    const at = v.span.start + (v.quoted ? 1 : 0) + offset + e.index;
    planFail(`${cmd}: ${e.message}`, { start: Math.min(at, v.span.end - 1), end: Math.min(at + 1, v.span.end) }, e.hint);
  }
}

export function planRex(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('field', 'max_match', 'offset_field', 'mode').only(['value'], 'rex [field=<field>] "<regex>"');
  const field = args.string('field', '_raw')!;
  const vals = args.values();
  if (vals.length === 0) planFail('rex needs a regular expression', node.span, 'for example: rex field=user "(?<domain>[^\\\\]+)\\\\(?<name>.+)"');
  if (vals.length > 1) planFail('rex takes one regular expression', vals[1].span, 'quote the expression: rex "<regex>"');
  const expr = vals[0];
  const mode = args.option('mode');
  if (mode) {
    if (mode.text.toLowerCase() !== 'sed') planFail(`rex mode must be sed, not '${mode.text}'`, mode.span);
    if (args.option('max_match') || args.option('offset_field')) planFail('max_match and offset_field do not apply to mode=sed', node.span);
    const edit = compileSed(expr);
    return reading(streaming('rex', node.span, (rows) => {
      for (const row of rows) {
        const v = row.get(field);
        if (v === undefined) continue;
        row.set(field, Array.isArray(v) ? v.map((s) => edit(toStr(s))) : edit(toStr(v as Scalar)));
      }
      return rows;
    }), [field]);
  }
  const maxMatch = args.int('max_match', 1)!;
  const limit = maxMatch === 0 ? Infinity : maxMatch;
  const offsetField = args.string('offset_field');
  const re = compileAt(expr, 'g', 'rex');
  const names = pcreGroupNames(expr.text);
  if (names.length === 0) planFail(`rex: the regex does not extract anything: it has no named group`, expr.span, 'name the part to extract: (?<field>...)');
  const groups = [...new Set(names)];
  return reading(streaming('rex', node.span, (rows) => {
    for (const row of rows) {
      const v = row.get(field);
      if (v === undefined) continue;
      const values = Array.isArray(v) ? v : [v as Scalar];
      const found = new Map<string, Scalar[]>();
      const offsets: string[] = [];
      let matches = 0;
      for (const value of values) {
        if (matches >= limit) break;
        const text = toStr(value);
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while (matches < limit && (m = re.exec(text)) !== null) {
          matches++;
          if (m[0] === '') re.lastIndex++;
          const g = m.groups!;
          for (const name of groups) {
            const s = g[name];
            if (s === undefined) continue;
            let list = found.get(name);
            if (!list) found.set(name, (list = []));
            list.push(s);
            if (offsetField) {
              const start = m.index + m[0].indexOf(s);
              offsets.push(`${name}=${start}-${start + s.length - 1}`);
            }
          }
        }
      }
      for (const [name, list] of found) row.set(name, fromList(list)!);
      if (offsetField && offsets.length) row.set(offsetField, offsets.join('&'));
    }
    return rows;
  }), [field]);
}

/** Compiles `s/re/repl/flags` or `y/abc/xyz/` to a function over one value. */
function compileSed(v: SearchValue): (s: string) => string {
  const text = v.text;
  const kind = text[0];
  const sep = text[1];
  if ((kind !== 's' && kind !== 'y') || sep === undefined || /[\w\s\\]/.test(sep)) {
    planFail(`rex mode=sed needs s/<regex>/<replacement>/<flags> or y/<chars>/<chars>/, not '${text}'`, v.span);
  }
  // split on unescaped separators, keeping escapes for the regex
  const parts: string[] = [];
  const starts: number[] = [];
  let cur = '';
  let curStart = 2;
  for (let i = 2; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      cur += text[i + 1] === sep ? sep : c + text[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(cur);
      starts.push(curStart);
      cur = '';
      curStart = i + 1;
    } else cur += c;
  }
  parts.push(cur);
  starts.push(curStart);
  if (parts.length !== 3) planFail(`rex mode=sed: '${text}' must have three parts separated by '${sep}'`, v.span, `for example: s${sep}<regex>${sep}<replacement>${sep}g`);
  const [a, b, flagText] = parts;
  if (kind === 'y') {
    const from = [...a];
    const to = [...b];
    if (from.length !== to.length) planFail('rex mode=sed: y/// needs two lists of the same length', v.span);
    const map = new Map(from.map((c, i) => [c, to[i]]));
    return (s) => [...s].map((c) => map.get(c) ?? c).join('');
  }
  const fm = /^(g|\d+)?(i)?(g|\d+)?$/.exec(flagText);
  if (!fm) planFail(`rex mode=sed: unknown flags '${flagText}'`, v.span, 'flags: g (every match), a number N (the Nth match), i (ignore case)');
  const occurrence = fm[1] ?? fm[3];
  const global = occurrence === 'g';
  const nth = occurrence && occurrence !== 'g' ? Number(occurrence) : 1;
  const re = compileAt(v, 'g' + (fm[2] ? 'i' : ''), 'rex', a, starts[0]);
  const replacement = parseReplacement(b);
  // the number of capture groups: the arguments of a replace callback are the match, the groups, then more
  const groupCount = new RegExp(re.source + '|', re.flags.replace('g', '')).exec('')!.length - 1;
  return (s) => {
    let n = 0;
    re.lastIndex = 0;
    return s.replace(re, (...m: unknown[]) => {
      n++;
      const groups = m.slice(0, groupCount + 1) as (string | undefined)[];
      if (!global && n !== nth) return groups[0]!;
      return replacement.map((p) => (typeof p === 'string' ? p : groups[p] ?? '')).join('');
    });
  };
}

/** `\1`..`\9` → group numbers, `&` → 0 (the whole match, as in sed), `\&`/`\\` → literal. */
function parseReplacement(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const d = text[i + 1];
      if (/[0-9]/.test(d)) {
        if (lit) out.push(lit);
        lit = '';
        out.push(Number(d));
      } else if (d === 'n') lit += '\n';
      else if (d === 't') lit += '\t';
      else lit += d;
      i++;
    } else if (c === '&') {
      if (lit) out.push(lit);
      lit = '';
      out.push(0);
    } else lit += c;
  }
  if (lit) out.push(lit);
  return out;
}
