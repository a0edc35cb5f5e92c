/**
 * extract (alias kv): extracts key/value pairs from `_raw`.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/extract
 *
 * `extract [pairdelim=<chars>] [kvdelim=<chars>] [limit=<int>] [maxchars=<int>] [mv_add=<bool>] [clean_keys=<bool>]`
 *
 * - With pairdelim and kvdelim: `_raw` is cut at any of the pairdelim
 *   characters, and each piece at the first of the kvdelim characters into
 *   a key and a value (pieces without one are skipped).
 * - Without them: `key=value` pairs as Splunk's automatic extraction finds
 *   them (a value in double quotes may hold spaces).
 * - Only the first maxchars (default 10240) characters are read and at
 *   most limit (default 50) pairs taken; clean_keys (default true) turns
 *   characters other than letters, digits and `_` in keys into `_`; a key
 *   met again adds a value when mv_add=true, else the first is kept.
 * - Named extractions from transforms.conf are not supported: an error.
 * - [decision] reload= and segment= are accepted and change no result
 *   (https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/extract):
 *   reload=true "force[s] reloading of the props.conf and transforms.conf
 *   files", which this command does not read; segment=true notes "the
 *   locations of the key/value pairs with the results", positions for
 *   Splunk Web's highlighting, not fields.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { firstScalar, toStr } from '../../values/coerce.js';
import type { Scalar } from '../../values/value.js';
import { escapeRegExp } from '../../values/wildcard.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { streaming, type Operator } from '../types.js';

const AUTO = /([A-Za-z_][\w.:-]*)=(?:"([^"]*)"|([^\s,;"]*))/g;

export function planExtract(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('pairdelim', 'kvdelim', 'limit', 'maxchars', 'mv_add', 'clean_keys', 'reload', 'segment').only(['value'], 'extract [pairdelim=<chars>] [kvdelim=<chars>]');
  const vals = args.values();
  if (vals.length) planFail(`${node.name}: named extractions (transforms.conf) are not supported`, vals[0].span, 'use pairdelim= and kvdelim=, or rex');
  const limit = args.int('limit', 50)!;
  const maxchars = args.int('maxchars', 10240)!;
  const mvAdd = args.bool('mv_add', false);
  const clean = args.bool('clean_keys', true);
  const pd = args.string('pairdelim');
  const kd = args.string('kvdelim');
  if ((pd === undefined) !== (kd === undefined)) planFail(`${node.name} needs both pairdelim and kvdelim`, node.span);
  let pairs: (s: string) => [string, string][];
  if (pd !== undefined && kd !== undefined) {
    const pairRe = pd === '' ? undefined : new RegExp(`[${escapeRegExp(pd)}]`);
    const kvRe = new RegExp(`[${escapeRegExp(kd)}]`);
    pairs = (s) => {
      const out: [string, string][] = [];
      for (const piece of pairRe ? s.split(pairRe) : [s]) {
        const m = kvRe.exec(piece);
        if (!m) continue;
        const k = piece.slice(0, m.index).trim();
        if (k) out.push([k, piece.slice(m.index + 1).trim()]);
      }
      return out;
    };
  } else {
    pairs = (s) => [...s.matchAll(AUTO)].map((m) => [m[1], m[2] ?? m[3]]);
  }
  return streaming(node.name, node.span, (rows) => {
    for (const row of rows) {
      const raw = firstScalar(row.get('_raw'));
      if (raw === undefined) continue;
      const found = new Map<string, Scalar[]>();
      let n = 0;
      for (const [k0, v] of pairs(toStr(raw).slice(0, maxchars))) {
        if (n >= limit) break;
        const k = clean ? k0.replace(/[^A-Za-z0-9_]/g, '_') : k0;
        const list = found.get(k);
        if (!list) {
          found.set(k, [v]);
          n++;
        } else if (mvAdd) list.push(v);
      }
      for (const [k, list] of found) row.set(k, list.length === 1 ? list[0] : list);
    }
    return rows;
  });
}
