/**
 * JSON flattening as Splunk names JSON fields (KV_MODE = json / spath):
 * nested objects give dotted names (`a.b.c`), array elements are named with
 * `{}` after the array's name (`tags{}`, `procs{}.pid`, `m{}{}`), and the
 * values of one name collect into a multivalue in document order.
 *
 * Values are kept as text: strings as they are, numbers and booleans in
 * their JSON spelling, null as `null`. Empty strings, empty objects and
 * empty arrays give no field.
 */
import type { Row } from '../values/value.js';
import { addValue } from './xml/winevent.js';

/**
 * The deepest JSON event splinter reads. [decision] Splunk documents no
 * depth; flattening recurses, so an event nested deeper than this (a 5,000
 * deep one overflowed the stack) is skipped and reported by the reader.
 */
export const MAX_JSON_DEPTH = 500;

/** True when a parsed JSON value nests objects or arrays deeper than `max`, found without recursion. */
export function jsonTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const c of Array.isArray(v) ? v : Object.values(v as object)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return false;
}

function flattenInto(value: unknown, name: string, row: Row): void {
  if (value === null) {
    addValue(row, name, 'null');
    return;
  }
  switch (typeof value) {
    case 'string':
      if (value.length > 0) addValue(row, name, value);
      return;
    case 'number':
    case 'boolean':
      addValue(row, name, String(value));
      return;
    case 'object':
      if (Array.isArray(value)) {
        const n = name + '{}';
        for (const v of value) flattenInto(v, n, row);
      } else {
        for (const key in value as Record<string, unknown>) {
          flattenInto((value as Record<string, unknown>)[key], name === '' ? key : name + '.' + key, row);
        }
      }
      return;
    default:
      return;
  }
}

/** Adds the fields of a parsed JSON object to the row. */
export function flattenJson(obj: unknown, row: Row): void {
  if (obj === null || typeof obj !== 'object' || jsonTooDeep(obj)) return;
  if (Array.isArray(obj)) flattenInto(obj, '', row);
  else flattenInto(obj, '', row);
}

/*
 * Parsing that keeps numbers as written.
 *
 * JSON.parse turns every number into a double: `9007199254740993` (2^53 + 1)
 * and 18-digit account ids come back rounded, `1.10` as `1.1`, `1e3` as
 * `1000`. Splunk's JSON extraction keeps field values as the text of the
 * event, so two ids that differ in their last digit stay two values. Node 20
 * has no reviver `context.source`, so: a cheap test finds lines that may
 * hold a number whose text a double does not give back; only those go
 * through the small parser below, which keeps such a number as its text (a
 * string) and everything else as JSON.parse would give it.
 */

/**
 * A number token that String(Number(text)) may not reproduce: 16 or more
 * digits (and dots), a fraction ending in 0, an exponent, 0.00000x, -0. It
 * looks only at what follows `:`, `[` or `,`, so it may fire inside a string
 * too (then the exact parser runs for nothing, with the same result).
 */
const RISKY_NUMBER = /[:[,]\s*(?:-?(?:\d[\d.]{15}|\d+\.\d*0(?!\d)|\d+(?:\.\d+)?[eE]|0\.0{5})|-0(?![.\deE]))/;

/** A number a double reads back to the same text, or the text itself. */
function numberValue(text: string): number | string {
  const n = Number(text);
  return String(n) === text ? n : text;
}

/**
 * A JSON number whose text a double would not give back (2^53 + 1, `1.10`),
 * for code that writes JSON again (the eval JSON functions): it reads as its
 * text and is written back as the same bare number.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
  /** JSON.stringify writes this marked string; stringifyJson unquotes it */
  toJSON(): string {
    return MARK + this.text;
  }
}

/** A number a double reads back to the same text, or a JsonNumber. */
function numberKept(text: string): number | JsonNumber {
  const n = Number(text);
  return String(n) === text ? n : new JsonNumber(text);
}

/** a mark no JSON text from an event can hold: a control character and a per-process random word */
const NONCE = Math.random().toString(36).slice(2, 10);
const MARK = `\u0000${NONCE}:`;
const MARKED = new RegExp(`"\\\\u0000${NONCE}:([-+.\\deE]+)"`, 'g');

/** JSON.stringify, with each JsonNumber written as its bare text. */
export function stringifyJson(v: unknown): string {
  const out = JSON.stringify(v);
  return out !== undefined && out.includes(NONCE) ? out.replace(MARKED, '$1') : out;
}

class JsonSyntax extends Error {}

/** Nesting deeper than this goes to JSON.parse (numbers then as doubles): the parser below recurses. */
const MAX_DEPTH = 500;

/** The small parser: values as JSON.parse gives them, but numbers as numberValue(text). */
class ExactParser {
  i = 0;
  /** [start, end) of each element of a top-level array */
  readonly spans: [number, number][] = [];
  /** keep: numbers as numberKept (JsonNumber), else as numberValue (text) */
  constructor(private readonly s: string, private readonly keep = false) {}

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new JsonSyntax('too deep');
    this.ws();
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) return this.string();
    if (c === 45 || (c >= 48 && c <= 57)) {
      const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      m.lastIndex = this.i;
      const r = m.exec(s);
      if (!r) throw new JsonSyntax('number');
      this.i += r[0].length;
      return this.keep ? numberKept(r[0]) : numberValue(r[0]);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    throw new JsonSyntax('value');
  }

  string(): string {
    const s = this.s;
    const start = this.i;
    let j = start + 1;
    for (;;) {
      const q = s.indexOf('"', j);
      if (q < 0) throw new JsonSyntax('string');
      // count the backslashes before the quote: an odd number escapes it
      let k = q - 1;
      while (k > start && s.charCodeAt(k) === 92) k--;
      if ((q - 1 - k) % 2 === 0) {
        this.i = q + 1;
        return JSON.parse(s.slice(start, q + 1)) as string;
      }
      j = q + 1;
    }
  }

  object(depth: number): Record<string, unknown> {
    // no prototype: a key `__proto__` is a key like any other, as with JSON.parse
    const o = Object.create(null) as Record<string, unknown>;
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 125) {
      this.i++;
      return o;
    }
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.i) !== 34) throw new JsonSyntax('key');
      const k = this.string();
      this.ws();
      if (this.s.charCodeAt(this.i) !== 58) throw new JsonSyntax(':');
      this.i++;
      o[k] = this.value(depth + 1);
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 125) return o;
      if (c !== 44) throw new JsonSyntax(',');
    }
  }

  array(depth: number): unknown[] {
    const a: unknown[] = [];
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 93) {
      this.i++;
      return a;
    }
    for (;;) {
      this.ws();
      const start = this.i;
      a.push(this.value(depth + 1));
      if (depth === 0) this.spans.push([start, this.i]);
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 93) return a;
      if (c !== 44) throw new JsonSyntax(',');
    }
  }
}

export interface ExactJson {
  readonly value: unknown;
  /** for a top-level array read by the exact parser: the text of each element as written */
  readonly elements?: readonly string[];
}

/**
 * Parses JSON text like JSON.parse (and throws its SyntaxError on bad
 * input), except that a number whose double would not give its text back
 * is kept as its text.
 */
export function parseJsonExact(text: string): ExactJson {
  if (!RISKY_NUMBER.test(text)) return { value: JSON.parse(text) };
  const p = new ExactParser(text);
  try {
    const value = p.value(0);
    p.ws();
    if (p.i !== text.length) throw new JsonSyntax('trailing');
    return Array.isArray(value) ? { value, elements: p.spans.map(([a, b]) => text.slice(a, b)) } : { value };
  } catch (e) {
    if (!(e instanceof JsonSyntax)) throw e;
    // not JSON (JSON.parse says why), or nested too deep for this parser
    return { value: JSON.parse(text) };
  }
}

/**
 * Parses JSON text like JSON.parse (and throws its SyntaxError on bad
 * input), except that a number whose double would not give its text back
 * is a JsonNumber.
 */
export function parseJsonKeepNumbers(text: string): unknown {
  if (!RISKY_NUMBER.test(text) && !/^\s*-?\d/.test(text)) return JSON.parse(text);
  const p = new ExactParser(text, true);
  try {
    const value = p.value(0);
    p.ws();
    if (p.i !== text.length) throw new JsonSyntax('trailing');
    return value;
  } catch (e) {
    if (!(e instanceof JsonSyntax)) throw e;
    return JSON.parse(text);
  }
}
