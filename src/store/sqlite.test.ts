import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { DiscernError } from '../core/errors.js';
import { listMigrations, openSqliteStore } from './sqlite.js';
import { storeContract } from './store.contract.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'discern-store-')), 'test.db');

storeContract('sqlite', async () => openSqliteStore(tempDb()));

test('sqlite: data survives closing and reopening; migrations run once', async () => {
  const path = tempDb();
  const store = openSqliteStore(path);
  const runId = await store.startRun({ command: 'ingest', toolVersion: '1', inputs: [], optionsHash: 'x' });
  await store.close();
  const again = openSqliteStore(path);
  assert.equal((await again.getRun(runId))?.command, 'ingest');
  const applied = again.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
  assert.equal(applied.n, listMigrations('sqlite').length);
  assert.equal(again.db.pragma('journal_mode', { simple: true }), 'wal');
  await again.close();
});

test('sqlite: a file that is not a database is refused and left untouched', () => {
  const path = tempDb();
  writeFileSync(path, 'this is my thesis, not a database\n'.repeat(100));
  const before = readFileSync(path);
  assert.throws(() => openSqliteStore(path), (e: unknown) => e instanceof DiscernError && e.code === 'STORE' && e.input === path);
  assert.deepEqual(readFileSync(path), before);
});

test('sqlite: a database from a newer Discern is refused', () => {
  const path = tempDb();
  const db = new Database(path);
  db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (999, 'future', 'now')");
  db.close();
  assert.throws(() => openSqliteStore(path), /newer than this Discern knows/);
});

test('sqlite: full-text search index follows the documents', async () => {
  const store = openSqliteStore(tempDb());
  const doc = { id: 'd1', format: 'text' as const, source: { title: 'Dam talks' }, text: 'Talks about the Serin reservoir levels.', sections: [] };
  await store.saveAnalysis({ doc, origin: 'x', produced: new Map(), failures: [], runId: null });
  const hits = store.db.prepare("SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH 'reservoir'").all();
  assert.deepEqual(hits, [{ id: 'd1' }]);
  await store.close();
});
