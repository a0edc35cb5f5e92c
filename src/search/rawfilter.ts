/**
 * A necessary condition on an event's raw text, derived from the search, so
 * that events which cannot match are dropped before their fields are
 * extracted (Splunk does the same with its index of raw-text terms).
 *
 * `field=value` can only hold when the raw text contains the longest
 * literal run of the value (ignoring case) — true when the field's value is a
 * piece of the raw text, which the caller decides (`verbatim`): for
 * XmlWinEventLog, whose extracted values are not decoded, every field but the
 * metadata and the add-ons' calculated fields. A bare term must appear in
 * _raw in any format. NOT, !=, <, > and CIDR values give no condition; OR
 * needs a condition on every branch.
 */
import type * as A from '../ast/nodes.js';
import { parseCidr } from '../functions/eval/ip.js';
import { escapeRegExp } from '../values/wildcard.js';

/**
 * Names that are search-time modifiers or default fields the indexer keeps
 * beside the raw text, never pieces of it: `earliest=-24h` or `index=main` in
 * the first search narrows the search, and no event's raw text holds
 * `-24h`. Time modifiers (Search Reference, "Time modifiers": earliest,
 * latest, _index_earliest, _index_latest, and the deprecated starttime,
 * endtime, starttimeu, endtimeu, timeformat, daysago, hoursago, minutesago,
 * monthsago, searchtimespan*, startdaysago...); index, splunk_server(_group),
 * host, source, sourcetype, eventtype, tag (`tag::field` too), hosttag,
 * eventtypetag, savedsearch, savedsplunk (Search Reference, "search":
 * <default-field> and <index-expression>). Whatever the caller says, a
 * condition on them gives no raw-text requirement.
 */
const NOT_IN_RAW = new Set([
  'earliest', 'latest', '_index_earliest', '_index_latest', 'starttime', 'endtime', 'starttimeu', 'endtimeu', 'timeformat',
  'daysago', 'hoursago', 'minutesago', 'monthsago', 'startdaysago', 'enddaysago', 'starthoursago', 'endhoursago',
  'startminutesago', 'endminutesago', 'startmonthsago', 'endmonthsago', 'searchtimespandays', 'searchtimespanhours',
  'searchtimespanminutes', 'searchtimespanmonths', 'index', 'splunk_server', 'splunk_server_group', 'host', 'source',
  'sourcetype', 'eventtype', 'tag', 'hosttag', 'eventtypetag', 'savedsearch', 'savedsplunk', 'linecount', 'punct', 'timestartpos', 'timeendpos',
]);

/** true when a `name=value` condition can never be a piece of the raw text (search-time modifiers, indexer fields) */
export function notInRaw(field: string): boolean {
  const f = field.toLowerCase();
  return NOT_IN_RAW.has(f) || f.startsWith('tag::') || f.startsWith('date_');
}

type Requirement = { kind: 'all' | 'any'; items: Requirement[] } | { kind: 'text'; needle: string };

const MIN_NEEDLE = 2;

function needleOf(v: A.SearchValue): string | undefined {
  if (!v.quoted && v.text.includes('/') && parseCidr(v.text)) return undefined;
  let best = '';
  for (const part of v.text.split('*')) if (part.length > best.length) best = part;
  return best.length >= MIN_NEEDLE ? best : undefined;
}

function requirement(e: A.SearchExpr, verbatim: (field: string) => boolean): Requirement | undefined {
  switch (e.type) {
    case 'and': {
      const items = e.items.map((x) => requirement(x, verbatim)).filter((r): r is Requirement => r !== undefined);
      return items.length === 0 ? undefined : items.length === 1 ? items[0] : { kind: 'all', items };
    }
    case 'or': {
      const items = e.items.map((x) => requirement(x, verbatim));
      if (items.some((r) => r === undefined)) return undefined;
      return { kind: 'any', items: items as Requirement[] };
    }
    case 'term': {
      const needle = needleOf(e.value);
      return needle ? { kind: 'text', needle } : undefined;
    }
    case 'compare': {
      if (e.op !== '=' || notInRaw(e.field.name) || !verbatim(e.field.name)) return undefined;
      const needle = needleOf(e.value);
      return needle ? { kind: 'text', needle } : undefined;
    }
    case 'in': {
      if (notInRaw(e.field.name) || !verbatim(e.field.name)) return undefined;
      const needles = e.values.map(needleOf);
      if (needles.length === 0 || needles.some((n) => n === undefined)) return undefined;
      return { kind: 'any', items: (needles as string[]).map((needle) => ({ kind: 'text', needle })) };
    }
    default:
      return undefined;
  }
}

/**
 * A case-insensitive scan for any of the needles: one RegExp when V8 can
 * build it, else (a needle of tens of KB is "regular expression too large")
 * lower-cased substring tests, which give the same answer more slowly.
 */
function anyNeedle(needles: readonly string[]): (raw: string) => boolean {
  const lower = needles.map((n) => n.toLowerCase());
  const scan = (raw: string) => {
    const l = raw.toLowerCase();
    return lower.some((n) => l.includes(n));
  };
  // V8 compiles a RegExp on first use, so "too large" can come at test time
  if (lower.reduce((n, x) => n + x.length, 0) > 4096) return scan;
  let re: RegExp;
  try {
    re = new RegExp(needles.map(escapeRegExp).join('|'), 'i');
  } catch {
    return scan;
  }
  let broken = false;
  return (raw) => {
    if (broken) return scan(raw);
    try {
      return re.test(raw);
    } catch {
      broken = true;
      return scan(raw);
    }
  };
}

/**
 * How much a requirement narrows the lines, roughly: a needle's length (a
 * longer one is rarer), an any-of as weak as its weakest needle and weaker
 * the more it has, an all-of as strong as its strongest part. 0: nearly
 * every event holds it (a number of one to three digits, such as an event
 * code: timestamps, record ids and GUIDs are full of them).
 */
function strength(r: Requirement): number {
  if (r.kind === 'text') return /^\d{1,3}$/.test(r.needle) ? 0 : r.needle.length;
  const s = r.items.map(strength);
  if (r.kind === 'all') return Math.max(...s);
  return Math.min(...s) === 0 ? 0 : Math.max(0.5, Math.min(...s) - Math.log2(r.items.length));
}

/**
 * An all-of keeps its parts that narrow the lines, strongest first, so that
 * most lines are rejected by the first test; a part that nearly every line
 * passes is left out (the search tests it in full afterwards, so leaving a
 * part out never drops an event). undefined: nothing worth testing.
 */
function prune(r: Requirement): Requirement | undefined {
  if (r.kind !== 'all') return strength(r) > 0 ? r : undefined;
  const items = r.items.map(prune).filter((x): x is Requirement => x !== undefined).sort((a, b) => strength(b) - strength(a));
  return items.length === 0 ? undefined : items.length === 1 ? items[0] : { kind: 'all', items };
}

function compile(r: Requirement): (raw: string) => boolean {
  if (r.kind === 'text') return anyNeedle([r.needle]);
  // any-of plain needles: one alternation, one scan
  if (r.kind === 'any' && r.items.every((x) => x.kind === 'text')) return anyNeedle(r.items.map((x) => (x as { needle: string }).needle));
  const parts = r.items.map(compile);
  return r.kind === 'all' ? (raw) => parts.every((p) => p(raw)) : (raw) => parts.some((p) => p(raw));
}

export function rawFilter(e: A.SearchExpr, verbatim: (field: string) => boolean): ((raw: string) => boolean) | undefined {
  const r = requirement(e, verbatim);
  const pruned = r ? prune(r) : undefined;
  return pruned ? compile(pruned) : undefined;
}
