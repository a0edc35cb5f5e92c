/**
 * JSON events, in the three shapes event files come in:
 * - JSON lines: one object per line (the common case; each line parsed once);
 * - a JSON array of objects (`[{...},{...}]`), on one line or spread over
 *   many, as exported by cloud consoles and security_content's test data;
 * - pretty-printed objects spanning several lines, one after the other.
 *
 * The first non-blank line decides: when it parses as JSON on its own the
 * file is read line by line (a line holding an array gives one event per
 * element); otherwise the file is scanned as a stream of JSON values
 * (brackets counted outside strings), each top-level object, or each object
 * element of a top-level array, being one event. Blank lines are ignored.
 * What is not a JSON object is reported (consecutive bad lines as one
 * problem) and skipped. The parsed object travels with the event so that
 * extraction does not parse it again.
 */
import type { Assembler, EmitEvent, EmitProblem } from './assembler.js';
import { BadRun, isBlank } from './assembler.js';
import { snippet } from './lines.js';
import { MAX_JSON_DEPTH, jsonTooDeep, parseJsonExact } from '../json.js';

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 12 || c === 0xfeff;
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

export class JsonAssembler implements Assembler {
  private readonly bad: BadRun;
  private mode: 'lines' | 'stream' | undefined;
  // stream mode state
  private parts: string[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  private elementLine = 0;
  /** inside a top-level array */
  private wrapper = false;
  private wrapperLine = 0;

  constructor(
    private readonly emit: EmitEvent,
    private readonly problem: EmitProblem,
  ) {
    this.bad = new BadRun(problem, 'line is not a JSON object');
  }

  line(text: string, lineNo: number): void {
    if (this.mode === 'stream') {
      this.scan(text, lineNo);
      return;
    }
    if (isBlank(text)) return;
    let value: unknown;
    let elements: readonly string[] | undefined;
    try {
      ({ value, elements } = parseJsonExact(text));
    } catch (e) {
      if (this.mode === undefined) {
        this.mode = 'stream';
        this.scan(text, lineNo);
        return;
      }
      this.bad.add(text, lineNo, `${(e as Error).message}`);
      return;
    }
    this.mode = 'lines';
    if (Array.isArray(value)) {
      this.bad.flush();
      this.elements(value, text, lineNo, elements);
      return;
    }
    if (value === null || typeof value !== 'object') {
      this.bad.add(text, lineNo, `found ${kind(value)}`);
      return;
    }
    this.bad.flush();
    if (this.tooDeep(value, lineNo)) return;
    this.emit({ raw: text, line: lineNo, format: '_json', json: value });
  }

  /** Reports (and so skips) an event nested deeper than MAX_JSON_DEPTH. */
  private tooDeep(value: unknown, lineNo: number): boolean {
    if (!jsonTooDeep(value)) return false;
    this.problem(lineNo, `JSON event is nested too deeply (more than ${MAX_JSON_DEPTH} levels); skipped`);
    return true;
  }

  /** the object elements of an array read on one line: each is an event, its raw text as written (or re-serialised) */
  private elements(arr: unknown[], text: string, lineNo: number, written: readonly string[] | undefined): void {
    let skipped = 0;
    arr.forEach((v, i) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        if (!this.tooDeep(v, lineNo)) this.emit({ raw: written?.[i] ?? JSON.stringify(v), line: lineNo, format: '_json', json: v });
      } else skipped++;
    });
    if (skipped > 0) this.problem(lineNo, `${skipped} element${skipped === 1 ? '' : 's'} of the array on this line ${skipped === 1 ? 'is' : 'are'} not a JSON object ("${snippet(text)}"); skipped`);
  }

  /** stream mode: counts brackets outside strings; a complete top-level object (or array element) is an event */
  private scan(text: string, lineNo: number): void {
    let from = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.depth > 0) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) this.inString = false;
        } else if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          this.depth--;
          if (this.depth === 0) {
            this.parts.push(text.slice(from, i + 1));
            this.finishElement();
          }
        }
        i++;
        continue;
      }
      // between values
      if (isWs(c) || (c === COMMA && this.wrapper)) {
        i++;
        continue;
      }
      if (c === OPEN_BRACE) {
        this.depth = 1;
        this.parts = [];
        this.elementLine = lineNo;
        from = i;
        i++;
        continue;
      }
      if (c === OPEN_BRACKET && !this.wrapper) {
        this.wrapper = true;
        this.wrapperLine = lineNo;
        i++;
        continue;
      }
      if (c === CLOSE_BRACKET && this.wrapper) {
        this.wrapper = false;
        i++;
        continue;
      }
      // anything else between values: report the rest of the line
      this.bad.add(text.slice(i), lineNo, `"${snippet(text.slice(i))}" is not a JSON object${this.wrapper ? ' (inside the array opened at line ' + this.wrapperLine + ')' : ''}`);
      this.bad.flush();
      return;
    }
    if (this.depth > 0) {
      const piece = from === 0 ? text : text.slice(from);
      this.parts.push(piece);
    }
  }

  private finishElement(): void {
    const raw = this.parts.length === 1 ? this.parts[0] : this.parts.join('\n');
    this.parts = [];
    let value: unknown;
    try {
      value = parseJsonExact(raw).value;
    } catch (e) {
      this.problem(this.elementLine, `JSON value is not valid: ${(e as Error).message}; skipped`);
      return;
    }
    if (this.tooDeep(value, this.elementLine)) return;
    this.emit({ raw, line: this.elementLine, format: '_json', json: value });
  }

  end(): void {
    this.bad.flush();
    if (this.depth > 0) {
      this.problem(this.elementLine, 'JSON object is not closed: the file ends inside it; skipped');
      this.depth = 0;
      this.parts = [];
    } else if (this.wrapper) {
      this.problem(this.wrapperLine, 'JSON array is not closed: the file ends inside it (the complete objects before the end were read)');
    }
  }
}
