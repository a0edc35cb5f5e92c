/**
 * The playground page: reads the search, macros and events from the page (or
 * the URL's hash, or a bundled sample), runs them through runPlayground, the
 * same library the CLI uses, and shows the results, stages, expansion,
 * explain page and errors. The state lives in the hash, compressed, so a link
 * shares it.
 */
import { runPlayground, type PlaygroundInput, type PlaygroundOutput } from '../src/playground/session.js';

interface Sample extends PlaygroundInput {
  readonly name: string;
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const search = $<HTMLTextAreaElement>('search');
const macros = $<HTMLTextAreaElement>('macros');
const events = $<HTMLTextAreaElement>('events');
const eventsName = $<HTMLInputElement>('events-name');
const sampleSelect = $<HTMLSelectElement>('sample');
const status = $<HTMLSpanElement>('status');
const TZ = 'UTC';

function state(): PlaygroundInput {
  return { search: search.value, macros: macros.value, events: events.value, eventsName: eventsName.value || 'events.log' };
}

function show(s: PlaygroundInput): void {
  search.value = s.search;
  macros.value = s.macros;
  events.value = s.events;
  eventsName.value = s.eventsName ?? 'events.log';
}

// the hash: "#v1." then the state as JSON, deflated, in base64url
async function encode(s: PlaygroundInput): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  const packed = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  let bin = '';
  for (let i = 0; i < packed.length; i += 0x8000) bin += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  return 'v1.' + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function decode(hash: string): Promise<PlaygroundInput | undefined> {
  if (!hash.startsWith('v1.')) return undefined;
  try {
    const bin = atob(hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
    const o = JSON.parse(text) as Partial<PlaygroundInput>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return { search: str(o.search), macros: str(o.macros), events: str(o.events), eventsName: str(o.eventsName) || 'events.log' };
  } catch {
    return undefined;
  }
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cell).join('\n');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function renderResults(rows: readonly Record<string, unknown>[]): void {
  const box = $('results');
  box.replaceChildren();
  $('count').textContent = `(${rows.length} row${rows.length === 1 ? '' : 's'})`;
  if (rows.length === 0) return;
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const c of columns) head.appendChild(document.createElement('th')).textContent = c;
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const c of columns) tr.insertCell().textContent = cell(r[c]);
  }
  box.appendChild(table);
}

function render(out: PlaygroundOutput): void {
  $('errors').textContent = out.errors.join('\n');
  $('notices').textContent = out.notices.join('\n');
  $('expanded').textContent = out.expanded ?? '';
  $('explain').textContent = out.explain ?? '';
  $('stages').textContent = out.stages ?? '';
  if (out.results) renderResults(out.results);
  else {
    $('results').replaceChildren();
    $('count').textContent = '';
  }
}

let runs = 0;
async function runNow(): Promise<void> {
  const id = ++runs;
  const input = state();
  document.body.dataset.state = 'running';
  status.textContent = 'running…';
  const started = performance.now();
  let out: PlaygroundOutput;
  try {
    out = await runPlayground(input, { now: Math.floor(Date.now() / 1000), tz: TZ });
  } catch (e) {
    // a library of Node that the page does not have (md5(), iplocation...), or a bug: shown, not swallowed
    out = { stage: 'run', errors: [`error: ${e instanceof Error ? e.message : String(e)}`], notices: [] };
  }
  if (id !== runs) return; // a later run has started
  render(out);
  const ms = Math.round(performance.now() - started);
  status.textContent = out.errors.length ? `failed at ${out.stage} (${ms} ms)` : `${out.results?.length ?? 0} results from ${out.eventsRead ?? 0} events in ${ms} ms; times in ${TZ}`;
  history.replaceState(null, '', '#' + (await encode(input)));
  document.body.dataset.state = out.errors.length ? 'error' : 'done';
}

let timer: ReturnType<typeof setTimeout> | undefined;
function runSoon(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void runNow(), 400);
}

async function start(): Promise<void> {
  const samples = (await (await fetch('dist/samples.json')).json()) as Sample[];
  samples.forEach((s, i) => sampleSelect.add(new Option(s.name, String(i))));
  const fromHash = await decode(location.hash.slice(1));
  if (fromHash) show(fromHash);
  else {
    sampleSelect.value = '0';
    show(samples[0]);
  }
  sampleSelect.addEventListener('change', () => {
    const s = samples[Number(sampleSelect.value)];
    if (!s) return;
    show(s);
    void runNow();
  });
  for (const el of [search, macros, events, eventsName]) {
    el.addEventListener('input', () => {
      sampleSelect.value = '';
      runSoon();
    });
  }
  $('run').addEventListener('click', () => void runNow());
  $('share').addEventListener('click', () => void navigator.clipboard?.writeText(location.href));
  await runNow();
}

void start();
