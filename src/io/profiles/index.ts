/**
 * Which add-on settings apply to an event (props.conf, §6.1): a
 * `[source::<source>]` stanza and a `[<sourcetype>]` stanza, matched
 * case-sensitively. Settings of the same name: the source stanza wins.
 */
import { SYSMON_RENAMES, SYSMON_SOURCE, sysmonProfile } from './sysmon.js';
import type { SearchTimeProfile } from './types.js';
import { WINDOWS_SECURITY_SOURCE, windowsSecurityProfile, windowsXmlProfile } from './windows.js';

export type { AliasEntry, EvalEntry, FieldReport, InlineLookup, ProfileEntry, SearchTimeProfile } from './types.js';
export { SYSMON_SOURCE, sysmonProfile } from './sysmon.js';
export { windowsSecurityProfile, windowsXmlProfile } from './windows.js';

const BY_SOURCE: ReadonlyMap<string, SearchTimeProfile> = new Map([
  [SYSMON_SOURCE, sysmonProfile],
  [WINDOWS_SECURITY_SOURCE, windowsSecurityProfile],
]);
/** keyed by the stanza name in lower case (see profileFor) */
const BY_SOURCETYPE: ReadonlyMap<string, SearchTimeProfile> = new Map([['xmlwineventlog', windowsXmlProfile]]);

/**
 * The sourcetype as searches see it: the Sysmon add-on's `rename =` stanzas
 * (§6.2 "Other stanzas") turn `XmlWinEventLog:Microsoft-Windows-Sysmon/Operational`
 * and `XmlWinEventLog:WEC-Sysmon` into `xmlwineventlog`.
 */
export function searchSourcetype(sourcetype: string): string {
  return SYSMON_RENAMES.get(sourcetype) ?? sourcetype;
}

const cache = new Map<string, SearchTimeProfile[]>();

/**
 * Profiles for an event, sourcetype stanza first, then source stanza; a
 * setting defined in the source stanza is removed from the sourcetype one.
 *
 * The sourcetype stanza is looked up under the renamed sourcetype
 * (props.conf.spec `rename`: a renamed sourcetype uses the search-time
 * configuration of its new name [I]), ignoring case: data with sourcetype
 * `xmlwineventlog` (the Sysmon add-on's rename target, and the sourcetype of
 * security_content's Windows Security data sources) gets the Windows
 * add-on's `[XmlWinEventLog]` settings. Decision [I] from the rig's field
 * lists, not from a props.conf.spec sentence: cim-datamodels.md §3.5 (Sysmon
 * data sources list `System_Props_Xml`, `EventData_Xml`, `dvc_nt_host`,
 * `severity_id`) and security_content
 * data_sources/windows_event_log_security_4794.yml (sourcetype
 * `xmlwineventlog`, Splunk_TA_windows 8.9.0: `System_Props_Xml`,
 * `EventData_Xml`, `dvc_nt_host`, `event_id`, `signature_id`), fields that
 * only the `[XmlWinEventLog]` stanza sets.
 */
export function profileFor(source: string, sourcetype: string): SearchTimeProfile[] {
  const key = source + '\u0000' + sourcetype;
  let hit = cache.get(key);
  if (hit !== undefined) return hit;
  const bySource = BY_SOURCE.get(source);
  const bySt = BY_SOURCETYPE.get(searchSourcetype(sourcetype).toLowerCase());
  hit = [];
  if (bySt !== undefined) {
    if (bySource === undefined) hit.push(bySt);
    else {
      const overridden = new Set<string>([
        ...bySource.entries.map((e) => e.setting),
        ...bySource.lookups.map((l) => l.setting),
      ]);
      hit.push({
        ...bySt,
        entries: bySt.entries.filter((e) => !overridden.has(e.setting)),
        lookups: bySt.lookups.filter((l) => !overridden.has(l.setting)),
      });
    }
  }
  if (bySource !== undefined) hit.push(bySource);
  if (cache.size > 1000) cache.clear();
  cache.set(key, hit);
  return hit;
}

/**
 * Every field an add-on profile may set with a value that is not a piece of
 * the raw text: alias targets, calculated fields, lookup outputs. (REPORT
 * extractions are pieces of the raw text and are not listed.)
 */
export function profileTargets(): ReadonlySet<string> {
  const out = new Set<string>();
  for (const p of [...BY_SOURCE.values(), ...BY_SOURCETYPE.values()]) {
    for (const e of p.entries) out.add(e.kind === 'alias' ? e.to : e.field);
    for (const l of p.lookups) for (const o of l.outputs) out.add(o.field);
  }
  return out;
}
