import { describe, expect, it } from 'vitest';
import { compile } from '../../src/api.js';
import { DATA_MODELS, findDataset, findModel, pathOf } from '../../src/datamodels/index.js';
import { compileDataset } from '../../src/datamodels/rows.js';
import { bucketTime, parseSpan } from '../../src/engine/commands/tstats.js';
import { SYSMON_10_6_2, SYSMON_5_0_0 } from '../../src/io/profiles/eventtypes-sysmon.js';
import { CIM_5_0_1 } from '../../src/io/profiles/eventtypes-cim.js';
import { WINDOWS_SECURITY_9_1_2 } from '../../src/io/profiles/eventtypes-windows.js';
import { compileKnowledge } from '../../src/searchtime/eventtypes.js';
import type { Row } from '../../src/values/value.js';

const ctx = { now: 1_700_000_000, tz: 'UTC' };
const SYSMON = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';
const event = (fields: Record<string, string>): Row => new Map(Object.entries(fields));

describe('eventtypes and tags', () => {
  it('tags a Sysmon process event per the 5.0.0 add-on and adds field-value tags', () => {
    const k = compileKnowledge(ctx, [SYSMON_5_0_0, CIM_5_0_1]);
    const row = event({ source: SYSMON, EventCode: '7', action: 'success' });
    k.process(row);
    expect(row.get('eventtype')).toBe('ms-sysmon-process');
    expect(row.get('tag')).toEqual(['process', 'report', 'success']);
    expect(row.get('tag::eventtype')).toEqual(['process', 'report']);
    expect(row.get('tag::action')).toBe('success');
  });

  it('keeps the event-code list per add-on version (10.6.2 has no image loads in Processes)', () => {
    const k = compileKnowledge(ctx, [SYSMON_10_6_2]);
    const row = event({ source: SYSMON, EventCode: '7' });
    k.process(row);
    expect(row.has('tag')).toBe(false);
    const net = event({ source: SYSMON, EventCode: '3' });
    k.process(net);
    expect(net.get('tag')).toEqual(['communicate', 'listening', 'network', 'port']);
  });

  it('tags a "User Account Management" Security event account change management (windows_account_management)', () => {
    const k = compileKnowledge(ctx, [WINDOWS_SECURITY_9_1_2]);
    const row = event({ source: 'XmlWinEventLog:Security', EventCode: '4794', TaskCategory: 'User Account Management' });
    k.process(row);
    expect(row.get('tag')).toEqual(['account', 'change', 'management', 'os', 'windows']);
    // without the category text (the task-category lookup is not shipped) it stays untagged
    const bare = event({ source: 'XmlWinEventLog:Security', EventCode: '4794', Task: '13824' });
    k.process(bare);
    expect(bare.get('tag')).toEqual(['os', 'windows']);
  });

  it('requires the Sysmon source', () => {
    const k = compileKnowledge(ctx, [SYSMON_5_0_0]);
    const row = event({ source: 'other', EventCode: '1' });
    k.process(row);
    expect(row.has('eventtype')).toBe(false);
  });

  it('runs an eventtype after the one it names', () => {
    const k = compileKnowledge(ctx);
    const row = event({ source: 'XmlWinEventLog:Security', EventCode: '4720' });
    k.process(row);
    expect(row.get('eventtype')).toEqual(['windows_account_created', 'windows_security_change_account', 'wineventlog_security']);
    expect(row.get('tag')).toEqual(['account', 'add', 'change', 'os', 'windows']);
  });
});

describe('data model rows', () => {
  it('every dataset parent exists and every constraint and calculation compiles', () => {
    for (const m of DATA_MODELS) {
      for (const d of m.datasets) {
        if (d.parent) expect(m.datasets.some((p) => p.name === d.parent)).toBe(true);
        expect(() => compileDataset(m, d, ctx)).not.toThrow();
      }
    }
  });

  it('applies the parent calculations before a child constraint (Failed_Authentication sees the action fill)', () => {
    const m = findModel('Authentication')!;
    const failed = compileDataset(m, findDataset(m, 'Authentication.Failed_Authentication')!, ctx);
    expect(failed.toRow(event({ tag: 'authentication', action: 'failure', user: 'bob' }))?.get('Authentication.user')).toBe('bob');
    expect(failed.toRow(event({ tag: 'authentication', action: 'success', user: 'bob' }))).toBeUndefined();
    // the root excludes successful computer-account logons
    const root = compileDataset(m, findDataset(m, 'Authentication')!, ctx);
    expect(root.toRow(event({ tag: 'authentication', action: 'success', user: 'WS1$' }))).toBeUndefined();
    expect(root.toRow(event({ tag: 'authentication', user: 'WS1$' }))?.get('Authentication.action')).toBe('unknown');
  });

  it('names child-dataset fields with the child path and fills the Web domain by rex', () => {
    const c = findModel('Change')!;
    expect(pathOf(c, findDataset(c, 'Accounts_Created')!)).toBe('All_Changes.Account_Management.Accounts_Created');
    const w = findModel('Web')!;
    const row = compileDataset(w, findDataset(w, 'Web')!, ctx).toRow(event({ tag: 'web', url: 'https://user@Example.org:8443/x', http_method: '-' }));
    expect(row?.get('Web.url_domain')).toBe('Example.org');
    expect(row?.get('Web.url_length')).toBe(31);
    expect(row?.get('Web.http_method')).toBe('unknown');
  });
});

describe('tstats planning', () => {
  const plan = (search: string) => compile(search, { macros: new Map() as never, now: ctx.now, tz: 'UTC' });
  it('warns about a field outside the data model, points at it, names the right one, and still plans', () => {
    const text = '| tstats count from datamodel=Endpoint.Processes where processes.process_name=cmd.exe by processes.process_name Processes.orig';
    const c = plan(text);
    expect(c.stage).toBe('ok');
    expect(c.diagnostics).toEqual([]);
    // one warning per field name, at its first use
    expect(c.notices.map((n) => n.message)).toEqual([
      "field 'processes.process_name' is not in data model Endpoint.Processes: it has no value in any row",
      "field 'Processes.orig' is not in data model Endpoint.Processes: it has no value in any row",
    ]);
    expect(c.notices[0].severity).toBe('warning');
    const at = text.indexOf('processes.');
    expect(c.notices[0].span).toEqual({ start: at, end: at + 'processes.process_name'.length });
    expect(c.notices[0].hint).toContain('did you mean Processes.process_name');
    expect(c.notices[1].hint).toContain('fields of Endpoint.Processes: Processes.action,');
  });
  it('a field without its dataset prefix is named with the prefix in the hint', () => {
    const c = plan('| tstats count from datamodel=Network_Traffic.All_Traffic where user=alice');
    expect(c.stage).toBe('ok');
    expect(c.notices[0].hint).toContain('did you mean All_Traffic.user?');
  });
  it('lists the data models and datasets it knows', () => {
    expect(plan('| tstats count from datamodel=Nope').diagnostics[0].hint).toContain('Endpoint');
    expect(plan('| tstats count from datamodel=Change.Nope').diagnostics[0].hint).toContain('All_Changes.Account_Management');
    expect(plan('| tstats count from datamodel=Endpoint by Processes.dest').stage).toBe('ok');
    expect(plan('| tstats count from datamodel=Endpoint by dest').diagnostics[0].message).toContain('several root datasets');
  });
  it('accepts the options security_content_summariesonly expands to', () => {
    expect(plan('| tstats summariesonly=false allow_old_summaries=true fillnull_value=null local=f chunk_size=1000 count from datamodel=Web by Web.src').stage).toBe('ok');
    expect(plan('| tstats summariesonly=maybe count from datamodel=Web').diagnostics[0].message).toContain('true or false');
  });
});

describe('time spans', () => {
  const span = { start: 0, end: 0 };
  it('floors to the span (epoch-aligned, days at local midnight)', () => {
    expect(bucketTime(Date.parse('2024-03-01T10:45:30Z') / 1000, parseSpan('1h', span), 'UTC')).toBe(Date.parse('2024-03-01T10:00:00Z') / 1000);
    expect(bucketTime(Date.parse('2024-03-01T10:45:30Z') / 1000, parseSpan('5m', span), 'UTC')).toBe(Date.parse('2024-03-01T10:45:00Z') / 1000);
    expect(bucketTime(Date.parse('2024-03-01T03:00:00Z') / 1000, parseSpan('1d', span), 'America/New_York')).toBe(Date.parse('2024-02-29T05:00:00Z') / 1000);
    expect(() => parseSpan('0h', span)).toThrow();
  });
});
