/** Row comparison by sort keys, shared by sort and dedup's sortby. */
import type { SortKey } from '../ast/nodes.js';
import { compareLexical, compareScalars, toNumber } from '../values/coerce.js';
import type { Row, Scalar } from '../values/value.js';
import { firstScalar } from '../values/coerce.js';
import { parseIp } from '../functions/eval/ip.js';

function compareIp(a: Scalar, b: Scalar): number {
  const ia = parseIp(String(a));
  const ib = parseIp(String(b));
  if (ia && ib) {
    // IPv4 before IPv6, then by address value
    if (ia.v6 !== ib.v6) return ia.v6 ? 1 : -1;
    return ia.value < ib.value ? -1 : ia.value > ib.value ? 1 : 0;
  }
  if (ia) return -1;
  if (ib) return 1;
  return compareLexical(a, b);
}

function compareNum(a: Scalar, b: Scalar): number {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (na !== undefined) return -1;
  if (nb !== undefined) return 1;
  return compareLexical(a, b);
}

/** A comparator for rows; rows missing a key's field sort after the others. */
export function rowComparator(keys: readonly SortKey[]): (a: Row, b: Row) => number {
  const parts = keys.map((k) => {
    const cmp = k.kind === 'str' ? compareLexical : k.kind === 'num' ? compareNum : k.kind === 'ip' ? compareIp : compareScalars;
    return { field: k.field.name, cmp, sign: k.descending ? -1 : 1 };
  });
  return (a, b) => {
    for (const p of parts) {
      const x = firstScalar(a.get(p.field));
      const y = firstScalar(b.get(p.field));
      if (x === undefined || y === undefined) {
        if (x === y) continue;
        return x === undefined ? 1 : -1;
      }
      const c = p.cmp(x, y);
      if (c !== 0) return c * p.sign;
    }
    return 0;
  };
}
