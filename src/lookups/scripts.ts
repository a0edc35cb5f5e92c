/**
 * External (scripted) lookups that splinter computes itself.
 *
 * A transforms.conf stanza with `external_cmd = <script> <fields...>` makes
 * Splunk run the script with a CSV of the input fields and read back the
 * completed rows. Scripts that are pure functions of their inputs can run
 * offline: splinter keeps its own implementation, found by the script's
 * file name, and uses it wherever the lookup is called.
 *
 * Built-in definitions cover apps that security_content expects but does not
 * ship (contentctl lists `ut_shannon_lookup` among the lookups "in the URL
 * toolbox app which is recommended for ESCU"); a loaded definition of the
 * same name wins over them.
 */

export interface LookupScript {
  /** the script file as `external_cmd` names it */
  readonly file: string;
  /** the app that ships it, for messages */
  readonly app: string;
  /** every field of the exchanged CSV, inputs first (the script's header) */
  readonly fields: readonly string[];
  /** the fields the script reads */
  readonly inputs: readonly string[];
  /** computes the output fields of one row from its input values; a missing output is no value */
  compute(inputs: ReadonlyMap<string, string>): ReadonlyMap<string, string>;
}

/**
 * URL Toolbox (utbox) `ut_shannon.py`: the Shannon entropy, in bits (log
 * base 2), of the word's characters after stripping surrounding whitespace:
 * H = -Σ p·log2(p) over the distinct characters, p = occurrences / length
 * (splunk/utbox, utbox/bin/ut_shannon.py; header `word,ut_shannon`). The
 * script writes the value as Python prints a float ("2.0", "0.0",
 * "3.1808329877552226"), and Splunk reads that text back.
 */
const utShannon: LookupScript = {
  file: 'ut_shannon.py',
  app: 'URL Toolbox',
  fields: ['word', 'ut_shannon'],
  inputs: ['word'],
  compute(inputs) {
    const word = inputs.get('word');
    if (word === undefined) return new Map();
    return new Map([['ut_shannon', pythonFloat(shannonEntropy(pythonStrip(word)))]]);
  },
};

export function shannonEntropy(word: string): number {
  const counts = new Map<string, number>();
  let length = 0;
  for (const ch of word) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    length++;
  }
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / length;
    // log(p)/log(2), as Python's math.log(p, 2) computes it (the last digit can differ from log2)
    entropy -= p * (Math.log(p) / Math.LN2);
  }
  return entropy;
}

/** Python's str.strip() without arguments: leading and trailing whitespace. */
function pythonStrip(s: string): string {
  return s.replace(/^[\s\u001c-\u001f\u0085]+|[\s\u001c-\u001f\u0085]+$/gu, '');
}

/**
 * A float as Python 3's repr() writes it: the shortest text that reads back
 * (as JavaScript's), with ".0" on whole numbers and an exponent below 1e-4
 * or from 1e16 on, written with a sign and at least two digits ("1e-05").
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const abs = Math.abs(x);
  if (x !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mantissa, exp] = x.toExponential().split('e');
    const e = Number(exp);
    return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/** Scripts splinter runs itself, by file name. */
export const LOOKUP_SCRIPTS: ReadonlyMap<string, LookupScript> = new Map([[utShannon.file, utShannon]]);

/** Lookups of apps that security_content relies on, defined as those apps define them. */
export const BUILTIN_SCRIPTED_LOOKUPS: readonly { readonly name: string; readonly script: LookupScript }[] = [
  { name: 'ut_shannon_lookup', script: utShannon },
];
