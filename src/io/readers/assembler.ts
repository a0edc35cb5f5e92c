/**
 * An assembler turns the lines of one file into raw events of one format.
 * It is fed every line (blank ones too) and told when the file ends.
 */
import type { RawEvent } from '../types.js';
import { snippet } from './lines.js';

export type EmitEvent = (e: RawEvent) => void;
export type EmitProblem = (line: number, reason: string) => void;

export interface Assembler {
  line(text: string, lineNo: number): void;
  end(): void;
}

/** true when the line has only white space */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) return false;
  }
  return true;
}

/**
 * Consecutive lines that cannot be read are reported once, at the first of
 * them ("lines 4–9 ..."), so a stretch of foreign text gives one problem.
 */
export class BadRun {
  private start = 0;
  private count = 0;
  private first = '';

  constructor(
    private readonly problem: EmitProblem,
    private readonly what: string,
  ) {}

  add(text: string, lineNo: number, detail?: string): void {
    if (this.count === 0) {
      this.start = lineNo;
      this.first = detail ?? `"${snippet(text)}"`;
    }
    this.count++;
  }

  flush(): void {
    if (this.count === 0) return;
    const more = this.count > 1 ? ` (this and the next ${this.count - 1} line${this.count > 2 ? 's' : ''})` : '';
    this.problem(this.start, `${this.what}: ${this.first}${more}`);
    this.count = 0;
  }
}
