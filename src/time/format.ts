/**
 * The variable syntax shared by strftime and strptime formats (Splunk's
 * "Date and time format variables"): `%<letter>`, `%:z` `%::z` `%:::z`,
 * and `%<n>N` / `%<n>Q` (subseconds; N defaults to 9 digits, Q to 3).
 * Composite variables (`%T`, `%F`, `%c`...) stand for a sequence of others
 * and are expanded here, one level deep. Anything else (an unknown letter,
 * digits before another letter, colons before another letter, a lone `%` at
 * the end) is literal text.
 */

export type FormatToken =
  | { readonly kind: 'text'; readonly text: string }
  /** %z (colons 0), %:z, %::z, %:::z */
  | { readonly kind: 'offset'; readonly colons: number }
  /** %<n>N or %<n>Q: the width in digits, 1 to 9 */
  | { readonly kind: 'fraction'; readonly width: number }
  /** any other single-letter variable the caller knows */
  | { readonly kind: 'var'; readonly letter: string };

/** Variables that stand for a sequence of others (US English on Linux, as in the docs: "Thu Jul 18 09:30:00 2019"). */
const COMPOSITE: Readonly<Record<string, string>> = {
  T: '%H:%M:%S',
  F: '%Y-%m-%d',
  D: '%m/%d/%y',
  R: '%H:%M',
  r: '%I:%M:%S %p',
  c: '%a %b %e %H:%M:%S %Y',
  '+': '%a %b %e %H:%M:%S %Z %Y',
  x: '%m/%d/%Y',
  X: '%H:%M:%S',
};

/**
 * A format as tokens; adjacent text is merged. `known(letter)` says which
 * single-letter variables the caller implements (others are text).
 */
export function formatTokens(format: string, known: (letter: string) => boolean): FormatToken[] {
  const out: FormatToken[] = [];
  const text = (s: string): void => {
    const last = out[out.length - 1];
    if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + s };
    else out.push({ kind: 'text', text: s });
  };
  scan(format, 0, out, text, known);
  return out;
}

function scan(format: string, depth: number, out: FormatToken[], text: (s: string) => void, known: (letter: string) => boolean): void {
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      text(format.slice(i));
      return;
    }
    if (pct > i) text(format.slice(i, pct));
    let j = pct + 1;
    let colons = 0;
    while (format[j] === ':') {
      colons++;
      j++;
    }
    let digits = '';
    while (j < format.length && format[j] >= '0' && format[j] <= '9') digits += format[j++];
    const v = format[j];
    if (v === undefined) {
      text(format.slice(pct));
      return;
    }
    const raw = format.slice(pct, j + 1);
    i = j + 1;
    if (colons > 0) {
      if (v === 'z' && !digits && colons <= 3) out.push({ kind: 'offset', colons });
      else text(raw);
    } else if (v === 'N' || v === 'Q') {
      const width = digits ? Number(digits) : v === 'N' ? 9 : 3;
      if (width >= 1 && width <= 9) out.push({ kind: 'fraction', width });
      else text(raw);
    } else if (digits) {
      text(raw);
    } else if (v === 'z') {
      out.push({ kind: 'offset', colons: 0 });
    } else if (known(v)) {
      out.push({ kind: 'var', letter: v });
    } else if (COMPOSITE[v] !== undefined && depth === 0) {
      scan(COMPOSITE[v], depth + 1, out, text, known);
    } else {
      text(raw);
    }
  }
}
