/**
 * Lookup table files: CSV with a header row (RFC 4180 quoting), read whole.
 * Splunk's CSV lookups are such files ("Define a CSV lookup": the first row
 * names the fields). A record with more cells than the header, or a quoted
 * cell that is never closed, is a malformed row: a Diagnostic that points at
 * the row in the file. A shorter record is padded with empty cells (an empty
 * cell is no value).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface LookupTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Parses CSV text; returns the table or the first malformed row as a diagnostic (source: the file). */
export function parseLookupCsv(text: string, name: string): { table?: LookupTable; diagnostic?: Diagnostic } {
  const source = { name, text };
  const records: { cells: string[]; start: number; end: number }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const start = i;
    const cells: string[] = [];
    let cell = '';
    for (;;) {
      if (i < n && text[i] === '"') {
        const open = i;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            return { diagnostic: { stage: 'plan', message: `lookup file ${name}: a quoted cell is not closed`, span: { start: open, end: Math.min(n, open + 1) }, source, hint: 'close the quote, or double a quote inside a quoted cell ("")' } };
          }
          cell += text.slice(i, q);
          if (text[q + 1] === '"') {
            cell += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
      }
      // unquoted text (or text after a closing quote) up to the next comma or line end
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      cell += text.slice(i, j).replaceAll('"', '');
      i = j;
      cells.push(cell);
      cell = '';
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    const end = i;
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    if (!(cells.length === 1 && cells[0].trim() === '')) records.push({ cells, start, end });
  }
  if (records.length === 0) return { table: { columns: [], rows: [] } };
  const columns = records[0].cells.map((c) => c.trim());
  const rows: string[][] = [];
  for (const r of records.slice(1)) {
    if (r.cells.length > columns.length) {
      return {
        diagnostic: {
          stage: 'plan',
          message: `lookup file ${name}: a row has ${r.cells.length} cells but the header names ${columns.length} fields`,
          span: { start: r.start, end: r.end },
          source,
          hint: 'quote cells that contain commas ("a,b")',
        },
      };
    }
    while (r.cells.length < columns.length) r.cells.push('');
    rows.push(r.cells);
  }
  return { table: { columns, rows } };
}

/** Renders rows as CSV (outputlookup): a cell is quoted when it holds a comma, quote or line break. */
export function toCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return [columns.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
