/**
 * Fuzzing (issue 10): whatever search a user types, splinter answers with
 * rows or a diagnostic, never an internal error and never a hang.
 *
 * fast-check generates searches (spl.ts) with a fixed seed; a worker thread
 * (worker.mjs) compiles and runs each over small fixture files. A search
 * that does not answer within HANG_MS is a hang: the worker is terminated,
 * the search recorded, and a new worker started. An internal error fails
 * the property, and fast-check shrinks the search to a small one that still
 * fails.
 *
 *   npm test                   10,000 searches (FUZZ_RUNS overrides)
 *   npm run fuzz               100,000 searches
 *   FUZZ_SEED=n npm run fuzz   another seed
 */
import fc from 'fast-check';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cases.js';
import { anySearch } from './spl.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
/** generous, for a busy 2-core machine: the slowest search seen takes well under a second */
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 20_000);

interface Reply {
  id: number;
  ms: number;
  outcome: 'ok' | 'diagnostic' | 'internal';
  stage?: string;
  message?: string;
  rows?: number;
}

class Runner {
  private worker!: Worker;
  private ready!: Promise<void>;
  private next = 0;
  private pending: ((r: Reply) => void) | undefined;

  constructor() {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { root: ROOT } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('message', () => resolve());
    });
    this.worker.on('message', (m: Reply) => this.pending?.(m));
  }

  /** the search's outcome, or 'hang' */
  async attempt(search: string): Promise<Reply | 'hang'> {
    await this.ready;
    const id = this.next++;
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<Reply>((resolve) => (this.pending = (r) => r.id === id && resolve(r)));
    this.worker.postMessage({ id, search });
    const reply = await Promise.race([
      answered,
      new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_MS))),
    ]);
    clearTimeout(timer);
    this.pending = undefined;
    if (reply === 'hang') {
      await this.worker.terminate();
      this.start();
    }
    return reply;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

describe('fuzz: every search gets rows or a diagnostic', () => {
  const runner = new Runner();
  afterAll(() => runner.stop());

  it(
    `${RUNS} generated and mutated searches (seed ${SEED}): no internal error, no hang`,
    async () => {
      const hangs: string[] = [];
      const tally = { ok: 0, diagnostic: 0, internal: 0, slowest: 0 };
      await fc.assert(
        fc.asyncProperty(anySearch, async (search) => {
          const r = await runner.attempt(search);
          if (r === 'hang') {
            if (process.env.FUZZ_REPORT) console.log(`hang: ${JSON.stringify(search)}`);
            hangs.push(search);
            return;
          }
          tally[r.outcome]++;
          tally.slowest = Math.max(tally.slowest, r.ms);
          if (r.outcome === 'internal') throw new Error(`internal error for search:\n${search}\n${r.message}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      );
      if (process.env.FUZZ_REPORT) console.log(`fuzz: ${RUNS} searches, seed ${SEED}: ${tally.ok} ran, ${tally.diagnostic} diagnostics, ${tally.internal} internal errors, ${hangs.length} hangs; slowest ${Math.round(tally.slowest)} ms`);
      expect(hangs).toEqual([]);
      // the generator must reach the engine, not only the parser's error paths
      expect(tally.ok).toBeGreaterThan(RUNS / 10);
    },
    Math.max(600_000, RUNS * 60),
  );
});
