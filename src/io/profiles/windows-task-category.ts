/**
 * The task category of Windows Security events, as data: the XmlWinEventLog
 * form carries only the numeric `<Task>` of the event, the classic
 * WinEventLog form the rendered `TaskCategory=` text. Splunk_TA_windows 9.x
 * derives the text for XML events with its `xmlwindows_task_category_lookup`
 * (cim-datamodels.md §4.1, listed among the `[XmlWinEventLog]` lookups); the
 * eventtype `windows_account_management` matches on it
 * (`TaskCategory="User Account Management"`, eventtypes-windows.ts).
 *
 * The add-on's CSV and its LOOKUP- line were not found in our sources (the
 * public 8.1.2 copy, PMJeffery/splunk4windows @f64aacd, has no such lookup;
 * its `[XmlWinEventLog]` stanza already aliases `TaskCategory as category`).
 * The setting below therefore reads `Task` (the field system_props_xml_kv
 * extracts from `<Task>`) and writes `TaskCategory` (the field the
 * eventtype and the classic form use), OUTPUTNEW, on the `[XmlWinEventLog]`
 * stanza; these three choices are ours.
 *
 * The table holds the tasks of the Microsoft-Windows-Security-Auditing
 * provider only: one task per audit subcategory, numbered 12288 + 256 ×
 * category + subcategory. A Task number means something only for its
 * provider; in the corpus' attack_data the other providers (Sysmon,
 * PowerShell, TaskScheduler) use task numbers below 200.
 *
 * Sources, per group of values:
 * - The numbers: the `<Task>` element of the event XML on Microsoft's event
 *   pages (learn.microsoft.com/windows/security/threat-protection/auditing/
 *   event-<id>, source MicrosoftDocs/windows-itpro-docs), one or more events
 *   per task: 4608/4616 → 12288, 4610/4611/4614/4622/4697 → 12289,
 *   4618/5061/5888–5890 → 12290, 5024/5025/5027/5033/5034/5058/5059 → 12292;
 *   4624/4625 → 12544, 4647 → 12545, 4625 (a version of its page) → 12546;
 *   4691/4698/4700 → 12804; 4688 → 13312; 4715/4907/4908/4912 → 13568;
 *   4794 → 13824 (event-4794.md: "Subcategory: Audit User Account
 *   Management", `<Task>13824</Task>`), 4741/4742/4743 → 13825 (event-4741.md:
 *   "Subcategory: Audit Computer Account Management"), 4735/4764 → 13826,
 *   4782/4793 → 13829; 5136/5138/5141 → 14081; 4776 → 14336, 4771 → 14339.
 * - The names, and the numbers no event page above shows: the audit message
 *   table of msobjs.dll, values 12288–14339, as elastic/beats copies it
 *   (x-pack/winlogbeat/module/security/config/winlogbeat-security.js,
 *   `msobjsMessageTable`); these are the strings Event Viewer shows as "Task
 *   Category" (e.g. "Task Category: User Account Management" for 4720/4722/
 *   4724/4725/4726/4738/4740 and "Task Category: Plug and Play Events" for
 *   6416 in published Event Viewer exports; `TaskCategory=User Account
 *   Management` in classic WinEventLog text).
 *
 * Left out: 12813 (Central Access Policy Staging), whose name differs
 * between our sources ("Central Policy Staging" in the msobjs table,
 * "Central Access Policy Staging" in another published task table), and
 * 65280 ("Subcategory could not be determined"), which no event page shows.
 */
import type { InlineLookup } from './types.js';

const TASKS: [string, string][] = [
  // System
  ['12288', 'Security State Change'],
  ['12289', 'Security System Extension'],
  ['12290', 'System Integrity'],
  ['12291', 'IPsec Driver'],
  ['12292', 'Other System Events'],
  // Logon/Logoff
  ['12544', 'Logon'],
  ['12545', 'Logoff'],
  ['12546', 'Account Lockout'],
  ['12547', 'IPsec Main Mode'],
  ['12548', 'Special Logon'],
  ['12549', 'IPsec Quick Mode'],
  ['12550', 'IPsec Extended Mode'],
  ['12551', 'Other Logon/Logoff Events'],
  ['12552', 'Network Policy Server'],
  ['12553', 'User / Device Claims'],
  ['12554', 'Group Membership'],
  // Object Access
  ['12800', 'File System'],
  ['12801', 'Registry'],
  ['12802', 'Kernel Object'],
  ['12803', 'SAM'],
  ['12804', 'Other Object Access Events'],
  ['12805', 'Certification Services'],
  ['12806', 'Application Generated'],
  ['12807', 'Handle Manipulation'],
  ['12808', 'File Share'],
  ['12809', 'Filtering Platform Packet Drop'],
  ['12810', 'Filtering Platform Connection'],
  ['12811', 'Detailed File Share'],
  ['12812', 'Removable Storage'],
  // Privilege Use
  ['13056', 'Sensitive Privilege Use'],
  ['13057', 'Non Sensitive Privilege Use'],
  ['13058', 'Other Privilege Use Events'],
  // Detailed Tracking
  ['13312', 'Process Creation'],
  ['13313', 'Process Termination'],
  ['13314', 'DPAPI Activity'],
  ['13315', 'RPC Events'],
  ['13316', 'Plug and Play Events'],
  ['13317', 'Token Right Adjusted Events'],
  // Policy Change
  ['13568', 'Audit Policy Change'],
  ['13569', 'Authentication Policy Change'],
  ['13570', 'Authorization Policy Change'],
  ['13571', 'MPSSVC Rule-Level Policy Change'],
  ['13572', 'Filtering Platform Policy Change'],
  ['13573', 'Other Policy Change Events'],
  // Account Management
  ['13824', 'User Account Management'],
  ['13825', 'Computer Account Management'],
  ['13826', 'Security Group Management'],
  ['13827', 'Distribution Group Management'],
  ['13828', 'Application Group Management'],
  ['13829', 'Other Account Management Events'],
  // DS Access
  ['14080', 'Directory Service Access'],
  ['14081', 'Directory Service Changes'],
  ['14082', 'Directory Service Replication'],
  ['14083', 'Detailed Directory Service Replication'],
  // Account Logon
  ['14336', 'Credential Validation'],
  ['14337', 'Kerberos Service Ticket Operations'],
  ['14338', 'Other Account Logon Events'],
  ['14339', 'Kerberos Authentication Service'],
];

export const TASK_CATEGORY_LOOKUP: InlineLookup = {
  setting: 'LOOKUP-xmlwindows_task_category',
  table: 'xmlwindows_task_category_lookup',
  match: [{ column: 'Task', field: 'Task' }],
  outputs: [{ column: 'TaskCategory', field: 'TaskCategory' }],
  mode: 'OUTPUTNEW',
  columns: ['Task', 'TaskCategory'],
  rows: TASKS,
};
