/** A worker thread of `splinter hunt --jobs N`: runs its part of the library (hunt.ts) and sends the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { runPart, type HuntSetup, type WorkerMessage } from './hunt.js';

const { setup, index, of } = workerData as { setup: HuntSetup; index: number; of: number };
const send = (m: WorkerMessage) => parentPort!.postMessage(m);
runPart(setup, index, of, (done, total) => {
  if (done % 20 === 0 || done === total) send({ kind: 'progress', done, total });
}).then(
  (part) => send({ kind: 'done', part }),
  (e: unknown) => send({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
