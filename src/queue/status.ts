import { PostgresStore } from '../store/postgres.js';
import type { Store } from '../store/store.js';
import { BOSS_SCHEMA, QUEUES } from './queue.js';

/**
 * What `discern jobs` and GET /api/v1/jobs show: jobs per queue and state, the dead ones
 * with their last error, and each queued run's progress. Read straight from pg-boss's tables
 * (schema `pgboss`, pg-boss 10's layout) and the run bookkeeping, without starting a queue.
 */

export interface QueueCounts {
  queue: string;
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface DeadJob {
  id: string;
  queue: string;
  run: number | null;
  input: string | null;
  attempts: number;
  error: string;
  failedAt: string | null;
}

export interface QueuedRunProgress {
  run: number;
  status: string;
  /** inputs the run has; null while they are still being read */
  expected: number | null;
  done: number;
  failed: number;
  corpusSentAt: string | null;
  finishedAt: string | null;
}

export interface JobsStatus {
  /** false on SQLite: the queue needs PostgreSQL */
  available: boolean;
  queues: QueueCounts[];
  dead: DeadJob[];
  runs: QueuedRunProgress[];
}

const STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;

export async function jobsStatus(store: Store, options: { deadLimit?: number; runLimit?: number } = {}): Promise<JobsStatus> {
  if (!(store instanceof PostgresStore)) return { available: false, queues: [], dead: [], runs: [] };
  const pool = store.pool;
  const names = Object.values(QUEUES);
  const queues = new Map<string, QueueCounts>(names.map((q) => [q, { queue: q, created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 }]));
  const dead: DeadJob[] = [];
  const exists = (await pool.query<{ t: string | null }>(`SELECT to_regclass('${BOSS_SCHEMA}.job')::text AS t`)).rows[0].t !== null;
  if (exists) {
    for (const r of (await pool.query<{ name: string; state: string; n: string }>(`SELECT name, state::text AS state, COUNT(*) AS n FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1::text[]) GROUP BY name, state`, [names])).rows) {
      const entry = queues.get(r.name);
      if (entry && (STATES as readonly string[]).includes(r.state)) entry[r.state as (typeof STATES)[number]] = Number(r.n);
    }
    const rows = await pool.query<{ id: string; name: string; data: Record<string, unknown> | null; retry_count: number; output: Record<string, unknown> | null; completed_on: Date | null }>(
      `SELECT id::text, name, data, retry_count, output, completed_on FROM ${BOSS_SCHEMA}.job
       WHERE name = ANY($1::text[]) AND state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
      [[QUEUES.document, QUEUES.corpus], options.deadLimit ?? 50],
    );
    for (const r of rows.rows) {
      dead.push({
        id: r.id,
        queue: r.name,
        run: Number.isInteger(r.data?.run) ? Number(r.data?.run) : null,
        input: typeof r.data?.input === 'string' ? r.data.input : null,
        attempts: Number(r.retry_count) + 1,
        error: errorOf(r.output),
        failedAt: r.completed_on ? r.completed_on.toISOString() : null,
      });
    }
  }
  const runs = (
    await pool.query<{ run_id: string; status: string; expected: number | null; done: string; failed: string; corpus_sent_at: string | null; finished_at: string | null }>(
      `SELECT q.run_id, r.status, q.expected, q.corpus_sent_at, r.finished_at,
         (SELECT COUNT(*) FROM queued_inputs i WHERE i.run_id = q.run_id AND i.status = 'done') AS done,
         (SELECT COUNT(*) FROM queued_inputs i WHERE i.run_id = q.run_id AND i.status = 'failed') AS failed
       FROM queued_runs q JOIN runs r ON r.id = q.run_id ORDER BY q.run_id DESC LIMIT $1`,
      [options.runLimit ?? 20],
    )
  ).rows.map((r) => ({ run: Number(r.run_id), status: r.status, expected: r.expected, done: Number(r.done), failed: Number(r.failed), corpusSentAt: r.corpus_sent_at, finishedAt: r.finished_at }));
  return { available: true, queues: [...queues.values()], dead, runs };
}

/** pg-boss keeps a failed job's error as its output: { message, stack } or { value: … }. */
function errorOf(output: Record<string, unknown> | null): string {
  if (!output) return 'unknown error';
  if (typeof output.message === 'string') return output.message;
  const value = output.value as Record<string, unknown> | string | undefined;
  if (typeof value === 'string') return value;
  if (value && typeof value.message === 'string') return value.message;
  return JSON.stringify(output).slice(0, 500);
}
