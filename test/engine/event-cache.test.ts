/**
 * Many searches over one EventCache (what `splinter hunt` does): dispatch
 * groups skip the events a first search's conjuncts on source, sourcetype
 * and EventCode reject, and tstats shares data model rows; neither may
 * change a search's rows. Each search's rows over the cache are compared
 * with the same search run alone, without a cache, over the same files.
 * Evidence: fixtures/evtx/mixed.evtx (Sysmon 1 ×4, Security 4624 and 1102,
 * System 7036, Application 65001) and damaged-record-size.evtx (Sysmon 1 ×2).
 */
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { EventCache } from '../../src/engine/event-cache.js';
import type { SourceStats } from '../../src/engine/source.js';
import { collect } from '../../src/engine/types.js';
import { loadMacroTable } from '../../src/macros/index.js';
import { rowObject } from '../../src/cli/output.js';

const ROOT = join(__dirname, '..', '..');
const files = ['mixed.evtx', 'damaged-record-size.evtx'].map((f) => join(ROOT, 'fixtures', 'evtx', f));
const inputs = files.map((path) => ({ file: { path, mtime: statSync(path).mtimeMs / 1000, size: statSync(path).size } }));
const macros = loadMacroTable({ paths: [join(ROOT, 'fixtures', 'hunt', 'macros')] });
const now = Date.parse('2024-06-01T00:00:00Z') / 1000;
const base = { now, tz: 'UTC', notify: () => {} };

async function rows(search: string, cache?: EventCache, stats?: SourceStats) {
  const c = compile(search, { macros, now, tz: 'UTC' });
  if (!c.plan) throw new Error(c.diagnostics[0]?.message);
  const out = await collect(run(c.plan, { inputs, onProblem: () => {}, ...(cache ? { cache } : {}), ...(stats ? { stats } : {}) }, base));
  return out.map((r) => rowObject(r, 'UTC'));
}

const SEARCHES = [
  '`sysmon` EventCode=1 | table _time Computer User Image CommandLine',
  '`sysmon` EventCode=1 Image="*\\\\cmd.exe" | stats count by Computer Image',
  '`wineventlog_security` EventCode=4624 | stats count by host TargetUserName',
  'source=XmlWinEventLog:Security OR source=XmlWinEventLog:System | stats count by source EventCode',
  'NOT EventCode=1 | stats count by source',
  'EventCode IN (1102, 7036) | table _time EventCode host',
  '* | stats count by sourcetype EventCode',
  '| tstats count from datamodel=Endpoint.Processes by Processes.process_name Processes.dest',
  '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=whoami.exe by Processes.user',
  '| tstats count from datamodel=Authentication by Authentication.user Authentication.action',
  '| tstats prestats=true count from datamodel=Endpoint.Processes by Processes.process_name | stats count by Processes.process_name',
  '| tstats count where sourcetype=XmlWinEventLog by source',
];

describe('EventCache: many searches over shared events', () => {
  it('every search gives over the cache the rows it gives alone, in any order of searches', async () => {
    const alone = await Promise.all(SEARCHES.map((s) => rows(s)));
    const cache = new EventCache();
    for (const order of [SEARCHES.map((_, i) => i), SEARCHES.map((_, i) => SEARCHES.length - 1 - i)]) {
      for (const i of order) expect(await rows(SEARCHES[i], cache), SEARCHES[i]).toEqual(alone[i]);
    }
    // the searches above read real rows: not a comparison of empty results
    expect(alone.map((r) => r.length)).toEqual([6, 1, 1, 3, 3, 2, 5, 3, 1, 1, 3, 4]);
  });

  it('dispatch groups: one per source, sourcetype and EventCode of the events', async () => {
    const cache = new EventCache();
    await rows('* | stats count', cache);
    const groups = new Set<string>();
    for (let id = 0; ; id++) {
      const g = cache.group(id);
      if (!g) break;
      groups.add(`${g.get('source')} ${g.get('EventCode')}`);
    }
    expect([...groups].sort()).toEqual([
      'XmlWinEventLog:Application 65001',
      'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational 1',
      'XmlWinEventLog:Security 1102',
      'XmlWinEventLog:Security 4624',
      'XmlWinEventLog:System 7036',
    ]);
  });

  it('relevant events: those of the groups a first search admits, or the data model rows tstats reads', async () => {
    const cache = new EventCache();
    await rows('* | stats count', cache);
    const relevant = async (search: string) => {
      const stats: SourceStats = { files: 0, events: 0, problems: 0 };
      await rows(search, cache, stats);
      return stats.relevant;
    };
    expect(await relevant('`sysmon` EventCode=1 Image=*mimikatz*')).toBe(6);
    expect(await relevant('`sysmon` EventCode=20')).toBe(0);
    // the security macro ORs an eventtype with the source: not a dispatch conjunct, EventCode is
    expect(await relevant('`wineventlog_security` EventCode=4624')).toBe(1);
    expect(await relevant('EventCode!=1')).toBe(4);
    expect(await relevant('| tstats count from datamodel=Endpoint.Processes by Processes.dest')).toBe(6);
    expect(await relevant('| tstats count from datamodel=Network_Traffic by All_Traffic.dest')).toBe(0);
    // a search that reads no events counts none
    expect(await relevant('| makeresults count=2')).toBeUndefined();
  });
});
