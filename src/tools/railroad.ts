/**
 * Writes grammar/railroad.html: Chevrotain's syntax (railroad) diagrams of
 * every rule of the SPL grammar (src/parser/parser.ts).
 *
 *   npm run build && node dist/tools/railroad.js [--out FILE] [--inline | --cdn]
 *
 * By default the page loads Chevrotain's diagram scripts and stylesheet from
 * the chevrotain package installed in node_modules, through a path relative
 * to the output file, so it renders offline in any checkout where
 * `npm install` has run. `--inline` copies those files into the page instead
 * (one self-contained file, e.g. to send to someone); `--cdn` keeps
 * Chevrotain's own default (unpkg.com, needs network to render).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { parserInstance } from '../parser/parser.js';

export type ResourceMode = 'local' | 'inline' | 'cdn';

/** The four scripts createSyntaxDiagramsCode loads, relative to its resourceBase, in order. */
const SCRIPT_FILES = ['vendor/railroad-diagrams.js', 'src/diagrams_builder.js', 'src/diagrams_behavior.js', 'src/main.js'];
const CSS_FILE = 'diagrams.css';

/** The `diagrams/` folder of the installed chevrotain package, or undefined if it does not ship one. */
export function chevrotainDiagramsDir(): string | undefined {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('chevrotain');
  } catch {
    return undefined;
  }
  // entry is <pkg>/lib/src/api.js; walk up to the folder holding package.json
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const diagrams = join(dir, 'diagrams');
      const complete = existsSync(join(diagrams, CSS_FILE)) && SCRIPT_FILES.every((f) => existsSync(join(diagrams, f)));
      return complete ? diagrams : undefined;
    }
  }
  return undefined;
}

/** A relative URL from the folder of `outFile` to `target` (a folder), ending in '/'. */
function relativeUrl(outFile: string, target: string): string {
  const rel = relative(dirname(resolve(outFile)), target).split(sep).join('/');
  return (rel === '' ? '.' : rel) + '/';
}

/** `</script>` inside inlined code would end the script element early. */
function inlineSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

export interface RailroadResult {
  html: string;
  /** the mode actually used (local falls back to cdn when the package ships no diagram files) */
  mode: ResourceMode;
}

/** The diagram page for the SPL grammar, to be written at `outFile`. */
export function railroadHtml(outFile: string, mode: ResourceMode = 'local'): RailroadResult {
  const grammar = parserInstance().getSerializedGastProductions();
  const dir = mode === 'cdn' ? undefined : chevrotainDiagramsDir();
  if (!dir) return { html: createSyntaxDiagramsCode(grammar), mode: 'cdn' };
  if (mode === 'local') {
    const base = relativeUrl(outFile, dir);
    return { html: createSyntaxDiagramsCode(grammar, { resourceBase: base, css: base + CSS_FILE }), mode };
  }
  // inline: generate with placeholder URLs, then replace each tag by the file's contents
  const base = 'inline:/';
  let html = createSyntaxDiagramsCode(grammar, { resourceBase: base, css: base + CSS_FILE });
  const cssTag = `<link rel='stylesheet' href='${base}${CSS_FILE}'>`;
  if (!html.includes(cssTag)) throw new Error('railroad: unexpected createSyntaxDiagramsCode output (stylesheet link)');
  html = html.replace(cssTag, () => `<style>\n${readFileSync(join(dir, CSS_FILE), 'utf8')}\n</style>`);
  for (const f of SCRIPT_FILES) {
    const tag = `<script src='${base}${f}'></script>`;
    if (!html.includes(tag)) throw new Error(`railroad: unexpected createSyntaxDiagramsCode output (${f})`);
    html = html.replace(tag, () => `<script>\n${inlineSafe(readFileSync(join(dir, f), 'utf8'))}\n</script>`);
  }
  return { html, mode };
}

const USAGE = 'usage: node dist/tools/railroad.js [--out FILE] [--inline | --cdn]';

function main(argv: string[]): number {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/tools/ (or src/tools/) → repository root
  let out = resolve(here, '..', '..', 'grammar', 'railroad.html');
  let mode: ResourceMode = 'local';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' && i + 1 < argv.length) out = resolve(argv[++i]);
    else if (a === '--inline') mode = 'inline';
    else if (a === '--cdn') mode = 'cdn';
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`railroad: unknown argument '${a}'\n${USAGE}`);
      return 2;
    }
  }
  const result = railroadHtml(out, mode);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.html);
  const how =
    result.mode === 'local'
      ? 'diagram scripts load from node_modules/chevrotain (offline; needs npm install)'
      : result.mode === 'inline'
        ? 'diagram scripts inlined (self-contained, offline)'
        : 'diagram scripts load from unpkg.com (needs network to render)';
  if (mode !== 'cdn' && result.mode === 'cdn') console.error('railroad: the chevrotain package ships no diagrams/ folder; falling back to the CDN');
  console.log(`wrote ${out} (${how})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
