/**
 * Extraction for text events: classic WinEventLog records, linux:audit
 * records, and plain text with automatic key=value extraction.
 *
 * KV_MODE = auto (props.conf.spec: the default for a sourcetype that sets no
 * KV_MODE): `key=value` pairs anywhere in the event become fields. A value is
 * a double- or single-quoted string (quotes removed) or runs to the next
 * white space, comma or semicolon. Keys get CLEAN_KEYS treatment; empty values
 * give no field; the first value of a key is kept (a later pair with the same
 * key is ignored). Inside a single-quoted value (linux:audit writes
 * `msg='op=... acct="root" ...'`) the pairs are extracted too, as Splunk's
 * automatic extraction reads them from the raw text.
 *
 * Classic WinEventLog (Splunk_TA_windows [WinEventLog], non-XML rendering):
 * the first line is the record's time (`MM/DD/YYYY hh:mm:ss AM`), then
 * `Key=Value` header lines (LogName, SourceName, EventCode, ComputerName,
 * ...), then `Message=` and the rendered message to the end of the record.
 * Header keys become fields; `Message` holds the whole message text; inside
 * the message, `Name:<tabs>Value` lines become fields named with `_` for
 * spaces (`Account Name` → `Account_Name`), a repeated name collecting a
 * multivalue in order (the Subject and the New Logon account of 4624).
 * The time has no zone: it is read in the search's zone (`--tz`), as Splunk
 * reads a zone-less timestamp in the zone of the host (props.conf.spec TZ).
 */
import type { Row } from '../values/value.js';
import { isoEpoch, scanIso } from '../time/iso.js';
import { addValue, cleanKey } from './xml/winevent.js';

const KV = /([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;"']*)/g;

/** Adds KV_MODE=auto key=value fields of a text to the row (first value of a key wins). */
export function extractKv(text: string, row: Row): void {
  if (text.indexOf('=') < 0) return;
  KV.lastIndex = 0;
  for (let m = KV.exec(text); m !== null; m = KV.exec(text)) {
    const key = cleanKey(m[1]);
    let v = m[2];
    const q = v.charCodeAt(0);
    if (q === 34 || q === 39) {
      v = v.slice(1, -1);
      if (q === 39 && v.indexOf('=') >= 0) {
        // pairs inside a single-quoted value are pairs of the event too
        const at = KV.lastIndex;
        if (key.length > 0 && v.length > 0 && !row.has(key)) row.set(key, v);
        extractKv(v, row);
        KV.lastIndex = at;
        continue;
      }
    }
    if (key.length > 0 && v.length > 0 && !row.has(key)) row.set(key, v);
  }
}

const AUDIT = /^(?:node=\S+ )?type=\w+ msg=audit\((\d+(?:\.\d+)?):\d+\)/;

/** linux:audit: the time in `msg=audit(<epoch>:<serial>)`, or undefined when the text is not an audit record. */
export function linuxAuditTime(text: string): number | undefined {
  if (text.indexOf('msg=audit(') < 0) return undefined;
  const m = AUDIT.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * A timestamp at the start of a text line: ISO 8601 (`2024-05-01T12:00:00Z`,
 * `2024-05-01 12:00:00.123+02:00`; no zone: wall-clock time in `tz`).
 * Undefined otherwise (the event then gets its file's modification time); a
 * string (the reason) when it is an impossible date.
 */
export function textTime(text: string, tz = 'UTC'): number | string | undefined {
  const c = text.charCodeAt(0);
  if (c < 48 || c > 57) return undefined;
  const t = scanIso(text, 0, false);
  if (t === undefined) return undefined;
  const r = isoEpoch(t, tz);
  return typeof r === 'string' ? `"${text.slice(0, t.end)}": ${r}` : r;
}

const CLASSIC_TIME = /^(\d{2})\/(\d{2})\/(\d{2,4}) (\d{1,2}):(\d{2}):(\d{2})(?: ([AaPp])[Mm])?/;
const HEADER = /^([A-Za-z_][\w]*)=(.*)$/;
const COLON_KV = /^\s*([A-Za-z][\w ()./-]*?):\s+(\S.*?)\s*$/;

/** Fields of a classic WinEventLog record; returns its LogName and time (a string: why its date is impossible). */
export function extractClassic(raw: string, row: Row, tz = 'UTC'): { logName?: string; time?: number | string } {
  const lines = raw.split('\n');
  let time: number | string | undefined;
  const t = CLASSIC_TIME.exec(lines[0]);
  if (t) {
    let year = Number(t[3]);
    if (t[3].length === 2) year += 2000;
    let hour = Number(t[4]);
    const ampm = t[7]?.toUpperCase();
    if (ampm === 'P' && hour < 12) hour += 12;
    if (ampm === 'A' && hour === 12) hour = 0;
    time = ampm !== undefined && Number(t[4]) > 12 ? `hour ${t[4]} ${ampm}M does not exist` : isoEpoch({ end: 0, year, month: Number(t[1]), day: Number(t[2]), hour, minute: Number(t[5]), second: Number(t[6]), micro: 0 }, tz);
    if (typeof time === 'string') time = `"${t[0]}": ${time}`;
  }
  let i = 1;
  for (; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]);
    if (!m) continue;
    if (m[1] === 'Message') {
      const rest = [m[2], ...lines.slice(i + 1)].join('\n').replace(/\s+$/, '');
      if (rest.length > 0) row.set('Message', rest);
      i++;
      break;
    }
    if (m[2].length > 0 && !row.has(m[1])) row.set(m[1], m[2]);
  }
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.indexOf(':') < 0) continue;
    const m = COLON_KV.exec(line);
    if (!m) continue;
    const name = cleanKey(m[1].trim().replace(/\s+/g, '_'));
    if (name.length > 0 && name.length <= 64) addValue(row, name, m[2]);
  }
  const logName = row.get('LogName');
  return { ...(typeof logName === 'string' ? { logName } : {}), ...(time !== undefined ? { time } : {}) };
}
