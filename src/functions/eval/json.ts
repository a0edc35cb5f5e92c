/**
 * JSON functions, spath() and mv_to_json_array().
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/json-functions
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/text-functions (spath)
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/multivalue-eval-functions (mv_to_json_array)
 *
 * Values and JSON:
 * - A JSON document is a string. Functions that build JSON (json_object,
 *   json_array, json_set...) print it compactly (`{"name":"maria"}`).
 * - A value put into JSON becomes: a number → a JSON number; a multivalue →
 *   an array; TRUE/FALSE → true/false; NULL → null; a string → a JSON
 *   string, except a string that is itself a JSON object or array (the
 *   result of another JSON function, or a field holding JSON), which is
 *   embedded as it is, so that json_object("a", json_array(1, 2)) gives
 *   {"a":[1,2]} ("A <value> can be a string, number, Boolean, null,
 *   multivalue field, array, or another JSON object").
 * - What comes out of JSON is a "Splunk software native type value": a
 *   string without its quotes, a number, true/false as "true"/"false", an
 *   object or array as compact JSON text; JSON null gives NULL.
 * - Paths are spath paths: steps separated by dots, each a key optionally
 *   followed by {N} (a 0-based array index in JSON) or {} (every element);
 *   a path may start with {N} or {} for a top-level array. The *_exact
 *   functions take keys literally instead (a dot is part of the key).
 * - JSON that does not parse, a path that does not exist, or a NULL
 *   argument gives NULL (json_valid gives FALSE).
 */
import { xmlParser, type XmlNode } from '../../values/xmldoc.js';
import type { EvalFunction } from './types.js';
import type { EvalValue, Scalar } from '../../values/value.js';
import { formatNumber, toStr } from '../../values/coerce.js';
import { define, result, str, valuesOfEval } from './util.js';
import { JsonNumber, jsonTooDeep, parseJsonKeepNumbers, stringifyJson } from '../../io/json.js';

/** a number a double cannot hold exactly (an 18-digit id) is a JsonNumber: read as its text, written back bare */
export type Json = null | boolean | number | string | JsonNumber | Json[] | { [k: string]: Json };

/**
 * Parses JSON text; undefined when it is not JSON, or nests deeper than
 * MAX_JSON_DEPTH ([decision]: as a JSON event that deep is skipped; walking
 * and writing such a document back recurse, and 20,000 levels overflowed
 * the stack).
 */
export function parseJson(text: string): Json | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  let v: Json;
  try {
    v = parseJsonKeepNumbers(t) as Json;
  } catch {
    return undefined;
  }
  return isContainer(v) && jsonTooDeep(v) ? undefined : v;
}

function isContainer(v: Json | undefined): v is Json[] | { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !(v instanceof JsonNumber);
}

/** A string that is a JSON object or array, parsed; else undefined. */
function embedded(s: string): Json | undefined {
  const c = s.trimStart()[0];
  if (c !== '{' && c !== '[') return undefined;
  const v = parseJson(s);
  return isContainer(v) ? v : undefined;
}

/** An eval value as JSON (see the header). */
export function toJson(v: EvalValue): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : formatNumber(v);
  if (Array.isArray(v)) return (v as readonly Scalar[]).map((x) => toJson(x));
  const s = v as string;
  const e = embedded(s);
  return e === undefined ? s : e;
}

/** A JSON value as an eval value (see the header). */
export function fromJson(j: Json | undefined): EvalValue {
  if (j === undefined || j === null) return null;
  if (typeof j === 'string' || typeof j === 'number') return j;
  if (typeof j === 'boolean') return j ? 'true' : 'false';
  if (j instanceof JsonNumber) return j.text;
  return stringifyJson(j);
}

/** One step of an spath path: a key (or none for a leading index) and its indexes ('*' = every element). */
interface Step {
  readonly key?: string;
  readonly indexes: readonly (number | '*')[];
}

const pathCache = new Map<string, readonly Step[] | null>();

/** Parses an spath path; null when it is malformed. */
export function parsePath(path: string): readonly Step[] | null {
  let steps = pathCache.get(path);
  if (steps !== undefined) return steps;
  const out: Step[] = [];
  let ok = true;
  for (const part of path === '' ? [] : path.split('.')) {
    const m = /^([^{}]*)((?:\{-?\d*\})*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '' )) {
      ok = false;
      break;
    }
    const indexes = [...m[2].matchAll(/\{(-?\d*)\}/g)].map((x) => (x[1] === '' ? ('*' as const) : Number(x[1])));
    out.push(m[1] === '' ? { indexes } : { key: m[1], indexes });
  }
  steps = ok ? out : null;
  if (pathCache.size > 2000) pathCache.clear();
  pathCache.set(path, steps);
  return steps;
}

/** Every JSON value a path reaches ({} fans out); `wild` tells whether the path had {}. */
function walk(root: Json, steps: readonly Step[]): { values: Json[]; wild: boolean } {
  let cur: Json[] = [root];
  let wild = false;
  for (const s of steps) {
    const next: Json[] = [];
    for (const v of cur) {
      let items: Json[] = [v];
      if (s.key !== undefined) {
        items = isContainer(v) && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, s.key) ? [v[s.key]] : [];
      }
      for (const ix of s.indexes) {
        const n: Json[] = [];
        for (const it of items) {
          if (!Array.isArray(it)) continue;
          if (ix === '*') {
            wild = true;
            n.push(...it);
          } else {
            const i = ix < 0 ? it.length + ix : ix;
            if (i >= 0 && i < it.length) n.push(it[i]);
          }
        }
        items = n;
      }
      next.push(...items);
    }
    cur = next;
  }
  return { values: cur, wild };
}

/** json_extract of one path: a native value, or a JSON array when {} matched several. */
function extractOne(doc: Json, path: string): Json | undefined {
  const steps = parsePath(path);
  if (!steps) return undefined;
  const { values, wild } = walk(doc, steps);
  if (wild) return values;
  return values.length ? values[0] : undefined;
}

function docOf(v: EvalValue): Json | undefined {
  const s = str(v);
  return s === null ? undefined : parseJson(s);
}

const jsonObjectFn = define('json_object', 0, Infinity, (args, env) => {
  if (args.length % 2 !== 0) return null;
  const obj: { [k: string]: Json } = {};
  for (let i = 0; i < args.length; i += 2) {
    const k = str(args[i](env));
    if (k === null) return null;
    obj[k] = toJson(args[i + 1](env));
  }
  return stringifyJson(obj);
}, (info) => (info.length % 2 !== 0 ? { message: 'needs key-value pairs: an even number of arguments', hint: 'e.g. json_object("name", "maria", "age", 30)' } : undefined));

const jsonArrayFn = define('json_array', 0, Infinity, (args, env) => stringifyJson(args.map((a) => toJson(a(env)))));

const jsonFn = define('json', 1, 1, (args, env) => {
  const s = str(args[0](env));
  return s !== null && parseJson(s) !== undefined ? s : null;
});

const jsonValidFn = define('json_valid', 1, 1, (args, env) => {
  const s = str(args[0](env));
  return s !== null && parseJson(s) !== undefined;
});

const jsonExtractFn = define('json_extract', 1, Infinity, (args, env) => {
  const doc = docOf(args[0](env));
  if (doc === undefined) return null;
  if (args.length === 1) return fromJson(doc);
  if (args.length === 2) {
    const p = str(args[1](env));
    return p === null ? null : fromJson(extractOne(doc, p));
  }
  // several paths: a JSON array of what each reaches (null where nothing)
  const out: Json[] = [];
  for (let i = 1; i < args.length; i++) {
    const p = str(args[i](env));
    const v = p === null ? undefined : extractOne(doc, p);
    out.push(v === undefined ? null : v);
  }
  return stringifyJson(out);
});

const jsonExtractExactFn = define('json_extract_exact', 1, Infinity, (args, env) => {
  const doc = docOf(args[0](env));
  if (doc === undefined) return null;
  if (args.length === 1) return fromJson(doc);
  const get = (k: string | null): Json | undefined =>
    k !== null && isContainer(doc) && !Array.isArray(doc) && Object.prototype.hasOwnProperty.call(doc, k) ? doc[k] : undefined;
  if (args.length === 2) return fromJson(get(str(args[1](env))));
  const out: Json[] = [];
  for (let i = 1; i < args.length; i++) out.push(get(str(args[i](env))) ?? null);
  return stringifyJson(out);
});

const jsonHasKeyExactFn = define('json_has_key_exact', 2, 2, (args, env) => {
  const doc = docOf(args[0](env));
  const k = str(args[1](env));
  return k !== null && isContainer(doc) && !Array.isArray(doc) && Object.prototype.hasOwnProperty.call(doc, k);
});

const jsonKeysFn = define('json_keys', 1, 1, (args, env) => {
  const doc = docOf(args[0](env));
  if (!isContainer(doc) || Array.isArray(doc)) return null;
  return stringifyJson(Object.keys(doc));
});

const jsonEntriesFn = define('json_entries', 1, 1, (args, env) => {
  const doc = docOf(args[0](env));
  if (!isContainer(doc) || Array.isArray(doc)) return null;
  return stringifyJson(Object.entries(doc).map(([key, value]) => ({ key, value })));
});

const jsonArrayToMvFn = define('json_array_to_mv', 1, 2, (args, env) => {
  const doc = docOf(args[0](env));
  if (!Array.isArray(doc)) return null;
  const keepQuotes = args.length > 1 && args[1](env) === true;
  const out: Scalar[] = [];
  for (const el of doc) {
    if (el === null) continue;
    if (typeof el === 'string') out.push(keepQuotes ? JSON.stringify(el) : el);
    else out.push(fromJson(el) as Scalar);
  }
  return result(out);
});

const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

const mvToJsonArrayFn = define('mv_to_json_array', 1, 2, (args, env) => {
  const vals = valuesOfEval(args[0](env));
  if (vals.length === 0) return null;
  const infer = args.length > 1 && args[1](env) === true;
  // without infer_types every value is a JSON string; with it, numbers,
  // true/false/null and JSON objects or arrays keep their type
  return stringifyJson(
    vals.map((v): Json => {
      const s = toStr(v);
      if (!infer) return s;
      if (LITERAL.test(s)) return parseJsonKeepNumbers(s) as Json;
      const e = embedded(s);
      return e === undefined ? s : e;
    }),
  );
});

/** Applies fn to the container a path leads to (creating objects on the way when create is set). */
function atPath(doc: Json, steps: readonly Step[], create: boolean, fn: (parent: Json[] | { [k: string]: Json }, key: string | number) => void): void {
  let cur: Json = doc;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const last = i === steps.length - 1;
    if (s.key !== undefined) {
      if (!isContainer(cur) || Array.isArray(cur)) return;
      if (last && s.indexes.length === 0) return fn(cur, s.key);
      if (!Object.prototype.hasOwnProperty.call(cur, s.key) || !isContainer(cur[s.key])) {
        if (!create || s.indexes.length) return;
        cur[s.key] = {};
      }
      cur = cur[s.key];
    }
    for (let j = 0; j < s.indexes.length; j++) {
      const ix = s.indexes[j];
      if (!Array.isArray(cur) || ix === '*') return;
      const k = ix < 0 ? cur.length + ix : ix;
      if (k < 0 || k >= cur.length) return;
      if (last && j === s.indexes.length - 1) return fn(cur, k);
      cur = cur[k];
    }
  }
}

type Edit = (parent: Json[] | { [k: string]: Json }, key: string | number, value: EvalValue) => void;

function get(parent: Json[] | { [k: string]: Json }, key: string | number): Json | undefined {
  return Array.isArray(parent) ? parent[key as number] : Object.prototype.hasOwnProperty.call(parent, key) ? parent[key as string] : undefined;
}
function put(parent: Json[] | { [k: string]: Json }, key: string | number, v: Json): void {
  if (Array.isArray(parent)) parent[key as number] = v;
  else parent[key as string] = v;
}

/** json_set / json_append / json_extend: path-value pairs applied in order. */
function pathValueFunction(name: string, exact: boolean, create: boolean, edit: Edit): EvalFunction {
  return define(
    name,
    3,
    Infinity,
    (args, env) => {
      if (args.length % 2 !== 1) return null;
      const doc = docOf(args[0](env));
      if (!isContainer(doc)) return null;
      for (let i = 1; i < args.length; i += 2) {
        const p = str(args[i](env));
        if (p === null) continue;
        const value = args[i + 1](env);
        if (exact) {
          if (!Array.isArray(doc)) edit(doc, p, value);
          continue;
        }
        const steps = parsePath(p);
        if (!steps || steps.length === 0) continue;
        atPath(doc, steps, create, (parent, key) => edit(parent, key, value));
      }
      return stringifyJson(doc);
    },
    (info) => (info.length % 2 !== 1 ? { message: 'needs a JSON value then path-value pairs', hint: `e.g. ${name}(doc, "a.b", "new value")` } : undefined),
  );
}

// json_set: "Inserts or overwrites values for a JSON node"; missing keys on the path are created
const jsonSetFn = pathValueFunction('json_set', false, true, (parent, key, value) => put(parent, key, toJson(value)));
const jsonSetExactFn = pathValueFunction('json_set_exact', true, true, (parent, key, value) => put(parent, key, toJson(value)));
// json_append: adds the value at the end of the array the path leads to; a
// value there that is not an array becomes an array of it and the new value
const jsonAppendFn = pathValueFunction('json_append', false, false, (parent, key, value) => {
  const old = get(parent, key);
  if (old === undefined) return;
  put(parent, key, [...(Array.isArray(old) ? old : [old]), toJson(value)]);
});
// json_extend: adds every element of an array (a JSON array, or a multivalue)
const jsonExtendFn = pathValueFunction('json_extend', false, false, (parent, key, value) => {
  const old = get(parent, key);
  if (old === undefined) return;
  const add = toJson(value);
  put(parent, key, [...(Array.isArray(old) ? old : [old]), ...(Array.isArray(add) ? add : [add])]);
});

const jsonDeleteFn = define('json_delete', 2, Infinity, (args, env) => {
  const doc = docOf(args[0](env));
  if (!isContainer(doc)) return null;
  for (let i = 1; i < args.length; i++) {
    const p = str(args[i](env));
    const steps = p === null ? null : parsePath(p);
    if (!steps || steps.length === 0) continue;
    atPath(doc, steps, false, (parent, key) => {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    });
  }
  return stringifyJson(doc);
});

// ---------------------------------------------------------------- spath()


function xmlTag(n: XmlNode): string | undefined {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return undefined;
}

function xmlText(n: XmlNode): string {
  const tag = xmlTag(n);
  if (tag === undefined) return '';
  if (tag === '#text') return String(n[tag]);
  const kids = n[tag] as XmlNode[];
  return kids.map(xmlText).join('');
}

/**
 * spath over XML: the first step names the root element; {N} picks the Nth
 * (1-based in XML, as the spath command documents) of the elements so far;
 * {@attr} reads an attribute.
 */
function spathXml(text: string, path: string): Scalar[] | null {
  let nodes: XmlNode[];
  try {
    nodes = xmlParser.parse(text) as XmlNode[];
  } catch {
    return null;
  }
  let cur: XmlNode[] = nodes;
  let first = true;
  for (const part of path.split('.')) {
    const m = /^([^{}]*)((?:\{[^{}]*\})*)$/.exec(part);
    if (!m) return null;
    let next: XmlNode[] = [];
    if (m[1] !== '') {
      const pool = first ? cur : cur.flatMap((n) => (xmlTag(n) ? ((n[xmlTag(n)!] as XmlNode[]) ?? []) : []));
      next = pool.filter((n) => Array.isArray(n[m[1]]) && xmlTag(n) === m[1]);
    } else next = cur;
    first = false;
    for (const ix of [...m[2].matchAll(/\{([^{}]*)\}/g)].map((x) => x[1])) {
      if (ix.startsWith('@')) {
        const out: Scalar[] = [];
        for (const n of next) {
          const a = n[':@']?.[ix.slice(1)];
          if (a !== undefined) out.push(a);
        }
        return out;
      }
      if (/^\d+$/.test(ix)) {
        const k = Number(ix) - 1;
        next = k >= 0 && k < next.length ? [next[k]] : [];
      }
    }
    cur = next;
  }
  return cur.map(xmlText);
}

/**
 * spath(<value>, <path>): "extracts information from the structured data
 * formats XML and JSON"; several matches give a multivalue.
 */
export function spathValue(text: string, path: string): EvalValue {
  const t = text.trimStart();
  if (t.startsWith('<')) return result(spathXml(text, path) ?? []);
  const doc = parseJson(text);
  if (doc === undefined) return null;
  const steps = parsePath(path);
  if (!steps) return null;
  const out: Scalar[] = [];
  for (const v of walk(doc, steps).values) {
    const e = fromJson(v);
    if (e !== null) out.push(e as Scalar);
  }
  return result(out);
}

const spathFn = define('spath', 2, 2, (args, env) => {
  const s = str(args[0](env));
  const p = str(args[1](env));
  if (s === null || p === null) return null;
  return spathValue(s, p);
});

export const jsonFunctions: readonly EvalFunction[] = [
  jsonObjectFn,
  jsonArrayFn,
  jsonFn,
  jsonValidFn,
  jsonExtractFn,
  jsonExtractExactFn,
  jsonHasKeyExactFn,
  jsonKeysFn,
  jsonEntriesFn,
  jsonArrayToMvFn,
  mvToJsonArrayFn,
  jsonSetFn,
  jsonSetExactFn,
  jsonAppendFn,
  jsonExtendFn,
  jsonDeleteFn,
  spathFn,
];
