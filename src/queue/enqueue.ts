import { loadInputs, type IngestOptions } from '../ingest/inputs.js';
import { openPostgresStore } from '../store/postgres.js';
import type { InputError } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';
import { documentJobId, jobOptions, openQueue, QUEUES, type DocumentJob, type JobSettings } from './queue.js';
import { markInput, sendCorpusWhenComplete, setExpected, startQueuedRun } from './runs.js';

/**
 * `discern ingest … --queue`: reads and extracts every input here (files, folders, URLs,
 * standard input — the workers may run on machines that cannot see them) and sends one job
 * per input holding the extracted content. Returns as soon as the jobs are sent; the run
 * finishes when a worker has run its corpus job. Inputs that cannot be read are recorded on
 * the run as errors, as `discern ingest` does, and sent nowhere.
 */

export interface EnqueueOptions {
  url: string;
  inputs: string[];
  ingest?: IngestOptions;
  settings: JobSettings;
  /** called after each input */
  onProgress?: (event: { input: string; ok: boolean; message?: string; done: number }) => void;
}

export interface EnqueueResult {
  runId: number;
  /** document jobs sent (a job already sent, e.g. by an interrupted earlier call, counts once) */
  jobs: number;
  errors: InputError[];
}

const BATCH = 50;

export async function enqueueInputs(options: EnqueueOptions): Promise<EnqueueResult> {
  const store = await openPostgresStore(options.url, { maxConnections: 2 });
  try {
    const boss = await openQueue(options.url, { supervise: false, maxConnections: 2 });
    try {
      const runId = await store.startRun({ command: 'ingest --queue', toolVersion: TOOL_VERSION, inputs: options.inputs, optionsHash: 'queue' });
      await startQueuedRun(store, runId);
      const result: EnqueueResult = { runId, jobs: 0, errors: [] };
      let batch: Array<{ id: string; name: string; data: DocumentJob } & ReturnType<typeof jobOptions> & { expireInSeconds: number }> = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await boss.insert(batch);
        result.jobs += batch.length;
        batch = [];
      };
      let position = 0;
      for await (const loaded of loadInputs(options.inputs, options.ingest)) {
        position++;
        if (!loaded.ok) {
          const error = { input: loaded.input, code: loaded.error.code, message: loaded.error.message };
          result.errors.push(error);
          await store.addRunError(runId, error);
          await markInput(store, runId, position, loaded.input, { status: 'failed', message: error.message });
          options.onProgress?.({ input: loaded.input, ok: false, message: error.message, done: position });
          continue;
        }
        const { warnings: _warnings, ...extracted } = loaded.extracted;
        const data: DocumentJob = { kind: 'document', v: 1, run: runId, position, input: loaded.input, extracted: { ...extracted, warnings: [] }, origin: loaded.origin, settings: options.settings };
        batch.push({ id: documentJobId(runId, position), name: QUEUES.document, data, ...jobOptions(options.settings) });
        if (batch.length >= BATCH) await flush();
        options.onProgress?.({ input: loaded.input, ok: true, done: position });
      }
      await flush();
      await setExpected(store, runId, position);
      // every input may already be done (or none was readable): then the corpus job goes now
      await sendCorpusWhenComplete(store, boss, runId, options.settings);
      return result;
    } finally {
      await boss.stop({ graceful: false, wait: true, close: true });
    }
  } finally {
    await store.close();
  }
}
