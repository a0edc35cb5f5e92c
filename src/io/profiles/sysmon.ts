/**
 * Splunk_TA_microsoft_sysmon 5.0.0, props.conf stanza
 * `[source::XmlWinEventLog:Microsoft-Windows-Sysmon/Operational]`, as data.
 *
 * Source: spl-semantics.md §6.2, which quotes the add-on's default/props.conf
 * and transforms.conf (package from github.com/BYU-CCDC/public-ccdc-resources,
 * splunk/windows/Splunk_TA_microsoft_sysmon.spl). Expressions are the
 * add-on's text. Where §6.2 abbreviates a repeated part with "…", the entry
 * carries a `note` saying what was filled in (always the same regex or the
 * same list as the branch next to it). Two settings §6.2 names without their
 * text (EVAL-file_modify_time, EVAL-file_access_time) are left out.
 *
 * The basic REPORT-sysmon extractions (EventCode ... sysmon-data) are done by
 * the XML scanner (src/io/xml/winevent.ts); `reports` below are the ones
 * that run a regex on a field.
 */
import type { AliasEntry, EvalEntry, FieldReport, InlineLookup, SearchTimeProfile } from './types.js';

export const SYSMON_SOURCE = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';

const alias = (setting: string, from: string, to: string): AliasEntry => ({ kind: 'alias', setting: `FIELDALIAS-${setting}`, from, to });
const ev = (field: string, expr: string, note?: string): EvalEntry =>
  note === undefined ? { kind: 'eval', setting: `EVAL-${field}`, field, expr } : { kind: 'eval', setting: `EVAL-${field}`, field, expr, note };

/** basename of a Windows path, as the add-on writes it */
const BASENAME = String.raw`"(.*\\\)(?=.*(\.\w*)$|(\w+)$)",""`;
const FILLED_BASENAME = 'branch abbreviated in §6.2; filled in with the same basename regex as the first branch';

/** The 13 process access rights of GrantedAccess (Windows process security and access rights). */
const ACCESS_FLAGS: readonly [string, string][] = [
  ['0x0080', 'PROCESS_CREATE_PROCESS'],
  ['0x0002', 'PROCESS_CREATE_THREAD'],
  ['0x0040', 'PROCESS_DUP_HANDLE'],
  ['0x0400', 'PROCESS_QUERY_INFORMATION'],
  ['0x1000', 'PROCESS_QUERY_LIMITED_INFORMATION'],
  ['0x0200', 'PROCESS_SET_INFORMATION'],
  ['0x0100', 'PROCESS_SET_QUOTA'],
  ['0x0800', 'PROCESS_SUSPEND_RESUME'],
  ['0x0001', 'PROCESS_TERMINATE'],
  ['0x0008', 'PROCESS_VM_OPERATION'],
  ['0x0010', 'PROCESS_VM_READ'],
  ['0x0020', 'PROCESS_VM_WRITE'],
  ['0x0004', 'PROCESS_SET_SESSIONID'],
];

const ENTRIES = [
  // --- FIELDALIAS (run before every EVAL) ---
  alias('dvc', 'Computer', 'dvc'),
  alias('parent_process', 'ParentCommandLine', 'parent_process'),
  alias('process_current_directory', 'CurrentDirectory', 'process_current_directory'),
  alias('process_integrity_level', 'IntegrityLevel', 'process_integrity_level'),
  alias('dest_port', 'DestinationPort', 'dest_port'),
  alias('src_port', 'SourcePort', 'src_port'),
  alias('transport', 'Protocol', 'transport'),
  alias('dest_ip', 'DestinationIp', 'dest_ip'),
  alias('dvc_ip', 'SourceIp', 'dvc_ip'),
  alias('src_ip', 'SourceIp', 'src_ip'),
  alias('src_function', 'StartFunction', 'src_function'),
  alias('src_address', 'StartAddress', 'src_address'),
  alias('src_module', 'StartModule', 'src_module'),
  alias('granted_access', 'GrantedAccess', 'granted_access'),
  alias('file_create_time', 'CreationUtcTime', 'file_create_time'),
  alias('registry_path', 'TargetObject', 'registry_path'),
  alias('pipe_name', 'PipeName', 'pipe_name'),
  alias('QueryName', 'QueryName', 'query'),
  alias('QueryStatus', 'QueryStatus', 'reply_code_id'),
  alias('eventid', 'EventCode', 'EventID'),
  alias('signature_id', 'EventCode', 'signature_id'),

  // --- EVAL ---
  ev('dest', String.raw`case( EventCode IN ("1","2","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20","21","23","24","25","26","27","28","29","255"), Computer, EventCode="3" AND isnotnull(DestinationHostname) AND DestinationHostname != "-", DestinationHostname, EventCode="3", DestinationIp )`),
  ev('user', String.raw`case( NOT isnull(User) AND NOT User IN ("-"), replace(User, "(.*)\\\(.+)$","\2"), NOT isnull(SourceUser) AND NOT isnull(TargetUser) AND SourceUser==TargetUser, replace(SourceUser, "(.*)\\\(.+)$","\2"))`),
  ev('process_name', String.raw`case( EventCode IN ("1","2","3","5","7","9","11","12","13","14","15","17","18","22","23","24","26","27","28"), replace(Image,${BASENAME}), EventCode IN ("7"), replace(ImageLoaded,${BASENAME}), EventCode IN ("8","10"), replace(TargetImage,${BASENAME}) )`, FILLED_BASENAME),
  ev('process_exec', String.raw`case( EventCode IN ("1","2","3","5","7","9","11","12","13","14","15","17","18","22","23","24","26","27","28"), replace(Image,${BASENAME}), EventCode IN ("7"), replace(ImageLoaded,${BASENAME}), EventCode IN ("8","10"), replace(TargetImage,${BASENAME}) )`, FILLED_BASENAME),
  ev('process_path', String.raw`case( EventCode IN ("1","2","5","7","9","11","12","13","14","15","17","18","23","24","25","26","27","28"), Image, EventCode IN ("6","7"), ImageLoaded, EventCode IN ("8","10"), TargetImage )`),
  ev('process', String.raw`case( EventCode="1",CommandLine, EventCode IN ("5","27","28"),Image )`),
  ev('process_id', String.raw`case( EventCode IN ("1","2","3","5","7","9","11","12","13","14","15","17","18","23","24","25","26","27","28","29"), ProcessId, EventCode="4", replace(ProcessID, "'", ""), EventCode IN ("8","10"), TargetProcessId, EventCode IN ("16","255"), replace(ProcessID, "'", "") )`, 'EventCode="4" branch abbreviated in §6.2; filled in like the "16","255" branch'),
  ev('process_guid', String.raw`case( EventCode IN ("1","2","3","5","7","9","11","12","13","14","15","17","18","22","23","24","25","26","27","28","29"), ProcessGuid, EventCode="4", replace(Guid, "'", ""), EventCode="8", TargetProcessGuid, EventCode="10", TargetProcessGUID )`, 'code list "22",…,"29" and replace(Guid,…) abbreviated in §6.2; filled in as 23–29 and the quote-removing replace of process_id'),
  ev('parent_process_name', String.raw`case( EventCode="1", replace(ParentImage,${BASENAME}), EventCode IN ("8","10"), replace(SourceImage,${BASENAME}) )`, FILLED_BASENAME),
  ev('parent_process_exec', String.raw`case( EventCode="1", replace(ParentImage,${BASENAME}), EventCode IN ("8","10"), replace(SourceImage,${BASENAME}) )`, FILLED_BASENAME),
  ev('parent_process_path', String.raw`case(EventCode="1", ParentImage, EventCode IN ("8","10"), SourceImage)`),
  ev('parent_process_id', String.raw`case(EventCode="1", ParentProcessId, EventCode IN ("8","10"), SourceProcessId)`),
  ev('parent_process_guid', String.raw`case(EventCode="1", ParentProcessGuid, EventCode="8", SourceProcessGuid, EventCode="10", SourceProcessGUID)`),
  ev('original_file_name', String.raw`case( EventCode IN ("1","7") AND isnotnull(OriginalFileName) AND OriginalFileName != "-", OriginalFileName)`),
  ev('process_hash', String.raw`case( EventCode IN ("1","6","7"), Hashes )`),
  ev('action', String.raw`case( EventCode IN ("1","3","6","8","9","10","15","17","18","24","25"), "allowed", EventCode IN ("5","27","28"), "blocked", (EventCode IN ("19","29")) OR (EventCode = "11" AND UtcTime==CreationUtcTime) OR (EventCode = "12" AND EventType="CreateKey") OR (EventCode IN ("20","21") AND Operation="Created"), "created", (EventCode = "12" AND EventType IN ("DeleteKey","DeleteValue")) OR (EventCode IN ("20","21") AND Operation="Deleted") OR EventCode IN ("23","26"), "deleted", EventCode IN ("2","13","14") OR (EventCode = "11" AND UtcTime!=CreationUtcTime), "modified", EventCode="7", "success" )`),
  // network (ID 3)
  ev('dest_host', String.raw`case(EventCode="3" AND isnotnull(DestinationHostname) AND DestinationHostname != "-", DestinationHostname)`),
  ev('src_host', String.raw`case(EventCode="3" AND NOT SourceHostname IN ("-"), SourceHostname, EventCode="24" AND NOT SrcHost IN ("-"), SrcHost)`),
  ev('app', String.raw`case(EventCode="3", Image)`),
  ev('direction', String.raw`case(EventCode="3" AND Initiated=="true","outbound", EventCode="3","inbound")`),
  ev('protocol', String.raw`case(EventCode="3","ip")`),
  ev('protocol_version', String.raw`case(EventCode="3" AND DestinationIsIpv6="true","ipv6", EventCode="3","ipv4")`),
  ev('state', String.raw`case(EventCode=="3","established")`),
  ev('creation_time', String.raw`case(EventCode=="3",UtcTime)`),
  ev('transport_dest_port', String.raw`mvzip(transport,dest_port,"/")`),
  ev('src', String.raw`case(EventCode IN ("19","20","21","22") AND NOT Computer IN ("-"), Computer, isnotnull(SourceHostname) AND NOT SourceHostname IN ("-"), SourceHostname, isnotnull(SourceIp) AND NOT SourceIp IN ("-"), SourceIp)`),
  // image loaded (ID 7)
  ev('loaded_file', String.raw`case(EventCode="7", replace(ImageLoaded,${BASENAME}), EventCode="8", replace(StartModule,${BASENAME}))`, FILLED_BASENAME),
  ev('loaded_file_path', String.raw`case(EventCode="7", replace(ImageLoaded,"(:[\w\. ]+)",""))`),
  ev('service_dll_signature_exists', String.raw`case(EventCode="7",Signed)`),
  ev('service_dll_signature_verified', String.raw`case(EventCode="7" AND SignatureStatus="Valid","true", EventCode="7","false")`),
  // process access (ID 10)
  ev(
    'granted_access_description',
    'mvappend(' +
      ACCESS_FLAGS.map(([bit, name]) => `case(bit_AND(tonumber(GrantedAccess,16), tonumber("${bit}",16)) > 0, "${name}")`).join(', ') +
      ')',
    '§6.2 quotes the first of the 13 flags; the others are the remaining Windows process access rights, in this order by our choice',
  ),
  // files (ID 11 and others)
  ev('file_path', String.raw`case(EventCode IN ("2","11","15","23","26","27","28","29"), replace(TargetFilename,"(:[\w\. ]+)",""), EventCode="16",Configuration)`),
  ev('file_name', String.raw`case(EventCode IN ("2","11","15","23","26","27","28","29"), replace(replace(TargetFilename,"(.*\\\)",""),"(:[\w\. ]+)",""))`),
  ev('object_category', String.raw`case(EventCode IN ("2","11","23","26"),"file", EventCode IN ("12","13","14"),"registry", EventCode IN ("19","20","21"),"wmi")`),
  // registry (IDs 12/13/14)
  ev('registry_key_name', String.raw`case(EventCode IN ("12","14"), replace(TargetObject, ".+(\\\\|\(Default\)$)", ""), EventCode="13", replace(replace(TargetObject, "\\\\[^\\\\]+$", ""), ".+\\\\", ""))`),
  ev('registry_hive', String.raw`case(EventCode IN ("12","13","14") AND like(TargetObject, "HKLM\System\%"), "HKEY_LOCAL_MACHINE\\\\System", EventCode IN ("12","13","14") AND like(TargetObject,"HKU\%"), "HKEY_CURRENT_USER", EventCode IN ("12","13","14") AND like(TargetObject,"HKLM\SOFTWARE\%"), "HKEY_LOCAL_MACHINE\\\\Software")`, 'middle branches abbreviated in §6.2; each filled in with the same EventCode IN ("12","13","14") condition'),
  ev('registry_value_data', String.raw`case((EventCode="13" AND isnotnull(RegistryValueData)) OR (EventCode="14" AND EventType="RenameValue"), RegistryValueData, EventCode="13", Details)`),
  ev('registry_value_name', String.raw`case(EventCode="13" OR (EventCode="14" AND EventType="RenameValue"), replace(TargetObject, ".*\\\\([^)]+|\(Default\))$", "\1"))`),
  ev('registry_value_type', String.raw`case(EventCode="13" OR (EventCode="14" AND EventType="RenameValue"), "REG_"+RegistryValueType)`),
  ev('object_path', String.raw`case(EventCode="20", DestinationNoQuotes, EventCode="21", ConsumerNoQuotes, EventCode IN ("12","13"), TargetObject, EventCode="14", NewName)`),
  ev('status', String.raw`case(EventCode="255","critical", EventCode IN ("12","13","19","20","21") OR (EventCode=14 AND Keywords="0x8000000000000000"),"success", EventCode="16","started", EventCode="4",lower(State))`),
  // DNS (ID 22)
  ev('answer_count', 'mvcount(answer)'),
  ev('query_count', 'mvcount(query)'),
  // common
  ev('vendor_product', '"Microsoft Sysmon"'),
  ev('os', String.raw`case(EventCode IN ("1","5","6","7","8","9","10","15","17","18","24","25","27","28"),"Microsoft Windows")`),
] as const;

/**
 * REPORT-sysmon transforms that run a regex on a field rather than on the
 * XML structure (transforms.conf, §6.2). `_raw` ones are applied to the
 * event text, the others to the named field.
 */
const REPORTS: readonly FieldReport[] = [
  // sysmon-registryvaluedata / -valuetype: REGEX on `<Data Name='Details'>TYPE (DATA)</Data>`; applied to the Details value
  { name: 'sysmon-registryvaluedata', sourceKey: 'Details', regex: /^\w+\s\((.+)\)$/, groups: ['RegistryValueData'], needle: '(' },
  { name: 'sysmon-registryvaluetype', sourceKey: 'Details', regex: /^(\w+)\s\(.+\)$/, groups: ['RegistryValueType'], needle: '(' },
  { name: 'sysmon-md5', sourceKey: '_raw', regex: /MD5=([a-fA-F0-9]{32}?)/, groups: ['MD5'], needle: 'MD5=' },
  { name: 'sysmon-sha1', sourceKey: '_raw', regex: /SHA1=([a-fA-F0-9]{40}?)/, groups: ['SHA1'], needle: 'SHA1=' },
  { name: 'sysmon-sha256', sourceKey: '_raw', regex: /SHA256=([a-fA-F0-9]{64}?)/, groups: ['SHA256'], needle: 'SHA256=' },
  { name: 'sysmon-imphash', sourceKey: '_raw', regex: /IMPHASH=([a-fA-F0-9]{32}?)/, groups: ['IMPHASH'], needle: 'IMPHASH=' },
  { name: 'sysmon-filename', sourceKey: 'TargetFilename', regex: /(?<file_name>[^\\]+$)/ },
  { name: 'sysmon-dns-answer-data', sourceKey: 'QueryResults', regex: /(type:\s+(?<record_type_id>\d+)\s+|)(?<answer>[^;]+);/g, repeat: true },
  { name: 'sysmon-hostname-from-clientinfo', sourceKey: 'ClientInfo', regex: /hostname:\s+(?<SrcHost>.*)/g, repeat: true },
  { name: 'sysmon-ConsumerNoQuotes', sourceKey: 'Consumer', regex: /"(?<ConsumerNoQuotes>.*)"/ },
  { name: 'sysmon-DestinationNoQuotes', sourceKey: 'Destination', regex: /"(?<DestinationNoQuotes>.*)"/ },
  { name: 'sysmon-FilterNoQuotes', sourceKey: 'Filter', regex: /"(?<FilterNoQuotes>.*)"/ },
];

/**
 * microsoft_sysmon_eventcode.csv: EventCode → EventDescription. Names as the
 * Sysmon documentation titles its events (learn.microsoft.com/sysinternals/
 * downloads/sysmon, "Events"); the ones §6.2 quotes from the add-on's file
 * agree with them.
 */
export const SYSMON_EVENT_DESCRIPTIONS: readonly (readonly [string, string])[] = [
  ['1', 'Process creation'],
  ['2', 'A process changed a file creation time'],
  ['3', 'Network connection'],
  ['4', 'Sysmon service state changed'],
  ['5', 'Process terminated'],
  ['6', 'Driver loaded'],
  ['7', 'Image loaded'],
  ['8', 'CreateRemoteThread'],
  ['9', 'RawAccessRead'],
  ['10', 'ProcessAccess'],
  ['11', 'FileCreate'],
  ['12', 'RegistryEvent (Object create and delete)'],
  ['13', 'RegistryEvent (Value Set)'],
  ['14', 'RegistryEvent (Key and Value Rename)'],
  ['15', 'FileCreateStreamHash'],
  ['16', 'ServiceConfigurationChange'],
  ['17', 'PipeEvent (Pipe Created)'],
  ['18', 'PipeEvent (Pipe Connected)'],
  ['19', 'WmiEvent (WmiEventFilter activity detected)'],
  ['20', 'WmiEvent (WmiEventConsumer activity detected)'],
  ['21', 'WmiEvent (WmiEventConsumerToFilter activity detected)'],
  ['22', 'DNSEvent (DNS query)'],
  ['23', 'FileDelete (File Delete archived)'],
  ['24', 'ClipboardChange (New content in the clipboard)'],
  ['25', 'ProcessTampering (Process image change)'],
  ['26', 'FileDeleteDetected (File Delete logged)'],
  ['27', 'FileBlockExecutable'],
  ['28', 'FileBlockShredding'],
  ['29', 'FileExecutableDetected'],
  ['255', 'Error'],
];

/** DNS resource record types (IANA registry) for sysmon-record_type-lookup. */
const DNS_RECORD_TYPES: readonly (readonly [string, string])[] = [
  ['1', 'A'], ['2', 'NS'], ['5', 'CNAME'], ['6', 'SOA'], ['12', 'PTR'], ['13', 'HINFO'], ['15', 'MX'], ['16', 'TXT'],
  ['28', 'AAAA'], ['33', 'SRV'], ['35', 'NAPTR'], ['39', 'DNAME'], ['43', 'DS'], ['46', 'RRSIG'], ['47', 'NSEC'],
  ['48', 'DNSKEY'], ['64', 'SVCB'], ['65', 'HTTPS'], ['255', 'ANY'],
];

const LOOKUPS: readonly InlineLookup[] = [
  {
    // LOOKUP-eventcode = eventcode EventCode OUTPUTNEW EventDescription EventDescription AS signature
    // [eventcode] default_match = Unknown, min_matches = 1
    setting: 'LOOKUP-eventcode',
    table: 'eventcode',
    match: [{ column: 'EventCode', field: 'EventCode' }],
    outputs: [
      { column: 'EventDescription', field: 'EventDescription' },
      { column: 'EventDescription', field: 'signature' },
    ],
    mode: 'OUTPUTNEW',
    defaultMatch: 'Unknown',
    columns: ['EventCode', 'EventDescription'],
    rows: SYSMON_EVENT_DESCRIPTIONS,
  },
  {
    // LOOKUP-record_type = sysmon-record_type-lookup record_type_id OUTPUT record_type_name AS record_type
    // [sysmon-record_type-lookup] default_match = 1 (sic, as quoted in §6.2), min_matches = 1.
    // The add-on's CSV is not quoted in our sources: rows are the IANA type numbers.
    setting: 'LOOKUP-record_type',
    table: 'sysmon-record_type-lookup',
    match: [{ column: 'record_type_id', field: 'record_type_id' }],
    outputs: [{ column: 'record_type_name', field: 'record_type' }],
    mode: 'OUTPUT',
    defaultMatch: '1',
    columns: ['record_type_id', 'record_type_name'],
    rows: DNS_RECORD_TYPES,
  },
];

export const sysmonProfile: SearchTimeProfile = {
  addon: 'Splunk_TA_microsoft_sysmon 5.0.0',
  stanza: `source::${SYSMON_SOURCE}`,
  reports: REPORTS,
  entries: ENTRIES,
  lookups: LOOKUPS,
};

/**
 * The add-on's sourcetype renames (§6.2 "Other stanzas"): data indexed with
 * one of these sourcetypes is shown and searched as `xmlwineventlog`.
 */
export const SYSMON_RENAMES: ReadonlyMap<string, string> = new Map([
  ['XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', 'xmlwineventlog'],
  ['XmlWinEventLog:WEC-Sysmon', 'xmlwineventlog'],
]);
