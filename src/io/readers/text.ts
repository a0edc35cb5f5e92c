/** Plain text: every non-blank line is an event. */
import type { Assembler, EmitEvent } from './assembler.js';
import { isBlank } from './assembler.js';

export class TextAssembler implements Assembler {
  constructor(private readonly emit: EmitEvent) {}

  line(text: string, lineNo: number): void {
    if (!isBlank(text)) this.emit({ raw: text, line: lineNo, format: 'text' });
  }

  end(): void {}
}
