/**
 * Splunk_TA_windows 9.1.2, props.conf stanza `[XmlWinEventLog]`, as data
 * (spl-semantics.md §6.3, quoting the add-on's default/props.conf). Its
 * REPORT extractions (System elements and attributes, EventData, EventCode,
 * RecordNumber) are done by the XML scanner (src/io/xml/winevent.ts).
 */
import type { AliasEntry, EvalEntry, FieldReport, InlineLookup, SearchTimeProfile } from './types.js';
import { TASK_CATEGORY_LOOKUP } from './windows-task-category.js';

const alias = (setting: string, from: string, to: string): AliasEntry => ({ kind: 'alias', setting: `FIELDALIAS-${setting}`, from, to });
const ev = (field: string, expr: string): EvalEntry => ({ kind: 'eval', setting: `EVAL-${field}`, field, expr });

export const windowsXmlProfile: SearchTimeProfile = {
  addon: 'Splunk_TA_windows 9.1.2',
  stanza: 'XmlWinEventLog',
  reports: [],
  entries: [
    // FIELDALIAS-dvc_for_windows = host AS dvc_nt_host, Computer AS dvc
    alias('dvc_for_windows', 'host', 'dvc_nt_host'),
    alias('dvc_for_windows', 'Computer', 'dvc'),
    alias('severity_id_for_windows', 'Level', 'severity_id'),
    alias('event_id_for_windows', 'RecordNumber', 'event_id'),
    alias('sourcename_for_windows', 'ProviderName', 'SourceName'),
    ev('signature_id', 'if(match(Name,"Microsoft-Windows-WindowsUpdateClient"),signature_id,EventCode)'),
    ev('process_name', 'if(EventCode==4688, NewProcessName, if(ProcessName!="" AND ProcessName!="-", ProcessName, null()))'),
    ev('vendor_product', '"Microsoft Windows"'),
  ],
  // xmlwindows_task_category_lookup (§4.1): Task → TaskCategory
  lookups: [TASK_CATEGORY_LOOKUP],
};

// ---------------------------------------------------------------------------
// [source::XmlWinEventLog:Security]
//
// Splunk_TA_windows 9.1.2 (cim-datamodels.md §4.1 "Security specifics" and the
// per-EventCode table §4.3, derived from the add-on's default/props.conf and
// transforms.conf). The add-on first copies EventData items to their legacy
// (classic WinEventLog) names, then fills the CIM names with chained REPORTs
// in which the first transform that matches wins (transforms.conf.spec:
// without MV_ADD a later value for an existing field is discarded), then runs
// per-EventCode EVALs and lookups. The REPORTs are written here as one
// `copy` report per (source field → target) in the add-on's order; a value of
// `-` is skipped where §4.1 says "unless -".


/** REPORT copying one field to another: the whole value, optionally not when it matches `unless` */
function copy(from: string, to: string, unless?: RegExp): FieldReport {
  const body = unless === undefined ? '([\\s\\S]+)' : `(?!(?:${unless.source})$)([\\s\\S]+)`;
  return { name: `${from}_as_${to}`, sourceKey: from, regex: new RegExp(`^${body}$`), groups: [to] };
}

const DASH = /-/;
const LOOPBACK = /::1|127\.0\.0\.1|-/;

const SECURITY_REPORTS: FieldReport[] = [
  // legacy names (REPORT copies, §4.1)
  copy('SubjectUserName', 'Caller_User_Name'),
  copy('SubjectDomainName', 'Caller_Domain'),
  copy('SubjectLogonId', 'Logon_ID'),
  copy('TargetUserName', 'Target_User_Name'),
  copy('TargetDomainName', 'Target_Domain'),
  copy('LogonType', 'Logon_Type'),
  copy('IpPort', 'Source_Port'),
  copy('TokenElevationType', 'Token_Elevation_Type'),
  copy('TargetServerName', 'Target_Server_Name'),
  copy('Workstation', 'Source_Workstation'),
  copy('WorkstationName', 'Source_Workstation'),
  copy('IpAddress', 'Source_Workstation'),
  // CIM names, first match wins (§4.1 "in order of operations")
  copy('Target_Server_Name', 'dest'),
  copy('Computer', 'dest'),
  copy('Source_Workstation', 'src'),
  copy('Caller_User_Name', 'src_user', DASH),
  copy('Client_User_Name', 'src_user', DASH),
  copy('Account_Name', 'src_user', DASH),
  copy('User_Name', 'src_user', DASH),
  ...['Logon_Account', 'Target_User_Name', 'Primary_User_Name', 'Target_Account_Name', 'New_Account_Name', 'Account_Name', 'User_Name', 'User', 'Security_ID'].map((f) => copy(f, 'user')),
  copy('Logon_ID', 'session_id'),
  copy('Caller_Domain', 'src_nt_domain', DASH),
  copy('Target_Domain', 'dest_nt_domain', DASH),
  // inline EXTRACTs (§4.1)
  copy('ProcessName', 'process'),
  copy('NewProcessName', 'new_process'),
  copy('ParentProcessName', 'parent_process'),
  copy('NewProcessId', 'new_process_id'),
  copy('ProcessId', 'process_id'),
  copy('CommandLine', 'Process_Command_Line'),
  copy('IpAddress', 'src_ip', LOOPBACK),
  copy('IpPort', 'src_port', DASH),
];

/** basename of a Windows path (the add-on's replace(X,"^.*\\\\","") form) */
const base = (f: string): string => String.raw`replace(${f}, "^.*\\\\", "")`;

const SECURITY_ENTRIES = [
  // §4.3 user: 4688 REPORT gives TargetUserName (usually "-"); then the subject (src_user)
  ev('user', String.raw`if(EventCode==4688 AND (isnull(user) OR user=="-"), src_user, user)`),
  // §4.3 src: 4624 IpAddress, 4625 WorkstationName
  ev('src', String.raw`case(EventCode==4624 AND isnotnull(IpAddress), IpAddress, EventCode==4625 AND isnotnull(WorkstationName), WorkstationName, true(), src)`),
  // §4.3 process (4688): CommandLine when its first token is a path; else the image (quoted when it has spaces) and the arguments; else the image
  ev(
    'process',
    String.raw`case(EventCode!=4688, process, isnull(CommandLine), NewProcessName, match(CommandLine, "^\"?[^\" ]*\\\\"), CommandLine, true(), if(match(NewProcessName, " "), "\"" . NewProcessName . "\"", NewProcessName) . " " . replace(CommandLine, "^\\S+\\s*", ""))`,
  ),
  ev('process_name', `if(EventCode==4688, ${base('NewProcessName')}, if(ProcessName!="" AND ProcessName!="-", ProcessName, null()))`),
  ev('process_exec', `if(EventCode==4688, ${base('NewProcessName')}, if(ProcessName!="" AND ProcessName!="-", ProcessName, null()))`),
  ev('process_path', String.raw`if(EventCode==4688, NewProcessName, if(ProcessName!="" AND ProcessName!="-", ProcessName, null()))`),
  ev('process_id', String.raw`if(EventCode==4688, NewProcessId, process_id)`),
  ev('parent_process_name', `if(EventCode==4688, ${base('ParentProcessName')}, null())`),
  ev('parent_process_path', String.raw`if(EventCode==4688, ParentProcessName, null())`),
  ev('parent_process_id', String.raw`if(EventCode==4688, ProcessId, null())`),
  // §4.3 action: 4688 allowed (audit success); account changes created/deleted/modified; else by the audit keyword
  ev(
    'action',
    String.raw`case(EventCode==4688, if(Keywords=="0x8020000000000000", "allowed", null()), EventCode IN (4720, 4741), "created", EventCode IN (4726, 4743), "deleted", EventCode IN (4738, 4742, 4781), "modified", Keywords=="0x8020000000000000", "success", Keywords=="0x8010000000000000", "failure")`,
  ),
  ev('status', String.raw`case(Keywords=="0x8020000000000000", "success", Keywords=="0x8010000000000000", "failure")`),
];

/**
 * windows_signature_lookup (§4.1: `signature_id OUTPUTNEW signature, signature AS name`),
 * for the Security events; texts are the event titles of Microsoft's security
 * auditing reference (learn.microsoft.com/windows/security/threat-protection/auditing/event-<id>).
 */
const SIGNATURES: [string, string][] = [
  ['1102', 'The audit log was cleared'],
  ['4624', 'An account was successfully logged on'],
  ['4625', 'An account failed to log on'],
  ['4634', 'An account was logged off'],
  ['4648', 'A logon was attempted using explicit credentials'],
  ['4657', 'A registry value was modified'],
  ['4662', 'An operation was performed on an object'],
  ['4663', 'An attempt was made to access an object'],
  ['4672', 'Special privileges assigned to new logon'],
  ['4688', 'A new process has been created'],
  ['4689', 'A process has exited'],
  ['4697', 'A service was installed in the system'],
  ['4698', 'A scheduled task was created'],
  ['4720', 'A user account was created'],
  ['4722', 'A user account was enabled'],
  ['4723', "An attempt was made to change an account's password"],
  ['4724', "An attempt was made to reset an account's password"],
  ['4725', 'A user account was disabled'],
  ['4726', 'A user account was deleted'],
  ['4728', 'A member was added to a security-enabled global group'],
  ['4732', 'A member was added to a security-enabled local group'],
  ['4738', 'A user account was changed'],
  ['4740', 'A user account was locked out'],
  ['4741', 'A computer account was created'],
  ['4742', 'A computer account was changed'],
  ['4743', 'A computer account was deleted'],
  ['4756', 'A member was added to a security-enabled universal group'],
  ['4767', 'A user account was unlocked'],
  ['4768', 'A Kerberos authentication ticket (TGT) was requested'],
  ['4769', 'A Kerberos service ticket was requested'],
  ['4771', 'Kerberos pre-authentication failed'],
  ['4776', 'The computer attempted to validate the credentials for an account'],
  ['4781', 'The name of an account was changed'],
  ['4794', 'An attempt was made to set the Directory Services Restore Mode administrator password'],
  ['4798', "A user's local group membership was enumerated"],
  ['4799', 'A security-enabled local group membership was enumerated'],
  ['4886', 'Certificate Services received a certificate request'],
  ['4887', 'Certificate Services approved a certificate request and issued a certificate'],
  ['4946', "A change has been made to Windows Firewall exception list. A rule was added"],
  ['4947', "A change has been made to Windows Firewall exception list. A rule was modified"],
  ['4948', "A change has been made to Windows Firewall exception list. A rule was deleted"],
  ['5136', 'A directory service object was modified'],
  ['5145', 'A network share object was checked to see whether client can be granted desired access'],
];

const SIGNATURE_LOOKUP: InlineLookup = {
  setting: 'LOOKUP-signature_for_windows',
  table: 'windows_signature_lookup',
  match: [{ column: 'signature_id', field: 'signature_id' }],
  outputs: [
    { column: 'signature', field: 'signature' },
    { column: 'signature', field: 'name' },
  ],
  mode: 'OUTPUTNEW',
  columns: ['signature_id', 'signature'],
  rows: SIGNATURES,
};

export const WINDOWS_SECURITY_SOURCE = 'XmlWinEventLog:Security';

export const windowsSecurityProfile: SearchTimeProfile = {
  addon: 'Splunk_TA_windows 9.1.2',
  stanza: `source::${WINDOWS_SECURITY_SOURCE}`,
  reports: SECURITY_REPORTS,
  entries: SECURITY_ENTRIES,
  lookups: [SIGNATURE_LOOKUP],
};
