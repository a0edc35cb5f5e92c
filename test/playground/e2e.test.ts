/**
 * The playground end to end, in headless Chromium (Debian's `chromium`,
 * driven by playwright-core): the page is built, served by
 * playground/serve.mjs, and used as a person would. Without /usr/bin/chromium
 * the test is skipped (with the reason printed), unless PLAYGROUND_E2E=1
 * says it must run. PLAYGROUND_SCREENSHOT=<file> saves the seed's page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDetection } from '../../src/testing/detection.js';

const CHROMIUM = '/usr/bin/chromium';
const required = process.env.PLAYGROUND_E2E === '1';
const present = existsSync(CHROMIUM);
if (!present && !required) console.log(`playground e2e test skipped: ${CHROMIUM} not found (apt-get install -y chromium; PLAYGROUND_E2E=1 makes it required)`);

const SEED = 'fixtures/detections/windows_anonymous_pipe_activity.yml';
const TIMEOUT = 120_000;

function cli(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe.skipIf(!present && !required)('playground in headless Chromium', () => {
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let url: string;
  let profile: string | undefined;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is needed (PLAYGROUND_E2E=1)`).toBe(true);
    // @ts-expect-error: a plain .mjs script without types
    const { build } = (await import('../../playground/build.mjs')) as { build: (o: { quiet: boolean }) => Promise<unknown> };
    // @ts-expect-error: a plain .mjs script without types
    const { serve } = (await import('../../playground/serve.mjs')) as { serve: (port: number) => Promise<{ server: Server; port: number }> };
    await build({ quiet: true });
    const started = await serve(0);
    server = started.server;
    url = `http://localhost:${started.port}/`;
    profile = mkdtempSync(join(tmpdir(), 'splinter-chromium-'));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
      timeout: 60_000,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    // the seed sample loads and runs first
    await page.waitForFunction(() => document.body.dataset.state === 'done');
    expect(errors).toEqual([]);
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, TIMEOUT);

  const rowsShown = () => page.locator('#results tbody tr').count();

  it('typing the seed search gives the seed rows', async () => {
    const want = JSON.parse(cli(['run', '--detection', SEED, '-m', 'fixtures/macros', '-e', 'fixtures/events/sysmon_pipes.xml', '--tz', 'UTC', '-o', 'json']).stdout) as Record<string, unknown>[];
    expect(want.length).toBe(8);
    // a search with one row first, so that the seed's rows below come from the typing
    await page.locator('#search').fill('| makeresults');
    await page.waitForFunction(() => document.body.dataset.state === 'done' && document.querySelectorAll('#results tbody tr').length === 1);
    await page.locator('#search').fill('');
    await page.locator('#search').pressSequentially(loadDetection(SEED).search, { delay: 0 });
    await page.waitForFunction(
      (n) => document.body.dataset.state === 'done' && document.querySelectorAll('#results tbody tr').length === n && (document.getElementById('expanded')?.textContent ?? '').includes('security_content_ctime') === false,
      want.length,
    );
    expect(await rowsShown()).toBe(8);
    const header = await page.locator('#results thead th').allTextContents();
    expect(header).toEqual(Object.keys(want[0]));
    const cells = await page.locator('#results tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(cells).toEqual(want.map((r) => Object.values(r).map((v) => String(v))));
    // what each stage did, as `splinter run --stages` prints it
    const stages = cli(['run', '--detection', SEED, '-m', 'fixtures/macros', '-e', 'fixtures/events/sysmon_pipes.xml', '--tz', 'UTC', '-o', 'json', '--stages']).stderr;
    expect(stages).toContain('stages:');
    expect(await page.locator('#stages').textContent()).toBe(stages.slice(stages.indexOf('stages:')).trimEnd());
    expect(await page.locator('#explain').textContent()).toContain('stats');
    if (process.env.PLAYGROUND_SCREENSHOT) await page.screenshot({ path: process.env.PLAYGROUND_SCREENSHOT, fullPage: false });
  }, TIMEOUT);

  it('a broken search shows the caret diagnostic the CLI prints, and the link keeps it', async () => {
    const r = cli(['run', '| stast count']);
    expect(r.stderr).toContain('^^^^^');
    await page.locator('#search').fill('| stast count');
    await page.waitForFunction(() => document.body.dataset.state === 'error' && (document.getElementById('errors')?.textContent ?? '').includes('stast'));
    expect((await page.locator('#errors').textContent()) + '\n').toBe(r.stderr);
    expect(await rowsShown()).toBe(0);
    // the state is in the hash: a fresh page at the same address shows the same search, macros and events
    const link = page.url();
    expect(link).toMatch(/#v1\./);
    const macros = await page.locator('#macros').inputValue();
    const other = await context!.newPage();
    await other.goto(link);
    await other.waitForFunction(() => document.body.dataset.state === 'error');
    expect(await other.locator('#search').inputValue()).toBe('| stast count');
    expect(await other.locator('#macros').inputValue()).toBe(macros);
    expect(await other.locator('#events').inputValue()).toBe(await page.locator('#events').inputValue());
    await other.close();
  }, TIMEOUT);

  it('says what Node-only part of splinter the browser lacks', async () => {
    await page.locator('#search').fill('| makeresults | eval h=md5("a")');
    await page.waitForFunction(() => document.body.dataset.state === 'error' && (document.getElementById('errors')?.textContent ?? '').includes('createHash'));
    expect(await page.locator('#errors').textContent()).toBe('error: node:crypto.createHash() is not available in the browser');
  }, TIMEOUT);
});
