/**
 * JSON lines: one JSON object per line, blank lines ignored. A line that is
 * not a JSON object is reported (consecutive ones as one problem) and
 * skipped. The parsed object travels with the event so that extraction does
 * not parse it again.
 */
import type { Assembler, EmitEvent, EmitProblem } from './assembler.js';
import { BadRun, isBlank } from './assembler.js';

export class JsonAssembler implements Assembler {
  private readonly bad: BadRun;

  constructor(
    private readonly emit: EmitEvent,
    problem: EmitProblem,
  ) {
    this.bad = new BadRun(problem, 'line is not a JSON object');
  }

  line(text: string, lineNo: number): void {
    if (isBlank(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.bad.add(text, lineNo, `${(e as Error).message}`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.bad.add(text, lineNo, `found ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
      return;
    }
    this.bad.flush();
    this.emit({ raw: text, line: lineNo, format: '_json', json: value });
  }

  end(): void {
    this.bad.flush();
  }
}
