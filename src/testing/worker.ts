/** A worker thread of `splinter test --jobs N`: tests the files it is sent (suite.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { prepare, testFile, type SuiteFile, type SuiteSetup } from './suite.js';

const opts = prepare(workerData as SuiteSetup);
parentPort!.on('message', (m: { index: number; file: SuiteFile }) => {
  void testFile(m.file, opts).then((outcome) => parentPort!.postMessage({ index: m.index, outcome }));
});
