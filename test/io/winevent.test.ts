import { describe, expect, it } from 'vitest';
import { cleanKey, eventTime, scanWinEvent } from '../../src/io/xml/winevent.js';
import type { Row } from '../../src/values/value.js';

// §7.2 example event (EventID 17, anonymous pipe)
const EV17 =
  "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>17</EventID><Version>1</Version><Level>4</Level><Task>17</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='2024-05-14T10:22:31.4571234Z'/><EventRecordID>884211</EventRecordID><Correlation/><Execution ProcessID='3120' ThreadID='4412'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WS-FIN-07.corp.example.com</Computer><Security UserID='S-1-5-18'/></System><EventData><Data Name='RuleName'>-</Data><Data Name='EventType'>CreatePipe</Data><Data Name='UtcTime'>2024-05-14 10:22:31.455</Data><Data Name='ProcessGuid'>{b1f3c2a4-3f2e-6643-a102-000000001c00}</Data><Data Name='ProcessId'>6612</Data><Data Name='PipeName'>&lt;Anonymous Pipe&gt;</Data><Data Name='Image'>C:\\Users\\Public\\Downloads\\updater.exe</Data><Data Name='User'>CORP\\jdoe</Data></EventData></Event>";

function scan(s: string, sysmon = true): Row {
  const row: Row = new Map();
  scanWinEvent(s, row, { sysmon });
  return row;
}

describe('scanWinEvent', () => {
  it('extracts the §7.2 field list (raw extractions of both add-ons)', () => {
    const row = scan(EV17);
    // expected values: spl-semantics.md §7.2 "Expected search-time fields" (raw ones) plus the
    // Splunk_TA_windows names of §6.3 (EventID, EventRecordID, RecordNumber, Channel, SystemTime, Name, Guid, ProcessID, ThreadID, UserID)
    expect(Object.fromEntries(row)).toEqual({
      Name: 'Microsoft-Windows-Sysmon',
      Guid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}',
      EventCode: '17',
      EventID: '17',
      Version: '1',
      Level: '4',
      Task: '17',
      Opcode: '0',
      Keywords: '0x8000000000000000',
      SystemTime: '2024-05-14T10:22:31.4571234Z',
      TimeCreated: '2024-05-14T10:22:31.4571234Z',
      EventRecordID: '884211',
      RecordNumber: '884211',
      RecordID: '884211',
      ProcessID: '3120',
      ThreadID: '4412',
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      EventChannel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'WS-FIN-07.corp.example.com',
      UserID: 'S-1-5-18',
      SecurityID: 'S-1-5-18',
      RuleName: '-',
      EventType: 'CreatePipe',
      UtcTime: '2024-05-14 10:22:31.455',
      ProcessGuid: '{b1f3c2a4-3f2e-6643-a102-000000001c00}',
      ProcessId: '6612',
      PipeName: '&lt;Anonymous Pipe&gt;',
      Image: 'C:\\Users\\Public\\Downloads\\updater.exe',
      User: 'CORP\\jdoe',
    });
    // `<Correlation/>` has no text: no field (§7.2 note)
    expect(row.has('Correlation')).toBe(false);
  });

  it('leaves out the Sysmon-only names outside the Sysmon source', () => {
    const row = scan(EV17, false);
    for (const n of ['TimeCreated', 'RecordID', 'EventChannel', 'SecurityID']) expect(row.has(n)).toBe(false);
    expect(row.get('RecordNumber')).toBe('884211');
  });

  it('computes _time from UtcTime (ms, UTC), as the Sysmon add-on does', () => {
    // 2024-05-14 10:22:31.455 UTC = 1715682151.455 (§7.2)
    expect(eventTime(scan(EV17))).toBe(1715682151.455);
  });

  it('falls back to SystemTime truncated to microseconds', () => {
    const row = scan(EV17.replace(/<Data Name='UtcTime'>[^<]*<\/Data>/, ''));
    expect(eventTime(row)).toBe(1715682151.457123);
    expect(eventTime(new Map())).toBeUndefined();
  });

  it('handles empty, repeated, nameless and double-quoted Data elements', () => {
    const s =
      '<Event><System><EventID Qualifiers="16384">7036</EventID><Computer>h1</Computer></System><EventData>' +
      "<Data Name='RuleName'/><Data Name='Empty'></Data><Data Name=\"Dq\">v1</Data>" +
      "<Data Name='Rep'>a</Data><Data Name='Rep'>b</Data><Data>x</Data><Data>y</Data>" +
      "<Data Name='Logon Type'>3</Data><Binary>00AA</Binary></EventData></Event>";
    const row = scan(s, false);
    expect(row.get('EventCode')).toBe('7036');
    expect(row.get('Qualifiers')).toBe('16384');
    expect(row.has('RuleName')).toBe(false);
    expect(row.has('Empty')).toBe(false);
    expect(row.get('Dq')).toBe('v1');
    expect(row.get('Rep')).toEqual(['a', 'b']);
    expect(row.get('Data')).toEqual(['x', 'y']);
    expect(row.get('Logon_Type')).toBe('3'); // CLEAN_KEYS
    expect(row.has('Binary')).toBe(false);
  });

  it('keeps values spanning lines and entities as written', () => {
    const s =
      "<Event><System><EventID>4662</EventID></System><EventData><Data Name='AccessList'>%%7688\n\t\t\t\t</Data><Data Name='Q'>a &amp; b &quot;c&quot;</Data></EventData></Event>";
    const row = scan(s, false);
    expect(row.get('AccessList')).toBe('%%7688\n\t\t\t\t');
    expect(row.get('Q')).toBe('a &amp; b &quot;c&quot;');
  });

  it('reads UserData leaf elements by name', () => {
    const s =
      "<Event><System><EventID>1102</EventID><Correlation ActivityID='{A}'/></System><UserData><LogFileCleared xmlns='x'><SubjectUserSid>S-1-5-21-1</SubjectUserSid><SubjectUserName>admin</SubjectUserName><Empty></Empty></LogFileCleared></UserData></Event>";
    const row = scan(s, false);
    expect(row.get('SubjectUserSid')).toBe('S-1-5-21-1');
    expect(row.get('SubjectUserName')).toBe('admin');
    expect(row.get('ActivityID')).toBe('{A}');
    expect(row.has('Empty')).toBe(false);
    expect(row.has('LogFileCleared')).toBe(false);
  });

  it('returns false for text without <System>', () => {
    expect(scanWinEvent('hello', new Map())).toBe(false);
  });

  it('cleans keys like CLEAN_KEYS', () => {
    expect(cleanKey('Image')).toBe('Image');
    expect(cleanKey('a-b c')).toBe('a_b_c');
    expect(cleanKey('1st_x')).toBe('st_x');
    expect(cleanKey('_x')).toBe('x');
  });
});
