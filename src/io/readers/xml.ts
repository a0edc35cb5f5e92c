/**
 * XmlWinEventLog: an event is an `<Event ...>...</Event>` element, either on
 * one line (Splunk's renderXml form) or spread over several lines (an event
 * starts at a line beginning with `<Event` and ends at the line holding
 * `</Event>`). Blank lines between events are ignored. Lines outside any
 * event, and an event cut off by the next `<Event` or by the end of the
 * file, are reported as problems and skipped.
 */
import type { Assembler, EmitEvent, EmitProblem } from './assembler.js';
import { BadRun, isBlank } from './assembler.js';

const END_TAG = '</Event>';

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
  private readonly stray: BadRun;

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
    if (isBlank(text)) return;
    const k = eventStart(text);
    if (k < 0) {
      this.stray.add(text, lineNo);
      return;
    }
    this.stray.flush();
    this.startEvent(text, k, lineNo);
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
    this.stray.flush();
    if (this.block !== undefined) {
      this.problem(this.blockStart, '<Event> is not closed: the file ends before </Event>; event skipped');
      this.block = undefined;
    }
  }
}
