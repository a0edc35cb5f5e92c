/**
 * One-line notes for `splinter explain`: where a search relies on a rule of
 * SPL that learners trip over, say so, with the page that states it. Each
 * rule looks at the parsed (expanded) search only; a note is given once per
 * rule, at the first place it applies.
 */
import type * as A from '../ast/nodes.js';
import { fieldsOf } from '../eval/compile.js';
import { searchFields } from '../search/predicate.js';

export interface Note {
  readonly rule: string;
  /** the command it is about (1-based, in the pipeline) */
  readonly command: number;
  readonly text: string;
  readonly url: string;
}

const REF = 'https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0';
const URL = {
  search: `${REF}/search-commands/search`,
  not: 'https://docs.splunk.com/Documentation/Splunk/9.0.2/Search/NOTexpressions',
  case: 'https://docs.splunk.com/Documentation/Splunk/9.1.1/Search/UseCASEandTERMtomatchphrases',
  stats: `${REF}/search-commands/stats`,
  where: `${REF}/search-commands/where`,
  eval: `${REF}/search-commands/eval`,
  values: `${REF}/statistical-and-charting-functions/multivalue-stats-and-chart-functions`,
  types: 'https://help.splunk.com/splunk-enterprise/search/search-manual/10.0/search-overview/types-of-commands',
};

/** The search expressions of a pipeline's search commands, and of the subsearches inside them. */
function* walkSearch(e: A.SearchExpr): Generator<A.SearchExpr> {
  yield e;
  if (e.type === 'and' || e.type === 'or') for (const x of e.items) yield* walkSearch(x);
  else if (e.type === 'not') yield* walkSearch(e.expr);
}

function* walkExpr(e: A.Expr): Generator<A.Expr> {
  const stack: A.Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    yield x;
    switch (x.type) {
      case 'binary':
        stack.push(...x.operands);
        break;
      case 'call':
        stack.push(...x.args);
        break;
      case 'not':
      case 'negate':
        stack.push(x.operand);
        break;
      case 'like':
        stack.push(x.left, x.pattern);
        break;
      case 'in':
        stack.push(x.left, ...x.values);
        break;
    }
  }
}

/** true when the text around a span is `( ... )`: the user wrote the parentheses */
function parenthesised(text: string, span: A.SearchExpr['span']): boolean {
  let i = span.start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  let j = span.end;
  while (j < text.length && /\s/.test(text[j])) j++;
  return text[i] === '(' && text[j] === ')';
}

/** Every field name the pipeline's commands name, for the `field=otherfield` rule. */
function namedFields(p: A.Pipeline): Set<string> {
  const out = new Set<string>();
  for (const c of p.commands) {
    if (c.type === 'eval') c.assignments.forEach((a) => (out.add(a.field.name), fieldsOf(a.expr).forEach((f) => out.add(f))));
    else if (c.type === 'where') fieldsOf(c.expr).forEach((f) => out.add(f));
    else if (c.type === 'stats' || c.type === 'tstats') {
      c.by.forEach((f) => out.add(f.name));
      c.aggregations.forEach((a) => a.field && out.add(a.field.name));
    } else if (c.type === 'table' || c.type === 'fields') c.fields.forEach((f) => out.add(f.name));
    else if (c.type === 'search' && c.expr) searchFields(c.expr, out);
  }
  return out;
}

const GENERATING_HINT = new Set(['makeresults', 'inputlookup', 'tstats', 'datamodel', 'from', 'rest', 'metadata', 'gentimes', 'set', 'multisearch', 'union', 'inputcsv', 'dbinspect', 'eventcount']);

export function notes(p: A.Pipeline, text: string): Note[] {
  const out: Note[] = [];
  const seen = new Set<string>();
  const add = (rule: string, command: number, note: string, url: string) => {
    if (seen.has(rule)) return;
    seen.add(rule);
    out.push({ rule, command, text: note, url });
  };
  const fields = namedFields(p);
  let caseExample: { n: number; e: A.SearchCompare; len: number } | undefined;
  p.commands.forEach((c, i) => {
    const n = i + 1;
    const searchExpr = c.type === 'search' ? c.expr : c.type === 'tstats' ? c.where : undefined;
    if (searchExpr) {
      for (const e of walkSearch(searchExpr)) {
        if (e.type === 'and') {
          const or = e.items.find((x) => x.type === 'or' && !parenthesised(text, x.span));
          if (or) {
            const a = text.slice(or.span.start, or.span.end);
            add('or-before-and', n, `In search, OR binds tighter than the implicit AND: \`${short(a)}\` is one group, ANDed with the rest; write parentheses to group otherwise (eval and where do the opposite: AND before OR).`, URL.search);
          }
        }
        if (e.type === 'compare' && e.op === '!=') {
          add('neq-vs-not', n, `\`${e.field.name}!=${e.value.text}\` keeps only events that have a ${e.field.name} field with another value; \`NOT ${e.field.name}=${e.value.text}\` also keeps events without ${e.field.name}.`, URL.not);
        }
        if (e.type === 'compare' && e.op === '=' && !e.value.modifier) {
          // the example is the shortest such comparison, with letters in its value
          const len = e.field.name.length + e.value.text.length;
          if (/[a-z]/i.test(e.value.text) && !fields.has(e.value.text) && (!caseExample || len < caseExample.len)) caseExample = { n, e, len };
          if (!e.value.quoted && e.value.text !== e.field.name && fields.has(e.value.text) && !e.value.text.includes('*')) {
            add('field-equals-field', n, `In search, \`${e.field.name}=${e.value.text}\` compares ${e.field.name} with the text "${e.value.text}", not with the field ${e.value.text}; to compare two fields, use \`| where ${e.field.name}=${e.value.text}\`.`, URL.where);
          }
        }
      }
    }
    if (c.type === 'where') {
      for (const e of walkExpr(c.expr)) {
        if (e.type === 'binary' && e.ops.some((o) => o === '=' || o === '==' || o === '!=')) {
          const lit = e.operands.find((x): x is A.ExprString => x.type === 'string');
          if (lit && /[*]/.test(lit.value)) {
            add('where-wildcard', n, `In where, "${lit.value}" is compared as it is: * is not a wildcard there; use like(field, "%...%") or match(), or move the test to search.`, URL.where);
          } else if (lit) {
            add('where-case', n, `In where (as in eval), comparing with "${lit.value}" is case-sensitive, unlike the same test in search.`, URL.where);
          }
        }
        if (e.type === 'binary' && e.ops.includes('OR') && e.operands.some((x) => x.type === 'binary' && x.ops.includes('AND'))) {
          add('eval-and-before-or', n, 'In where and eval, AND binds tighter than OR (the opposite of search): `a OR b AND c` is `a OR (b AND c)`.', URL.eval);
        }
      }
    }
    if (c.type === 'stats' && c.variant === 'stats' && c.by.length) {
      add('stats-by-missing', n, `stats ... by ${c.by.map((f) => f.name).join(' ')} leaves out every event that lacks a value for any of these fields (fillnull first to keep them).`, URL.stats);
    }
    if (c.type === 'stats' || c.type === 'tstats') {
      const a = c.aggregations.find((x) => /^(values|list)$/i.test(x.func));
      if (a) {
        add(
          'values-order',
          n,
          /^values$/i.test(a.func)
            ? `values(${a.field?.name ?? ''}) gives the distinct values sorted as text (so "10" before "9"), not in event order; list() keeps event order (up to 100 values).`
            : `list(${a.field?.name ?? ''}) keeps every value in event order, duplicates included, up to 100 values; values() gives them distinct and sorted.`,
          URL.values,
        );
      }
    }
  });
  if (caseExample) {
    const { n, e } = caseExample;
    add('case', n, `Values match without regard to case (${e.field.name}=${e.value.text} also matches ${flipCase(e.value.text)}), but field names are case-sensitive: ${e.field.name} and ${flipCase(e.field.name)} are two fields. CASE(...) makes a value case-sensitive.`, URL.case);
  }
  const first = p.commands[0];
  const firstName = !first ? '' : first.type === 'command' ? first.name.toLowerCase() : first.type === 'eval' || first.type === 'stats' ? first.variant : first.type;
  if (p.leadingPipe && first && firstName !== 'search' && !GENERATING_HINT.has(firstName)) {
    add('leading-pipe', 1, `A search that starts with | must start with a generating command (makeresults, inputlookup, tstats...); ${firstName} works on rows that a command before it hands on.`, URL.types);
  }
  return out.sort((a, b) => a.command - b.command);
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? one.slice(0, 57) + '...' : one;
}

function flipCase(s: string): string {
  const lower = s.toLowerCase();
  return lower !== s ? lower : s.toUpperCase();
}
