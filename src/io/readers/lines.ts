/**
 * Splits a byte stream into lines without reading the whole file: each line
 * is decoded on its own (so a kept field value only holds on to its own
 * line, not to a whole read chunk). `\n` and `\r\n` end a line; a final line
 * without a newline is a line too. A UTF-8 byte order mark at the start is
 * dropped.
 */
const LF = 10;
const CR = 13;

export type LineSink = (text: string, lineNo: number) => void;

export class LineSplitter {
  private carry: Buffer | undefined;
  private lineNo = 0;
  private first = true;

  constructor(private readonly onLine: LineSink) {}

  /** number of lines seen so far */
  get lines(): number {
    return this.lineNo;
  }

  feed(buf: Buffer): void {
    let start = 0;
    if (this.first && buf.length > 0) {
      this.first = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
    }
    let nl = buf.indexOf(LF, start);
    if (nl >= 0 && this.carry !== undefined) {
      const joined = Buffer.concat([this.carry, buf.subarray(start, nl)]);
      this.carry = undefined;
      this.emit(joined, 0, joined.length);
      start = nl + 1;
      nl = buf.indexOf(LF, start);
    }
    while (nl >= 0) {
      this.emit(buf, start, nl);
      start = nl + 1;
      nl = buf.indexOf(LF, start);
    }
    if (start < buf.length) {
      const rest = buf.subarray(start);
      // copy: the caller may reuse its buffer
      this.carry = this.carry === undefined ? Buffer.from(rest) : Buffer.concat([this.carry, rest]);
    }
  }

  end(): void {
    if (this.carry !== undefined) {
      const c = this.carry;
      this.carry = undefined;
      this.emit(c, 0, c.length);
    }
  }

  private emit(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    this.lineNo++;
    this.onLine(buf.toString('utf8', start, end), this.lineNo);
  }
}

/** Shows the start of a line in a problem message (control characters as \xNN). */
export function snippet(text: string, max = 48): string {
  let out = '';
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += text[i];
  }
  return text.length > max || out.length > max ? out.slice(0, max) + '…' : out;
}
