/**
 * Eventtypes and tags of the Sysmon add-on, per add-on version: which Sysmon
 * event codes feed which CIM dataset.
 *
 * Splunk_TA_microsoft_sysmon 5.0.0 (default/eventtypes.conf and tags.conf;
 * spl-semantics.md §6.2, cim-datamodels.md §3.2): every eventtype requires
 * the Sysmon source.
 *
 * TA-microsoft-sysmon 10.6.2 (the older community add-on, cim-datamodels.md
 * §3.2): shorter process list (no 7, 24, 25), file and registry events also
 * tagged `change`, network events also `listening port`.
 */
import type { EventtypeDef, KnowledgeSet } from './eventtype-types.js';
import { SYSMON_SOURCE } from './sysmon.js';

const codes = (list: readonly number[]): string => `(EventCode IN (${list.map((c) => `"${c}"`).join(',')}))`;
const et = (name: string, list: readonly number[], tags: readonly string[]): EventtypeDef => ({ name, search: `source="${SYSMON_SOURCE}" ${codes(list)}`, tags });

export const SYSMON_5_0_0: KnowledgeSet = {
  addon: 'Splunk_TA_microsoft_sysmon 5.0.0',
  eventtypes: [
    et('ms-sysmon-process', [1, 5, 6, 7, 8, 9, 10, 15, 17, 18, 24, 25], ['process', 'report']),
    et('ms-sysmon-network', [3], ['network', 'communicate']),
    et('ms-sysmon-filemod', [2, 11, 23, 26, 27, 28, 29], ['endpoint', 'filesystem']),
    et('ms-sysmon-regmod', [12, 13, 14], ['endpoint', 'registry']),
    et('ms-sysmon-wmimod', [19, 20, 21], ['change', 'endpoint']),
    et('ms-sysmon-dns', [22], ['network', 'resolution', 'dns']),
    et('ms-sysmon-service', [4, 16, 255], ['service', 'report']),
  ],
  fieldTags: [],
};

export const SYSMON_10_6_2: KnowledgeSet = {
  addon: 'TA-microsoft-sysmon 10.6.2',
  eventtypes: [
    et('ms-sysmon-process', [1, 5, 6, 8, 9, 10, 15, 17, 18], ['process', 'report']),
    et('ms-sysmon-network', [3], ['network', 'communicate', 'listening', 'port']),
    et('ms-sysmon-filemod', [2, 11, 23], ['endpoint', 'filesystem', 'change']),
    et('ms-sysmon-regmod', [12, 13, 14], ['endpoint', 'registry', 'change']),
    et('ms-sysmon-wmimod', [19, 20, 21], ['change', 'endpoint']),
    et('ms-sysmon-dns', [22], ['network', 'resolution', 'dns']),
    et('ms-sysmon-service', [4, 16, 255], ['service', 'report']),
  ],
  fieldTags: [],
};

/** By add-on version; the default is the version whose field rules src/io/profiles/sysmon.ts holds. */
export const SYSMON_KNOWLEDGE: ReadonlyMap<string, KnowledgeSet> = new Map([
  ['5.0.0', SYSMON_5_0_0],
  ['10.6.2', SYSMON_10_6_2],
]);
