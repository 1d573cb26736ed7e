import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadResources } from '../../src/nlp/resources.js';
import { createAnalysisPool } from '../../src/pipeline/pool.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../support/cli.js';
import { articleText } from './support.js';

/**
 * The server analyses ingests in worker threads: reads are answered while a long text is
 * analysed (an ordering check, not a timing one: the read must come back before the ingest),
 * and a worker that dies fails only its request.
 */

function longText(chars: number): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < chars; i++) {
    const t = articleText(20_000 + i);
    parts.push(t);
    size += t.length;
  }
  return parts.join('\n');
}

test('reads are answered while the pool analyses a long ingest', { timeout: 240_000 }, async () => {
  const db = join(tempDir('discern-pool-server-'), 'pool.db');
  const store = openSqliteStore(db);
  const pool = createAnalysisPool({ size: 1, store: db });
  const server = await listen(createApp({ store, resources: await loadResources(), pool, rateLimit: null }), '127.0.0.1', 0);
  try {
    await pool.ready();
    const first = (await (await fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: articleText(1) })).json()) as { id: string };
    const order: string[] = [];
    const ingest = fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: longText(150_000) }).then(async (r) => {
      order.push(`ingest ${r.status}`);
      return r.json();
    });
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 3; i++) {
      const read = await fetch(`${server.url}/api/v1/documents/${first.id}`);
      await read.arrayBuffer();
      order.push(`read ${read.status}`);
    }
    await ingest;
    assert.deepEqual(order, ['read 200', 'read 200', 'read 200', 'ingest 201'], 'the reads came back while the long text was being analysed');
    assert.equal(await store.countDocuments(), 2, 'the worker stored the long text');
  } finally {
    await server.close();
    await pool.close();
    await store.close();
  }
});

test('a worker that dies fails its ingest with a coded 500; the server and the next ingest go on', { timeout: 120_000 }, async () => {
  const db = join(tempDir('discern-pool-crash-'), 'crash.db');
  const store = openSqliteStore(db);
  const pool = createAnalysisPool({ size: 1, store: db, workerUrl: new URL('../support/crashing-analysis-worker.ts', import.meta.url) });
  const server = await listen(createApp({ store, resources: await loadResources(), pool, rateLimit: null }), '127.0.0.1', 0);
  const post = (text: string) => fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text });
  try {
    const crash = await post('CRASH the worker with this text, please.\n');
    assert.equal(crash.status, 500);
    assert.deepEqual(await crash.json(), { error: { code: 'ANALYSIS_WORKER', message: 'the analysis worker stopped before it finished this document' } });
    assert.equal((await fetch(`${server.url}/api/v1/documents`)).status, 200);
    const next = await post(articleText(2));
    assert.equal(next.status, 201);
    assert.equal(await store.countDocuments(), 1, 'the crashed document was not stored half-way');
  } finally {
    await server.close();
    await pool.close();
    await store.close();
  }
});
