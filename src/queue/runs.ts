import type PgBoss from 'pg-boss';
import type { PostgresStore } from '../store/postgres.js';
import { corpusJobId, jobOptions, QUEUES, type CorpusJob, type JobSettings } from './queue.js';

/**
 * A queued run's progress (tables of migrations/postgres/003): how many inputs it expects,
 * which are done or dead. Every write is idempotent, because a job may run again after its
 * worker was killed: an input is marked once, the corpus job has a stable id.
 */

const now = () => new Date().toISOString();

/**
 * A run fed through the queue; `expected` stays unknown until every input is read. Its
 * enqueuing process exits long before the run ends, so the run has no owner process (it is
 * never marked interrupted for the enqueuer's exit); its corpus job finishes it.
 */
export async function startQueuedRun(store: PostgresStore, runId: number): Promise<void> {
  await store.pool.query('INSERT INTO queued_runs (run_id, expected) VALUES ($1, NULL) ON CONFLICT DO NOTHING', [runId]);
  await store.pool.query('UPDATE runs SET pid = NULL, host = NULL, process_token = NULL WHERE id = $1', [runId]);
}

export async function setExpected(store: PostgresStore, runId: number, expected: number): Promise<void> {
  await store.pool.query('UPDATE queued_runs SET expected = $2 WHERE run_id = $1', [runId, expected]);
}

/** Marks one input finished; false when it already was (a retried job). */
export async function markInput(
  store: PostgresStore,
  runId: number,
  position: number,
  input: string,
  outcome: { status: 'done'; docId: string } | { status: 'failed'; message: string },
): Promise<boolean> {
  // one statement: the input is marked and counted together, or (marked already) neither
  const result = await store.pool.query(
    `WITH marked AS (
       INSERT INTO queued_inputs (run_id, position, input, status, doc_id, message, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING RETURNING 1
     )
     UPDATE queued_runs SET finished = finished + 1 WHERE run_id = $1 AND EXISTS (SELECT 1 FROM marked)`,
    [runId, position, input, outcome.status, outcome.status === 'done' ? outcome.docId : null, outcome.status === 'failed' ? outcome.message : null, now()],
  );
  return result.rowCount === 1;
}

/**
 * Once every input of the run is in, sends its corpus job. Called after each input and by
 * the enqueuer at the end; several callers may see the run complete at once, and the stable
 * job id makes their sends one job.
 */
export async function sendCorpusWhenComplete(store: PostgresStore, boss: PgBoss, runId: number, settings: JobSettings): Promise<boolean> {
  const { rows } = await store.pool.query<{ expected: number | null; finished: number }>(
    'SELECT expected, finished FROM queued_runs WHERE run_id = $1',
    [runId],
  );
  const run = rows[0];
  if (!run || run.expected === null || run.finished < run.expected) return false;
  const job: CorpusJob = { kind: 'corpus', v: 1, run: runId };
  await boss.send(QUEUES.corpus, job, { id: corpusJobId(runId), ...jobOptions(settings) });
  await store.pool.query('UPDATE queued_runs SET corpus_sent_at = COALESCE(corpus_sent_at, $2) WHERE run_id = $1', [runId, now()]);
  return true;
}
