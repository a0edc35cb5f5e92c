/**
 * Search-time field extraction for XmlWinEventLog events, written as a
 * hand-made scanner (no regular expression and no XML parser per event).
 *
 * What it reproduces (spl-semantics.md §6.2, §6.3):
 *
 * - Splunk_TA_windows `[XmlWinEventLog]` (REPORT-0xml_kv_extract):
 *   `system_props_xml_kv` makes a field of every leaf element of <System>
 *   by its element name (EventID, Version, Level, Task, Opcode, Keywords,
 *   EventRecordID, Channel, Computer); `system_props_xml_attributes` makes a
 *   field of every attribute inside <System> (Name, Guid, SystemTime,
 *   ProcessID, ThreadID, UserID, ActivityID, Qualifiers...);
 *   `eventdata_xml_data` makes a field of every `<Data Name='X'>v</Data>`;
 *   `EventID_as_EventCode` and `EventRecordID_as_RecordNumber` copy the ID
 *   and the record number.
 * - Splunk_TA_microsoft_sysmon 5.0.0 (REPORT-sysmon, for its source stanza
 *   only): EventCode, Version, Level, Task, Opcode, Keywords, TimeCreated
 *   (SystemTime), RecordID (EventRecordID), Correlation (only when it has
 *   text), EventChannel (Channel), Computer, SecurityID (UserID), and every
 *   `<Data Name='X'>v</Data>` (`sysmon-data`).
 *
 * Decision (§6.3 "[I] an interpreter should de-duplicate"): the two add-ons
 * extract the same values under partly different names; we produce the
 * union of the names, each value once. The Sysmon-only names (TimeCreated,
 * RecordID, EventChannel, SecurityID) are produced only when `sysmon` is
 * set, because that add-on's REPORT applies to the Sysmon source stanza
 * only (§6.2). EventID is kept as its own field too (Windows add-on kv).
 *
 * Values are never XML-decoded (§6.1 [I], §0 step 5): `&lt;Anonymous Pipe&gt;`
 * stays as written. Empty values give no field (KEEP_EMPTY_VALS = false).
 * A name repeated in EventData becomes a multivalue in document order
 * (eventdata_xml_data has MV_ADD = 1). Field names get CLEAN_KEYS treatment
 * (characters other than letters, digits and `_` become `_`, leading digits
 * and underscores are dropped; transforms.conf.spec).
 *
 * Differences from the add-ons' regexes, on purpose (brief h2-io): both
 * single- and double-quoted attributes are read (the Sysmon add-on's regexes
 * need single quotes, which renderXml always writes); `<Data>v</Data>`
 * without a Name in EventData gives the field `Data` (multivalue); leaf
 * elements of <UserData> become fields by element name.
 */
import { parseIso } from '../../time/iso.js';
import type { Row, Scalar, Value } from '../../values/value.js';

/**
 * What a <System> element or attribute becomes: the list of field names the
 * value is stored under. `sysmonOnly` names are added only for the Sysmon
 * source (Splunk_TA_microsoft_sysmon transforms.conf, §6.2).
 */
interface SystemName {
  readonly names: readonly string[];
  readonly sysmonOnly: readonly string[];
}

/** Leaf elements of <System> (by element name). Others keep their own name. */
const SYSTEM_ELEMENTS: ReadonlyMap<string, SystemName> = new Map<string, SystemName>([
  // EventID_as_EventCode (Windows), sysmon-eventid → EventCode (Sysmon); EventID itself from system_props_xml_kv
  ['EventID', { names: ['EventCode', 'EventID'], sysmonOnly: [] }],
  ['Version', { names: ['Version'], sysmonOnly: [] }],
  ['Level', { names: ['Level'], sysmonOnly: [] }],
  ['Task', { names: ['Task'], sysmonOnly: [] }],
  ['Opcode', { names: ['Opcode'], sysmonOnly: [] }],
  ['Keywords', { names: ['Keywords'], sysmonOnly: [] }],
  // EventRecordID_as_RecordNumber (Windows), sysmon-record → RecordID
  ['EventRecordID', { names: ['EventRecordID', 'RecordNumber'], sysmonOnly: ['RecordID'] }],
  // system_props_xml_kv → Channel, sysmon-channel → EventChannel
  ['Channel', { names: ['Channel'], sysmonOnly: ['EventChannel'] }],
  ['Computer', { names: ['Computer'], sysmonOnly: [] }],
  ['Correlation', { names: ['Correlation'], sysmonOnly: [] }],
]);

/** Attributes inside <System> (by attribute name). Others keep their own name. */
const SYSTEM_ATTRIBUTES: ReadonlyMap<string, SystemName> = new Map<string, SystemName>([
  // system_props_xml_attributes → SystemTime, sysmon-created → TimeCreated
  ['SystemTime', { names: ['SystemTime'], sysmonOnly: ['TimeCreated'] }],
  // system_props_xml_attributes → UserID, sysmon-sid → SecurityID
  ['UserID', { names: ['UserID'], sysmonOnly: ['SecurityID'] }],
]);

export interface ScanOptions {
  /** add the Splunk_TA_microsoft_sysmon-only names (source is the Sysmon channel) */
  readonly sysmon?: boolean;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const EQ = 61; // =
const SQ = 39; // '
const DQ = 34; // "

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Adds a value to a field: a second value makes a multivalue, in order. */
export function addValue(row: Row, name: string, value: Scalar): void {
  const old = row.get(name);
  if (old === undefined) row.set(name, value);
  else if (Array.isArray(old)) (old as Scalar[]).push(value);
  else row.set(name, [old as Scalar, value]);
}

const cleanCache = new Map<string, string>();

/** CLEAN_KEYS (transforms.conf.spec): non-alphanumerics → `_`, leading digits/underscores removed. */
export function cleanKey(name: string): string {
  let clean = true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!(alnum || (c === 95 && i > 0)) || (i === 0 && c >= 48 && c <= 57)) {
      clean = false;
      break;
    }
  }
  if (clean) return name;
  let cached = cleanCache.get(name);
  if (cached === undefined) {
    let out = '';
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      out += alnum ? name[i] : '_';
    }
    let k = 0;
    while (k < out.length && (out.charCodeAt(k) === 95 || (out.charCodeAt(k) >= 48 && out.charCodeAt(k) <= 57))) k++;
    cached = out.slice(k);
    if (cleanCache.size > 10000) cleanCache.clear();
    cleanCache.set(name, cached);
  }
  return cached;
}

/** Reads a tag name starting at `i` (just after `<`); returns its end offset. */
function nameEnd(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === GT || c === SLASH) break;
    i++;
  }
  return i;
}

/**
 * Where the last start tag read by readAttributes ends (module state, so
 * that no object is allocated per tag).
 */
interface TagEnd {
  /** offset just after `>` */
  next: number;
  selfClosing: boolean;
}
const tagEnd: TagEnd = { next: 0, selfClosing: false };

type AttrSink = (name: string, value: string) => void;

/** Reads the attributes of a start tag from `i`; false when the tag is not closed before `end`. */
function readAttributes(s: string, i: number, end: number, onAttr: AttrSink | undefined): boolean {
  while (i < end) {
    let c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === GT) {
      tagEnd.next = i + 1;
      tagEnd.selfClosing = false;
      return true;
    }
    if (c === SLASH) {
      if (i + 1 < end && s.charCodeAt(i + 1) === GT) {
        tagEnd.next = i + 2;
        tagEnd.selfClosing = true;
        return true;
      }
      i++;
      continue;
    }
    // attribute name
    const ns = i;
    while (i < end) {
      c = s.charCodeAt(i);
      if (c === EQ || isSpace(c) || c === GT || c === SLASH) break;
      i++;
    }
    const ne = i;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (i >= end || s.charCodeAt(i) !== EQ) continue; // attribute without value: ignore
    i++;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    const q = s.charCodeAt(i);
    if (q !== SQ && q !== DQ) continue;
    const vs = i + 1;
    const ve = s.indexOf(q === SQ ? "'" : '"', vs);
    if (ve < 0 || ve >= end) return false;
    if (onAttr !== undefined && ve > vs) onAttr(s.slice(ns, ne), s.slice(vs, ve));
    i = ve + 1;
  }
  return false;
}

let curRow: Row = new Map();
let curSysmon = false;
const onSystemAttr: AttrSink = (name, value) => {
  const mapped = SYSTEM_ATTRIBUTES.get(name);
  if (mapped === undefined) {
    addValue(curRow, cleanKey(name), value);
    return;
  }
  for (const n of mapped.names) addValue(curRow, n, value);
  if (curSysmon) for (const n of mapped.sysmonOnly) addValue(curRow, n, value);
};

/**
 * Extracts the fields of one XmlWinEventLog event into `row`. Returns false
 * when the text has no <System> block (not a Windows event).
 */
export function scanWinEvent(s: string, row: Row, opts: ScanOptions = {}): boolean {
  const sysmon = opts.sysmon === true;
  const sysStart = s.indexOf('<System');
  if (sysStart < 0) return false;
  let sysEnd = s.indexOf('</System>', sysStart);
  if (sysEnd < 0) sysEnd = s.length;

  curRow = row;
  curSysmon = sysmon;

  // skip the <System ...> tag itself
  let i = s.indexOf('>', sysStart);
  if (i < 0) return true;
  i++;
  while (i < sysEnd) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt >= sysEnd) break;
    const ne = nameEnd(s, lt + 1, sysEnd);
    if (s.charCodeAt(lt + 1) === SLASH || ne === lt + 1) {
      i = ne + 1;
      continue;
    }
    if (!readAttributes(s, ne, sysEnd, onSystemAttr)) break;
    i = tagEnd.next;
    if (tagEnd.selfClosing) continue;
    // leaf text: up to the next '<', which must be this element's end tag
    const vend = s.indexOf('<', i);
    if (vend < 0 || vend >= sysEnd) break;
    if (s.charCodeAt(vend + 1) !== SLASH) continue; // has children: descend
    if (vend > i) {
      const tag = s.slice(lt + 1, ne);
      const value = s.slice(i, vend);
      const mapped = SYSTEM_ELEMENTS.get(tag);
      if (mapped === undefined) addValue(row, cleanKey(tag), value);
      else {
        for (const n of mapped.names) addValue(row, n, value);
        if (sysmon) for (const n of mapped.sysmonOnly) addValue(row, n, value);
      }
    }
    i = vend;
  }

  const after = sysEnd;
  const ed = s.indexOf('<EventData', after);
  if (ed >= 0) scanEventData(s, ed, row);
  else {
    const ud = s.indexOf('<UserData', after);
    if (ud >= 0) scanUserData(s, ud, row);
  }
  return true;
}

let dataName: string | undefined;
const onDataAttr: AttrSink = (name, value) => {
  if (name === 'Name') dataName = value;
};

/** `<Data Name='X'>v</Data>` elements of <EventData>. */
function scanEventData(s: string, start: number, row: Row): void {
  let end = s.indexOf('</EventData>', start);
  if (end < 0) end = s.length;
  let i = s.indexOf('>', start);
  if (i < 0 || i >= end || s.charCodeAt(i - 1) === SLASH) return; // <EventData/>
  i++;
  while (i < end) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt >= end) break;
    const ne = nameEnd(s, lt + 1, end);
    if (s.charCodeAt(lt + 1) === SLASH || ne === lt + 1) {
      i = ne + 1;
      continue;
    }
    dataName = undefined;
    if (!readAttributes(s, ne, end, onDataAttr)) break;
    i = tagEnd.next;
    if (tagEnd.selfClosing) continue; // <Data Name='X'/>: no value, no field
    const vend = s.indexOf('<', i);
    if (vend < 0 || vend > end) break;
    if (vend > i) {
      const value = s.slice(i, vend);
      if (dataName !== undefined) addValue(row, cleanKey(dataName), value);
      else if (ne - (lt + 1) === 4 && s.startsWith('Data', lt + 1)) addValue(row, 'Data', value);
    }
    i = vend;
  }
}

/** Leaf elements of <UserData> become fields by element name. */
function scanUserData(s: string, start: number, row: Row): void {
  let end = s.indexOf('</UserData>', start);
  if (end < 0) end = s.length;
  let i = s.indexOf('>', start);
  if (i < 0 || i >= end || s.charCodeAt(i - 1) === SLASH) return;
  i++;
  while (i < end) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt >= end) break;
    const ne = nameEnd(s, lt + 1, end);
    if (s.charCodeAt(lt + 1) === SLASH || ne === lt + 1) {
      i = ne + 1;
      continue;
    }
    if (!readAttributes(s, ne, end, undefined)) break;
    i = tagEnd.next;
    if (tagEnd.selfClosing) continue;
    const vend = s.indexOf('<', i);
    if (vend < 0 || vend > end) break;
    if (s.charCodeAt(vend + 1) === SLASH && vend > i) {
      addValue(row, cleanKey(s.slice(lt + 1, ne)), s.slice(i, vend));
    }
    i = vend;
  }
}

// ---------------------------------------------------------------------------
// _time

function single(v: Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return typeof v[0] === 'string' ? (v[0] as string) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * `_time` of an XmlWinEventLog event in epoch seconds:
 * - `UtcTime` (`%Y-%m-%d %H:%M:%S.%3N`) in UTC, the
 *   Splunk_TA_microsoft_sysmon 5.0.0 TIME_PREFIX/TIME_FORMAT/TZ rule (§5.1);
 * - else `SystemTime` (ISO 8601 ending in Z), to the microsecond (Splunk
 *   keeps _time to the microsecond; src/time/iso.ts);
 * - else undefined; a string when the timestamp found is an impossible date
 *   (the reason).
 */
export function eventTime(row: Row): number | string | undefined {
  const utc = single(row.get('UtcTime'));
  if (utc !== undefined) {
    const t = parseIso(utc, 'UTC');
    if (typeof t === 'string') return `UtcTime "${utc}": ${t}`;
    if (t !== undefined) return t;
  }
  const st = single(row.get('SystemTime')) ?? single(row.get('TimeCreated'));
  if (st === undefined) return undefined;
  const t = parseIso(st, 'UTC');
  return typeof t === 'string' ? `SystemTime "${st}": ${t}` : t;
}
