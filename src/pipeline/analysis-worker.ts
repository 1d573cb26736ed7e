import { parentPort, workerData } from 'node:worker_threads';
import { documentAnalyzers } from '../analysers/index.js';
import { isDiscernError } from '../core/errors.js';
import { loadResources, type ResourceOptions } from '../nlp/resources.js';
import { analyzeDocument } from './analyze.js';
import type { WorkerReply, WorkerRequest, WorkerError } from './pool-protocol.js';

/**
 * One analysis worker thread of the pool (src/pipeline/pool.ts): loads the resources once,
 * then analyses one document per message with the registry's document analysers.
 */

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs only as a worker thread');

function toWorkerError(error: unknown): WorkerError {
  if (isDiscernError(error)) return { code: error.code, message: error.message, input: error.input };
  return { message: error instanceof Error ? error.message : String(error) };
}

const options = (workerData as { resourceOptions?: ResourceOptions } | null)?.resourceOptions ?? {};
const byName = new Map(documentAnalyzers.map((a) => [a.name, a]));

loadResources(options).then(
  (resources) => {
    port.on('message', (request: WorkerRequest) => {
      let reply: WorkerReply;
      try {
        const analyzers = request.analyzers === null ? documentAnalyzers : request.analyzers.map((name) => {
          const analyzer = byName.get(name);
          if (!analyzer) throw new Error(`no document analyser named "${name}"`);
          return analyzer;
        });
        reply = { id: request.id, ok: true, analysis: analyzeDocument(request.doc, resources, analyzers) };
      } catch (error) {
        reply = { id: request.id, ok: false, error: toWorkerError(error) };
      }
      port.postMessage(reply);
    });
    port.postMessage({ ready: true });
  },
  (error: unknown) => port.postMessage({ ready: false, error: toWorkerError(error) }),
);
