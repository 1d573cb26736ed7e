import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';
import { DiscernError, type ErrorCode } from '../core/errors.js';
import type { Document, Finding } from '../core/types.js';
import type { ResourceOptions } from '../nlp/resources.js';
import type { DocumentAnalysis } from './analyze.js';
import type { StoredAnalysis, WorkerError, WorkerReply, WorkerRequest, WorkerStartup } from './pool-protocol.js';

/**
 * A pool of worker threads that run `analyzeDocument` off the calling thread, so a server
 * keeps answering while a long text is analysed and a batch can use every core. Each worker
 * loads the resources (gazetteer, language model) once; a document goes to the first idle
 * worker and comes back exactly as `analyzeDocument` would have returned it. A worker that
 * dies (a crash, a heap limit) fails only the document it held, with an ANALYSIS_WORKER
 * error, and is replaced.
 */

export interface AnalysisPoolOptions {
  /** worker threads (default: the cores but one, 1 to 4) */
  size?: number;
  /** what each worker loads, as for loadResources */
  resourceOptions?: ResourceOptions;
  /** V8 heap limits per worker: a document that exhausts them fails alone */
  resourceLimits?: ResourceLimits;
  /** the worker module (default: analysis-worker beside this file, .ts under tsx, .js when built) */
  workerUrl?: URL;
  /** a database (`--db` location) each worker opens for analyzeAndStore */
  store?: string | null;
}

export interface AnalysisPool {
  readonly size: number;
  /**
   * analyses one document with the registry's document analysers, or those named (in registry
   * order), and extracts the states of the corpus analysers named in `extra.corpus`
   */
  analyze(doc: Document, analyzerNames?: readonly string[], extra?: CorpusExtra): Promise<DocumentAnalysis>;
  /**
   * Analyses and stores one document from the worker (needs `store`): the caller's thread
   * neither copies the findings back nor runs the write transaction.
   */
  analyzeAndStore(doc: Document, analyzerNames: readonly string[] | undefined, save: { origin: string; runId: number | null }, extra?: CorpusExtra): Promise<StoredAnalysis>;
  /** whether analyzeAndStore is available */
  readonly stores: boolean;
  /** resolves once every worker has loaded its resources; rejects with the loading error */
  ready(): Promise<void>;
  /** stops the workers; documents still waiting fail */
  close(): Promise<void>;
}

interface Task {
  request: WorkerRequest;
  resolve: (result: DocumentAnalysis | StoredAnalysis) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  /** the last uncaught error the worker reported, for the crash message */
  lastError: string | null;
}

/** What a worker extracts for the corpus analysers besides the document analysis. */
export interface CorpusExtra {
  /** corpus analysers (registry names) whose per-document state to extract */
  corpus?: readonly string[];
  /** stored findings of analysers not re-run, which the states read too */
  kept?: Finding[];
}

function corpusPart(extra: CorpusExtra | undefined): Pick<WorkerRequest, 'corpus' | 'kept'> {
  return { ...(extra?.corpus?.length ? { corpus: [...extra.corpus] } : {}), ...(extra?.kept?.length ? { kept: extra.kept } : {}) };
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

function defaultWorkerUrl(): URL {
  // the same folder as this module: src/pipeline/*.ts under tsx, dist/pipeline/*.js when built
  return new URL(`./analysis-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
}

/**
 * A built worker (.js) starts as is. A TypeScript worker (tests and scripts under tsx) needs
 * tsx's loader registered inside the thread first: Node 20 does not carry the parent's
 * `--import tsx` hooks into worker threads.
 */
function startWorker(url: URL, options: WorkerOptions): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function fromWorkerError(error: WorkerError): Error {
  return error.code ? new DiscernError(error.code as ErrorCode, error.message, error.input) : new Error(error.message);
}

export function createAnalysisPool(options: AnalysisPoolOptions = {}): AnalysisPool {
  const size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let broken: Error | null = null;
  let closed = false;
  let readyWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  function settleReadyWaiters(): void {
    if (broken) {
      for (const w of readyWaiters) w.reject(broken);
      readyWaiters = [];
    } else if (slots.every((s) => s.ready)) {
      for (const w of readyWaiters) w.resolve();
      readyWaiters = [];
    }
  }

  /** Loading failed: no worker will ever answer, so everything waiting fails with that error. */
  function breakPool(error: Error): void {
    if (broken) return;
    broken = error;
    for (const task of queue.splice(0)) task.reject(error);
    for (const slot of slots) void slot.worker.terminate();
    settleReadyWaiters();
  }

  function spawn(index: number): void {
    const worker = startWorker(workerUrl, {
      workerData: { resourceOptions: options.resourceOptions ?? {}, store: options.store ?? null },
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    const slot: Slot = { worker, ready: false, task: null, lastError: null };
    slots[index] = slot;
    worker.on('message', (message: WorkerReply | WorkerStartup) => {
      if ('ready' in message) {
        if (!message.ready) return breakPool(fromWorkerError(message.error));
        slot.ready = true;
        settleReadyWaiters();
        dispatch();
        return;
      }
      const task = slot.task;
      if (!task || task.request.id !== message.id) return;
      slot.task = null;
      if (!message.ok) task.reject(fromWorkerError(message.error));
      else task.resolve('stored' in message ? message.stored : message.analysis);
      dispatch();
    });
    worker.on('error', (error) => {
      slot.lastError = error.message;
    });
    worker.on('exit', (code) => {
      if (closed || broken || slots[index] !== slot) return;
      const why = slot.lastError ?? `exit code ${code}`;
      if (!slot.ready) return breakPool(new DiscernError('ANALYSIS_WORKER', `an analysis worker stopped while loading its resources (${why})`));
      const task = slot.task;
      slot.task = null;
      task?.reject(new DiscernError('ANALYSIS_WORKER', `the analysis worker stopped while analysing this document (${why}); it has been replaced`, task.request.doc.source.path ?? task.request.doc.source.url ?? undefined));
      spawn(index);
      dispatch();
    });
    refresh();
  }

  /** Workers hold the process open only while they have work (a forgotten close() never hangs a script). */
  function refresh(): void {
    for (const slot of slots) {
      if (!slot) continue;
      if (slot.task || (!slot.ready && queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (!slot.ready || slot.task) continue;
      const task = queue.shift()!;
      slot.task = task;
      try {
        slot.worker.postMessage(task.request);
      } catch (error) {
        slot.task = null;
        task.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    refresh();
  }

  for (let i = 0; i < size; i++) spawn(i);

  function submit(request: Omit<WorkerRequest, 'id'>): Promise<DocumentAnalysis | StoredAnalysis> {
    if (closed) return Promise.reject(new DiscernError('ANALYSIS_WORKER', 'the analysis pool is closed'));
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      queue.push({ request: { ...request, id: nextId++ }, resolve, reject });
      dispatch();
    });
  }

  return {
    size,
    stores: Boolean(options.store),
    analyze(doc, analyzerNames, extra) {
      return submit({ doc, analyzers: analyzerNames ? [...analyzerNames] : null, ...corpusPart(extra) }) as Promise<DocumentAnalysis>;
    },
    analyzeAndStore(doc, analyzerNames, save, extra) {
      if (!options.store) return Promise.reject(new Error('this analysis pool has no database: give createAnalysisPool a store'));
      return submit({ doc, analyzers: analyzerNames ? [...analyzerNames] : null, save, ...corpusPart(extra) }) as Promise<StoredAnalysis>;
    },
    ready() {
      if (broken) return Promise.reject(broken);
      if (slots.every((s) => s.ready)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        readyWaiters.push({ resolve, reject });
        for (const slot of slots) slot.worker.ref();
      }).finally(refresh);
    },
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new DiscernError('ANALYSIS_WORKER', 'the analysis pool was closed before this document was analysed');
      for (const task of queue.splice(0)) task.reject(stopped);
      for (const slot of slots) {
        slot.task?.reject(stopped);
        slot.task = null;
      }
      for (const w of readyWaiters) w.reject(stopped);
      readyWaiters = [];
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
