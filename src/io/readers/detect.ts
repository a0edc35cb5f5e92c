/**
 * Which reader a file needs: from the sourcetype when the user gave one,
 * else from the first non-blank line.
 */
import type { Format } from '../types.js';
import { looksLikeCsvHeader } from './csv.js';
import { classicStart, eventStart, jsonStringEvent } from './xml.js';

/**
 * Format from the first non-blank line of a file: `<Event`, a JSON string
 * holding `<Event`, or a classic WinEventLog time line → the Windows reader
 * (XmlWinEventLog, with classic records as WinEventLog); `{` or `[` → _json;
 * a header-like line → csv; anything else → text.
 */
export function detectFormat(firstLine: string): Format {
  const t = firstLine.replace(/^\uFEFF/, '').trimStart();
  if (eventStart(t) === 0 || jsonStringEvent(t) || classicStart(t)) return 'XmlWinEventLog';
  if (t.startsWith('{') || t.startsWith('[')) return '_json';
  if (looksLikeCsvHeader(t)) return 'csv';
  return 'text';
}

/**
 * Format implied by a sourcetype name, or undefined when the name says
 * nothing (then the content decides). Case is ignored here: this only picks
 * how lines are split, not which add-on settings apply.
 */
export function formatForSourcetype(sourcetype: string): Format | undefined {
  const s = sourcetype.toLowerCase();
  if (s.startsWith('xmlwineventlog') || s.startsWith('wineventlog')) return 'XmlWinEventLog';
  if (s === '_json' || s === 'json' || s.endsWith(':json')) return '_json';
  if (s === 'csv' || s.endsWith(':csv')) return 'csv';
  return undefined;
}
