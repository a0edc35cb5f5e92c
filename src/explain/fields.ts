/**
 * What each command of a pipeline reads, makes and does to the rows, for
 * `splinter explain`. Read from the AST (the commands with a grammar of
 * their own, and the common generic ones whose arguments name fields) and
 * from the planned operator (its kind, the fields it declares it reads, its
 * grouping fields). A command this file does not know says "—" rather than
 * guess.
 */
import type * as A from '../ast/nodes.js';
import type { Operator } from '../engine/types.js';
import { fieldsOf } from '../eval/compile.js';
import { searchFields } from '../search/predicate.js';
import { pcreGroupNames } from '../values/regex.js';

export interface CommandFields {
  /** the fields it reads; undefined: any field (a wildcard, the whole row) */
  readonly reads?: readonly string[];
  /** the fields it makes or changes */
  readonly makes: readonly string[];
  /** what it does to the rows, in a few words */
  readonly rows: string;
}

const sorted = (s: Iterable<string>): string[] => [...new Set(s)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function exprReads(exprs: readonly A.Expr[]): string[] {
  const out = new Set<string>();
  for (const e of exprs) fieldsOf(e).forEach((f) => out.add(f));
  return sorted(out);
}

/** The name a stats-family aggregation's result gets: its AS name, else the function as written. */
export function aggregationName(a: A.Aggregation, text: string): string {
  return a.as?.name ?? text.slice(a.span.start, a.span.end).replace(/\s+/g, '');
}

/** generic-command arguments as words, options as name=value */
function genericWords(c: A.GenericCommand): { options: Map<string, string>; words: string[] } {
  const options = new Map<string, string>();
  const words: string[] = [];
  for (const a of c.args) {
    if (a.kind === 'option') options.set(a.name.toLowerCase(), a.value.text);
    else if (a.kind === 'value') words.push(a.value.text);
  }
  return { options, words };
}

function generic(c: A.GenericCommand, op: Operator | undefined): CommandFields {
  const reads = op?.reads ? sorted(op.reads) : undefined;
  const { options, words } = genericWords(c);
  const grouped = op?.groups ? (op.groups.length ? `one row per ${op.groups.join(', ')}` : 'one row') : undefined;
  switch (c.name.toLowerCase()) {
    case 'rex': {
      if ((options.get('mode') ?? '').toLowerCase() === 'sed') return { reads, makes: [options.get('field') ?? '_raw'], rows: 'keeps every row' };
      let groups: string[] = [];
      try {
        groups = words.length ? pcreGroupNames(words[words.length - 1]) : [];
      } catch {
        groups = [];
      }
      return { reads: reads ?? [options.get('field') ?? '_raw'], makes: groups, rows: 'keeps every row (a row the pattern does not match keeps its fields)' };
    }
    case 'lookup': {
      const i = words.findIndex((w) => /^output(new)?$/i.test(w));
      const out = i < 0 ? ['(every field of the lookup table but the match fields)'] : outputNames(words.slice(i + 1));
      return { reads, makes: out, rows: 'keeps every row' };
    }
    case 'spath':
      return { reads, makes: [options.get('output') ?? options.get('path') ?? words[0] ?? '(every path in the JSON or XML)'], rows: 'keeps every row' };
    case 'fillnull':
      return { reads, makes: words.length ? words : ['(every field that is null in some row)'], rows: 'keeps every row' };
    case 'strcat':
      return { reads, makes: words.length ? [words[words.length - 1]] : [], rows: 'keeps every row' };
    case 'iplocation':
      return { reads, makes: ['City', 'Country', 'Region', 'lat', 'lon'].map((f) => (options.get('prefix') ?? '') + f), rows: 'keeps every row' };
  }
  const rows =
    grouped ??
    (op?.kind === 'generating' ? 'makes rows of its own' : op?.kind === 'blocking' ? 'reads every row before it hands any on' : 'works row by row');
  return { reads, makes: [], rows };
}

/** `a AS b, c` after OUTPUT: the names the event gets */
function outputNames(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (/^as$/i.test(words[i + 1] ?? '') && words[i + 2] !== undefined) {
      out.push(words[i + 2]);
      i += 2;
    } else out.push(words[i]);
  }
  return out;
}

/** What command `c` (planned as `op`) reads, makes and does to the rows; `text` is the text its spans point into. */
export function commandFields(c: A.Command, op: Operator | undefined, text: string, first: boolean): CommandFields {
  switch (c.type) {
    case 'search': {
      const out = new Set<string>();
      if (c.expr) searchFields(c.expr, out);
      return { reads: sorted(out), makes: [], rows: first ? 'reads the events of the input files and keeps those that match' : 'keeps the rows that match' };
    }
    case 'where':
      return { reads: exprReads([c.expr]), makes: [], rows: 'keeps the rows for which the expression is true' };
    case 'eval':
      return c.variant === 'eval'
        ? { reads: exprReads(c.assignments.map((a) => a.expr)), makes: c.assignments.map((a) => a.field.name), rows: 'keeps every row' }
        : { reads: exprReads(c.assignments.map((a) => a.expr)), makes: [], rows: 'keeps every row (changes only how values are shown)' };
    case 'stats': {
      const reads = new Set<string>();
      for (const a of c.aggregations) {
        for (const x of a.inner ? [a, a.inner] : [a]) {
          if (x.field) reads.add(x.field.name);
          if (x.expr) fieldsOf(x.expr).forEach((f) => reads.add(f));
        }
      }
      c.by.forEach((f) => reads.add(f.name));
      const makes = c.aggregations.map((a) => aggregationName(a, text));
      const by = c.by.map((f) => f.name);
      const rows =
        c.variant === 'stats'
          ? by.length
            ? `one row per ${by.join(', ')} (events without a value for one of them are left out)`
            : 'one row for all events'
          : c.variant === 'eventstats'
            ? 'keeps every row, adding the aggregates of its group'
            : 'keeps every row, adding the running aggregates up to it';
      return { reads: [...reads].some((f) => f.includes('*')) ? undefined : sorted(reads), makes: c.variant === 'stats' ? [...makes, ...by] : makes, rows };
    }
    case 'tstats': {
      const by = c.by.map((f) => f.name);
      const from = c.from ? ` of ${c.from.value.text}` : ' of the indexed fields';
      const where = c.where ? searchFields(c.where) : new Set<string>();
      return {
        reads: sorted([...c.aggregations.flatMap((a) => (a.field ? [a.field.name] : [])), ...by, ...where]),
        makes: [...c.aggregations.map((a) => aggregationName(a, text)), ...by],
        rows: `makes rows${from}: ${by.length ? `one per ${by.join(', ')}` : 'one'}`,
      };
    }
    case 'convert':
      return { reads: c.conversions.map((v) => v.field.name), makes: c.conversions.map((v) => (v.as ?? v.field).name), rows: 'keeps every row' };
    case 'table':
      return { reads: c.fields.map((f) => f.name), makes: [], rows: `keeps every row, with only ${c.fields.map((f) => f.name).join(', ')}, in that order` };
    case 'fields':
      return { reads: c.fields.map((f) => f.name), makes: [], rows: c.remove ? `keeps every row, without ${c.fields.map((f) => f.name).join(', ')}` : `keeps every row, with only ${c.fields.map((f) => f.name).join(', ')}` };
    case 'rename':
      return { reads: c.renames.map((r) => r.from.name), makes: c.renames.map((r) => r.to.name), rows: 'keeps every row' };
    case 'head':
      return { reads: [], makes: [], rows: `keeps the first ${c.count ?? 10} rows` };
    case 'sort':
      return { reads: c.keys.map((k) => k.field.name), makes: [], rows: `puts the rows in order${c.limit !== undefined && c.limit > 0 ? `, keeping the first ${c.limit}` : ''}` };
    case 'dedup':
      return { reads: c.fields.map((f) => f.name), makes: [], rows: `keeps the first ${c.count ?? 1} row${(c.count ?? 1) === 1 ? '' : 's'} of each ${c.fields.map((f) => f.name).join(', ')} combination` };
    case 'macro':
      return { makes: [], rows: '—' };
    default:
      return generic(c, op);
  }
}
