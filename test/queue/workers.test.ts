import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Finding } from '../../src/core/types.js';
import { loadResources, type Resources } from '../../src/nlp/resources.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { jobsStatus } from '../../src/queue/status.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { runCli, startCli, tempDir } from '../support/cli.js';
import { postgresForTests, postgresSkip, type TestCluster } from '../support/postgres.js';
import { ARTICLE_DASKOR, ARTICLE_NORVALE } from '../server/fixtures.js';

/**
 * Workers on a real PostgreSQL: killed with SIGKILL mid-run, stopped with SIGTERM, fed a job
 * that fails every time. Short leases and retry delays keep these fast; the CLI runs as a user
 * would run it (a child process per command).
 */

const skip = postgresSkip();
const FAST = ['--poll', '500ms', '--check-leases', '1s'];

/** Invented articles: the two fixtures plus variations, each a distinct document. */
function writeCorpus(dir: string, count: number, bigParagraphs = 0): string[] {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = i % 2 === 0 ? ARTICLE_NORVALE : ARTICLE_DASKOR;
    const extra = Array.from({ length: bigParagraphs }, (_, p) => `Officials in district ${i}-${p} said the ${p}th inspection of Lake Temmer found ${p * 3 + i} dead fish, according to the Halden Institute.`).join('\n\n');
    const path = join(dir, `article-${String(i).padStart(2, '0')}.txt`);
    writeFileSync(path, `${base.replace('\n\n', `\n\nEdition ${i}.\n\n`)}${extra ? `\n\n${extra}\n` : ''}`);
    paths.push(path);
  }
  return paths;
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const activeDocumentJobs = async (store: PostgresStore) =>
  Number((await store.pool.query(`SELECT COUNT(*) AS n FROM pgboss.job WHERE name = 'discern-document' AND state = 'active'`)).rows[0].n);

const byId = (findings: Finding[]) => [...findings].sort((a, b) => a.id.localeCompare(b.id));

describe('workers on PostgreSQL', { skip }, () => {
  let cluster: TestCluster;
  let resources: Resources;
  before(async () => {
    cluster = (await postgresForTests())!;
    resources = await loadResources();
  });
  after(() => cluster?.stop());

  test('a worker killed with SIGKILL mid-run: every document is analysed exactly once, with the findings of a SQLite run', async () => {
    const url = await cluster.createDatabase();
    const dir = tempDir();
    writeCorpus(join(dir, 'in'), 6, 40);
    const queued = await runCli(['ingest', join(dir, 'in'), '--db', url, '--queue', '--lease', '3s', '--retry-delay', '1s', '--json']);
    assert.equal(queued.code, 0, queued.stderr);
    const { run, queued: jobs } = JSON.parse(queued.stdout) as { run: number; queued: number };
    assert.equal(jobs, 6);

    const store = await openPostgresStore(url);
    try {
      const doomed = startCli(['worker', '--db', url, ...FAST]);
      await until('the first worker to hold a job', async () => (await activeDocumentJobs(store)) > 0);
      doomed.kill('SIGKILL');
      await new Promise((resolve) => doomed.once('close', resolve));

      const survivor = await runCli(['worker', '--db', url, '--exit-when-idle', '--concurrency', '2', ...FAST]);
      assert.equal(survivor.code, 0, survivor.stderr);

      const status = await jobsStatus(store);
      const documentQueue = status.queues.find((q) => q.queue === 'discern-document')!;
      assert.equal(documentQueue.completed, 6);
      assert.equal(documentQueue.failed, 0);
      assert.equal(status.queues.find((q) => q.queue === 'discern-corpus')!.completed, 1);
      const retried = Number((await store.pool.query(`SELECT COUNT(*) AS n FROM pgboss.job WHERE name = 'discern-document' AND retry_count > 0`)).rows[0].n);
      assert.ok(retried >= 1, 'the killed worker\'s job was taken back after its lease and retried');
      assert.deepEqual(status.runs.map((r) => [r.run, r.status, r.expected, r.done, r.failed]), [[run, 'done', 6, 6, 0]]);
      assert.equal(await store.countDocuments(), 6);
      const ids = await store.runDocumentIds(run);
      assert.equal(new Set(ids).size, 6);
      assert.ok((await store.corpusFindings(run)).length > 0, 'the corpus job stored the run\'s corpus findings');

      // the same inputs through the embedded default
      const sqlite = openSqliteStore(join(dir, 'same.db'));
      try {
        await runPipeline({ command: 'ingest', inputs: [join(dir, 'in')], store: sqlite, resources, skipCorpus: true });
        assert.equal(await sqlite.countDocuments(), 6);
        for (const id of ids) {
          assert.deepEqual(byId(await store.getFindings(id)), byId(await sqlite.getFindings(id)), id);
          assert.deepEqual(await store.analyzerResults(id), await sqlite.analyzerResults(id), id);
        }
      } finally {
        await sqlite.close();
      }
    } finally {
      await store.close();
    }
  });

  test('SIGTERM: the worker finishes the job in hand, then exits cleanly', async () => {
    const url = await cluster.createDatabase();
    const dir = tempDir();
    writeCorpus(join(dir, 'in'), 1, 400);
    assert.equal((await runCli(['ingest', join(dir, 'in'), '--db', url, '--queue'])).code, 0);
    const store = await openPostgresStore(url);
    try {
      const worker = startCli(['worker', '--db', url, ...FAST]);
      let stderr = '';
      worker.stderr?.on('data', (d) => (stderr += d));
      await until('the worker to hold the job', async () => (await activeDocumentJobs(store)) > 0);
      worker.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => worker.once('close', resolve));
      assert.equal(code, 0, stderr);
      assert.match(stderr, /stopping: finishing the jobs in hand/);
      assert.ok(stderr.indexOf('stopping') < stderr.indexOf(' → '), `the job was finished after the signal:\n${stderr}`);
      const { rows } = await store.pool.query(`SELECT state::text AS state FROM pgboss.job WHERE name = 'discern-document'`);
      assert.deepEqual(rows, [{ state: 'completed' }], 'finished, not abandoned');
      assert.equal(await store.countDocuments(), 1);
    } finally {
      await store.close();
    }
  });

  test('a job that fails on every attempt is retried with backoff, then dead, with its error in discern jobs; its run still finishes', async () => {
    const url = await cluster.createDatabase();
    const dir = tempDir();
    writeCorpus(join(dir, 'in'), 1);
    // one readable input and one job from an incompatible producer (no extracted document)
    const queued = await runCli(['ingest', join(dir, 'in'), '--db', url, '--queue', '--retries', '2', '--retry-delay', '1s', '--json']);
    const { run } = JSON.parse(queued.stdout) as { run: number };
    const store = await openPostgresStore(url);
    try {
      assert.equal((await store.getRun(run))?.status, 'running', 'a queued run outlives its enqueuing process');
      const { openQueue, jobOptions, QUEUES } = await import('../../src/queue/queue.js');
      const boss = await openQueue(url);
      await store.pool.query('UPDATE queued_runs SET expected = 2, corpus_sent_at = NULL WHERE run_id = $1', [run]);
      await boss.send(QUEUES.document, { kind: 'document', v: 1, run, position: 2, input: 'broken.txt' }, jobOptions({ leaseSeconds: 30, retries: 2, retryDelaySeconds: 1 }));
      await boss.stop({ graceful: false, wait: true });

      const worker = await runCli(['worker', '--db', url, '--exit-when-idle', ...FAST]);
      assert.equal(worker.code, 0, worker.stderr);
      assert.match(worker.stderr, /failed: broken\.txt/);

      const status = await runCli(['jobs', '--db', url, '--json']);
      const jobs = JSON.parse(status.stdout) as Awaited<ReturnType<typeof jobsStatus>>;
      assert.deepEqual(jobs.dead.map((d) => [d.queue, d.input, d.run, d.attempts]), [['discern-document', 'broken.txt', run, 3]]);
      assert.match(jobs.dead[0].error, /malformed job: the job holds no extracted document/);
      assert.deepEqual(jobs.runs.map((r) => [r.status, r.done, r.failed]), [['partial', 1, 1]]);
      const errors = await store.runErrors(run);
      assert.deepEqual(errors.map((e) => [e.input, e.code]), [['broken.txt', 'JOB_FAILED']]);
      assert.match(errors[0].message, /failed on every attempt \(3\): malformed job/);
      // the human-readable view says the same
      const text = await runCli(['jobs', '--db', url]);
      assert.match(text.stdout, /dead jobs \(failed on every attempt\):\n {2}discern-document broken\.txt \(run \d+, 3 attempts\): malformed job/);
      // backoff: each retry waited at least the delay, doubling
      const { rows } = await store.pool.query(`SELECT EXTRACT(EPOCH FROM (completed_on - created_on)) AS seconds FROM pgboss.job WHERE name = 'discern-document' AND state = 'failed'`);
      assert.ok(Number(rows[0].seconds) >= 2.5, `two retries waited about 1 s then 2 s or more (${rows[0].seconds} s)`);
    } finally {
      await store.close();
    }
  });

  test('--queue needs PostgreSQL; worker refuses SQLite', async () => {
    const dir = tempDir();
    writeCorpus(join(dir, 'in'), 1);
    const ingest = await runCli(['ingest', join(dir, 'in'), '--db', join(dir, 'x.db'), '--queue']);
    assert.equal(ingest.code, 2);
    assert.match(ingest.stderr, /--queue needs a PostgreSQL database/);
    const worker = await runCli(['worker', '--db', join(dir, 'x.db')]);
    assert.equal(worker.code, 2);
    assert.match(worker.stderr, /workers need a PostgreSQL database/);
  });
});
