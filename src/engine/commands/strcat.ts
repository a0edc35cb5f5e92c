/**
 * strcat: concatenates field values and quoted strings into a new field.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/strcat
 *
 * `strcat [allrequired=<bool>] <source-fields> <dest-field>`
 *
 * - The source fields are field names and quoted literals ("Literal values
 *   must be enclosed in quotation marks"); the destination is the last
 *   argument.
 * - allrequired=f (the default): "the destination field is always written
 *   and source fields that do not exist are treated as empty strings";
 *   allrequired=t: "the values are written to destination field only if
 *   all source fields exist".
 * - Streaming.
 *
 * Decisions where the page is silent:
 * - A number is written as Splunk prints it (coerce.ts's toStr); a
 *   multivalue field gives its values joined with a single space.
 * - When allrequired=t and a source field is missing, the destination
 *   keeps whatever value it had.
 * - At least one source is needed (the description speaks of two or more
 *   fields, the syntax allows one).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import type { Scalar } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { streaming, type Operator } from '../types.js';

export function planStrcat(node: GenericCommand): Operator {
  const usage = 'strcat [allrequired=<bool>] <field | "literal">... <dest-field>';
  const args = new Args(node).allowOnly('allrequired').only(['value'], usage);
  const allRequired = args.bool('allrequired', false);
  const vals = args.values();
  if (vals.length < 2) planFail('strcat needs at least one source and a destination field', vals[0]?.span ?? node.span, usage);
  const dest = vals[vals.length - 1];
  if (dest.quoted || dest.text.includes('*')) planFail(`strcat's last argument is the destination field: a name, not ${dest.quoted ? 'a quoted string' : 'a wildcard'}`, dest.span, usage);
  const parts = vals.slice(0, -1).map((v) => (v.quoted ? { literal: v.text } : { field: v.text }));
  for (const v of vals.slice(0, -1)) if (!v.quoted && v.text.includes('*')) planFail('strcat source fields take no wildcards', v.span, usage);
  return streaming('strcat', node.span, (rows) => {
    for (const row of rows) {
      let out = '';
      let complete = true;
      for (const p of parts) {
        if (p.literal !== undefined) {
          out += p.literal;
          continue;
        }
        const v = row.get(p.field!);
        if (v === undefined) {
          complete = false;
          if (allRequired) break;
          continue;
        }
        out += Array.isArray(v) ? v.map((x: Scalar) => toStr(x)).join(' ') : toStr(v as Scalar);
      }
      if (complete || !allRequired) row.set(dest.text, out);
    }
    return rows;
  });
}
