/**
 * Binary XML of EVTX records, rendered as the one-line XML that Splunk's
 * Windows add-on indexes with renderXml=true (the XmlWinEventLog shape:
 * single-quoted attributes, no declaration or indentation, `&`, `<` and `>`
 * escaped in text as Windows leaves them, lower-case unpadded hex integers,
 * upper-case GUIDs in braces and upper-case hex for binary).
 *
 * The format follows libyal's "Windows XML Event Log (EVTX)" document
 * (libyal/libevtx, documentation/Windows XML Event Log (EVTX).asciidoc),
 * section "Binary XML": fragment header (0x0f), element start (0x01/0x41:
 * dependency identifier, data size, name offset), attribute list (0x06/0x46),
 * value text (0x05/0x45), normal and optional substitutions (0x0d/0x0e),
 * character and entity references (0x08/0x09), CDATA (0x07), PI (0x0a/0x0b),
 * template instances (0x0c) with their definitions and instance data, and
 * the value types table ("Value types", arrays with the 0x80 bit).
 *
 * Names and template definitions are found by offsets relative to the start
 * of the chunk; they are cached per chunk (`Chunk`). A name or a template
 * definition whose offset is the position right after the offset field is
 * stored inline there and is stepped over.
 */

/** A fault in the binary XML: the record is skipped and reported with `offset` (within the chunk). */
export class BinXmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A node of a parsed template (or of a fragment without template). */
type Node = Elem | Text | Sub | Instance;

interface Elem {
  readonly k: 0;
  readonly name: string;
  readonly attrs: readonly Attr[];
  /** undefined: closed empty (`<X/>`) */
  readonly children: readonly Node[] | undefined;
}
interface Attr {
  readonly name: string;
  readonly parts: readonly (Text | Sub)[];
}
/** literal text, already escaped for XML */
interface Text {
  readonly k: 1;
  readonly text: string;
}
/** a substitution: value `index` of the template instance */
interface Sub {
  readonly k: 2;
  readonly index: number;
  readonly optional: boolean;
}
/** a template instance inside a fragment: its template and its values */
interface Instance {
  readonly k: 3;
  readonly template: readonly Node[];
  readonly values: readonly Value[];
}

/** a template value: its type and where its data lies in the chunk */
interface Value {
  readonly type: number;
  readonly off: number;
  readonly size: number;
}

const MAX_DEPTH = 64;

/** One 64 KiB chunk: its bytes and what was read from them (names, templates), cached by offset. */
export class Chunk {
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, readonly Node[]>();
  /** templates being parsed (a definition that reaches itself is an error, not a loop) */
  private readonly parsing = new Set<number>();
  private readonly view: DataView;

  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** The XML of the binary XML between `start` and `end` (a record's event data). */
  render(start: number, end: number): string {
    budget = RENDER_BUDGET;
    const r = new Parser(this, start, end, 0);
    const nodes = r.fragment();
    sidNames = false;
    const top = nodes[0];
    if (top !== undefined && top.k === 3) {
      const i = channelSub(top.template);
      const v = i >= 0 ? top.values[i] : undefined;
      sidNames = v !== undefined && v.type === 0x01 && v.size >= 16 && this.utf16z(v.off, v.size >> 1) === 'Security';
    }
    let out = '';
    for (const n of nodes) out += renderNode(this, n, EMPTY, 0);
    return out;
  }

  // -- reading ---------------------------------------------------------------

  check(pos: number, n: number, end: number, what: string): void {
    if (pos < 0 || pos + n > end) throw new BinXmlError(`${what} runs past the end of its data`, pos);
  }

  u8(pos: number): number {
    return this.buf[pos];
  }
  u16(pos: number): number {
    return this.view.getUint16(pos, true);
  }
  u32(pos: number): number {
    return this.view.getUint32(pos, true);
  }

  utf16(pos: number, chars: number): string {
    // short strings: one fromCharCode over the code units is faster than a TextDecoder call
    if (chars <= SCRATCH.length) {
      const view = this.view;
      for (let i = 0; i < chars; i++) SCRATCH[i] = view.getUint16(pos + 2 * i, true);
      return String.fromCharCode.apply(null, SCRATCH.subarray(0, chars) as unknown as number[]);
    }
    return UTF16.decode(this.buf.subarray(pos, pos + 2 * chars));
  }

  /** UTF-16 text without the NULs that end it */
  utf16z(pos: number, chars: number): string {
    while (chars > 0 && this.buf[pos + 2 * chars - 2] === 0 && this.buf[pos + 2 * chars - 1] === 0) chars--;
    return this.utf16(pos, chars);
  }

  /** A name (libyal: "Name": 4 unknown bytes, hash, number of characters, UTF-16 with a NUL) by its chunk offset. */
  name(off: number): string {
    let s = this.names.get(off);
    if (s !== undefined) return s;
    if (off < 0 || off + 8 > this.buf.length) throw new BinXmlError(`name offset ${off} is outside the chunk`, off);
    const n = this.u16(off + 6);
    if (off + 8 + 2 * n > this.buf.length) throw new BinXmlError(`name at ${off} runs past the chunk`, off);
    s = this.utf16(off + 8, n);
    this.names.set(off, s);
    return s;
  }

  /** bytes a name takes when stored inline */
  nameSize(off: number): number {
    if (off + 8 > this.buf.length) throw new BinXmlError(`name at ${off} runs past the chunk`, off);
    return 8 + 2 * (this.u16(off + 6) + 1);
  }

  /** The parsed template whose definition data starts at `off` (libyal: "Template definition"). */
  template(off: number, depth: number): readonly Node[] {
    const t = this.templates.get(off);
    if (t !== undefined) return t;
    if (this.parsing.has(off)) throw new BinXmlError(`template at ${off} contains itself`, off);
    if (off < 0 || off + 24 > this.buf.length) throw new BinXmlError(`template offset ${off} is outside the chunk`, off);
    const size = this.u32(off + 20);
    const start = off + 24;
    const end = start + size;
    if (end > this.buf.length) throw new BinXmlError(`template at ${off} runs past the chunk (${size} bytes)`, off);
    this.parsing.add(off);
    try {
      const nodes = new Parser(this, start, end, depth + 1).fragment();
      this.templates.set(off, nodes);
      return nodes;
    } finally {
      this.parsing.delete(off);
    }
  }
}

const UTF16 = new TextDecoder('utf-16le');
const SCRATCH = new Uint16Array(256);
const LATIN1 = new TextDecoder('latin1');
const EMPTY: readonly Value[] = [];

/** Reads binary XML tokens between `pos` and `end` into nodes. */
class Parser {
  pos: number;
  constructor(
    private readonly c: Chunk,
    start: number,
    private readonly end: number,
    private readonly depth: number,
  ) {
    this.pos = start;
    if (depth > MAX_DEPTH) throw new BinXmlError('binary XML nested too deeply', start);
  }

  private need(n: number, what: string): void {
    this.c.check(this.pos, n, this.end, what);
  }

  /** Tokens up to the end-of-file token (or the end of the data): fragment headers, elements, template instances. */
  fragment(): Node[] {
    const out: Node[] = [];
    const c = this.c;
    while (this.pos < this.end) {
      const tok = c.u8(this.pos);
      switch (tok) {
        case 0x00:
          this.pos++;
          return out;
        case 0x0f:
          this.need(4, 'fragment header');
          this.pos += 4;
          break;
        case 0x01:
        case 0x41:
          out.push(this.element());
          break;
        case 0x0c:
          out.push(this.instance());
          break;
        default:
          this.content(out, tok);
      }
    }
    return out;
  }

  /** libyal: "Template instance" (token, unknown byte, template id, definition offset) and "Template instance data". */
  private instance(): Instance {
    const c = this.c;
    this.need(10, 'template instance');
    const defOff = c.u32(this.pos + 6);
    this.pos += 10;
    const template = c.template(defOff, this.depth);
    if (defOff === this.pos) {
      // the definition is stored here: step over it (next offset, GUID, data size, data)
      this.need(24, 'template definition');
      this.pos += 24 + c.u32(this.pos + 20);
    }
    this.need(4, 'template values');
    const count = c.u32(this.pos);
    this.pos += 4;
    this.need(4 * count, 'template value descriptors');
    const values: Value[] = new Array(count);
    let data = this.pos + 4 * count;
    for (let i = 0; i < count; i++) {
      const d = this.pos + 4 * i;
      const size = c.u16(d);
      const type = c.u8(d + 2);
      values[i] = { type, off: data, size };
      data += size;
    }
    if (data > this.end) throw new BinXmlError(`template values run past the record (${data - this.end} bytes)`, this.pos);
    this.pos = data;
    return { k: 3, template, values };
  }

  /** A name offset field: the name, stepping over it when it is stored inline. */
  private nameAt(): string {
    this.need(4, 'name offset');
    const off = this.c.u32(this.pos);
    this.pos += 4;
    const name = this.c.name(off);
    if (off === this.pos) this.pos += this.c.nameSize(off);
    return name;
  }

  /** libyal: "Element start", "Attribute list", then content up to the end element token. */
  private element(): Elem {
    const c = this.c;
    const tok = c.u8(this.pos);
    this.need(11, 'element start');
    // token, dependency identifier (2), data size (4), name offset
    this.pos += 7;
    const name = this.nameAt();
    const attrs: Attr[] = [];
    if (tok & 0x40) {
      this.need(4, 'attribute list');
      this.pos += 4;
      for (;;) {
        this.need(1, 'attribute');
        const t = c.u8(this.pos);
        if (t !== 0x06 && t !== 0x46) break;
        this.pos++;
        const an = this.nameAt();
        const parts: (Text | Sub)[] = [];
        for (;;) {
          this.need(1, 'attribute value');
          const v = c.u8(this.pos);
          if (!this.valuePart(parts, v)) break;
        }
        attrs.push({ name: an, parts });
      }
    }
    this.need(1, 'element');
    const close = c.u8(this.pos);
    this.pos++;
    if (close === 0x03) return { k: 0, name, attrs, children: undefined };
    if (close !== 0x02) throw new BinXmlError(`unexpected token 0x${close.toString(16)} in the start tag of <${name}>`, this.pos - 1);
    const children: Node[] = [];
    for (;;) {
      this.need(1, `content of <${name}>`);
      const t = c.u8(this.pos);
      if (t === 0x04) {
        this.pos++;
        break;
      }
      if (t === 0x01 || t === 0x41) children.push(this.element());
      else if (t === 0x0c) children.push(this.instance());
      else if (t === 0x0f) {
        this.need(4, 'fragment header');
        this.pos += 4;
      } else this.content(children, t);
    }
    return { k: 0, name, attrs, children };
  }

  /**
   * A header of `header` bytes ending in a 16-bit character count, then that
   * many UTF-16 characters (CDATA, PI data, value text): the text, read past.
   */
  private countedText(header: number, what: string): string {
    this.need(header, what);
    const n = this.c.u16(this.pos + header - 2);
    this.pos += header;
    this.need(2 * n, what);
    const text = this.c.utf16(this.pos, n);
    this.pos += 2 * n;
    return text;
  }

  /** Content that is not an element: value text, substitutions, references, CDATA, PI. */
  private content(out: Node[], tok: number): void {
    if (this.valuePart(out as (Text | Sub)[], tok)) return;
    const c = this.c;
    switch (tok) {
      case 0x07:
      case 0x47: {
        out.push({ k: 1, text: `<![CDATA[${this.countedText(3, 'CDATA section')}]]>` });
        return;
      }
      case 0x0a: {
        this.pos++;
        const target = this.nameAt();
        let data = '';
        if (this.pos < this.end && c.u8(this.pos) === 0x0b) data = this.countedText(3, 'PI data');
        out.push({ k: 1, text: `<?${target}${data ? ' ' + data : ''}?>` });
        return;
      }
      default:
        throw new BinXmlError(`unexpected token 0x${tok.toString(16)}`, this.pos);
    }
  }

  /** Value text, a substitution or a reference (what attribute values are made of); false: not one of them. */
  private valuePart(out: (Text | Sub)[], tok: number): boolean {
    const c = this.c;
    switch (tok) {
      case 0x05:
      case 0x45: {
        // token, value type (string), number of characters, UTF-16 text
        out.push({ k: 1, text: escapeText(this.countedText(4, 'value text')) });
        return true;
      }
      case 0x0d:
      case 0x0e:
        this.need(4, 'substitution');
        out.push({ k: 2, index: c.u16(this.pos + 1), optional: tok === 0x0e });
        this.pos += 4;
        return true;
      case 0x08:
      case 0x48:
        this.need(3, 'character reference');
        out.push({ k: 1, text: `&#${c.u16(this.pos + 1)};` });
        this.pos += 3;
        return true;
      case 0x09:
      case 0x49: {
        this.pos++;
        out.push({ k: 1, text: `&${this.nameAt()};` });
        return true;
      }
      default:
        return false;
    }
  }
}

// -- rendering ----------------------------------------------------------------

/**
 * Well-known SIDs as the Splunk Universal Forwarder writes them in the
 * EventData of Security events (it resolves SID values to account names; the
 * names below are those found in the add-on's XmlWinEventLog samples,
 * ../shared/corpus/attack_data: `NULL SID`, `NT AUTHORITY\ANONYMOUS LOGON`,
 * `NT AUTHORITY\SYSTEM`). [decision] LOCAL SERVICE and NETWORK SERVICE are
 * added with the names Windows gives them; other SIDs (domain accounts, which
 * only the machine that logged them can resolve) stay SIDs.
 */
const WELL_KNOWN_SIDS = new Map<string, string>([
  ['S-1-0-0', 'NULL SID'],
  ['S-1-5-7', 'NT AUTHORITY\\ANONYMOUS LOGON'],
  ['S-1-5-18', 'NT AUTHORITY\\SYSTEM'],
  ['S-1-5-19', 'NT AUTHORITY\\LOCAL SERVICE'],
  ['S-1-5-20', 'NT AUTHORITY\\NETWORK SERVICE'],
]);
/** the record being rendered is on the Security channel, and a <Data> element's content is being rendered */
let sidNames = false;
let inData = false;

/** index of the substitution that fills <System><Channel>, or -1 (cached per template) */
const channelSubs = new WeakMap<readonly Node[], number>();
function channelSub(template: readonly Node[]): number {
  let i = channelSubs.get(template);
  if (i !== undefined) return i;
  i = -1;
  const event = template.find((n): n is Elem => n.k === 0);
  const system = event?.children?.find((n): n is Elem => n.k === 0 && n.name === 'System');
  const channel = system?.children?.find((n): n is Elem => n.k === 0 && n.name === 'Channel');
  const sub = channel?.children?.find((n): n is Sub => n.k === 2);
  if (sub !== undefined) i = sub.index;
  channelSubs.set(template, i);
  return i;
}

/**
 * Nodes a record may render: templates that hold instances of templates can
 * multiply a chunk's few bytes into an endless text; such a record is skipped.
 */
const RENDER_BUDGET = 200_000;
let budget = RENDER_BUDGET;

function renderNode(c: Chunk, n: Node, values: readonly Value[], depth: number): string {
  if (--budget < 0) throw new BinXmlError('the record expands to too much XML (templates nested in templates)', 0);
  switch (n.k) {
    case 0:
      return renderElem(c, n, values, depth);
    case 1:
      return n.text;
    case 2: {
      const v = values[n.index];
      if (v === undefined) return '';
      const r = renderValue(c, v, depth);
      return typeof r === 'string' ? r : r.join('');
    }
    case 3: {
      let s = '';
      for (const m of n.template) s += renderNode(c, m, n.values, depth + 1);
      return s;
    }
  }
}

function isNull(v: Value | undefined): boolean {
  return v === undefined || v.type === 0;
}

function renderElem(c: Chunk, e: Elem, values: readonly Value[], depth: number): string {
  // an element holding an optional substitution whose value is NULL is left out (libyal: "Optional substitution")
  let array: readonly string[] | undefined;
  let arraySub: Sub | undefined;
  if (e.children !== undefined) {
    for (const ch of e.children) {
      if (ch.k !== 2) continue;
      const v = values[ch.index];
      if (ch.optional && isNull(v)) return '';
      if (v !== undefined && v.type & 0x80 && arraySub === undefined) {
        const r = renderValue(c, v, depth);
        if (typeof r !== 'string') {
          array = r;
          arraySub = ch;
        }
      }
    }
  }
  let head = '<' + e.name;
  for (const a of e.attrs) {
    let val = '';
    let skip = false;
    for (const p of a.parts) {
      if (p.k === 1) val += p.text;
      else {
        const v = values[p.index];
        if (p.optional && isNull(v)) {
          skip = true;
          break;
        }
        if (v === undefined) continue;
        const r = renderValue(c, v, depth);
        val += typeof r === 'string' ? r : r.join(' ');
      }
    }
    if (!skip) head += ' ' + a.name + "='" + escapeApos(val) + "'";
  }
  if (e.children === undefined) return head + '/>';
  head += '>';
  const tail = '</' + e.name + '>';
  if (arraySub === undefined) {
    let s = head;
    const was = inData;
    inData = e.name === 'Data';
    for (const ch of e.children) s += renderNode(c, ch, values, depth);
    inData = was;
    return s + tail;
  }
  // an array substitution repeats its element once per item (libyal: "Normal substitution"); no item: one empty element
  const items = array!.length === 0 ? [''] : array!;
  let out = '';
  for (const item of items) {
    let s = head;
    for (const ch of e.children) s += ch === arraySub ? item : renderNode(c, ch, values, depth);
    out += s + tail;
  }
  return out;
}

/** `&`, `<`, `>` as entities: what Windows escapes in rendered event text (quotes are left as they are). */
export function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPE_ALL, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}
const NEEDS_ESCAPE = /[&<>]/;
const ESCAPE_ALL = /[&<>]/g;

// [decision] an attribute value holding `'` would end the single-quoted value: it is written as &apos;
function escapeApos(s: string): string {
  return s.indexOf("'") < 0 ? s : s.replace(/'/g, '&apos;');
}

const HEX = '0123456789ABCDEF';

function hex32(n: number): string {
  return '0x' + n.toString(16);
}

function readU64(c: Chunk, off: number): bigint {
  return BigInt(c.u32(off)) | (BigInt(c.u32(off + 4)) << 32n);
}

/** FILETIME (100 ns since 1601-01-01 UTC) as `YYYY-MM-DDTHH:MM:SS.fffffffZ`. */
export function fileTimeIso(lo: number, hi: number): string {
  let secs: number;
  let frac: number;
  if (hi < 1_000_000_000) {
    // hi·2^32 = hi·429·10^7 + hi·4967296, exact in doubles for hi below 10^9
    const r = hi * 4967296 + lo;
    secs = hi * 429 + Math.floor(r / 10_000_000);
    frac = r % 10_000_000;
  } else {
    const t = (BigInt(hi) << 32n) | BigInt(lo);
    secs = Number(t / 10_000_000n);
    frac = Number(t % 10_000_000n);
  }
  const unix = secs - 11_644_473_600;
  const d = new Date(unix * 1000);
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z (years 0..9999)
  return iso.slice(0, 20) + String(frac).padStart(7, '0') + 'Z';
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function guid(c: Chunk, off: number): string {
  const b = c.buf;
  let s = '{' + c.u32(off).toString(16).padStart(8, '0') + '-' + c.u16(off + 4).toString(16).padStart(4, '0') + '-' + c.u16(off + 6).toString(16).padStart(4, '0') + '-';
  for (let i = 8; i < 16; i++) {
    if (i === 10) s += '-';
    s += HEX[b[off + i] >> 4] + HEX[b[off + i] & 15];
  }
  return s.toUpperCase() + '}';
}

/** SID: revision, sub-authority count, 48-bit big-endian authority, 32-bit little-endian sub-authorities; returns [text, bytes]. */
function sid(c: Chunk, off: number, end: number): [string, number] {
  if (off + 8 > end) throw new BinXmlError('SID runs past its value', off);
  const b = c.buf;
  const n = b[off + 1];
  const size = 8 + 4 * n;
  if (off + size > end) throw new BinXmlError('SID runs past its value', off);
  let auth = 0;
  for (let i = 2; i < 8; i++) auth = auth * 256 + b[off + i];
  let s = 'S-' + b[off] + '-' + auth;
  for (let i = 0; i < n; i++) s += '-' + c.u32(off + 8 + 4 * i);
  return [s, size];
}

function systemTime(c: Chunk, off: number): string {
  // year, month, day of week, day, hour, minute, second, milliseconds (16-bit each)
  // [decision] rendered with 7 fraction digits, as FILETIME values are
  return `${pad(c.u16(off), 4)}-${pad(c.u16(off + 2), 2)}-${pad(c.u16(off + 6), 2)}T${pad(c.u16(off + 8), 2)}:${pad(c.u16(off + 10), 2)}:${pad(c.u16(off + 12), 2)}.${pad(c.u16(off + 14), 3)}0000Z`;
}

function floatText(x: number): string {
  // [decision] shortest round-trip decimal; Windows's own float formatting is not documented
  return Number.isFinite(x) ? String(x) : x > 0 ? 'INF' : x < 0 ? '-INF' : 'NAN';
}

/** One item of a fixed-size type at `off`. */
function scalar(c: Chunk, type: number, off: number): string {
  const b = c.buf;
  switch (type) {
    case 0x03:
      return String((b[off] << 24) >> 24);
    case 0x04:
      return String(b[off]);
    case 0x05:
      return String((c.u16(off) << 16) >> 16);
    case 0x06:
      return String(c.u16(off));
    case 0x07:
      return String(c.u32(off) | 0);
    case 0x08:
      return String(c.u32(off));
    case 0x09:
      return BigInt.asIntN(64, readU64(c, off)).toString();
    case 0x0a:
      return readU64(c, off).toString();
    case 0x0b:
      return floatText(new DataView(b.buffer, b.byteOffset + off, 4).getFloat32(0, true));
    case 0x0c:
      return floatText(new DataView(b.buffer, b.byteOffset + off, 8).getFloat64(0, true));
    case 0x0d:
      return c.u32(off) !== 0 ? 'true' : 'false';
    case 0x0f:
      return guid(c, off);
    case 0x11:
      return fileTimeIso(c.u32(off), c.u32(off + 4));
    case 0x12:
      return systemTime(c, off);
    case 0x14:
      return hex32(c.u32(off));
    case 0x15: {
      const hi = c.u32(off + 4);
      return hi === 0 ? hex32(c.u32(off)) : '0x' + readU64(c, off).toString(16);
    }
    default:
      return '';
  }
}

/** size in bytes of one item of a fixed-size type (0: not fixed) */
function itemSize(type: number, size: number): number {
  switch (type) {
    case 0x03:
    case 0x04:
      return 1;
    case 0x05:
    case 0x06:
      return 2;
    case 0x07:
    case 0x08:
    case 0x0b:
    case 0x0d:
    case 0x14:
      return 4;
    case 0x09:
    case 0x0a:
    case 0x0c:
    case 0x11:
    case 0x15:
      return 8;
    case 0x0f:
    case 0x12:
      return 16;
    case 0x10:
      return size === 4 ? 4 : 8; // SizeT: pairs with HexInt32 or HexInt64
    default:
      return 0;
  }
}

function stripNul(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 0) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** A value as XML text (escaped), or the items of an array value. */
function renderValue(c: Chunk, v: Value, depth: number): string | string[] {
  const { off, size } = v;
  const end = off + size;
  c.check(off, size, c.buf.length, 'value');
  const type = v.type;
  switch (type) {
    case 0x00:
      return '';
    case 0x01:
      return escapeText(c.utf16z(off, size >> 1));
    case 0x02:
      return escapeText(stripNul(LATIN1.decode(c.buf.subarray(off, end))));
    case 0x0e: {
      let s = '';
      for (let i = off; i < end; i++) s += HEX[c.buf[i] >> 4] + HEX[c.buf[i] & 15];
      return s;
    }
    case 0x10:
      return size === 4 ? hex32(c.u32(off)) : size === 8 ? scalar(c, 0x15, off) : '';
    case 0x13: {
      if (size === 0) return '';
      const text = sid(c, off, end)[0];
      return sidNames && inData ? escapeText(WELL_KNOWN_SIDS.get(text) ?? text) : text;
    }
    case 0x21: {
      if (size === 0) return '';
      const nodes = new Parser(c, off, end, depth + 1).fragment();
      let s = '';
      for (const n of nodes) s += renderNode(c, n, EMPTY, depth + 1);
      return s;
    }
    case 0x81: {
      const all = c.utf16(off, size >> 1).split('\u0000');
      if (all.length > 0 && all[all.length - 1] === '') all.pop();
      return all.map(escapeText);
    }
    case 0x82: {
      const all = LATIN1.decode(c.buf.subarray(off, end)).split('\u0000');
      if (all.length > 0 && all[all.length - 1] === '') all.pop();
      return all.map(escapeText);
    }
    case 0x93: {
      const out: string[] = [];
      let p = off;
      while (p < end) {
        const [s, n] = sid(c, p, end);
        out.push(s);
        p += n;
      }
      return out;
    }
    default: {
      if (type & 0x80) {
        const base = type & 0x7f;
        const w = itemSize(base === 0x10 ? (size % 8 === 0 ? 0x15 : 0x14) : base, size);
        if (w === 0) return hexOf(c, off, end);
        const out: string[] = [];
        const t = base === 0x10 ? (w === 4 ? 0x14 : 0x15) : base;
        for (let p = off; p + w <= end; p += w) out.push(scalar(c, t, p));
        return out;
      }
      const w = itemSize(type, size);
      if (w === 0) return hexOf(c, off, end); // [decision] an unknown type shows its bytes in hex
      if (size < w) return '';
      return scalar(c, type, off);
    }
  }
}

function hexOf(c: Chunk, off: number, end: number): string {
  let s = '';
  for (let i = off; i < end; i++) s += HEX[c.buf[i] >> 4] + HEX[c.buf[i] & 15];
  return s;
}
