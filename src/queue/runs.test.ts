import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPostgresStore, type PostgresStore } from '../store/postgres.js';
import { postgresForTests, postgresSkip, type TestCluster } from '../../test/support/postgres.js';
import { BOSS_SCHEMA, DEFAULT_JOB_SETTINGS, openQueue, QUEUES } from './queue.js';
import { markInput, sendCorpusWhenComplete, setExpected, startQueuedRun } from './runs.js';

/** A queued run's bookkeeping on a real PostgreSQL: inputs counted once, the corpus job sent once every input is in. */

const skip = postgresSkip();

describe('queued runs', { skip }, () => {
  let cluster: TestCluster;
  let store: PostgresStore;
  before(async () => {
    cluster = (await postgresForTests())!;
    store = await openPostgresStore(await cluster.createDatabase());
  });
  after(async () => {
    await store?.close();
    cluster?.stop();
  });

  const finished = async (runId: number) => Number((await store.pool.query('SELECT finished FROM queued_runs WHERE run_id = $1', [runId])).rows[0].finished);

  test('an input marked twice (a retried job) counts once; the corpus job is sent only when every expected input is in', async () => {
    const boss = await openQueue(store.url);
    try {
      const runId = await store.startRun({ command: 'ingest', toolVersion: 'test', inputs: ['a', 'b', 'c'], optionsHash: 'h' });
      await startQueuedRun(store, runId);
      assert.equal(await markInput(store, runId, 1, 'a', { status: 'done', docId: 'd1' }), true);
      assert.equal(await markInput(store, runId, 1, 'a', { status: 'done', docId: 'd1' }), false, 'the second mark of the same input is refused');
      assert.equal(await finished(runId), 1);
      // the count of inputs is unknown until the enqueuer has read them all
      assert.equal(await sendCorpusWhenComplete(store, boss, runId, DEFAULT_JOB_SETTINGS), false);
      await setExpected(store, runId, 3);
      assert.equal(await markInput(store, runId, 2, 'b', { status: 'failed', message: 'unreadable' }), true);
      assert.equal(await sendCorpusWhenComplete(store, boss, runId, DEFAULT_JOB_SETTINGS), false, 'two of three inputs are in');
      // the last two marks race, as two workers' would
      const raced = await Promise.all([markInput(store, runId, 3, 'c', { status: 'done', docId: 'd3' }), markInput(store, runId, 3, 'c', { status: 'done', docId: 'd3' })]);
      assert.deepEqual(raced.sort(), [false, true]);
      assert.equal(await finished(runId), 3);
      assert.equal(await sendCorpusWhenComplete(store, boss, runId, DEFAULT_JOB_SETTINGS), true);
      assert.equal(await sendCorpusWhenComplete(store, boss, runId, DEFAULT_JOB_SETTINGS), true, 'a second caller sees it complete too');
      const jobs = await store.pool.query(`SELECT COUNT(*) AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1`, [QUEUES.corpus]);
      assert.equal(Number(jobs.rows[0].n), 1, 'both sends are one corpus job');
    } finally {
      await boss.stop({ graceful: false, close: true, wait: true });
    }
  });
});
