/**
 * Windows event files: an event is an `<Event ...>...</Event>` element, either
 * on one line (Splunk's renderXml form) or spread over several lines (an event
 * starts at a line beginning with `<Event` and ends at the line holding
 * `</Event>`). Blank lines between events are ignored. An event cut off by the
 * next `<Event` or by the end of the file is reported as a problem and skipped.
 *
 * The same files may also hold (attack_data's "xml-mixed" files):
 * - classic WinEventLog records: a line with the record's time
 *   (`01/14/2021 11:41:39 PM`) starts a record, which runs up to the next
 *   such line or the next `<Event` line. Splunk_TA_windows breaks classic
 *   WinEventLog text before each such time line; the record becomes a
 *   `WinEventLog` event (see extract.ts).
 * - a JSON string holding XML events (`"<Event ...>...</Event>\n<Event..."`,
 *   attack_data's "json-string" kind): the string is decoded and its lines
 *   are read as lines of the file (events keep the string's line number).
 * - comment lines starting with `#` between events: annotations of whoever
 *   assembled the file; they are counted (see `comments`), not events.
 * Any other line outside an event is reported and skipped.
 */
import type { Assembler, EmitEvent, EmitProblem } from './assembler.js';
import { BadRun, isBlank } from './assembler.js';

const END_TAG = '</Event>';

/**
 * `MM/DD/YYYY HH:MM:SS AM` alone on a line: the first line of a classic
 * WinEventLog record (Splunk_TA_windows [WinEventLog] breaks lines before it).
 */
const CLASSIC_TIME = /^\d{2}\/\d{2}\/\d{2,4} \d{1,2}:\d{2}:\d{2}(?: [AaPp][Mm])?\s*$/;

/** true when the line starts a classic WinEventLog record */
export function classicStart(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 48 && c <= 57 && text.length <= 40 && CLASSIC_TIME.test(text);
}

/** true when the line is a JSON string literal holding an XML event */
export function jsonStringEvent(text: string): boolean {
  return text.charCodeAt(0) === 34 && text.startsWith('"<Event');
}

/** offset of `<Event` at the start of the line (after blanks), or -1 */
export function eventStart(text: string): number {
  let k = 0;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) break;
    k++;
  }
  if (!text.startsWith('<Event', k)) return -1;
  const c = text.charCodeAt(k + 6);
  // `<Event>`, `<Event xmlns=...>`; not `<EventData>` or `<Events>`
  return c === 62 || c === 32 || c === 9 || Number.isNaN(c) ? k : -1;
}

function endsWithEndTag(text: string): boolean {
  let e = text.length;
  while (e > 0) {
    const c = text.charCodeAt(e - 1);
    if (c !== 32 && c !== 9) break;
    e--;
  }
  return e >= END_TAG.length && text.startsWith(END_TAG, e - END_TAG.length);
}

export class XmlAssembler implements Assembler {
  private block: string[] | undefined;
  private blockStart = 0;
  private classic: string[] | undefined;
  private classicLine = 0;
  private readonly stray: BadRun;
  /** `#` comment lines seen between events */
  comments = 0;
  private decoding = false;

  constructor(
    private readonly emit: EmitEvent,
    private readonly problem: EmitProblem,
  ) {
    this.stray = new BadRun(problem, 'line is not part of an <Event> element');
  }

  line(text: string, lineNo: number): void {
    if (this.block !== undefined) {
      const k = eventStart(text);
      if (k >= 0) {
        this.problem(this.blockStart, `<Event> is not closed: no </Event> before the next <Event> at line ${lineNo}; event skipped`);
        this.block = undefined;
        this.startEvent(text, k, lineNo);
        return;
      }
      const end = text.indexOf(END_TAG);
      if (end < 0) {
        this.block.push(text);
        return;
      }
      const stop = end + END_TAG.length;
      this.block.push(stop === text.length ? text : text.slice(0, stop));
      const raw = this.block.join('\n');
      this.block = undefined;
      this.emit({ raw, line: this.blockStart, format: 'XmlWinEventLog' });
      this.rest(text, stop, lineNo);
      return;
    }
    if (this.classic !== undefined) {
      if (!classicStart(text) && eventStart(text) < 0 && !jsonStringEvent(text)) {
        this.classic.push(text);
        return;
      }
      this.endClassic();
    }
    if (isBlank(text)) return;
    const k = eventStart(text);
    if (k >= 0) {
      this.stray.flush();
      this.startEvent(text, k, lineNo);
      return;
    }
    if (classicStart(text)) {
      this.stray.flush();
      this.classic = [text.trimEnd()];
      this.classicLine = lineNo;
      return;
    }
    if (jsonStringEvent(text)) {
      let decoded: unknown;
      try {
        decoded = JSON.parse(text);
      } catch {
        decoded = undefined;
      }
      if (typeof decoded === 'string' && eventStart(decoded) === 0 && !this.decoding) {
        // the decoded text is read as lines of the file (it may hold several events)
        this.stray.flush();
        this.decoding = true;
        try {
          for (const sub of decoded.split('\n')) this.line(sub.endsWith('\r') ? sub.slice(0, -1) : sub, lineNo);
        } finally {
          this.decoding = false;
        }
        return;
      }
    }
    if (text.charCodeAt(0) === 35) {
      // `#` comment between events
      this.stray.flush();
      this.comments++;
      return;
    }
    this.stray.add(text, lineNo);
  }

  private endClassic(): void {
    const lines = this.classic!;
    this.classic = undefined;
    let n = lines.length;
    while (n > 1 && isBlank(lines[n - 1])) n--;
    this.emit({ raw: lines.slice(0, n).join('\n'), line: this.classicLine, format: 'WinEventLog' });
  }

  private startEvent(text: string, k: number, lineNo: number): void {
    if (k === 0 && endsWithEndTag(text)) {
      // the common case: one event on one line
      const raw = text.charCodeAt(text.length - 1) === 62 ? text : text.trimEnd();
      if (raw.indexOf(END_TAG) === raw.length - END_TAG.length) {
        this.emit({ raw, line: lineNo, format: 'XmlWinEventLog' });
        return;
      }
    }
    const end = text.indexOf(END_TAG, k);
    if (end < 0) {
      this.block = [k === 0 ? text : text.slice(k)];
      this.blockStart = lineNo;
      return;
    }
    const stop = end + END_TAG.length;
    this.emit({ raw: text.slice(k, stop), line: lineNo, format: 'XmlWinEventLog' });
    this.rest(text, stop, lineNo);
  }

  /** what follows `</Event>` on the same line: nothing, or another event */
  private rest(text: string, from: number, lineNo: number): void {
    if (from >= text.length) return;
    const tail = text.slice(from);
    if (isBlank(tail)) return;
    const k = eventStart(tail);
    if (k >= 0) this.startEvent(tail, k, lineNo);
    else this.stray.add(tail, lineNo);
  }

  end(): void {
    if (this.classic !== undefined) this.endClassic();
    this.stray.flush();
    if (this.block !== undefined) {
      this.problem(this.blockStart, '<Event> is not closed: the file ends before </Event>; event skipped');
      this.block = undefined;
    }
  }
}
