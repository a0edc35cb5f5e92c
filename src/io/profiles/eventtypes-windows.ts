/**
 * Eventtypes and tags of Splunk_TA_windows 9.1.2 for the Security channel
 * (default/eventtypes.conf and tags.conf, as summarised in
 * cim-datamodels.md §4.2): which Security event codes reach Endpoint.Processes,
 * Authentication and Change.
 *
 * Left out: `windows_audit_log_logon` (4625 with a list of Status codes that
 * our sources do not give).
 */
import type { EventtypeDef, KnowledgeSet } from './eventtype-types.js';

const sec = (name: string, codes: readonly number[], tags: readonly string[], extra = ''): EventtypeDef => ({
  name,
  search: `eventtype=wineventlog_security ${codes.length === 1 ? `EventCode=${codes[0]}` : `EventCode IN (${codes.join(',')})`}${extra ? ' ' + extra : ''}`,
  tags,
});

export const WINDOWS_SECURITY_9_1_2: KnowledgeSet = {
  addon: 'Splunk_TA_windows 9.1.2',
  eventtypes: [
    { name: 'wineventlog_security', search: 'source=WinEventLog:Security OR source=WMI:WinEventLog:Security OR source=XmlWinEventLog:Security', tags: ['os', 'windows'] },
    sec('windows_process_new', [4688], ['process', 'execute', 'start']),
    sec('windows_endpoint_processes', [4688, 4689, 4696, 4673, 4674], ['process', 'report']),
    sec('windows_logon_success', [4624], ['authentication']),
    sec('windows_logon_failure', [4625], ['authentication'], 'ta_windows_action!=error'),
    sec('windows_security_authentication', [4624, 4625, 4672], ['authentication']),
    sec('windows_logon_explicit', [4648], ['authentication', 'privileged']),
    sec('windows_special_privileges', [4672], ['authentication', 'privileged']),
    sec('windows_auth_ticket_granted', [4768], ['authentication']),
    sec('windows_service_ticket_granted', [4769], ['authentication']),
    sec('windows_account_used4logon', [4776], ['authentication']),
    // Splunk_TA_windows default/eventtypes.conf [windows_account_management] and tags.conf
    // (`account change management`); public copy PMJeffery/splunk4windows @f64aacd. Events of
    // the "User Account Management" audit category (4794 DSRM password set among them) become
    // Change rows through it. XmlWinEventLog events carry only `<Task>13824</Task>`: TaskCategory
    // comes from the add-on's xmlwindows_task_category lookup (windows-task-category.ts).
    {
      name: 'windows_account_management',
      search: 'eventtype=wineventlog_security (ta_windows_security_CategoryString="Account Management" OR TaskCategory="User Account Management")',
      tags: ['account', 'change', 'management'],
    },
    sec('windows_account_created', [4720], ['add', 'account', 'change']),
    sec('windows_account_deleted', [4726], ['delete', 'account', 'change']),
    sec('windows_account_modified', [4738, 4742], ['modify', 'account', 'change']),
    sec('windows_security_change_account', [4720, 4726, 4738], ['change', 'account']),
    sec('windows_audit_log_cleared', [1102], ['audit', 'change', 'delete', 'cleared', 'watchlist']),
    sec('windows_security_change_audit', [1102], ['change', 'audit']),
  ],
  fieldTags: [
    { field: 'Logon_Type', value: '8', tags: ['cleartext'] },
    { field: 'app', value: 'win:local', tags: ['local'] },
    { field: 'app', value: 'win:remote', tags: ['remote'] },
    { field: 'Token_Elevation_Type_id', value: '2', tags: ['privileged'] },
    { field: 'privilege_id', value: 'SeAuditPrivilege', tags: ['audit'] },
    { field: 'privilege_id', value: 'SeSecurityPrivilege', tags: ['audit'] },
  ],
};
