/**
 * "Did you mean": the names close to a name the user wrote, by edit
 * distance. One function for every kind of name splinter knows (macros,
 * commands, eval and stats functions, command options, field names seen in
 * the data), so every hint finds its candidates the same way.
 */

/**
 * Edit distance counting an insertion, a deletion, a substitution or the
 * swap of two neighbouring characters as one edit (optimal string alignment:
 * `stast` is one edit from `stats`, a typing slip learners make). Gives up,
 * returning limit + 1, once the distance exceeds limit.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // a swap reaches back two rows, so stop only when both rows are past the limit
    if (rowMin > limit && prevMin > limit) return limit + 1;
    prevMin = rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}

/** Names longer than this get no suggestions. */
const MAX_NAME = 200;

/**
 * The candidates closest to `name`: those at the smallest distance found, in
 * name order, at most `max` (default 3). Names are compared without regard to
 * case, a name differing only by case being the closest; `name` itself is
 * never suggested. Close means at most max(2, length / 4) edits (max(1,
 * length / 4) when `strict`: field names, where short names abound), and
 * fewer edits than the name has characters (so a two-letter name does not
 * suggest every other two-letter name). A candidate of three or more
 * characters that begins the name (`substr` for `substring`) counts as
 * nearly that far, a longer one as nearer, unless `prefixes` is false.
 */
export function closestNames(
  name: string,
  candidates: Iterable<string>,
  { max = 3, prefixes = true, strict = false }: { max?: number; prefixes?: boolean; strict?: boolean } = {},
): string[] {
  // [decision] names are words: a longer text is no typo of one, and comparing it costs its length squared
  if (name.length > MAX_NAME) return [];
  const lower = name.toLowerCase();
  const limit = Math.min(Math.max(strict ? 1 : 2, Math.floor(name.length / 4)), name.length - 1);
  if (limit < 0) return [];
  const scored = new Map<string, number>();
  for (const c of candidates) {
    if (c === name || scored.has(c)) continue;
    const cl = c.toLowerCase();
    let d = cl === lower ? 0 : editDistance(lower, cl, limit);
    // a known name the user wrote more after (substring for substr) is nearly as far as allowed, the longer the nearer
    if (prefixes && d > limit && cl.length >= 3 && lower.startsWith(cl)) d = limit - 0.5 + (lower.length - cl.length) / (2 * lower.length);
    if (d <= limit) scored.set(c, d);
  }
  const best = Math.min(...scored.values());
  return [...scored]
    .filter(([, d]) => d === best)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, max)
    .map(([c]) => c);
}

/** `did you mean 'a'?`, `did you mean 'a', 'b'?`; undefined for no names. */
export function didYouMean(names: readonly string[], quote: (n: string) => string = (n) => `'${n}'`): string | undefined {
  return names.length ? `did you mean ${names.map(quote).join(', ')}?` : undefined;
}

/** The hint for an unknown option: the nearest known ones, then the list (`did you mean 'maxspan'? transaction options: ...`). */
export function optionsHint(name: string, known: readonly string[], list: string): string {
  const near = didYouMean(closestNames(name, known));
  return near ? `${near} ${list}` : list;
}
