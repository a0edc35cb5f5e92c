/**
 * No option ignored (issue 19): every option a command accepts is used by at
 * least one data-driven case in queries/, beside test/queries-coverage.test.ts
 * which does the same for commands and functions.
 *
 * The options come from the commands themselves: compiling every case plans
 * every command, and each planner records what it accepts
 * (src/engine/declared-options.ts, filled by Args.allowOnly and by the
 * commands with a grammar of their own). A case uses `option=` in a command
 * when the parsed (macro-expanded) search has that option among the
 * command's own arguments, subsearches included. A case counts when it
 * compiles, or when it is an error case whose message names the option (a
 * refusal such as "splinter does not support ...").
 *
 * Aliases that share one planner and one meaning (bin/bucket, extract/kv)
 * share their cases: a case of either covers the option for both, and the
 * pairs are named by the first name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compile } from '../src/api.js';
import type { GenericArg, Pipeline, SearchExpr } from '../src/ast/nodes.js';
import { GENERIC_COMMANDS } from '../src/engine/commands/registry.js';
import { declaredOptions } from '../src/engine/declared-options.js';
import { LookupRegistry } from '../src/lookups/registry.js';
import { loadMacroTable } from '../src/macros/index.js';
import { parseNow } from '../src/time/index.js';
import { caseSearch, QUERY_FILES, ROOT, type Case } from './support/cases.js';

/** Names of one command: a case of one covers the others. */
const ALIASES: readonly (readonly string[])[] = [
  ['bin', 'bucket'],
  ['extract', 'kv'],
];

/**
 * Options that do not change a search's results, so that no case can tell
 * them apart from their absence: by the page cited with each, they bound how
 * long a subsearch may run, say how or where the work is done, or choose
 * among acceleration summaries (offline every event is read from the raw
 * data, as from a complete and current summary). Keep this short: an option
 * that changes results needs a case, or a diagnostic that refuses it.
 */
const EXEMPT: ReadonlyMap<string, string> = new Map([
  // limits on how long a subsearch may run: results differ only when the server is slow, not with the
  // data; splinter runs every subsearch to its end
  ['append maxtime', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/append: the most seconds to spend on the subsearch before finalizing it'],
  ['append timeout', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/append: the most seconds to wait for the subsearch to finish'],
  ['appendcols maxtime', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/appendcols: the most seconds to spend on the subsearch before finalizing it'],
  ['appendcols timeout', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/appendcols: the most seconds to wait for the subsearch to finish'],
  ['union maxtime', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/union: the most seconds to spend on a subsearch before finalizing it'],
  ['union timeout', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/union: the most seconds to wait for a subsearch to finish'],
  // how or where the work is done
  ['appendpipe run_in_preview', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/appendpipe: whether to show the command\'s effect in the preview, while the search runs; the final results are the same'],
  ['stats partitions', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/stats: "partitions the input data based on the split-by fields for multithreaded reduce"'],
  ['eventstats partitions', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/eventstats: stats\' partitions, for multithreaded reduce'],
  ['tstats chunk_size', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/tstats: "Advanced option. This argument controls how many events are retrieved at a time within a single TSIDX file", a memory setting'],
  ['tstats local', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/tstats: "If true, forces the processor to be run only on the search head"; offline there is one instance'],
  ['makeresults splunk_server', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/makeresults: "Use to generate results on one specific server"; offline there is one instance'],
  ['makeresults splunk_server_group', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/makeresults: the server group to generate results on; offline there is one instance'],
  ['xmlkv maxinputs', 'https://docs.splunk.com/Documentation/Splunk/latest/Admin/Commandsconf: maxinputs is "The maximum number of events that can be passed to the command for each invocation"; xmlkv streams, so it is invoked again for the next events'],
  // acceleration summaries: offline every event is read from the raw data, as if from a complete,
  // current, unreduced summary, so the options that choose among summaries choose nothing
  ['datamodel summariesonly', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/datamodel: summariesonly=true reads only summarized data; offline the whole input counts as summarized (as for tstats, whose summariesonly has cases)'],
  ['datamodel allow_old_summaries', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/datamodel: "This argument applies only to accelerated data models", to summaries older than the data model\'s definition'],
  ['tstats allow_old_summaries', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/tstats: applies only to accelerated data models, to summaries older than the data model\'s definition'],
  ['tstats include_reduced_buckets', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/tstats: applies only to buckets reduced by tsidx reduction; offline no bucket is reduced'],
  ['tstats use_summary_index_values', 'https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.1/search-commands/tstats: reads values from summary indexes; offline there are none'],
]);

/**
 * Options whose effect a test outside queries/ checks (queries/ cases do not
 * write files), or whose documented meaning leaves their effect open: each
 * with where it is tested or why there is no case.
 */
const ELSEWHERE: ReadonlyMap<string, string> = new Map([
  ['outputlookup append', 'test/engine/commands/outputlookup.test.ts: a lookup written, appended to and read back'],
  ['outputlookup create_empty', 'test/engine/commands/outputlookup.test.ts: writing no results'],
  ['outputlookup max', 'test/engine/commands/outputlookup.test.ts: the rows written'],
  ['outputlookup override_if_empty', 'test/engine/commands/outputlookup.test.ts: no results and an existing file'],
  ['transaction delim', '[decision] the page says only "a string used to delimit the original event values in the transaction event fields"; splinter joins the values of a multivalue _raw with it, and no example of the page shows its effect'],
]);

/** (command, option) pairs used by a case, as `command option`. */
function usedIn(p: Pipeline, out: Set<string>): void {
  const pair = (cmd: string, opt: string) => out.add(`${cmd.toLowerCase()} ${opt.toLowerCase()}`);
  const search = (e: SearchExpr | null | undefined): void => {
    if (!e) return;
    const stack: SearchExpr[] = [e];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === 'and' || x.type === 'or') stack.push(...x.items);
      else if (x.type === 'not') stack.push(x.expr);
      else if (x.type === 'subsearch') usedIn(x.pipeline, out);
    }
  };
  const generic = (cmd: string, args: readonly GenericArg[], top: boolean): void => {
    for (const a of args) {
      if (a.kind === 'option') {
        if (top) pair(cmd, a.name);
        if (a.group) generic(cmd, a.group, false);
      } else if (a.kind === 'group') generic(cmd, a.args, false);
      else if (a.kind === 'subsearch') usedIn(a.pipeline, out);
    }
  };
  for (const c of p.commands) {
    switch (c.type) {
      case 'command':
        generic(c.name, c.args, true);
        break;
      case 'stats':
        for (const o of c.options) pair(c.variant, o.name);
        break;
      case 'tstats':
        for (const o of [...c.options, ...c.byOptions]) pair('tstats', o.name);
        search(c.where);
        break;
      case 'convert':
      case 'head':
      case 'sort':
      case 'dedup':
        for (const o of c.options) pair(c.type, o.name);
        break;
      case 'search':
        search(c.expr);
        break;
      default:
        break;
    }
  }
}

/** The first name of a command's alias group. */
function canonical(command: string): string {
  return (ALIASES.find((a) => a.includes(command)) ?? [command])[0];
}

/**
 * Plans every case once and records the options each uses. Called from the
 * tests, not at collection time: mutation testing (npm run mutate) counts
 * code run outside a test as covered by every test, which makes each such
 * mutant run the whole suite.
 */
let recorded: { usedCanonical: Set<string>; declared: string[] } | undefined;
function record(): { usedCanonical: Set<string>; declared: string[] } {
  if (recorded) return recorded;
  const used = new Set<string>();
  for (const file of QUERY_FILES) {
    const c = parseYaml(readFileSync(file, 'utf8')) as Case;
    const tz = c.tz ?? 'UTC';
    const now = c.now ? parseNow(c.now, tz)! : Date.parse('2024-06-01T00:00:00Z') / 1000;
    const macros = loadMacroTable({ paths: (c.macros ?? []).map((m) => join(ROOT, m)), inline: c.macro ?? [] });
    const lookups = c.lookups ? LookupRegistry.load(c.lookups.map((l) => join(ROOT, l))) : undefined;
    // planning records the options of every command it meets
    const compiled = compile(caseSearch(c), { macros, now, tz, ...(lookups ? { lookups } : {}) });
    // an explain case checks the page, not the rows: it plans (and so declares) but covers no option
    if (!compiled.ast || c.explain) continue;
    const pairs = new Set<string>();
    usedIn(compiled.ast, pairs);
    const message = compiled.diagnostics[0]?.message ?? '';
    for (const pr of pairs) {
      if (compiled.stage === 'ok' || message.includes(pr.split(' ')[1])) used.add(pr);
    }
  }


  const usedCanonical = new Set([...used].map((p) => {
    const [cmd, opt] = p.split(' ');
    return `${canonical(cmd)} ${opt}`;
  }));
  /** Every (command, option) the planners declared, as `command option`, aliases under their first name. */
  const declared = [...new Set([...declaredOptions()].flatMap(([cmd, opts]) => [...opts].map((o) => `${canonical(cmd)} ${o}`)))].sort();
  return (recorded = { usedCanonical, declared });
}

describe('queries/ covers', () => {
  it('plans every command that takes options (the record is not empty by accident)', () => {
    record();
    // regex and return read name=value as a field test and an alias, not as options
    const expected = [...GENERIC_COMMANDS.keys(), 'stats', 'eventstats', 'streamstats', 'tstats', 'dedup', 'sort', 'head', 'convert'].filter((n) => n !== 'regex' && n !== 'return');
    expect(expected.filter((n) => !declaredOptions().has(n))).toEqual([]);
  });

  it('every option of every command', () => {
    const { usedCanonical, declared } = record();
    const missing = declared.filter((p) => !usedCanonical.has(p) && !EXEMPT.has(p) && !ELSEWHERE.has(p));
    expect(missing).toEqual([]);
  });

  it('lists nothing that is covered or unknown', () => {
    const { usedCanonical, declared } = record();
    const listed = [...EXEMPT.keys(), ...ELSEWHERE.keys()];
    expect(listed.filter((p) => !declared.includes(p))).toEqual([]);
    expect(listed.filter((p) => usedCanonical.has(p))).toEqual([]);
  });
});
