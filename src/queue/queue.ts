import { createHash } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Source } from '../core/types.js';
import type { ExtractedDocument } from '../document/extracted.js';
import { redactUrl } from '../store/postgres.js';
import { DiscernError } from '../core/errors.js';

/**
 * Discern's jobs on pg-boss (PostgreSQL-backed: SKIP LOCKED fetching, leases that expire,
 * retries with exponential backoff, dead-letter queues). pg-boss keeps its tables in its own
 * schema (`pgboss`) of the same database as the store, so a document's job and its stored
 * analysis live and die together.
 *
 * Queues:
 * - `discern-document`: one job per input, holding the extracted content (workers on other
 *   machines cannot read the enqueuing machine's files, so the CLI reads and extracts, and
 *   the job carries the text), analysed and stored by any worker;
 * - `discern-corpus`: one job per run, sent once every input of the run is in;
 * - `discern-dead`: jobs that failed on every attempt land here; a worker records them on
 *   their run, so a run with dead inputs still finishes (as partial);
 * - `discern-watch`: one job per watched source and poll round (`discern watch`, src/watch/jobs.ts).
 */

export const QUEUES = { document: 'discern-document', corpus: 'discern-corpus', dead: 'discern-dead', watch: 'discern-watch' } as const;
export const BOSS_SCHEMA = 'pgboss';

/** How a run's jobs are retried; set by whoever enqueues them, carried by every job. */
export interface JobSettings {
  /** a job not finished within this many seconds of starting is taken back and retried (a killed worker's lease) */
  leaseSeconds: number;
  /** attempts after the first */
  retries: number;
  /** seconds before the first retry; each further retry waits about twice as long */
  retryDelaySeconds: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = { leaseSeconds: 900, retries: 3, retryDelaySeconds: 10 };

export interface DocumentJob {
  kind: 'document';
  v: 1;
  run: number;
  /** the input's place in the run (1-based) */
  position: number;
  /** the path, URL or "-" it was read from */
  input: string;
  extracted: ExtractedDocument;
  origin: Source;
  settings: JobSettings;
}

export interface CorpusJob {
  kind: 'corpus';
  v: 1;
  run: number;
}

export type DiscernJob = DocumentJob | CorpusJob;

/** A stable job id (a name-based UUID): the same job sent twice is one job. */
export function jobId(key: string): string {
  const hex = createHash('sha1').update(`discern-job:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const documentJobId = (run: number, position: number) => jobId(`document:${run}:${position}`);
export const corpusJobId = (run: number) => jobId(`corpus:${run}`);

export interface QueueOptions {
  /** run pg-boss's supervisor here (takes back expired leases, archives old jobs) */
  supervise?: boolean;
  /** seconds between the supervisor's rounds */
  superviseSeconds?: number;
  /** connections pg-boss may open */
  maxConnections?: number;
}

/** pg-boss on the store's database, with Discern's queues created. */
export async function openQueue(url: string, options: QueueOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: options.maxConnections ?? 4,
    supervise: options.supervise ?? false,
    schedule: false,
    maintenanceIntervalSeconds: options.superviseSeconds ?? 60,
    // completed jobs are kept a day (then archived by pg-boss), dead ones two weeks
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 14 * 24 * 3600,
  });
  // pg-boss reports background failures (a dropped connection) as events: log, do not crash
  boss.on('error', (error: Error) => process.stderr.write(`discern: queue: ${error.message}\n`));
  try {
    // pg-boss creates its schema and each queue's table on first use; two processes doing it at
    // once (a watch and a worker started together on a new database) can deadlock, so the
    // set-up runs under an advisory lock, and a deadlock that still happens is tried again
    await withSetupLock(url, async () => {
      await boss.start();
      await boss.createQueue(QUEUES.dead, { name: QUEUES.dead, policy: 'standard', retryLimit: 5, retryDelay: 5, retryBackoff: true });
      for (const name of [QUEUES.document, QUEUES.corpus, QUEUES.watch]) {
        await boss.createQueue(name, { name, policy: 'standard', deadLetter: QUEUES.dead });
      }
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw new DiscernError('STORE', `cannot open the job queue: ${(error as Error).message}`, redactUrl(url), { cause: error });
  }
  return boss;
}

/** Advisory lock key of the queue set-up ("discern-queue-setup"); the store's migrations use another. */
const QUEUE_SETUP_LOCK = 0x646973717565;
const SETUP_ATTEMPTS = 3;

/** `fn` while holding the queue set-up lock on a connection of its own; a deadlock (40P01) is retried. */
export async function withSetupLock(url: string, fn: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
    for (let attempt = 1; ; attempt++) {
      try {
        await fn();
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= SETUP_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** pg-boss send/insert options of a job with these settings. */
export function jobOptions(settings: JobSettings): { expireInSeconds: number; retryLimit: number; retryDelay: number; retryBackoff: true; deadLetter: string } {
  return { expireInSeconds: settings.leaseSeconds, retryLimit: settings.retries, retryDelay: settings.retryDelaySeconds, retryBackoff: true, deadLetter: QUEUES.dead };
}

/** A job's data as sent, checked: a job from another program or version fails clearly instead of half-working. */
export function parseJob(data: unknown): DiscernJob {
  const job = data as { kind?: unknown; v?: unknown; run?: unknown; position?: unknown; input?: unknown; extracted?: unknown } | null;
  if (!job || typeof job !== 'object' || job.v !== 1 || !Number.isInteger(job.run)) throw malformed('it is not a Discern job (version 1)');
  if (job.kind === 'corpus') return { kind: 'corpus', v: 1, run: job.run as number };
  if (job.kind !== 'document') throw malformed(`unknown job kind ${JSON.stringify(job.kind)}`);
  const extracted = job.extracted as Partial<ExtractedDocument> | undefined;
  if (!extracted || typeof extracted.text !== 'string' || !Array.isArray(extracted.sections) || typeof extracted.format !== 'string') throw malformed('the job holds no extracted document');
  if (typeof job.input !== 'string' || !Number.isInteger(job.position)) throw malformed('the job does not say which input it is');
  return job as unknown as DocumentJob;
}

/** Which run and input a document job is about, read leniently (for jobs too malformed to run). */
export function documentJobRef(data: unknown): Pick<DocumentJob, 'run' | 'position' | 'input' | 'settings'> | null {
  const job = data as Partial<DocumentJob> | null;
  if (!job || typeof job !== 'object' || job.kind !== 'document' || !Number.isInteger(job.run) || !Number.isInteger(job.position) || typeof job.input !== 'string') return null;
  return { run: job.run as number, position: job.position as number, input: job.input, settings: job.settings ?? DEFAULT_JOB_SETTINGS };
}

function malformed(why: string): DiscernError {
  return new DiscernError('INPUT_MALFORMED', `malformed job: ${why}`);
}
