/**
 * From a raw event to a row of fields: the default fields (_raw, _time,
 * host, source, sourcetype) and the search-time raw extractions of its
 * format (XML scanner, JSON flattening, CSV header names), plus the regex
 * REPORTs of the add-on profiles that apply. FIELDALIAS, EVAL and LOOKUP
 * settings of the profiles are left to the engine (see profiles/).
 */
import { hostname } from 'node:os';
import type { Row, Scalar, Value } from '../values/value.js';
import { flattenJson, parseJsonExact } from './json.js';
import { profileFor, searchSourcetype } from './profiles/index.js';
import { SYSMON_SOURCE } from './profiles/sysmon.js';
import type { FieldReport } from './profiles/types.js';
import { addonTimeIsUtc, detectJsonSourcetype, timeFieldsFor, XML_CHANNELS } from './sourcetypes.js';
import type { Format, InputFile, RawEvent } from './types.js';
import { extractClassic, extractKv, linuxAuditTime, textTime } from './text.js';
import { addValue, eventTime, scanWinEvent } from './xml/winevent.js';
import { parseIso } from '../time/iso.js';

export interface ExtractMeta {
  /** given by the user; default: `XmlWinEventLog:<Channel>` for XML, else the file path */
  readonly source?: string;
  /** given by the user; default: `XmlWinEventLog` for XML, `_json`, `csv`, or the file's base name for text */
  readonly sourcetype?: string;
  /** given by the user; default: `<Computer>` for XML, else this machine's name */
  readonly host?: string;
  /** the file the event comes from (source default and fallback time) */
  readonly file?: InputFile;
  /** told when an event has no timestamp of its own and gets the file's modification time */
  readonly onNoTime?: () => void;
  /** told when an event's timestamp is an impossible date (why); it gets the file's modification time */
  readonly onBadTime?: (why: string) => void;
  /** the zone of timestamps written without one (--tz; default UTC) */
  readonly tz?: string;
}

let machineName: string | undefined;
function localHost(): string {
  if (machineName === undefined) machineName = hostname();
  return machineName;
}

const xmlSources = new Map<string, string>();
function xmlSource(channel: string): string {
  let s = xmlSources.get(channel);
  if (s === undefined) {
    s = 'XmlWinEventLog:' + channel;
    if (xmlSources.size > 1000) xmlSources.clear();
    xmlSources.set(channel, s);
  }
  return s;
}

function firstString(v: Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : s === undefined ? undefined : String(s);
}

const DEFAULT_SOURCETYPE: Record<Format, string> = {
  XmlWinEventLog: 'XmlWinEventLog',
  WinEventLog: 'WinEventLog',
  _json: '_json',
  csv: 'csv',
  text: 'text',
};

/** Runs REPORT regexes of a profile (named groups or `groups` names; MV_ADD only with `repeat`). */
function applyReports(reports: readonly FieldReport[], raw: string, row: Row): void {
  for (const r of reports) {
    const src = r.sourceKey === '_raw' ? raw : firstString(row.get(r.sourceKey));
    if (src === undefined) continue;
    if (r.needle !== undefined && src.indexOf(r.needle) < 0) continue;
    if (r.repeat) {
      r.regex.lastIndex = 0;
      for (const m of src.matchAll(r.regex)) setGroups(r, m, row, true);
    } else {
      const m = r.regex.exec(src);
      if (m !== null) setGroups(r, m, row, false);
    }
  }
}

function setGroups(r: FieldReport, m: RegExpExecArray | RegExpMatchArray, row: Row, mvAdd: boolean): void {
  const put = (name: string, v: string | undefined): void => {
    if (v === undefined || v.length === 0) return; // KEEP_EMPTY_VALS = false
    if (mvAdd) addValue(row, name, v);
    else if (!row.has(name)) row.set(name, v); // without MV_ADD a later value is discarded
  };
  if (r.groups !== undefined) r.groups.forEach((name, i) => put(name, m[i + 1]));
  else if (m.groups !== undefined) for (const name in m.groups) put(name, m.groups[name]);
}

const EPOCH = /^\d{1,12}(?:\.\d+)?$/;
const EPOCH_MS = /^\d{13}$/;

/**
 * _time from a `_time` or `timestamp` value: epoch seconds or milliseconds,
 * or ISO 8601 (no zone: wall-clock time in `tz`, src/time/iso.ts). A string
 * result is the reason the value is an impossible date.
 */
export function parseTimeValue(v: string, tz = 'UTC'): number | string | undefined {
  const s = v.trim();
  if (EPOCH.test(s)) return Number(s);
  if (EPOCH_MS.test(s)) return Number(s) / 1000;
  return parseIso(s, tz);
}

function fieldTime(row: Row, names: readonly string[], tz: string): number | string | undefined {
  for (const name of names) {
    const v = firstString(row.get(name));
    if (v !== undefined) {
      const t = parseTimeValue(v, tz);
      if (typeof t === 'string') return `${name} "${v}": ${t}`;
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

/**
 * Fills `row` (expected empty) with the event's fields. Field order: _raw,
 * the extracted fields, then _time, host, source, sourcetype (these always
 * win over an extracted field of the same name).
 */
export function extract(raw: RawEvent, meta: ExtractMeta, row: Row): void {
  row.set('_raw', raw.raw);
  let time: number | string | undefined;
  const tz = meta.tz ?? 'UTC';
  let source = meta.source;
  let host = meta.host;
  let sourcetype = meta.sourcetype ?? DEFAULT_SOURCETYPE[raw.format];

  switch (raw.format) {
    case 'XmlWinEventLog': {
      let sysmon = source === SYSMON_SOURCE;
      if (source === undefined) {
        // the source decides whether the Sysmon add-on applies: peek at the channel first
        sysmon = raw.raw.indexOf('<Channel>Microsoft-Windows-Sysmon/Operational</Channel>') >= 0;
      }
      scanWinEvent(raw.raw, row, { sysmon });
      const channel = firstString(row.get('Channel'));
      const other = channel !== undefined ? XML_CHANNELS.get(channel) : undefined;
      if (other !== undefined && meta.sourcetype === undefined) sourcetype = other.sourcetype;
      if (source === undefined) {
        source = other !== undefined ? other.source : channel !== undefined ? xmlSource(channel) : meta.file?.path ?? 'stdin';
      }
      if (host === undefined) host = firstString(row.get('Computer'));
      time = eventTime(row);
      break;
    }
    case 'WinEventLog': {
      const c = extractClassic(raw.raw, row, tz);
      if (source === undefined && c.logName !== undefined) source = 'WinEventLog:' + c.logName;
      if (host === undefined) host = firstString(row.get('ComputerName'));
      time = c.time;
      break;
    }
    case '_json': {
      let obj = raw.json;
      if (obj === undefined) {
        try {
          obj = parseJsonExact(raw.raw).value;
        } catch {
          obj = undefined;
        }
      }
      flattenJson(obj, row);
      if (meta.sourcetype === undefined) sourcetype = detectJsonSourcetype(row) ?? sourcetype;
      // the add-ons of known JSON sourcetypes set TZ = UTC; other JSON is read in the search's zone
      time = fieldTime(row, timeFieldsFor(sourcetype), addonTimeIsUtc(sourcetype) ? 'UTC' : tz);
      break;
    }
    case 'csv': {
      const header = raw.header ?? [];
      const cells = raw.cells ?? [];
      const n = Math.min(header.length, cells.length);
      for (let i = 0; i < n; i++) {
        const name = header[i];
        const v = cells[i];
        if (name.length > 0 && v.length > 0) addValue(row, name, v);
      }
      time = fieldTime(row, ['_time', 'timestamp'], tz);
      break;
    }
    case 'text': {
      const text = raw.raw;
      const xmlAt = text.indexOf('<Event');
      if (xmlAt >= 0 && text.indexOf('</Event>', xmlAt) > 0 && (meta.sourcetype === undefined || meta.sourcetype === 'sysmon:linux')) {
        // XML event inside a syslog line (Sysmon for Linux)
        scanWinEvent(text.slice(xmlAt, text.lastIndexOf('</Event>') + 8), row, {});
        const channel = firstString(row.get('Channel'));
        const other = channel !== undefined ? XML_CHANNELS.get(channel) : undefined;
        if (meta.sourcetype === undefined) sourcetype = other?.sourcetype ?? 'XmlWinEventLog';
        if (source === undefined && channel !== undefined) source = other?.source ?? xmlSource(channel);
        if (host === undefined) host = firstString(row.get('Computer'));
        time = eventTime(row);
        break;
      }
      const audit = linuxAuditTime(text);
      if (audit !== undefined && (meta.sourcetype === undefined || meta.sourcetype === 'linux:audit')) {
        if (meta.sourcetype === undefined) sourcetype = 'linux:audit';
        time = audit;
      } else time = textTime(text, tz);
      // KV_MODE = auto: key=value pairs anywhere in the text (props.conf.spec KV_MODE)
      extractKv(text, row);
      break;
    }
  }

  if (source === undefined) source = meta.file?.path ?? 'stdin';
  for (const p of profileFor(source, sourcetype)) {
    if (p.reports.length > 0) applyReports(p.reports, raw.raw, row);
  }
  if (typeof time === 'string') {
    // an impossible date: reported, and the event is placed as one without a timestamp
    if (meta.onBadTime) meta.onBadTime(time);
    time = meta.file?.mtime ?? 0;
  } else if (time === undefined) {
    // no timestamp: the file's modification time, as Splunk does (CHECK_FOR_HEADER / DATETIME_CONFIG defaults)
    time = meta.file?.mtime ?? 0;
    if (meta.onNoTime) meta.onNoTime();
  }
  row.set('_time', time);
  row.set('host', host ?? localHost());
  row.set('source', source);
  row.set('sourcetype', searchSourcetype(sourcetype));
  // every event has an index; "by default, data you feed to an indexer is stored in
  // the main index" ("About managing indexes"), so `index=*` and `index=main` match
  // every event read from files, and any other index none [decision]
  row.set('index', DEFAULT_INDEX);
}

/** The index of events read from files. */
export const DEFAULT_INDEX = 'main';

/** Every value of a field as text (for tests and tools). */
export function textValues(row: Row, name: string): string[] {
  const v = row.get(name);
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x: Scalar) => String(x));
}
