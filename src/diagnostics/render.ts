/**
 * Renders a Diagnostic for a terminal: the message, the line of the text it
 * points into with a caret under the span, the hint, and where a macro was
 * expanded from. Only the CLI calls this.
 */
import { lineCol, position, type Diagnostic, type SourceText, type Span } from './diagnostic.js';

function excerpt(source: SourceText, span: Span): string[] {
  const text = source.text;
  const start = Math.min(span.start, text.length);
  const { column } = lineCol(text, start);
  const { line, column: fileColumn } = position(source, start);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  let shown = text.slice(lineStart, lineEnd);
  let caretAt = column - 1;
  // long lines: show a window around the span
  const WIDTH = 100;
  if (shown.length > WIDTH) {
    const from = Math.max(0, caretAt - 40);
    shown = (from > 0 ? '…' : '') + shown.slice(from, from + WIDTH) + (from + WIDTH < shown.length ? '…' : '');
    caretAt = caretAt - from + (from > 0 ? 1 : 0);
  }
  const width = Math.max(1, Math.min(span.end, lineEnd) - start);
  const gutter = String(line).length;
  const pad = ' '.repeat(gutter);
  return [
    `${pad}--> ${source.name}:${line}:${fileColumn}`,
    `${pad} |`,
    `${line} | ${shown}`,
    `${pad} | ${' '.repeat(Math.max(0, caretAt))}${'^'.repeat(Math.min(width, Math.max(1, shown.length - caretAt)))}`,
  ];
}

export function renderDiagnostic(d: Diagnostic, search?: SourceText): string {
  const level = d.severity ?? 'error';
  const out = [`${level}: ${d.message}`];
  const source = d.source ?? search;
  if (d.span && source) out.push(...excerpt(source, d.span));
  if (d.hint) out.push(`  = hint: ${d.hint}`);
  for (const r of d.related ?? []) {
    const rs = r.source ?? search;
    if (r.span && rs) {
      out.push(`  = note: ${r.message}`);
      out.push(...excerpt(rs, r.span).map((l) => '    ' + l));
    } else out.push(`  = note: ${r.message}`);
  }
  return out.join('\n');
}
