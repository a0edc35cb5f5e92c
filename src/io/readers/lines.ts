/**
 * Splits a byte stream into lines without reading the whole file: each line
 * is decoded on its own (so a kept field value only holds on to its own
 * line, not to a whole read chunk). `\n`, `\r\n` and a lone `\r` end a line,
 * as Splunk's default LINE_BREAKER `([\r\n]+)` breaks on any of them
 * (props.conf.spec); a final line without a newline is a line too. A UTF-8
 * byte order mark at the start is dropped.
 */
const LF = 10;
const CR = 13;

export type LineSink = (text: string, lineNo: number) => void;

export class LineSplitter {
  private carry: Buffer | undefined;
  private lineNo = 0;
  private first = true;
  /** the previous chunk ended with a CR: a LF starting this one belongs to it */
  private afterCr = false;

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
    if (this.afterCr && buf.length > 0) {
      this.afterCr = false;
      if (buf[start] === LF) start++;
    }
    const n = buf.length;
    // next CR at or after `start` (-1: none left in this chunk); most files have none, so it is searched rarely
    let cr = buf.indexOf(CR, start);
    let lf = buf.indexOf(LF, start);
    for (;;) {
      if (cr >= 0 && cr < start) cr = buf.indexOf(CR, start);
      if (lf >= 0 && lf < start) lf = buf.indexOf(LF, start);
      let end: number;
      let next: number;
      if (lf >= 0 && (cr < 0 || lf < cr)) {
        end = lf;
        next = lf + 1;
      } else if (cr >= 0) {
        end = cr;
        if (cr + 1 < n) next = buf[cr + 1] === LF ? cr + 2 : cr + 1;
        else {
          next = n;
          this.afterCr = true;
        }
      } else break;
      if (this.carry !== undefined) {
        const joined = Buffer.concat([this.carry, buf.subarray(start, end)]);
        this.carry = undefined;
        this.emit(joined, 0, joined.length);
      } else this.emit(buf, start, end);
      start = next;
    }
    if (start < n) {
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
    this.lineNo++;
    this.onLine(buf.toString('utf8', start, end), this.lineNo);
  }
}

/**
 * The lines of a text held in memory, with their 1-based numbers, by the
 * same rules as LineSplitter (`\n`, `\r\n` or a lone `\r` end a line, a
 * final line without one is a line, a leading byte order mark is dropped).
 */
export function* textLines(text: string): Generator<[text: string, lineNo: number], void, undefined> {
  let lineNo = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (start < n) {
    let end = start;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === LF || c === CR) break;
      end++;
    }
    yield [text.slice(start, end), ++lineNo];
    if (end >= n) return;
    start = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
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
