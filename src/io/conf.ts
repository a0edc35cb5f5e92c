/**
 * Splunk .conf files (transforms.conf, eventtypes.conf, tags.conf...):
 * `[stanza]` headers, `key = value` settings, `#` comment lines, and a `\`
 * at the end of a line continuing the value on the next one
 * (Admin Manual, "Configuration file structure").
 */

/** The words .conf files accept for a boolean setting (the *.conf.spec files: 1, true, t, yes, y; 0, false, f, no, n). */
export const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes', 't', 'y', 'on']);
export const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'no', 'f', 'n', 'off']);

/** Whether a setting's value is one of the true words (any case; absent or anything else: false). */
export function confTrue(value: string | undefined): boolean {
  return value !== undefined && TRUE_WORDS.has(value.trim().toLowerCase());
}

export interface ConfStanza {
  readonly name: string;
  /** the header's line number, 1-based */
  readonly line: number;
  readonly settings: Map<string, string>;
}

export function readConfStanzas(text: string): ConfStanza[] {
  const out: ConfStanza[] = [];
  let current: ConfStanza | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + '\n' + lines[++i];
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const h = /^\[(.*)\]$/.exec(t);
    if (h) {
      current = { name: h[1].trim(), line: i + 1, settings: new Map() };
      out.push(current);
      continue;
    }
    const eq = t.indexOf('=');
    if (eq > 0 && current) current.settings.set(t.slice(0, eq).trim(), t.slice(eq + 1).trim());
  }
  return out;
}
