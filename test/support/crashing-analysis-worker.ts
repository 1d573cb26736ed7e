import { parentPort } from 'node:worker_threads';
import type { WorkerRequest } from '../../src/pipeline/pool-protocol.js';

/**
 * The real analysis worker, except that a document whose text starts with "CRASH" makes
 * the thread die mid-analysis (as an out-of-memory or a native fault would): for pool tests.
 * This listener is registered before the real worker's, so it runs first.
 */
parentPort?.on('message', (request: WorkerRequest) => {
  if (request.doc.text.startsWith('CRASH')) process.exit(70);
});
await import('../../src/pipeline/analysis-worker.js');
