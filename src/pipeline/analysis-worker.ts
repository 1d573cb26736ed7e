import { parentPort, workerData } from 'node:worker_threads';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import { isDiscernError } from '../core/errors.js';
import { loadResources, type ResourceOptions } from '../nlp/resources.js';
import type { Store } from '../store/store.js';
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

const data = (workerData as { resourceOptions?: ResourceOptions; store?: string | null } | null) ?? {};
const options = data.resourceOptions ?? {};
/** the worker's own connection, opened on first use, when the pool stores analyses itself */
let store: Promise<Store> | null = null;
function workerStore(): Promise<Store> {
  if (!data.store) throw new Error('this analysis pool was not given a database to store into');
  store ??= import('../store/open.js').then((m) => m.openStore(data.store!));
  return store;
}
const byName = new Map(documentAnalyzers.map((a) => [a.name, a]));
const corpusByName = new Map(corpusAnalyzers.map((a) => [a.name, a]));

async function handle(request: WorkerRequest, resources: Awaited<ReturnType<typeof loadResources>>): Promise<WorkerReply> {
  const analyzers = request.analyzers === null ? documentAnalyzers : request.analyzers.map((name) => {
    const analyzer = byName.get(name);
    if (!analyzer) throw new Error(`no document analyser named "${name}"`);
    return analyzer;
  });
  const corpus = (request.corpus ?? []).map((name) => {
    const analyzer = corpusByName.get(name);
    if (!analyzer) throw new Error(`no corpus analyser named "${name}"`);
    return analyzer;
  });
  const analysis = analyzeDocument(request.doc, resources, analyzers, { corpus, kept: request.kept });
  if (!request.save) return { id: request.id, ok: true, analysis };
  // stored from here: the write (thousands of findings for a long text) never blocks the caller's thread
  const { created } = await (await workerStore()).saveAnalysis({ doc: analysis.doc, origin: request.save.origin, produced: analysis.produced, failures: analysis.failures, runId: request.save.runId, states: analysis.states });
  return { id: request.id, ok: true, stored: { created, failures: analysis.failures, timings: analysis.timings, lang: analysis.doc.lang ?? null } };
}

loadResources(options).then(
  (resources) => {
    // one message at a time: the pool sends the next only after this one's reply
    port.on('message', (request: WorkerRequest) => {
      void handle(request, resources).then(
        (reply) => port.postMessage(reply),
        (error: unknown) => port.postMessage({ id: request.id, ok: false, error: toWorkerError(error) } satisfies WorkerReply),
      );
    });
    port.postMessage({ ready: true });
  },
  (error: unknown) => port.postMessage({ ready: false, error: toWorkerError(error) }),
);
