import type PgBoss from 'pg-boss';
import type { CorpusAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers } from '../analysers/index.js';
import type { Resources } from '../nlp/resources.js';
import { analyzeStoredCorpus } from '../pipeline/corpus-stage.js';
import { ingestOne, type IngestOneResult } from '../pipeline/ingest-one.js';
import type { PostgresStore } from '../store/postgres.js';
import { documentJobRef, parseJob, type CorpusJob, type DocumentJob } from './queue.js';
import { markInput, sendCorpusWhenComplete } from './runs.js';
import { recordDeadWatchJob, runWatchPollJob } from '../watch/jobs.js';

/**
 * What a worker does with each job: thin calls into the same pipeline steps `discern analyze`
 * runs, plus the run's bookkeeping. Every step is idempotent (content-derived document ids,
 * one saveAnalysis transaction, inputs marked once, a stable corpus job id), so a job that
 * runs twice — its worker killed after storing, before acknowledging — changes nothing.
 */

export interface WorkerContext {
  store: PostgresStore;
  boss: PgBoss;
  resources: Resources;
  corpusAnalyzers?: readonly CorpusAnalyzer[];
}

/** Attempt metadata pg-boss gives a job. */
export interface Attempt {
  retryCount: number;
  retryLimit: number;
}

export const JOB_FAILED = 'JOB_FAILED';

export async function runDocumentJob(data: unknown, attempt: Attempt, ctx: WorkerContext): Promise<IngestOneResult> {
  let result: IngestOneResult;
  const ref = documentJobRef(data);
  try {
    const job = parseJob(data);
    if (job.kind !== 'document') throw new Error(`a ${job.kind} job in the document queue`);
    result = await ingestOne({ extracted: job.extracted, origin: job.origin ?? {}, input: job.input, store: ctx.store, resources: ctx.resources });
    await ctx.store.addRunDocument(job.run, result.id, job.position);
    await markInput(ctx.store, job.run, job.position, job.input, { status: 'done', docId: result.id });
  } catch (error) {
    // the last attempt: the input is dead; say why on its run, and let the run finish without it
    if (ref && attempt.retryCount >= attempt.retryLimit) await recordDeadInput(ref, `failed on every attempt (${attempt.retryCount + 1}): ${(error as Error).message}`, ctx);
    throw error;
  }
  if (ref) await sendCorpusWhenComplete(ctx.store, ctx.boss, ref.run, ref.settings);
  return result;
}

/**
 * The run's corpus analysis, as `discern analyze` runs it (the stored corpus stage on the
 * run's documents), stored as the run's corpus findings. A thin call: the corpus stage is
 * the pipeline's, not the queue's.
 */
export async function runCorpusJob(data: CorpusJob, ctx: WorkerContext): Promise<{ documents: number; findings: number; status: string }> {
  // stored as each analyser produces them (a retried job replaces its own by id)
  const corpus = await analyzeStoredCorpus(ctx.store, ctx.resources, { runId: data.run }, ctx.corpusAnalyzers ?? corpusAnalyzers, { sink: (found) => ctx.store.addCorpusFindings(data.run, found) });
  const documents = (await ctx.store.runDocumentIds(data.run)).length;
  const errors = await ctx.store.runErrors(data.run);
  const status = errors.length === 0 ? 'done' : documents > 0 ? 'partial' : 'failed';
  await ctx.store.finishRun(data.run, status, []);
  return { documents, findings: corpus.count, status };
}

/** A job that failed on every attempt (also one whose last worker was killed): recorded on its run. */
export async function runDeadLetterJob(data: unknown, ctx: WorkerContext): Promise<void> {
  if (await recordDeadWatchJob(data, ctx.store)) return;
  const ref = documentJobRef(data);
  if (!ref) {
    const job = parseJob(data);
    if (job.kind === 'corpus') await ctx.store.finishRun(job.run, 'failed', []);
    return;
  }
  await recordDeadInput(ref, 'failed on every attempt; see discern jobs for the error', ctx);
  await sendCorpusWhenComplete(ctx.store, ctx.boss, ref.run, ref.settings);
}

async function recordDeadInput(data: Pick<DocumentJob, 'run' | 'position' | 'input'>, message: string, ctx: WorkerContext): Promise<void> {
  if (await markInput(ctx.store, data.run, data.position, data.input, { status: 'failed', message })) {
    await ctx.store.addRunError(data.run, { input: data.input, code: JOB_FAILED, message });
  }
}

/** One watched source polled, its new articles analysed and their alerts stored (src/watch/jobs.ts). */
export async function runWatchJob(data: unknown, ctx: WorkerContext): Promise<Awaited<ReturnType<typeof runWatchPollJob>>> {
  return runWatchPollJob(data, ctx);
}
