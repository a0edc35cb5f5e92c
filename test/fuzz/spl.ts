/**
 * Searches for the fuzz test (fuzz.test.ts), as fast-check arbitraries:
 * searches built from SPL's grammar (search terms, eval expressions, every
 * command with options and fields), the committed searches of queries/ and
 * fixtures/detections/ mutated character- and token-wise, deep nesting, long
 * flat chains and huge literals. Most are not valid SPL; the test is that
 * splinter answers every one with rows or a diagnostic.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { evalFunctions } from '../../src/functions/eval/registry.js';
import { AGGREGATIONS } from '../../src/functions/stats/registry.js';
import { GENERIC_COMMANDS } from '../../src/engine/commands/registry.js';
import { caseSearch, QUERY_FILES, ROOT, type Case } from '../support/cases.js';

type Arb = fc.Arbitrary<string>;

const FIELDS = ['_raw', '_time', 'host', 'source', 'sourcetype', 'EventCode', 'Image', 'PipeName', 'dest', 'user', 'count', 'x', 'y', 'a', 'b', 'status', 'bytes', 'msg', 'a.b', 'Processes.dest', 'n{}', 'x*', '*'];
/** the commands the grammar parses itself, and every registered one */
const COMMANDS = [...new Set(['search', 'where', 'eval', 'stats', 'eventstats', 'streamstats', 'table', 'fields', 'rename', 'sort', 'head', 'tail', 'dedup', 'rex', 'regex', 'spath', 'tstats', 'top', 'rare', 'timechart', 'chart', 'transaction', 'mvexpand', 'fillnull', 'convert', 'lookup', 'inputlookup', 'outputlookup', 'makeresults', 'foreach', 'return', 'xyseries', ...GENERIC_COMMANDS.keys()])];
const FUNCTIONS = [...evalFunctions.keys()];
const AGGS = AGGREGATIONS.flatMap((a) => [a.name, ...a.aliases]);

const field: Arb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.:]{0,10}$/) });

const number: Arb = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.double().map(String),
  fc.constantFrom('9007199254740993', '123456789012345678', '1e308', '-0', '0x1F', '1e-400', '99999999999', '2147483648', '0.1'),
);

/** a string with SPL's special characters, quoted as SPL writes it */
const quoted: Arb = fc
  .string({ unit: fc.constantFrom('a', 'b', 'Z', '0', '*', '%', '_', '\\', '"', ' ', '.', '(', ')', '|', '[', ']', '$', '`', '=', ',', '\n', '\t', 'é', '?', '+', '{', '}', '^'), maxLength: 16 })
  .map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);

const word: Arb = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_*.:\\/-]{1,12}$/), number);
const value: Arb = fc.oneof(word, quoted);
const regex: Arb = fc.constantFrom('"(?<x>\\w+)"', '"(a+)+$"', '"^(?<f>[^ ]+) (?<g>.*)"', '"[unclosed"', '"(?<bad name>x)"', '"(?i)pipe"', '"\\\\d{2,}"', '"(?=x)y"', '"(a|ab)*c"', '"x{99999}"');

/** search-language expressions (the first command and `search`) */
const { searchExpr } = fc.letrec<{ searchExpr: string; term: string }>((tie) => ({
  term: fc.oneof(
    { weight: 5, arbitrary: fc.tuple(field, fc.constantFrom('=', '!=', '<', '>=', '::'), value).map(([f, op, v]) => `${f}${op}${v}`) },
    { weight: 3, arbitrary: value },
    { weight: 1, arbitrary: fc.tuple(field, fc.array(value, { minLength: 0, maxLength: 4 })).map(([f, vs]) => `${f} IN (${vs.join(', ')})`) },
    { weight: 1, arbitrary: fc.constantFrom('earliest=-1d@d', 'latest=now', 'earliest=0', 'index=*', 'TERM(10.0.0.1)', 'CASE(Pipe)', '`sysmon`', '`sysmon_pipes(17,18)`', '`undefined_macro`', '`security_content_ctime(x)`') },
    { weight: 1, arbitrary: tie('searchExpr').map((e) => `NOT ${e}`) },
    { weight: 1, arbitrary: tie('searchExpr').map((e) => `(${e})`) },
    { weight: 1, arbitrary: tie('searchExpr').map((e) => `[search ${e} | fields ${FIELDS[3]}]`) },
  ),
  searchExpr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('term'),
    fc.tuple(tie('searchExpr'), fc.constantFrom(' ', ' AND ', ' OR '), tie('searchExpr')).map(([a, op, b]) => `${a}${op}${b}`),
  ),
}));

/** eval expressions (eval, where, stats eval(...)) */
const { evalExpr } = fc.letrec<{ evalExpr: string }>((tie) => ({
  evalExpr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(field, number, quoted, fc.constantFrom('null()', 'true()', "'a.b'", '_time', 'now()')),
    fc.tuple(tie('evalExpr'), fc.constantFrom('+', '-', '*', '/', '%', '.', ' AND ', ' OR ', ' XOR ', '=', '==', '!=', '<', '>=', ' LIKE '), tie('evalExpr')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('evalExpr').map((e) => `NOT ${e}`),
    tie('evalExpr').map((e) => `-(${e})`),
    tie('evalExpr').map((e) => `(${e})`),
    fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('evalExpr'), { maxLength: 4 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(fc.constantFrom('if', 'case', 'coalesce', 'mvindex', 'replace', 'match', 'strftime', 'strptime', 'printf', 'tonumber', 'json_extract', 'spath'), fc.array(tie('evalExpr'), { minLength: 1, maxLength: 5 })).map(([f, args]) => `${f}(${args.join(',')})`),
  ),
}));

const option: Arb = fc.tuple(fc.constantFrom('count', 'limit', 'max', 'span', 'field', 'maxsearches', 'keepempty', 'consecutive', 'sortby', 'useother', 'showcount', 'cont', 'maxevents', 'p', 'mode', 'delim', 'allnum', 'type', 'output', 'append', 'partial', 'bins', 'start', 'end', 'format', 'max_match', 'offset_field', 'path', 'input', 'usetime', 'earlier', 'overwrite', 'keeporphans', 'reset_on_change', 'window', 'global', 'time_window', 'datamodel', 'summariesonly'), fc.oneof(number, word, quoted, fc.constantFrom('t', 'f', 'true', 'false', '1h', '5m', '30d', '1mon', '-1'))).map(([k, v]) => `${k}=${v}`);

const aggregation: Arb = fc.tuple(fc.constantFrom(...AGGS), fc.option(field), fc.option(field)).map(([a, f, as]) => `${a}${f === null ? '' : `(${f})`}${as === null ? '' : ` as ${as}`}`);
const byClause: Arb = fc.array(field, { maxLength: 3 }).map((fs) => (fs.length ? ` by ${fs.join(' ')}` : ''));

/** one command, as the grammar allows it and somewhat beyond */
const command: Arb = fc.oneof(
  searchExpr.map((e) => `search ${e}`),
  evalExpr.map((e) => `where ${e}`),
  fc.array(fc.tuple(field, evalExpr), { minLength: 1, maxLength: 3 }).map((as) => `eval ${as.map(([f, e]) => `${f}=${e}`).join(', ')}`),
  fc.tuple(fc.constantFrom('stats', 'eventstats', 'streamstats', 'timechart', 'chart', 'top', 'rare', 'tstats'), fc.array(option, { maxLength: 2 }), fc.array(aggregation, { minLength: 1, maxLength: 3 }), byClause).map(([c, o, a, b]) => `${c} ${o.join(' ')} ${a.join(', ')}${b}`),
  fc.tuple(fc.constantFrom('rex', 'regex'), fc.option(field), regex).map(([c, f, r]) => `${c} ${f === null ? '' : `${c === 'rex' ? 'field=' : ''}${f}${c === 'regex' ? '=' : ' '}`}${r}`),
  fc.tuple(fc.constantFrom(...COMMANDS), fc.array(fc.oneof(option, field, value, fc.constantFrom('as', 'AS', 'by', 'BY', 'over', 'OUTPUT', 'OUTPUTNEW', ',', '-', '+', '[| makeresults count=2]', '[search x]')), { maxLength: 6 })).map(([c, args]) => `${c} ${args.join(' ')}`),
);

/** a pipeline: a first search or generating command, then commands */
export const grammarSearch: Arb = fc
  .tuple(
    fc.oneof(searchExpr, fc.constant('| makeresults count=3'), fc.constant('| tstats count from datamodel=Endpoint.Processes by Processes.dest'), fc.constant('| inputlookup users.csv'), fc.constant('`sysmon`')),
    fc.array(command, { maxLength: 5 }),
  )
  .map(([first, rest]) => [first, ...rest].join(' | '));

/** deep nesting and long flat chains: each must give a diagnostic (too deep) or run */
export const deepSearch: Arb = fc
  .tuple(fc.integer({ min: 1, max: 700 }), fc.constantFrom('paren', 'not', 'subsearch', 'evalparen', 'funcs', 'or', 'plus', 'pipes', 'macro'))
  .map(([n, kind]) => {
    const rep = (s: string, k = n) => s.repeat(k);
    switch (kind) {
      case 'paren':
        return `${rep('(')}x=1${rep(')')}`;
      case 'not':
        return `${rep('NOT ')}x=1`;
      case 'subsearch':
        return `${rep('[search ')}x=1${rep(']')}`;
      case 'evalparen':
        return `| makeresults | eval y=${rep('(')}1${rep(')')}`;
      case 'funcs':
        return `| makeresults | eval y=${rep('abs(')}1${rep(')')}`;
      case 'or':
        return `x=0${Array.from({ length: n * 10 }, (_, i) => ` OR x=${i}`).join('')}`;
      case 'plus':
        return `| makeresults | eval y=1${rep('+1', n * 10)}`;
      case 'pipes':
        return `| makeresults${rep(' | eval x=1', n * 10)}`;
      default:
        return `${rep('`sysmon`', n)} | head 1`;
    }
  });

/** a huge literal somewhere a literal may go */
export const hugeSearch: Arb = fc
  .tuple(fc.integer({ min: 1_000, max: 70_000 }), fc.constantFrom('term', 'eval', 'rex', 'where', 'field'))
  .map(([n, where]) => {
    const s = 'a'.repeat(n);
    if (where === 'term') return `"${s}" | head 1`;
    if (where === 'eval') return `| makeresults | eval x="${s}" | eval y=len(x)`;
    if (where === 'rex') return `| makeresults | eval x="${s}" | rex field=x "(?<y>a+)$"`;
    if (where === 'where') return `| makeresults | where like("${s}", "%a%a%a%a%b")`;
    return `${s}=1`;
  });

function detectionSearches(): string[] {
  const dir = join(ROOT, 'fixtures', 'detections');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => (parseYaml(readFileSync(join(dir, f), 'utf8')) as { search?: string }).search?.trim())
    .filter((s): s is string => !!s);
}

/** every committed search: the queries/ cases and the fixture detections */
export const SEEDS: readonly string[] = [
  ...new Set([
    ...QUERY_FILES.map((f) => {
      try {
        return caseSearch(parseYaml(readFileSync(f, 'utf8')) as Case);
      } catch {
        return '';
      }
    }),
    ...detectionSearches(),
  ]),
].filter((s) => s.length > 0);

const SPECIAL = ['(', ')', '[', ']', '|', '"', "'", '`', '=', '!', '<', '>', ',', '*', '\\', ' ', '$', '%', '\n', '\u0000', '\uD800', 'é', '{', '}'];
const TOKENS = ['NOT ', ' OR ', ' AND ', '| ', '[search ', ']', '(', ')', '"', '`', '`sysmon`', 'eval ', 'stats count by ', ' as ', ' by ', '=', '==', '*', '9007199254740993', '1e999', 'max=-1', 'count=999999999', '$arg$', 'earliest=-1y', '\\', '""', "''"];

type Mutation = (s: string) => string;
const at = (s: string, r: number) => Math.floor(r * (s.length + 1));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b]) => (s: string) => {
    const [i, j] = [at(s, a), at(s, b)].sort((x, y) => x - y);
    return s.slice(0, i) + s.slice(j);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SPECIAL, ...TOKENS)).map(([a, t]) => (s: string) => s.slice(0, at(s, a)) + t + s.slice(at(s, a))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SPECIAL)).map(([a, t]) => (s: string) => s.slice(0, at(s, a)) + t + s.slice(at(s, a) + 1)),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b]) => (s: string) => {
    const [i, j] = [at(s, a), at(s, b)].sort((x, y) => x - y);
    return s.slice(0, j) + s.slice(i, j) + s.slice(j);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), command).map(([a, c]) => (s: string) => {
    const pipes = [...s.matchAll(/\|/g)].map((m) => m.index);
    const i = pipes.length ? pipes[Math.floor(a * pipes.length)] : s.length;
    return `${s.slice(0, i)}| ${c} ${s.slice(i)}`;
  }),
);

/** a committed search with one to four mutations */
export const mutatedSearch: Arb = fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([s, ms]) => ms.reduce((t, m) => m(t), s));

export const anySearch: Arb = fc.oneof(
  { weight: 8, arbitrary: grammarSearch },
  { weight: 8, arbitrary: mutatedSearch },
  { weight: 1, arbitrary: deepSearch },
  { weight: 1, arbitrary: hugeSearch },
);
