/**
 * Per-sourcetype input knowledge as data: which JSON sourcetype an event
 * belongs to when the user names none (its add-on's characteristic fields),
 * which field gives its `_time`, and the default source/sourcetype of
 * XmlWinEventLog channels that are not Windows event logs.
 *
 * Time fields are the ones each add-on reads its timestamp from (props.conf
 * TIMESTAMP_FIELDS / TIME_PREFIX of the add-on named in security_content's
 * data_sources/*.yml, `supported_TA`); values are ISO 8601 (no zone = UTC, as
 * the add-ons set TZ = UTC for these services) or epoch seconds/milliseconds.
 */
import type { Row, Value } from '../values/value.js';

export interface JsonSourcetype {
  readonly sourcetype: string;
  /** add-on that defines it (security_content data_sources `supported_TA`) */
  readonly addon: string;
  /** flattened field names that must all be present for content detection */
  readonly detect: readonly string[];
  /** `detect` field that must hold this value (optional) */
  readonly detectValue?: readonly [string, string];
  /** field whose value completes the sourcetype name (`gws:reports:` + id.applicationName) */
  readonly suffixField?: string;
  /** fields tried in order for `_time` */
  readonly time: readonly string[];
}

export const JSON_SOURCETYPES: readonly JsonSourcetype[] = [
  // Splunk Add-on for AWS: CloudTrail records, timestamp in eventTime (ISO 8601, Z)
  { sourcetype: 'aws:cloudtrail', addon: 'Splunk Add-on for AWS', detect: ['eventVersion', 'eventSource', 'eventName', 'awsRegion'], time: ['eventTime'] },
  // Splunk Add-on for Microsoft Office 365: management activity, CreationTime (UTC, written without a zone)
  { sourcetype: 'o365:management:activity', addon: 'Splunk Add-on for Microsoft Office 365', detect: ['CreationTime', 'Workload', 'Operation', 'RecordType'], time: ['CreationTime'] },
  // Splunk Add-on for Microsoft Cloud Services: Azure AD logs through Event Hub / Monitor, `time`
  { sourcetype: 'azure:monitor:aad', addon: 'Splunk Add-on for Microsoft Cloud Services', detect: ['time', 'operationName', 'category', 'tenantId'], time: ['time', 'properties.createdDateTime'] },
  // Splunk Add-on for Okta Identity Cloud: System Log events, `published`
  { sourcetype: 'OktaIM2:log', addon: 'Splunk Add-on for Okta Identity Cloud', detect: ['published', 'eventType', 'actor.id'], time: ['published'] },
  // Splunk Add-on for Google Workspace: Reports API activities, `id.time`; sourcetype per application
  { sourcetype: 'gws:reports:', addon: 'Splunk Add-on for Google Workspace', detect: ['kind', 'id.time', 'id.applicationName'], detectValue: ['kind', 'admin#reports#activity'], suffixField: 'id.applicationName', time: ['id.time'] },
  // Splunk Add-on for CrowdStrike FDR: sensor events, `timestamp` in epoch milliseconds
  { sourcetype: 'crowdstrike:events:sensor', addon: 'Splunk Add-on for CrowdStrike FDR', detect: ['event_simpleName', 'aid', 'timestamp'], time: ['timestamp'] },
];

/** Time fields when the user names the sourcetype (patterns: a trailing `*`). */
const TIME_BY_SOURCETYPE: readonly (readonly [string, readonly string[]])[] = [
  ...JSON_SOURCETYPES.map((s) => [s.suffixField ? s.sourcetype + '*' : s.sourcetype, s.time] as const),
  ['crowdstrike:*', ['timestamp', 'metadata.eventCreationTime', 'ContextTimeStamp']],
  ['gsuite:*', ['id.time', 'time']],
];

/** Generic JSON (`_json` and unknown sourcetypes): `_time`, then `timestamp`. */
const GENERIC_TIME: readonly string[] = ['_time', 'timestamp'];

export function timeFieldsFor(sourcetype: string): readonly string[] {
  for (const [pattern, fields] of TIME_BY_SOURCETYPE) {
    if (pattern.endsWith('*') ? sourcetype.startsWith(pattern.slice(0, -1)) : sourcetype === pattern) return [...fields, ...GENERIC_TIME];
  }
  return GENERIC_TIME;
}

/** true when the sourcetype's add-on reads its timestamps in UTC (TZ = UTC): the JSON sourcetypes above */
export function addonTimeIsUtc(sourcetype: string): boolean {
  for (const [pattern] of TIME_BY_SOURCETYPE) {
    if (pattern.endsWith('*') ? sourcetype.startsWith(pattern.slice(0, -1)) : sourcetype === pattern) return true;
  }
  return false;
}

function first(v: Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === null ? undefined : String(s);
}

/** The JSON sourcetype of a flattened event by its fields, or undefined. */
export function detectJsonSourcetype(row: Row): string | undefined {
  for (const s of JSON_SOURCETYPES) {
    if (!s.detect.every((f) => row.has(f))) continue;
    if (s.detectValue && first(row.get(s.detectValue[0])) !== s.detectValue[1]) continue;
    if (s.suffixField) {
      const suffix = first(row.get(s.suffixField));
      if (suffix === undefined) continue;
      return s.sourcetype + suffix;
    }
    return s.sourcetype;
  }
  return undefined;
}

/**
 * XML event channels that are not Windows event logs: Sysmon for Linux
 * writes the same XML to syslog; its add-on (Splunk Add-on for Sysmon for
 * Linux) reads it as sourcetype `sysmon:linux`, and security_content's
 * `sysmon` macro looks for `source=Syslog:Linux-Sysmon/Operational`.
 */
export const XML_CHANNELS: ReadonlyMap<string, { readonly source: string; readonly sourcetype: string }> = new Map([
  ['Linux-Sysmon/Operational', { source: 'Syslog:Linux-Sysmon/Operational', sourcetype: 'sysmon:linux' }],
]);
