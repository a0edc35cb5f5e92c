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
  readonly template: Template;
  /** its values, three numbers each (`Values`) */
  readonly values: Values;
}

/** A parsed template definition, and what rendering found out about it (compiled once per chunk). */
interface Template {
  readonly nodes: readonly Node[];
  /** its nodes compiled for rendering (`compile`), on first use */
  ops: readonly Op[] | undefined;
  /** the substitution that fills <System><Channel>: its index, -1: none, -2: not looked for yet */
  channel: number;
}

/** the values of a template instance, three numbers each: its type, and where its data lies in the chunk (offset, size) */
type Values = readonly number[];

const MAX_DEPTH = 64;

/** One 64 KiB chunk: its bytes and what was read from them (names, templates), cached by offset. */
export class Chunk {
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, Template>();
  /** templates being parsed (a definition that reaches itself is an error, not a loop) */
  private readonly parsing = new Set<number>();
  private readonly view: DataView;
  /** the same bytes as a Buffer, for its UCS-2 decoder */
  private readonly text: UcsBuffer;

  constructor(
    readonly buf: Uint8Array,
    private readonly cache?: TemplateCache,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as UcsBuffer;
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
      const vs = top.values;
      sidNames = i >= 0 && 3 * i < vs.length && vs[3 * i] === 0x01 && this.isSecurity(vs[3 * i + 1], vs[3 * i + 2]);
    }
    return renderNodes(this, nodes, EMPTY, 0, false);
  }

  /** the UTF-16 text at `off` (`size` bytes, NULs at its end left out) is `Security` */
  private isSecurity(off: number, size: number): boolean {
    if (off < 0 || off + size > this.buf.length) return false;
    let n = size >> 1;
    while (n > 0 && this.buf[off + 2 * n - 2] === 0 && this.buf[off + 2 * n - 1] === 0) n--;
    return n === 8 && this.utf16(off, 8) === 'Security';
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
    // short strings code unit by code unit, as String.fromCharCode would (Node's own UCS-2 decoder is several
    // times faster than a TextDecoder call or a copy for fromCharCode); long ones through TextDecoder
    if (chars <= 256) {
      if (pos < 0 || pos + 2 * chars > this.buf.length) throw new RangeError('outside the chunk');
      return this.text.ucs2Slice(pos, pos + 2 * chars);
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
  template(off: number, depth: number): Template {
    const t = this.templates.get(off);
    if (t !== undefined) return t;
    if (this.parsing.has(off)) throw new BinXmlError(`template at ${off} contains itself`, off);
    if (off < 0 || off + 24 > this.buf.length) throw new BinXmlError(`template offset ${off} is outside the chunk`, off);
    const size = this.u32(off + 20);
    const start = off + 24;
    const end = start + size;
    if (end > this.buf.length) throw new BinXmlError(`template at ${off} runs past the chunk (${size} bytes)`, off);
    const cache = this.cache;
    let key = '';
    if (cache !== undefined && depth + 1 <= MAX_DEPTH) {
      // the template's identifier (GUID) and data size, then its bytes
      key = size + ':' + this.text.ucs2Slice(off + 4, off + 20);
      const known = cache.entries.get(key);
      if (known !== undefined) {
        for (const k of known) {
          if (this.same(k, start)) {
            this.templates.set(off, k.template);
            return k.template;
          }
        }
      }
    }
    this.parsing.add(off);
    try {
      const p = new Parser(this, start, end, depth + 1);
      if (key !== '') p.names = [];
      const t: Template = { nodes: p.fragment(), ops: undefined, channel: -2 };
      this.templates.set(off, t);
      if (key !== '' && p.names !== undefined && cache!.size < TemplateCache.MAX) {
        const fields: number[] = [];
        const names: string[] = [];
        for (let i = 0; i < p.names.length; i += 2) {
          fields.push((p.names[i] as number) - start);
          names.push(p.names[i + 1] as string);
        }
        const list = cache!.entries.get(key) ?? [];
        list.push({ bytes: this.buf.slice(start, end), fields, names, template: t });
        cache!.entries.set(key, list);
        cache!.size++;
      }
      return t;
    } finally {
      this.parsing.delete(off);
    }
  }

  /**
   * The template data at `start` is that of `k`, parsed in another chunk: the
   * same bytes, except that each name offset may differ as long as it names
   * the same name the same way (stored right there, or elsewhere in the chunk).
   */
  private same(k: CachedTemplate, start: number): boolean {
    const b = this.buf;
    const bytes = k.bytes;
    if (start + bytes.length > b.length) return false;
    let f = 0;
    let next = k.fields.length > 0 ? k.fields[0] : -1;
    for (let i = 0; i < bytes.length; ) {
      if (i !== next) {
        if (b[start + i] !== bytes[i]) return false;
        i++;
        continue;
      }
      const off = this.u32(start + i);
      const wasInline = k.names[f] === INLINE;
      if (off === start + i + 4) {
        if (!wasInline) return false;
      } else {
        if (wasInline) return false;
        try {
          if (this.name(off) !== k.names[f]) return false;
        } catch {
          return false;
        }
      }
      i += 4;
      f++;
      next = f < k.fields.length ? k.fields[f] : -1;
    }
    return true;
  }
}

/** a name stored right after its offset field (in `CachedTemplate.names`) */
const INLINE = '\u0000inline';

interface CachedTemplate {
  /** the template's data */
  readonly bytes: Uint8Array;
  /** where in it name offsets are */
  readonly fields: readonly number[];
  /** the name each one gives, or INLINE: the name follows the offset */
  readonly names: readonly string[];
  readonly template: Template;
}

/**
 * Templates parsed in the chunks read so far. Windows writes each chunk's
 * templates anew, the same bytes from chunk to chunk but for the offsets of
 * names kept elsewhere in the chunk; a template found again (Chunk.same) is
 * not parsed and compiled again. Templates holding template instances are
 * not kept (their values and offsets belong to their chunk).
 */
export class TemplateCache {
  static readonly MAX = 4096;
  readonly entries = new Map<string, CachedTemplate[]>();
  size = 0;
}

const UTF16 = new TextDecoder('utf-16le');
/** Buffer's UCS-2 decoder, `ucs2Slice` (what `buf.toString('utf16le', start, end)` calls, without its argument checks) */
type UcsBuffer = Buffer & { ucs2Slice(start: number, end: number): string };
const LATIN1 = new TextDecoder('latin1');
const EMPTY: Values = [];

/** Reads binary XML tokens between `pos` and `end` into nodes. */
class Parser {
  pos: number;
  /** when set: each name offset field read, its position and its name (or INLINE); undefined again at a template instance */
  names: (number | string)[] | undefined;
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
    this.names = undefined;
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
    const values: number[] = [];
    let data = this.pos + 4 * count;
    for (let i = 0; i < count; i++) {
      const d = this.pos + 4 * i;
      const size = c.u16(d);
      const type = c.u8(d + 2);
      values.push(type, data, size);
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
    if (this.names !== undefined) this.names.push(this.pos - 4, off === this.pos ? INLINE : name);
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

/** index of the substitution that fills <System><Channel>, or -1 (found once per template) */
function channelSub(template: Template): number {
  if (template.channel !== -2) return template.channel;
  let i = -1;
  const event = template.nodes.find((n): n is Elem => n.k === 0);
  const system = event?.children?.find((n): n is Elem => n.k === 0 && n.name === 'System');
  const channel = system?.children?.find((n): n is Elem => n.k === 0 && n.name === 'Channel');
  const sub = channel?.children?.find((n): n is Sub => n.k === 2);
  if (sub !== undefined) i = sub.index;
  template.channel = i;
  return i;
}

/**
 * Steps a record may take to render: templates that hold instances of
 * templates can multiply a chunk's few bytes into an endless text; such a
 * record is skipped.
 */
const RENDER_BUDGET = 200_000;
let budget = RENDER_BUDGET;

/*
 * Rendering. A template is compiled once per chunk into a flat list of steps
 * (`Op`): the text that does not depend on the values (tags, attribute names,
 * literal text) is joined into one string wherever it can be, so a record
 * costs one step per value rather than one per node. What depends on the
 * values stays a step:
 * - LIT: literal text;
 * - VAL: value `i` (in an attribute: escaped for the single quotes, array
 *   items joined by spaces; in content: array items joined);
 * - ELEM: the start of an element that holds substitutions directly: left out
 *   (jump to `end`) when one of its optional substitutions is NULL (libyal:
 *   "Optional substitution"), repeated once per item when one of them is an
 *   array (libyal: "Normal substitution"; no item: one empty element);
 * - ATTR: the start of an attribute holding optional substitutions: left out
 *   when one of them is NULL;
 * - INST: a template instance inside the template.
 * `data` is whether the step is inside a <Data> element (1), not (0), or as
 * where the template is instantiated (2): well-known SIDs are named only in
 * <Data> (sidNames).
 */
const LIT = 0;
const VAL = 1;
const ELEM = 2;
const ATTR = 3;
const INST = 4;

class Op {
  /** ELEM, ATTR: the index of the step after the element or attribute */
  end = 0;
  /** ELEM: the VAL steps of the substitutions directly inside the element */
  subs: Op[] = [];
  constructor(
    readonly k: number,
    /** LIT: the text */
    readonly s: string,
    /** VAL: the value's index; */
    readonly i: number,
    /** VAL: an optional substitution */
    readonly optional: boolean,
    /** VAL: inside an attribute value */
    readonly attr: boolean,
    /** VAL, INST: inside <Data> (1), not (0), as where instantiated (2) */
    readonly data: number,
    /** ATTR: the indexes of its optional substitutions */
    readonly opt: readonly number[],
    /** INST: the instance */
    readonly inst: Instance | undefined,
  ) {}
}

function compile(nodes: readonly Node[]): Op[] {
  const ops: Op[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') ops.push(new Op(LIT, lit, 0, false, false, 0, NONE, undefined));
    lit = '';
  };
  const val = (s: Sub, attr: boolean, data: number): Op => {
    flush();
    const op = new Op(VAL, '', s.index, s.optional, attr, data, NONE, undefined);
    ops.push(op);
    return op;
  };
  const node = (n: Node, data: number): void => {
    switch (n.k) {
      case 0:
        elem(n, data);
        return;
      case 1:
        lit += n.text;
        return;
      case 2:
        val(n, false, data);
        return;
      case 3:
        flush();
        ops.push(new Op(INST, '', 0, false, false, data, NONE, n));
        return;
    }
  };
  const elem = (e: Elem, data: number): void => {
    let start: Op | undefined;
    if (e.children?.some((n) => n.k === 2)) {
      flush();
      start = new Op(ELEM, '', 0, false, false, data, NONE, undefined);
      ops.push(start);
    }
    lit += '<' + e.name;
    for (const a of e.attrs) {
      const opt: number[] = [];
      for (const p of a.parts) if (p.k === 2 && p.optional) opt.push(p.index);
      let at: Op | undefined;
      if (opt.length > 0) {
        flush();
        at = new Op(ATTR, '', 0, false, false, data, opt, undefined);
        ops.push(at);
      }
      lit += ' ' + a.name + "='";
      for (const p of a.parts) {
        if (p.k === 1) lit += escapeApos(p.text);
        else val(p, true, data);
      }
      lit += "'";
      if (at !== undefined) {
        flush();
        at.end = ops.length;
      }
    }
    if (e.children === undefined) lit += '/>';
    else {
      lit += '>';
      const inner = e.name === 'Data' ? 1 : 0;
      for (const ch of e.children) {
        if (ch.k === 2 && start !== undefined) start.subs.push(val(ch, false, inner));
        else node(ch, inner);
      }
      lit += '</' + e.name + '>';
    }
    if (start !== undefined) {
      flush();
      start.end = ops.length;
    }
  };
  for (const n of nodes) node(n, 2);
  flush();
  return ops;
}
const NONE: readonly number[] = [];

/** nodes outside a template (a record's fragment, nested binary XML) */
function renderNodes(c: Chunk, nodes: readonly Node[], values: Values, depth: number, data: boolean): string {
  if (nodes.length === 1 && nodes[0].k === 3) return renderInstance(c, nodes[0], depth, data);
  const ops = compile(nodes);
  return run(c, ops, 0, ops.length, values, depth, data, undefined, '');
}

function renderInstance(c: Chunk, n: Instance, depth: number, data: boolean): string {
  if (--budget < 0) throw new BinXmlError('the record expands to too much XML (templates nested in templates)', 0);
  const t = n.template;
  const ops = t.ops ?? (t.ops = compile(t.nodes));
  return run(c, ops, 0, ops.length, n.values, depth + 1, data, undefined, '');
}

/** value `i` is missing or NULL */
function isNull(values: Values, i: number): boolean {
  return 3 * i >= values.length || values[3 * i] === 0;
}

/** The steps from `from` to `to`; `item` stands for the value of step `itemOf` (an array's item). */
function run(c: Chunk, ops: readonly Op[], from: number, to: number, values: Values, depth: number, data: boolean, itemOf: Op | undefined, item: string): string {
  let out = '';
  let pc = from;
  while (pc < to) {
    const op = ops[pc++];
    switch (op.k) {
      case LIT:
        out += op.s;
        break;
      case VAL: {
        if (op === itemOf) {
          out += item;
          break;
        }
        const j = 3 * op.i;
        if (j >= values.length) break;
        if (op.data !== 2) inData = op.data === 1;
        else inData = data;
        const r = renderValue(c, values[j], values[j + 1], values[j + 2], depth);
        if (op.attr) out += escapeApos(typeof r === 'string' ? r : r.join(' '));
        else out += typeof r === 'string' ? r : r.join('');
        break;
      }
      case ELEM: {
        if (--budget < 0) throw new BinXmlError('the record expands to too much XML (templates nested in templates)', 0);
        let array: readonly string[] | undefined;
        let arrayOf: Op | undefined;
        let skip = false;
        for (const s of op.subs) {
          const j = 3 * s.i;
          if (s.optional && isNull(values, s.i)) {
            skip = true;
            break;
          }
          if (j < values.length && values[j] & 0x80 && arrayOf === undefined) {
            inData = op.data === 2 ? data : op.data === 1;
            const r = renderValue(c, values[j], values[j + 1], values[j + 2], depth);
            if (typeof r !== 'string') {
              array = r;
              arrayOf = s;
            }
          }
        }
        if (skip) pc = op.end;
        else if (arrayOf !== undefined) {
          const items = array!.length === 0 ? [''] : array!;
          for (const it of items) out += run(c, ops, pc, op.end, values, depth, data, arrayOf, it);
          pc = op.end;
        }
        break;
      }
      case ATTR:
        for (const i of op.opt) {
          if (isNull(values, i)) {
            pc = op.end;
            break;
          }
        }
        break;
      case INST:
        out += renderInstance(c, op.inst!, depth, op.data === 2 ? data : op.data === 1);
        break;
    }
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
  // the records of a chunk are written in time order: the date and time to the second repeat
  if (secs !== lastSecs) {
    const d = new Date((secs - 11_644_473_600) * 1000);
    // YYYY-MM-DDTHH:MM:SS.000Z (years 0..9999)
    lastPrefix = Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 20);
    lastSecs = secs;
  }
  if (lastPrefix === '') return '';
  return lastPrefix + (frac >= 1_000_000 ? String(frac) : String(frac).padStart(7, '0')) + 'Z';
}
let lastSecs = NaN;
let lastPrefix = '';

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** GUID: 32-bit, 16-bit and 16-bit little-endian parts, then 8 bytes as they are; upper-case hex in braces */
function guid(c: Chunk, off: number): string {
  const b = c.buf;
  if (off < 0 || off + 16 > b.length) throw new RangeError('outside the chunk');
  const h = HEX2;
  return (
    '{' + h[b[off + 3]] + h[b[off + 2]] + h[b[off + 1]] + h[b[off]] + '-' + h[b[off + 5]] + h[b[off + 4]] + '-' + h[b[off + 7]] + h[b[off + 6]] + '-' +
    h[b[off + 8]] + h[b[off + 9]] + '-' + h[b[off + 10]] + h[b[off + 11]] + h[b[off + 12]] + h[b[off + 13]] + h[b[off + 14]] + h[b[off + 15]] + '}'
  );
}
/** each byte as two upper-case hex digits */
const HEX2 = Array.from({ length: 256 }, (_, i) => HEX[i >> 4] + HEX[i & 15]);

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
    case 0x0a: {
      // below 2^53 a double holds it exactly
      const hi = c.u32(off + 4);
      return hi < 0x200000 ? String(hi * 4294967296 + c.u32(off)) : readU64(c, off).toString();
    }
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
      return hi === 0 ? hex32(c.u32(off)) : '0x' + hi.toString(16) + c.u32(off).toString(16).padStart(8, '0');
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
function renderValue(c: Chunk, type: number, off: number, size: number, depth: number): string | string[] {
  const end = off + size;
  c.check(off, size, c.buf.length, 'value');
  switch (type) {
    case 0x00:
      return '';
    case 0x01:
      return escapeText(c.utf16z(off, size >> 1));
    case 0x02:
      return escapeText(stripNul(LATIN1.decode(c.buf.subarray(off, end))));
    case 0x0e: {
      let s = '';
      for (let i = off; i < end; i++) s += HEX2[c.buf[i]];
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
      return renderNodes(c, new Parser(c, off, end, depth + 1).fragment(), EMPTY, depth + 1, inData);
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
  for (let i = off; i < end; i++) s += HEX2[c.buf[i]];
  return s;
}
