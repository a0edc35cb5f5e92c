/**
 * regex: keeps (or, with !=, removes) the results whose field matches a
 * regular expression.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/regex
 *
 * `regex <field>=<regex>` | `regex <field>!=<regex>` | `regex <regex>` (on `_raw`)
 *
 * - The match is unanchored (PCRE, translated once at planning).
 * - `=` keeps the results with a matching value; a result without the field
 *   does not match, so `=` drops it and `!=` keeps it.
 * - [decision] A multivalue field matches when one of its values does.
 */
import type { GenericCommand, SearchValue } from '../../ast/nodes.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';
import { compileAt } from './rex.js';

export function planRegex(node: GenericCommand): Operator {
  const args = new Args(node);
  let field = '_raw';
  let negate = false;
  let pattern: SearchValue;
  const usage = 'regex <field>="<regex>", regex <field>!="<regex>" or regex "<regex>"';
  if (args.options.size === 1 && args.rest.length === 0) {
    const o = [...args.options.values()][0];
    field = o.name;
    pattern = o.value;
  } else if (args.options.size === 0 && args.rest.length === 3 && args.rest[0].kind === 'value' && args.rest[1].kind === 'operator' && args.rest[1].text === '!=' && args.rest[2].kind === 'value') {
    field = args.rest[0].value.text;
    negate = true;
    pattern = args.rest[2].value;
  } else if (args.options.size === 0 && args.rest.length === 1 && args.rest[0].kind === 'value') {
    pattern = args.rest[0].value;
  } else {
    planFail('regex takes one field test', node.span, usage);
  }
  const re = compileAt(pattern, '', 'regex');
  return reading(streaming('regex', node.span, (rows) =>
    rows.filter((row) => {
      let hit = false;
      for (const v of valuesOf(row.get(field))) {
        if (re.test(toStr(v))) {
          hit = true;
          break;
        }
      }
      return hit !== negate;
    }),
  ), [field]);
}
