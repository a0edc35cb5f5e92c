/**
 * A detection file in security_content's layout (YAML): its search, where
 * that search lies in the file, and what `splinter test` needs from it (the
 * tests and their attack data, the risk and threat objects, manual tests).
 *
 * Field names follow security_content's detection spec: `search`, `status`,
 * `type`, `tests[].attack_data[]` (`data`, `source`, `sourcetype`, `host`),
 * `rba.risk_objects[].field` / `rba.threat_objects[].field` in newer files and
 * `tags.observable[]` with `role: [Victim]` / `[Attacker]` in older ones,
 * `tags.manual_test`.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { lineCol, SplError } from '../diagnostics/diagnostic.js';

export interface AttackData {
  /** the `data:` URL or path as written */
  readonly data: string;
  readonly source?: string;
  readonly sourcetype?: string;
  readonly host?: string;
}

export interface DetectionTest {
  readonly name: string;
  readonly attackData: readonly AttackData[];
}

export interface Detection {
  readonly file: string;
  readonly name: string;
  readonly search: string;
  /** line and column in the file of an offset into `search` */
  readonly at: (offset: number) => { line: number; column: number };
  readonly status?: string;
  readonly type?: string;
  /** `tags.mitre_attack_id`: MITRE ATT&CK technique ids (T1059.001) */
  readonly mitre: readonly string[];
  readonly tests: readonly DetectionTest[];
  /** fields that must be present and non-null in every result */
  readonly riskObjects: readonly string[];
  /** fields that must be non-null in at least one result */
  readonly threatObjects: readonly string[];
  /** `tags.manual_test`: why the detection is tested by hand */
  readonly manualTest?: string;
}

function inputError(message: string, hint?: string): SplError {
  return new SplError({ stage: 'input', message, ...(hint ? { hint } : {}) });
}

/** Reads a detection file; a file that is not a detection is an input error. */
export function loadDetection(file: string): Detection {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseDetection(text, file);
}

export function parseDetection(text: string, file: string): Detection {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const at = lineCol(text, e.pos[0]);
    throw inputError(`${file}:${at.line}:${at.column}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const d = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
  const node = isMap(doc.contents) ? doc.contents.get('search', true) : undefined;
  if (!d || typeof d !== 'object' || typeof d.search !== 'string' || !isScalar(node)) {
    throw inputError(`${file} has no 'search:' text`, 'a detection file has a top-level search: key with the SPL');
  }
  const raw = d.search;
  const lead = raw.length - raw.trimStart().length;
  const search = raw.trim();
  const offsets = alignScalar(node as Scalar, raw, text);
  const at = (offset: number) => lineCol(text, offsets[Math.min(raw.length, Math.max(0, offset + lead))]);
  const tags = obj(d.tags);
  const observables = arr(tags?.observable).map(obj).filter((o): o is Record<string, unknown> => !!o);
  const role = (o: Record<string, unknown>, r: string) => arr(o.role).some((x) => typeof x === 'string' && x.toLowerCase() === r);
  const rba = obj(d.rba);
  const fieldsOf = (list: unknown) => arr(list).map(obj).map((o) => o?.field).filter((f): f is string => typeof f === 'string');
  const riskObjects = rba ? fieldsOf(rba.risk_objects) : observables.filter((o) => role(o, 'victim')).map((o) => String(o.name));
  const threatObjects = rba ? fieldsOf(rba.threat_objects) : observables.filter((o) => role(o, 'attacker')).map((o) => String(o.name));
  const tests = arr(d.tests)
    .map(obj)
    .filter((t): t is Record<string, unknown> => !!t)
    .map((t, i) => ({
      name: typeof t.name === 'string' ? t.name : `test ${i + 1}`,
      attackData: arr(t.attack_data)
        .map(obj)
        .filter((a): a is Record<string, unknown> => !!a && typeof a.data === 'string')
        .map((a) => ({
          data: (a.data as string).trim(),
          ...(typeof a.source === 'string' ? { source: a.source } : {}),
          ...(typeof a.sourcetype === 'string' ? { sourcetype: a.sourcetype } : {}),
          ...(typeof a.host === 'string' ? { host: a.host } : {}),
        })),
    }));
  const manual = tags?.manual_test;
  return {
    file,
    name: typeof d.name === 'string' ? d.name : file,
    search,
    at,
    ...(typeof d.status === 'string' ? { status: d.status } : {}),
    ...(typeof d.type === 'string' ? { type: d.type } : {}),
    mitre: arr(tags?.mitre_attack_id).filter((m): m is string => typeof m === 'string'),
    tests,
    riskObjects: [...new Set(riskObjects)],
    threatObjects: [...new Set(threatObjects)],
    ...(typeof manual === 'string' ? { manualTest: manual } : {}),
  };
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Where each character of a scalar's value lies in the file: the value and
 * its source text are walked side by side, skipping what YAML removes
 * (quotes, a doubled quote, an escape's backslash, the indentation and line
 * break that folding turns into a space). Offsets past the value map to its
 * end. An unmatched character keeps the position of the last match.
 */
function alignScalar(node: Scalar, value: string, text: string): Int32Array {
  const [start, end] = node.range ?? [0, 0, 0];
  const out = new Int32Array(value.length + 1);
  let j = start;
  // a block scalar's value starts on the line after its header (| or >)
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', start);
    j = nl < 0 ? start : nl + 1;
  } else if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') j = start + 1;
  const space = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let k = j;
    const limit = Math.min(end, j + 64);
    while (k < limit && !(text[k] === c || (space(c) && space(text[k])))) k++;
    if (k < limit) {
      out[i] = k;
      j = k + 1;
      // a folded line break: the space stands for the break and the next line's indentation
      if (space(c)) while (j < end && space(text[j]) && !(i + 1 < value.length && space(value[i + 1]))) j++;
    } else out[i] = Math.max(start, j - 1);
  }
  out[value.length] = Math.min(j, text.length);
  return out;
}
