import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFor, searchSourcetype, sysmonProfile, windowsXmlProfile } from '../../src/io/profiles/index.js';
import { SYSMON_EVENT_DESCRIPTIONS } from '../../src/io/profiles/sysmon.js';
import { TASK_CATEGORY_LOOKUP } from '../../src/io/profiles/windows-task-category.js';
import { extract } from '../../src/io/extract.js';
import { compileProfiles } from '../../src/searchtime/apply.js';
import type { Row } from '../../src/values/value.js';

const SRC = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';

describe('profileFor', () => {
  it('applies the Windows sourcetype stanza and the Sysmon source stanza, source winning on same-name settings', () => {
    const ps = profileFor(SRC, 'XmlWinEventLog');
    expect(ps.map((p) => p.addon)).toEqual(['Splunk_TA_windows 9.1.2', 'Splunk_TA_microsoft_sysmon 5.0.0']);
    const win = ps[0].entries.map((e) => e.setting);
    // EVAL-process_name and EVAL-vendor_product are overridden by the source stanza (§6.3)
    expect(win).not.toContain('EVAL-process_name');
    expect(win).not.toContain('EVAL-vendor_product');
    expect(win).toContain('EVAL-signature_id');
    expect(windowsXmlProfile.entries.map((e) => e.setting)).toContain('EVAL-process_name');
  });

  it('matches the sourcetype stanza ignoring case and by renamed sourcetype, the source stanza exactly', () => {
    // xmlwineventlog data gets the [XmlWinEventLog] settings (cim-datamodels.md §3.5: the rig's field lists)
    expect(profileFor(SRC, 'xmlwineventlog').map((p) => p.addon)).toEqual(['Splunk_TA_windows 9.1.2', 'Splunk_TA_microsoft_sysmon 5.0.0']);
    expect(profileFor('XmlWinEventLog:Security', 'xmlwineventlog').map((p) => p.stanza)).toEqual(['XmlWinEventLog', 'source::XmlWinEventLog:Security']);
    expect(profileFor(SRC, 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational').map((p) => p.stanza)).toEqual(['XmlWinEventLog', `source::${SRC}`]);
    expect(profileFor('XmlWinEventLog:System', 'WinEventLog')).toEqual([]);
    expect(profileFor('XmlWinEventLog:Security', 'XmlWinEventLog').map((p) => p.stanza)).toEqual(['XmlWinEventLog', 'source::XmlWinEventLog:Security']);
    expect(profileFor('XmlWinEventLog:System', 'XmlWinEventLog').map((p) => p.stanza)).toEqual(['XmlWinEventLog']);
    expect(profileFor('xmlwineventlog:microsoft-windows-sysmon/operational', 'csv')).toEqual([]);
    expect(searchSourcetype('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational')).toBe('xmlwineventlog');
    expect(searchSourcetype('XmlWinEventLog')).toBe('XmlWinEventLog');
  });
});

describe('Sysmon profile data', () => {
  const evals = new Map(sysmonProfile.entries.flatMap((e) => (e.kind === 'eval' ? [[e.field, e.expr]] : [])));

  it('holds the §6.2 expressions verbatim', () => {
    expect(evals.get('dest')).toBe(
      'case( EventCode IN ("1","2","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20","21","23","24","25","26","27","28","29","255"), Computer, EventCode="3" AND isnotnull(DestinationHostname) AND DestinationHostname != "-", DestinationHostname, EventCode="3", DestinationIp )',
    );
    expect(evals.get('process_path')).toBe(
      'case( EventCode IN ("1","2","5","7","9","11","12","13","14","15","17","18","23","24","25","26","27","28"), Image, EventCode IN ("6","7"), ImageLoaded, EventCode IN ("8","10"), TargetImage )',
    );
    expect(evals.get('process_name')).toContain('replace(Image,"(.*\\\\\\)(?=.*(\\.\\w*)$|(\\w+)$)","")');
    expect(evals.get('vendor_product')).toBe('"Microsoft Sysmon"');
    expect(evals.get('granted_access_description')!.match(/case\(/g)).toHaveLength(13);
  });

  it('has the aliases the pipe detection relies on', () => {
    const aliases = sysmonProfile.entries.filter((e) => e.kind === 'alias').map((e) => e.kind === 'alias' && `${e.from}>${e.to}`);
    expect(aliases).toEqual(expect.arrayContaining(['Computer>dvc', 'PipeName>pipe_name', 'EventCode>EventID', 'EventCode>signature_id']));
  });

  it('lists Sysmon events 1–29 and 255 in the eventcode lookup', () => {
    const codes = SYSMON_EVENT_DESCRIPTIONS.map(([c]) => c);
    expect(codes).toEqual([...Array.from({ length: 29 }, (_, i) => String(i + 1)), '255']);
    const lk = sysmonProfile.lookups[0];
    expect(lk.mode).toBe('OUTPUTNEW');
    expect(lk.outputs.map((o) => o.field)).toEqual(['EventDescription', 'signature']);
    expect(Object.fromEntries(lk.rows)['17']).toBe('PipeEvent (Pipe Created)');
    expect(Object.fromEntries(lk.rows)['18']).toBe('PipeEvent (Pipe Connected)');
  });
});

describe('Windows task category (xmlwindows_task_category_lookup)', () => {
  // fixtures/events/security_account_management.xml: line 1 is a 4794 (Task 13824), line 2 a 4672 (Task 12548)
  const lines = readFileSync(path.resolve(__dirname, '../../fixtures/events/security_account_management.xml'), 'utf8').split('\n');
  const ctx = { now: 0, tz: 'UTC' };
  const rowOf = (raw: string, sourcetype: string): Row => {
    const row: Row = new Map();
    extract({ raw, line: 1, format: 'XmlWinEventLog' }, { source: 'XmlWinEventLog:Security', sourcetype }, row);
    return row;
  };
  const run = (row: Row, sourcetype: string, needed?: ReadonlySet<string>): Row => {
    compileProfiles(profileFor('XmlWinEventLog:Security', sourcetype), ctx, needed).process(row);
    return row;
  };

  it('maps the Task of an XML Security event to the category Event Viewer shows', () => {
    // 13824 / 12548: Microsoft's event pages (event-4794: <Task>13824</Task>, subcategory Audit User Account Management)
    expect(run(rowOf(lines[0], 'XmlWinEventLog'), 'XmlWinEventLog').get('TaskCategory')).toBe('User Account Management');
    expect(run(rowOf(lines[1], 'XmlWinEventLog'), 'XmlWinEventLog').get('TaskCategory')).toBe('Special Logon');
    // the sourcetype of security_content's data sources, in lower case, gets the same stanza
    expect(run(rowOf(lines[0], 'xmlwineventlog'), 'xmlwineventlog').get('TaskCategory')).toBe('User Account Management');
  });

  it('is a lookup on the [XmlWinEventLog] stanza, reading Task and writing TaskCategory with OUTPUTNEW', () => {
    expect(windowsXmlProfile.lookups).toContain(TASK_CATEGORY_LOOKUP);
    expect(TASK_CATEGORY_LOOKUP.match).toEqual([{ column: 'Task', field: 'Task' }]);
    expect(TASK_CATEGORY_LOOKUP.outputs).toEqual([{ column: 'TaskCategory', field: 'TaskCategory' }]);
    const rows = new Map(TASK_CATEGORY_LOOKUP.rows.map(([t, c]) => [t, c]));
    expect(rows.size).toBe(TASK_CATEGORY_LOOKUP.rows.length); // no Task twice
    expect(rows.get('13312')).toBe('Process Creation');
    expect(rows.get('14339')).toBe('Kerberos Authentication Service');
    expect(rows.has('12813')).toBe(false); // names disagree between sources: left out
  });

  it('leaves an unknown Task and an existing TaskCategory alone', () => {
    const odd = run(rowOf(lines[0].replace('<Task>13824</Task>', '<Task>1</Task>'), 'XmlWinEventLog'), 'XmlWinEventLog');
    expect(odd.has('TaskCategory')).toBe(false);
    const row = rowOf(lines[0], 'XmlWinEventLog');
    row.set('TaskCategory', 'Given');
    expect(run(row, 'XmlWinEventLog').get('TaskCategory')).toBe('Given');
  });

  it('runs only when the search can see TaskCategory', () => {
    expect(run(rowOf(lines[0], 'XmlWinEventLog'), 'XmlWinEventLog', new Set(['TaskCategory'])).get('TaskCategory')).toBe('User Account Management');
    expect(run(rowOf(lines[0], 'XmlWinEventLog'), 'XmlWinEventLog', new Set(['dest'])).has('TaskCategory')).toBe(false);
  });
});
