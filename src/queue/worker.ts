import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Resources } from '../nlp/resources.js';
import { openPostgresStore } from '../store/postgres.js';
import { runCorpusJob, runDeadLetterJob, runDocumentJob, runWatchJob, type WorkerContext } from './handlers.js';
import { BOSS_SCHEMA, openQueue, QUEUES } from './queue.js';

/**
 * `discern worker`: takes jobs from the queue and runs them until stopped (SIGTERM/SIGINT),
 * or, with exitWhenIdle, until no job of any Discern queue is waiting, running or due for a
 * retry. Any number of workers on any number of machines may share one database: pg-boss
 * hands each job to one of them (SELECT … FOR UPDATE SKIP LOCKED).
 *
 * Stopping: SIGTERM lets the jobs in hand finish for up to shutdownSeconds, then returns the
 * unfinished ones to the queue (they are retried, by this or another worker). A worker killed
 * outright (SIGKILL, a lost machine) holds its jobs until their lease expires; any worker's
 * supervisor then puts them back for a retry.
 */

export interface WorkerOptions {
  url: string;
  resources: Resources;
  /** document jobs in progress at once in this process (they share one CPU: more processes use more cores) */
  concurrency?: number;
  exitWhenIdle?: boolean;
  /** seconds between polls of an empty queue */
  pollSeconds?: number;
  /** seconds between the supervisor's looks for expired leases */
  superviseSeconds?: number;
  /** on SIGTERM, how long the jobs in hand may take to finish */
  shutdownSeconds?: number;
  /** one line per event (job done, failed, stopping) */
  log?: (line: string) => void;
  /** resolves when the worker should stop (tests); SIGTERM and SIGINT always stop it */
  stopSignal?: Promise<void>;
}

export interface WorkerSummary {
  documents: number;
  corpus: number;
  failed: number;
  /** why it stopped */
  reason: 'idle' | 'signal';
}

export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const concurrency = options.concurrency ?? 1;
  const pollSeconds = options.pollSeconds ?? 2;
  const log = options.log ?? (() => undefined);
  const store = await openPostgresStore(options.url, { maxConnections: concurrency + 3 });
  let boss: PgBoss;
  try {
    boss = await openQueue(options.url, { supervise: true, superviseSeconds: options.superviseSeconds ?? 60, maxConnections: concurrency + 3 });
  } catch (error) {
    await store.close();
    throw error;
  }
  const ctx: WorkerContext = { store, boss, resources: options.resources };
  const summary: WorkerSummary = { documents: 0, corpus: 0, failed: 0, reason: 'signal' };
  const work = { includeMetadata: true as const, batchSize: 1, pollingIntervalSeconds: pollSeconds };

  const guarded = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      summary.failed++;
      log(`failed: ${label}: ${(error as Error).message}`);
      throw error;
    }
  };

  // pg-boss waits out the polling interval after every fetch, even one that found a job (a
  // worker with a 2 s poll did at most one job per 2 s): a worker that has just run a job
  // tells its own loop to fetch again at once, so only an empty queue waits for the next poll
  const eager = async <T>(queue: string, handler: (jobs: Array<PgBoss.JobWithMetadata<unknown>>) => Promise<T>): Promise<void> => {
    let id: string | null = null;
    id = await boss.work(queue, work, async (jobs) => {
      try {
        return await handler(jobs);
      } finally {
        if (id) boss.notifyWorker(id);
      }
    });
  };

  for (let i = 0; i < concurrency; i++) {
    await eager(QUEUES.document, async ([job]) =>
      guarded(describeJob(job.data), async () => {
        const result = await runDocumentJob(job.data, job, ctx);
        summary.documents++;
        log(`${describeJob(job.data)} → ${result.id} (${result.state})`);
        return { doc: result.id, state: result.state };
      }),
    );
  }
  await eager(QUEUES.corpus, async ([job]) =>
    guarded(`corpus of run ${(job.data as { run?: number }).run}`, async () => {
      const result = await runCorpusJob(job.data as never, ctx);
      summary.corpus++;
      log(`corpus of run ${(job.data as { run?: number }).run}: ${result.findings} findings on ${result.documents} documents (${result.status})`);
      return result;
    }),
  );
  await eager(QUEUES.watch, async ([job]) =>
    guarded(`watch poll of ${(job.data as { source?: { url?: string } }).source?.url}`, async () => {
      const result = await runWatchJob(job.data, ctx);
      log(`watch poll of ${result.source}: ${result.status}, ${result.created} new documents, ${result.alerts} alerts`);
      return result;
    }),
  );
  await eager(QUEUES.dead, async ([job]) => runDeadLetterJob(job.data, ctx));

  let stopRequested: () => void = () => undefined;
  const stopped = new Promise<'signal'>((resolve) => (stopRequested = () => resolve('signal')));
  const onSignal = () => stopRequested();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  void options.stopSignal?.then(onSignal);

  const idle = options.exitWhenIdle ? waitUntilIdle(store.pool, pollSeconds, stopped) : new Promise<never>(() => undefined);
  summary.reason = await Promise.race([stopped, idle]);
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  log(summary.reason === 'idle' ? 'no jobs left: stopping' : 'stopping: finishing the jobs in hand');
  // graceful: wait for the jobs in hand, then give back what is still unfinished
  await boss.stop({ graceful: true, wait: true, close: true, timeout: (options.shutdownSeconds ?? 30) * 1000 });
  await store.close();
  return summary;
}

/** Resolves once no Discern job is waiting, running or due for a retry (checked twice, a poll apart). */
async function waitUntilIdle(pool: pg.Pool, pollSeconds: number, stopped: Promise<unknown>): Promise<'idle'> {
  let done = false;
  void stopped.then(() => (done = true));
  let quiet = 0;
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, pollSeconds * 1000));
    const { rows } = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1::text[]) AND state < 'completed'`, [Object.values(QUEUES)]);
    quiet = Number(rows[0].n) === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return 'idle';
  }
  return new Promise<never>(() => undefined);
}

function describeJob(data: unknown): string {
  const job = data as { input?: unknown; run?: unknown } | null;
  return typeof job?.input === 'string' ? `${job.input} (run ${String(job.run)})` : 'a malformed job';
}
