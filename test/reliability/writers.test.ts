import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadResources } from '../../src/nlp/resources.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { runCli, tempDir } from '../support/cli.js';
import { articleText, dbProblems, dbState, runStatuses, writeArticles } from './support.js';

/**
 * Two writers on one SQLite file, as people run them: a server answering API ingests while
 * `discern ingest` fills the same database, and two `discern ingest` at once. Every document
 * of both must be stored, no API ingest may answer 5xx, both CLIs must exit 0.
 */

const PER_WRITER = Number(process.env.DISCERN_RELIABILITY_DOCS ?? 24);

test('CLI + CLI: two discern ingest on one database both finish and store every document', { timeout: 240_000 }, async () => {
  const dir = tempDir('discern-writers-');
  const db = join(dir, 'shared.db');
  writeArticles(join(dir, 'a'), PER_WRITER, 0);
  writeArticles(join(dir, 'b'), PER_WRITER, 1000);
  const [a, b] = await Promise.all([runCli(['ingest', join(dir, 'a'), '--db', db, '--json']), runCli(['ingest', join(dir, 'b'), '--db', db, '--json'])]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(dbState(db).documents, 2 * PER_WRITER);
  assert.deepEqual(dbProblems(db), []);
  assert.deepEqual(runStatuses(db), { done: 2 });
});

test('CLI + API: a server takes API ingests while discern ingest writes the same file; nothing lost, no 5xx', { timeout: 240_000 }, async () => {
  const dir = tempDir('discern-writers-');
  const db = join(dir, 'shared.db');
  writeArticles(join(dir, 'cli'), PER_WRITER, 0);
  const store = openSqliteStore(db);
  const server = await listen(createApp({ store, resources: await loadResources(), rateLimit: null }), '127.0.0.1', 0);
  try {
    const cli = runCli(['ingest', join(dir, 'cli'), '--db', db]);
    const statuses: number[] = [];
    // API ingests spread over the CLI's run
    for (let i = 0; i < Math.ceil(PER_WRITER / 2); i++) {
      const response = await fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: articleText(5000 + i) });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    const result = await cli;
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(statuses.filter((s) => s !== 201), [], `every API ingest stored (${statuses.join(' ')})`);
    assert.equal(dbState(db).documents, PER_WRITER + statuses.length);
  } finally {
    await server.close();
    await store.close();
  }
  assert.deepEqual(dbProblems(db), []);
});
