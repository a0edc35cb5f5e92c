/**
 * Splunk_TA_windows 9.1.2, props.conf stanza `[XmlWinEventLog]`, as data
 * (spl-semantics.md §6.3, quoting the add-on's default/props.conf). Its
 * REPORT extractions (System elements and attributes, EventData, EventCode,
 * RecordNumber) are done by the XML scanner (src/io/xml/winevent.ts).
 */
import type { AliasEntry, EvalEntry, SearchTimeProfile } from './types.js';

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
  lookups: [],
};
