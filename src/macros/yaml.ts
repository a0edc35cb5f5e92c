/**
 * Loader for security_content macro YAML files (`macros/*.yml`).
 *
 * Fields (security_content macros; contentctl `objects/macro.py`):
 * `name` (string), `definition` (string), optional `arguments` (list of
 * names), `description`; other fields (id, author, date...) are ignored.
 * contentctl turns such a file into the macros.conf stanza
 * `[name(len(arguments))]` with `args = a, b` (contentctl
 * `output/templates/macros.j2`), which is the definition produced here.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { checkArgNames, fileError, type MacroDef } from './definitions.js';

/** Parses one macro YAML file. */
export function parseMacroYaml(text: string, file: string): MacroDef {
  let lc = new LineCounter();
  let doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    // security_content has quoted multi-line definitions whose continuation
    // lines start in column 0 (macros/base64decode.yml). PyYAML, which
    // contentctl uses, accepts them; the YAML 1.2 spec and the yaml package do
    // not. Indenting those lines by one space keeps the value (leading blanks
    // of continuation lines are folded away) and makes the file valid.
    const repaired = indentFlowContinuations(text);
    if (repaired !== text) {
      const lc2 = new LineCounter();
      const doc2 = parseDocument(repaired, { lineCounter: lc2, prettyErrors: false, uniqueKeys: false });
      if (doc2.errors.length === 0) {
        doc = doc2;
        lc = lc2;
      }
    }
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? 1;
    const msg = e.message.split('\n')[0];
    throw fileError(file, line, `YAML syntax error: ${msg}`, undefined, text);
  }
  const root = doc.contents;
  if (!isMap(root)) {
    throw fileError(file, 1, 'a macro YAML file must be a mapping with name and definition', undefined, text);
  }
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? lc.linePos(node.range[0]).line : 1;
  const fields = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of root.items) {
    const key = pair.key as Node;
    if (isScalar(key) && typeof key.value === 'string') {
      fields.set(key.value, { key, value: (pair.value as Node | null) ?? null });
    }
  }

  const scalarString = (field: string, required: boolean): { value: string; line: number } | undefined => {
    const f = fields.get(field);
    if (!f) {
      if (required) throw fileError(file, 1, `macro file has no '${field}'`, undefined, text);
      return undefined;
    }
    const v = f.value;
    if (!isScalar(v) || v.value === null || typeof v.value === 'object') {
      throw fileError(file, lineOf(f.key), `'${field}' must be a string`, undefined, text);
    }
    return { value: String(v.value), line: lineOf(f.key) };
  };

  const name = scalarString('name', true) as { value: string; line: number };
  const definition = scalarString('definition', true) as { value: string; line: number };
  const name0 = name.value.trim();
  if (name0 === '' || /[`()\s]/.test(name0)) {
    throw fileError(file, name.line, `'${name.value}' is not a usable macro name`, undefined, text);
  }

  let args: string[] = [];
  const argField = fields.get('arguments');
  if (argField && argField.value !== null && !(isScalar(argField.value) && argField.value.value === null)) {
    const seq = argField.value;
    if (!isSeq(seq)) {
      throw fileError(file, lineOf(argField.key), "'arguments' must be a list of names", undefined, text);
    }
    args = seq.items.map((item) => {
      const n = item as Node;
      if (!isScalar(n) || n.value === null || typeof n.value === 'object') {
        throw fileError(file, lineOf(n), "'arguments' must be a list of names", undefined, text);
      }
      return String(n.value).trim();
    });
    const bad = checkArgNames(args);
    if (bad) throw fileError(file, lineOf(argField.key), bad, undefined, text);
  }

  const description = scalarString('description', false);
  return {
    name: name0,
    arity: args.length,
    args,
    definition: definition.value,
    iseval: false,
    ...(description && description.value !== '' ? { description: description.value } : {}),
    origin: { file, line: definition.line },
  };
}

/**
 * Indents by one space the column-0 continuation lines of single- or
 * double-quoted scalars that start as the value of a top-level key. Other
 * text is returned unchanged.
 */
function indentFlowContinuations(text: string): string {
  const lines = text.split('\n');
  let quote: "'" | '"' | undefined;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    let from: number;
    if (quote) {
      if (line.length > 0 && line[0] !== ' ' && line[0] !== '\t') {
        line = ' ' + line;
        lines[i] = line;
        changed = true;
      }
      from = 0;
    } else {
      const m = /^[A-Za-z0-9_-]+:[ \t]+(['"])/.exec(line);
      if (!m) continue;
      quote = m[1] as "'" | '"';
      from = m[0].length;
    }
    // look for the closing quote on this line
    for (let j = from; j < line.length; j++) {
      const c = line[j];
      if (quote === "'" && c === "'") {
        if (line[j + 1] === "'") j++;
        else {
          quote = undefined;
          break;
        }
      } else if (quote === '"') {
        if (c === '\\') j++;
        else if (c === '"') {
          quote = undefined;
          break;
        }
      }
    }
  }
  return changed ? lines.join('\n') : text;
}
