/**
 * `splinter test`: detections against their test data, judged as Splunk's
 * contentctl judges them (src/testing/). Exit 0 when no test failed, 1 when
 * one did, 2 on a usage error.
 */
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { lookupsBesideMacros } from '../../lookups/registry.js';
import type { TestResult } from '../../testing/runner.js';
import { rowObject } from '../output.js';
import { runSuite, type SuiteFile, type SuiteSetup } from '../../testing/suite.js';
import { EXIT, UsageError, addContextOptions, formatOption, knowledgeSets, lookupRegistry, requirePaths, searchFiles, macroTable, stderr, timeContext, type SearchOptions, type Wrap } from '../common.js';

interface TestCommandOptions extends SearchOptions {
  dataRoot?: string;
  format?: 'table' | 'json' | 'junit';
  exclude?: string[];
  knowledge?: string[];
  jobs?: string;
  rows?: boolean;
}


async function testCommand(paths: string[], o: TestCommandOptions): Promise<number> {
  const files: SuiteFile[] = searchFiles(paths, /\.ya?ml$/i, o.exclude ?? []);
  if (o.dataRoot !== undefined) {
    requirePaths('--data-root', [o.dataRoot]);
    if (!statSync(o.dataRoot).isDirectory()) throw new UsageError(`--data-root ${o.dataRoot}: not a folder`);
  }
  // loaded here once to check the paths and report problems; each thread loads its own copy
  macroTable(o);
  lookupRegistry(o);
  if (o.knowledge?.length) knowledgeSets(o.knowledge);
  const tctx = timeContext(o);
  const jobs = o.jobs === undefined ? 1 : Number(o.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a number of threads (1 or more), not '${o.jobs}'`);
  const setup: SuiteSetup = {
    macroPaths: o.macros ?? [],
    inlineMacros: o.macro ?? [],
    lookupPaths: [...lookupsBesideMacros(o.macros ?? []), ...(o.lookups ?? [])],
    knowledgePaths: o.knowledge ?? [],
    now: tctx.now,
    tz: tctx.tz,
    ...(o.dataRoot ? { dataRoot: o.dataRoot } : {}),
  };
  const progress = process.stderr.isTTY;
  const started = Date.now();
  const outcomes = await runSuite(files, setup, jobs, progress ? (done, file) => process.stderr.write(`\r\x1b[Ksplinter test: ${done}/${files.length} ${basename(file)}`) : undefined);
  const results = outcomes.flatMap((x) => x.results);
  const notTested = outcomes.filter((x) => !x.tested).length;
  if (progress) process.stderr.write('\r\x1b[K');
  const summary = { passed: count(results, 'pass'), failed: count(results, 'fail'), skipped: count(results, 'skip') };
  const format = o.format ?? (process.stdout.isTTY ? 'table' : 'json');
  const seconds = (Date.now() - started) / 1000;
  if (format === 'json') {
    const json = results.map((r) => ({ detection: r.detection, file: r.file, test: r.test, data: r.data, status: r.status, resultCount: r.resultCount, message: r.message, ms: r.ms, ...(o.rows ? { rows: (r.rows ?? []).map((row) => rowObject(row, tctx.tz)) } : {}) }));
    process.stdout.write(JSON.stringify({ results: json, summary }, null, 2) + '\n');
  } else if (format === 'junit') process.stdout.write(junit(results, seconds));
  else process.stdout.write(table(results));
  stderr(`splinter test: ${results.length} test${results.length === 1 ? '' : 's'}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped${notTested ? ` (${notTested} file${notTested === 1 ? '' : 's'} not tested: not a detection, or status not production/experimental)` : ''} in ${seconds.toFixed(1)}s`);
  return summary.failed > 0 ? EXIT.runtime : EXIT.ok;
}

function count(results: readonly TestResult[], status: TestResult['status']): number {
  return results.filter((r) => r.status === status).length;
}

const STATUS_WORD = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

/** One line per test: status, detection, test, data files, results, ms, reason. */
function table(results: readonly TestResult[]): string {
  const rows = results.map((r) => [STATUS_WORD[r.status], r.detection, r.test, r.data.map((d) => basename(d)).join(',') || '-', String(r.resultCount), String(r.ms), r.message]);
  const head = ['status', 'detection', 'test', 'data', 'results', 'ms', 'reason'];
  const max = [6, 70, 24, 40, 7, 6, 200];
  const widths = head.map((h, i) => Math.min(max[i], Math.max(h.length, ...rows.map((r) => r[i].length))));
  const cut = (s: string, w: number) => (s.length > w ? s.slice(0, w - 1) + '…' : s);
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : (i === 4 || i === 5 ? cut(c, widths[i]).padStart(widths[i]) : cut(c, widths[i]).padEnd(widths[i])))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

function xml(s: string): string {
  // XML 1.0 allows no control characters but tab, newline and carriage return
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JUnit XML (the Ant/Jenkins schema CI systems read): one testcase per test, grouped by detection file. */
function junit(results: readonly TestResult[], seconds: number): string {
  const failures = count(results, 'fail');
  const skipped = count(results, 'skip');
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="splinter test" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}">`];
  out.push(`  <testsuite name="detections" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}">`);
  for (const r of results) {
    const attrs = `classname="${xml(r.file)}" name="${xml(`${r.detection} / ${r.test}`)}" time="${(r.ms / 1000).toFixed(3)}"`;
    const props = `      <system-out>${xml(`data: ${r.data.join(', ') || '-'}\nresults: ${r.resultCount}\n${r.message}`)}</system-out>`;
    if (r.status === 'pass') out.push(`    <testcase ${attrs}>`, props, '    </testcase>');
    else if (r.status === 'fail') out.push(`    <testcase ${attrs}>`, `      <failure message="${xml(r.message)}" type="fail"/>`, props, '    </testcase>');
    else out.push(`    <testcase ${attrs}>`, `      <skipped message="${xml(r.message)}"/>`, props, '    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

export function testVerb(prog: Command, wrap: Wrap): void {
  addContextOptions(
    prog
      .command('test')
      .argument('<paths...>', 'detection YAML files, or folders of them (searched recursively)')
      .description("run each detection's tests over its attack data and judge the results as contentctl does: at least one result, risk-object fields non-null in every result, threat-object fields in one")
      .option('--data-root <folder>', 'a local copy of attack_data: replaces everything up to attack_data/master/ in the tests\' data URLs (plain relative paths are read from it too)')
      .option('--exclude <paths...>', 'skip files under these paths')
      .option('--knowledge <paths...>', "your Splunk apps' eventtypes.conf and tags.conf")
      .option('--rows', 'with -o json, also give the rows each test\'s search returned (as run -o json prints them)')
      .option('-j, --jobs <n>', 'test on n threads at once (default 1); each reads the data files it needs once')
      .addOption(formatOption(['table', 'json', 'junit'], 'table (default on a terminal), json (default otherwise): {"results":[{detection,file,test,data,status,resultCount,message,ms}],"summary":{passed,failed,skipped}}, or junit XML')),
  ).action(wrap(testCommand));
}
