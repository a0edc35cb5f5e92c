/**
 * The search may be written anywhere on the command line, also after an
 * option that takes several values (-m, -e, --lookups...); paths stay paths.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liftSearch, looksLikeSearch } from '../../src/cli/argv.js';

const files = new Set(['macros', 'logs/a.xml', 'lookups']);
const exists = (p: string) => files.has(p);
const lift = (...args: string[]) => liftSearch(['node', 'splinter', ...args], exists).slice(2);

describe('liftSearch', () => {
  it('moves a search out of -m, -e or --lookups to just after the verb', () => {
    expect(lift('run', '-m', 'macros', '`sysmon` EventCode=1', '-e', 'logs/a.xml')).toEqual(['run', '`sysmon` EventCode=1', '-m', 'macros', '-e', 'logs/a.xml']);
    expect(lift('run', '-e', 'logs/a.xml', 'macros', 'x | stats count')).toEqual(['run', 'x | stats count', '-e', 'logs/a.xml', 'macros']);
    expect(lift('expand', '--lookups', 'lookups', 'EventCode=1')).toEqual(['expand', 'EventCode=1', '--lookups', 'lookups']);
  });
  it('leaves inputs alone: existing paths, -, globs, path:sourcetype=X', () => {
    const args = ['run', 'q', '-e', 'logs/a.xml:sourcetype=XmlWinEventLog', '-', 'logs/*.xml', '-m', 'macros'];
    expect(lift(...args)).toEqual(args);
  });
  it('a missing path that does not look like a search stays a path (and is reported as one)', () => {
    expect(lift('run', 'q', '-m', 'macross')).toEqual(['run', 'q', '-m', 'macross']);
  });
  it('only for verbs that take a search, and not after --', () => {
    expect(lift('validate', '-m', 'macros', 'a b')).toEqual(['validate', '-m', 'macros', 'a b']);
    expect(lift('run', '--', '-m', 'x=1')).toEqual(['run', '--', '-m', 'x=1']);
  });
  it('looksLikeSearch', () => {
    expect(looksLikeSearch('index=main', exists)).toBe(true);
    expect(looksLikeSearch('| makeresults', exists)).toBe(true);
    expect(looksLikeSearch('macros', exists)).toBe(false);
    expect(looksLikeSearch('events/*.log', exists)).toBe(false);
  });
});

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const splinter = (...args: string[]) => spawnSync('node', [CLI, ...args], { encoding: 'utf8', cwd: ROOT });

describe('the CLI with the search after many-valued options', () => {
  it('run -m macros <search> -e events gives the rows of run <search> -m macros -e events', { timeout: 60_000 }, () => {
    const search = '`sysmon` EventCode=17 | stats count by dest';
    const a = splinter('run', '-m', 'fixtures/macros', search, '-e', 'fixtures/events/sysmon_pipes.xml', '-o', 'csv');
    const b = splinter('run', search, '-m', 'fixtures/macros', '-e', 'fixtures/events/sysmon_pipes.xml', '-o', 'csv');
    expect(a.status).toBe(0);
    // sysmon_pipes.xml: EventCode 17 from the Sysmon channel, A (lines 1,2,3,7,8-35,45) and B (37,39,41,42)
    expect(a.stdout).toBe('dest,count\nSRV-DB-02.corp.example.com,4\nWS-FIN-07.corp.example.com,6\n');
    expect(a.stdout).toBe(b.stdout);
  });
  it('missing -m, --lookups and --knowledge paths are the same usage error (exit 2)', { timeout: 60_000 }, () => {
    for (const flag of ['-m', '--lookups', '--knowledge']) {
      const r = splinter('run', '| makeresults', flag, 'no/such/path');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`error: ${flag} no/such/path: no such file or folder`);
    }
  });
  it('a detection diagnostic points at the line of search: in the YAML, in run, validate and test', { timeout: 60_000 }, () => {
    const det = 'fixtures/testing/detections/offline_mstats.yml';
    // line 5 is `search: '| mstats ...'`; the command name starts at column 12
    expect(splinter('run', '--detection', det).stderr).toContain(`--> ${det}:5:12`);
    expect(splinter('validate', det).stdout).toContain(`${det}:5:12: plan: unsupported command 'mstats'`);
    expect(splinter('test', det, '-o', 'json').stdout).toContain(`${det}:5:12: unsupported command 'mstats'`);
  });
});
