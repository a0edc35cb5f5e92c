/**
 * The grammar reference (grammar/README.md) and the diagrams (grammar/railroad.html)
 * cannot silently fall behind the parser: every rule of src/parser/parser.ts must be
 * documented, every documented rule must exist, and the committed diagrams must
 * show the current grammar.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parserInstance } from '../../src/parser/parser.js';
import { chevrotainDiagramsDir, railroadHtml } from '../../src/tools/railroad.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readmePath = join(root, 'grammar', 'README.md');
const htmlPath = join(root, 'grammar', 'railroad.html');
const readme = readFileSync(readmePath, 'utf8');

const parserRules = Object.keys(parserInstance().getGAstProductions()).sort();

/** `### name` headings */
const headings = new Set([...readme.matchAll(/^###\s+`?([A-Za-z]\w*)`?\s*$/gm)].map((m) => m[1]));
/** `name ::= ...` or `name(params) ::= ...` at the start of a line; lower-case names are rules */
const definitions = [...readme.matchAll(/^\s*([a-z]\w*)(?:\([^)]*\))?\s+::=/gm)].map((m) => m[1]);

/** the grammar JSON embedded in a page written by createSyntaxDiagramsCode */
function embeddedGrammar(html: string): unknown {
  const m = /window\.serializedGrammar = ([\s\S]*?);\s*<\/script>/.exec(html);
  if (!m) throw new Error('no serializedGrammar in the page');
  return JSON.parse(m[1]);
}

describe('grammar/README.md', () => {
  it('the parser defines the rules this test expects to find', () => {
    // guards against reading the wrong map: these rules are named in the brief and in parser.ts
    for (const r of ['pipeline', 'searchAnd', 'expression', 'statsCommand', 'genericArg']) expect(parserRules).toContain(r);
    expect(parserRules.length).toBeGreaterThanOrEqual(40);
  });

  it('has a heading and a definition for every parser rule', () => {
    const missingHeading = parserRules.filter((r) => !headings.has(r));
    const missingDefinition = parserRules.filter((r) => !definitions.includes(r));
    expect(missingHeading, 'rules without a "### name" heading').toEqual([]);
    expect(missingDefinition, 'rules without a "name ::= ..." line').toEqual([]);
  });

  it('defines no rule the parser does not have, and none twice', () => {
    const rules = new Set(parserRules);
    expect(definitions.filter((d) => !rules.has(d)), 'documented rules missing from the parser').toEqual([]);
    expect(definitions.filter((d, i) => definitions.indexOf(d) !== i), 'rules defined twice').toEqual([]);
  });

  it('cites the Splunk pages for both precedence tables', () => {
    expect(readme).toContain('https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/search-commands/search');
    expect(readme).toContain('https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/search-commands/eval');
  });
});

describe('grammar/railroad.html', () => {
  it('shows the current grammar (regenerate with npm run build && npm run railroad)', () => {
    expect(existsSync(htmlPath), 'grammar/railroad.html is missing').toBe(true);
    const committed = embeddedGrammar(readFileSync(htmlPath, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(parserInstance().getSerializedGastProductions())));
  });

  it('draws one diagram per parser rule', () => {
    const committed = embeddedGrammar(readFileSync(htmlPath, 'utf8')) as { name: string }[];
    expect(committed.map((r) => r.name).sort()).toEqual(parserRules);
  });

  it('loads its scripts from files that exist, not from the network', () => {
    const html = readFileSync(htmlPath, 'utf8');
    const refs = [...html.matchAll(/(?:src|href)='([^']+)'/g)].map((m) => m[1]);
    expect(refs.length).toBe(5); // four scripts and the stylesheet
    for (const ref of refs) {
      expect(ref).not.toMatch(/^[a-z]+:/i);
      expect(existsSync(resolve(dirname(htmlPath), ref)), ref).toBe(true);
    }
  });
});

describe('railroad tool', () => {
  it('the chevrotain package ships the diagram files', () => {
    expect(chevrotainDiagramsDir()).toBeDefined();
  });

  it('--inline writes a page with no external resources that embeds the drawing code', () => {
    const { html, mode } = railroadHtml(htmlPath, 'inline');
    expect(mode).toBe('inline');
    expect(html).not.toMatch(/<script src=|<link rel='stylesheet'/);
    expect(html).toContain('drawDiagramsFromSerializedGrammar');
    expect(html).toContain('.railroad-diagram'); // from diagrams.css
    expect(embeddedGrammar(html)).toEqual(embeddedGrammar(readFileSync(htmlPath, 'utf8')));
  });

  it('--cdn keeps Chevrotain\'s unpkg URLs', () => {
    const { html, mode } = railroadHtml(htmlPath, 'cdn');
    expect(mode).toBe('cdn');
    expect(html).toMatch(/<script src='https:\/\/unpkg\.com\/chevrotain@[\d.]+\/diagrams\/src\/main\.js'>/);
  });

  it('local paths are relative to the output file', () => {
    const { html } = railroadHtml(join(root, 'a', 'b', 'page.html'), 'local');
    const css = /<link rel='stylesheet' href='([^']+)'>/.exec(html)![1];
    expect(css.startsWith('../../')).toBe(true);
    expect(existsSync(resolve(root, 'a', 'b', css))).toBe(true);
  });
});
