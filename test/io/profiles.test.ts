import { describe, expect, it } from 'vitest';
import { profileFor, searchSourcetype, sysmonProfile, windowsXmlProfile } from '../../src/io/profiles/index.js';
import { SYSMON_EVENT_DESCRIPTIONS } from '../../src/io/profiles/sysmon.js';

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

  it('matches stanzas case-sensitively and by renamed sourcetype', () => {
    expect(profileFor(SRC, 'xmlwineventlog').map((p) => p.addon)).toEqual(['Splunk_TA_microsoft_sysmon 5.0.0']);
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
