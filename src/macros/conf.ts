/**
 * Loader for Splunk `macros.conf` files.
 *
 * Format (macros.conf.spec, Splunk 10.0,
 * https://help.splunk.com/en/data-management/splunk-enterprise-admin-manual/10.0/10.0.0-configuration-file-reference/macros.conf,
 * and the general .conf syntax of the Admin Manual "About configuration files"):
 * - `[name]` for a macro without arguments, `[name(N)]` for one with N;
 * - settings `definition`, `args` (comma separated names, required when N > 0),
 *   `iseval`, `validation`, `errormsg`, `description`; others are ignored;
 * - a line whose first non-blank character is `#` is a comment (a `#` later
 *   in a line is part of the value);
 * - a value line ending in `\` continues on the next line: the backslash is
 *   dropped and the line break kept, which is how Splunk writes multi-line
 *   definitions saved from the UI;
 * - a stanza repeated in one file merges its settings, the later one winning;
 * - `[default]` and settings before the first stanza are ignored.
 * A stanza that has no `definition` takes the settings it lacks from the
 * macro of the same name and arity loaded from an earlier source (Splunk's
 * layering of .conf files); without one, it is an error.
 */
import { FALSE_WORDS, TRUE_WORDS } from '../io/conf.js';
import { checkArgNames, fileError, type MacroDef } from './definitions.js';

interface RawSetting {
  value: string;
  line: number;
}

interface RawStanza {
  header: string;
  line: number;
  settings: Map<string, RawSetting>;
}

const STANZA_WITH_ARITY = /^(.*?)\s*\(\s*([^)]*?)\s*\)$/;

/** Splits a .conf text into stanzas with their settings (line numbers kept). */
function readStanzas(text: string, file: string): RawStanza[] {
  const lines = text.split('\n');
  const stanzas: RawStanza[] = [];
  const byHeader = new Map<string, RawStanza>();
  let current: RawStanza | undefined;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('[')) {
      if (!trimmed.endsWith(']')) {
        throw fileError(file, lineNo, `stanza header '${trimmed}' has no closing ']'`, undefined, text);
      }
      const header = trimmed.slice(1, -1).trim();
      const existing = byHeader.get(header);
      if (existing) {
        current = existing;
      } else {
        current = { header, line: lineNo, settings: new Map() };
        byHeader.set(header, current);
        stanzas.push(current);
      }
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      throw fileError(
        file,
        lineNo,
        `expected 'setting = value', a '[stanza]' header or a '#' comment, found '${trimmed}'`,
        undefined,
        text,
      );
    }
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).replace(/^[ \t]+/, '');
    // continuation lines
    while (value.endsWith('\\') && i + 1 < lines.length) {
      i++;
      let next = lines[i];
      if (next.endsWith('\r')) next = next.slice(0, -1);
      value = value.slice(0, -1) + '\n' + next;
    }
    value = value.replace(/[ \t]+$/, '');
    if (key === '') throw fileError(file, lineNo, 'setting has no name before =', undefined, text);
    if (current) current.settings.set(key, { value, line: lineNo });
  }
  return stanzas;
}

function parseBool(s: RawSetting, file: string, key: string, text: string): boolean {
  const v = s.value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  throw fileError(file, s.line, `${key} must be true or false, found '${s.value}'`, undefined, text);
}

/**
 * Parses a macros.conf text. `previous` gives the definition an earlier
 * source made for a name and arity, for stanzas that only override some
 * settings.
 */
export function parseMacrosConf(
  text: string,
  file: string,
  previous?: (name: string, arity: number) => MacroDef | undefined,
): MacroDef[] {
  const out: MacroDef[] = [];
  for (const st of readStanzas(text, file)) {
    if (st.header === 'default') continue;
    let name = st.header;
    let arity = 0;
    const m = STANZA_WITH_ARITY.exec(st.header);
    if (m) {
      name = m[1];
      if (!/^\d+$/.test(m[2])) {
        throw fileError(
          file,
          st.line,
          `bad stanza [${st.header}]: the number of arguments in '(${m[2]})' must be a whole number`,
          'name a macro with N arguments [name(N)] and list them in args = a, b, ...',
          text,
        );
      }
      arity = Number(m[2]);
    } else if (st.header.includes('(') || st.header.includes(')')) {
      throw fileError(file, st.line, `bad stanza [${st.header}]: unbalanced parentheses`, undefined, text);
    }
    if (name === '' || name.includes('`')) {
      throw fileError(file, st.line, `bad stanza [${st.header}]: not a usable macro name`, undefined, text);
    }
    const prev = previous?.(name, arity);
    const get = (k: string): RawSetting | undefined => st.settings.get(k);

    const def = get('definition');
    if (!def && !prev) {
      throw fileError(file, st.line, `stanza [${st.header}] has no definition`, undefined, text);
    }

    let args: string[];
    const argsSetting = get('args');
    if (arity === 0) {
      args = []; // the spec: args is ignored when the stanza has no (N)
    } else if (argsSetting) {
      args = argsSetting.value.split(',').map((a) => a.trim());
      if (args.length === 1 && args[0] === '') args = [];
      const bad = checkArgNames(args);
      if (bad) throw fileError(file, argsSetting.line, `stanza [${st.header}]: ${bad}`, undefined, text);
      if (args.length !== arity) {
        throw fileError(
          file,
          argsSetting.line,
          `stanza [${st.header}] takes ${arity} argument${arity === 1 ? '' : 's'} but args names ${args.length}`,
          undefined,
          text,
        );
      }
    } else if (prev) {
      args = [...prev.args];
    } else {
      throw fileError(
        file,
        st.line,
        `stanza [${st.header}] takes ${arity} argument${arity === 1 ? '' : 's'} but has no args setting naming them`,
        `add args = ${Array.from({ length: arity }, (_, i) => `arg${i + 1}`).join(', ')}`,
        text,
      );
    }

    const iseval = get('iseval');
    const validation = get('validation');
    const errormsg = get('errormsg');
    const description = get('description');
    const result: MacroDef = {
      name,
      arity,
      args,
      definition: def ? def.value : (prev as MacroDef).definition,
      iseval: iseval ? parseBool(iseval, file, 'iseval', text) : (prev?.iseval ?? false),
      ...optional('validation', validation?.value ?? prev?.validation),
      ...optional('errormsg', errormsg?.value ?? prev?.errormsg),
      ...optional('description', description?.value ?? prev?.description),
      origin: def ? { file, line: st.line } : (prev as MacroDef).origin,
      ...(def ? {} : { amendedBy: [...((prev as MacroDef).amendedBy ?? []), { file, line: st.line }] }),
    };
    out.push(result);
  }
  return out;
}

function optional<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined || v === '' ? {} : { [key]: v }) as { [P in K]?: string };
}
