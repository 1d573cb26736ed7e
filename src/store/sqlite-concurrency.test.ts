import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Document } from '../core/types.js';
import { isDiscernError } from '../core/errors.js';
import { listMigrations, openSqliteStore } from './sqlite.js';

/** Several connections on one file, as a server and a CLI ingest (or two ingests) are. */

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'discern-busy-')), 'test.db');
const doc = (id: string): Document => ({ id, format: 'text', source: { path: `${id}.txt` }, text: `Text of ${id}.`, sections: [{ kind: 'body', start: 0, end: 9 }] });

test('a write waits for another connection to release the lock instead of failing (retry, event loop free)', async () => {
  const path = tempDb();
  const store = openSqliteStore(path);
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE; INSERT INTO schema_migrations VALUES (-1, \'held\', \'now\')');
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 20);
  setTimeout(() => other.exec('ROLLBACK'), 600);
  try {
    assert.deepEqual(await store.saveAnalysis({ doc: doc('a'), origin: 'a.txt', produced: new Map(), failures: [], runId: null }), { created: true });
    assert.ok(ticks >= 10, `the event loop kept running while the write waited (${ticks} ticks)`);
    assert.equal(await store.countDocuments(), 1);
  } finally {
    clearInterval(ticker);
    other.close();
    await store.close();
  }
});

test('a lock held past the busy timeout fails with the retryable BUSY error, and nothing is half-written', async () => {
  const path = tempDb();
  const store = openSqliteStore(path, { busyTimeoutMs: 300 });
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  try {
    await assert.rejects(
      store.saveAnalysis({ doc: doc('b'), origin: 'b.txt', produced: new Map(), failures: [], runId: null }),
      (e: unknown) => isDiscernError(e) && e.code === 'BUSY' && e.input === path,
    );
    await assert.rejects(store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' }), (e: unknown) => isDiscernError(e) && e.code === 'BUSY');
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  assert.equal(await store.countDocuments(), 0);
  await store.saveAnalysis({ doc: doc('b'), origin: 'b.txt', produced: new Map(), failures: [], runId: null });
  assert.equal(await store.countDocuments(), 1);
  await store.close();
});

test('a read-then-write transaction never fails with SQLITE_BUSY_SNAPSHOT when another process commits in between', async () => {
  // Another process writes documents as fast as it can while this one saves its own;
  // with deferred transactions some of these saves failed (the read snapshot went stale).
  const path = tempDb();
  openSqliteStore(path).db.close();
  // the other process reads like the store: the full-text index reads texts through discern_text()
  const script = `
    const Database = require('better-sqlite3');
    const { registerTextFunctions } = require(${JSON.stringify(new URL('./sqlite-text.ts', import.meta.url).pathname)});
    const db = new Database(${JSON.stringify(path)});
    registerTextFunctions(db);
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare("INSERT INTO documents (id, format, text, ingested_at, updated_at) VALUES (?, 'text', 'x', 'now', 'now')");
    const end = Date.now() + 1500;
    let i = 0;
    while (Date.now() < end) db.transaction(() => insert.run('other-' + i++)).immediate();
  `;
  const child = (await import('node:child_process')).spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: process.cwd(), stdio: 'inherit' });
  const store = openSqliteStore(path);
  try {
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 60; i++) {
      await store.saveAnalysis({ doc: doc(`mine-${i}`), origin: 'x', produced: new Map(), failures: [], runId: null });
    }
    const mine = store.db.prepare("SELECT COUNT(*) AS n FROM documents WHERE id LIKE 'mine-%'").get() as { n: number };
    assert.equal(mine.n, 60);
  } finally {
    await new Promise((r) => child.once('exit', r));
    await store.close();
  }
});

test('runs whose process died are marked interrupted on the next open; live ones are left running', async () => {
  const path = tempDb();
  const store = openSqliteStore(path);
  const mine = await store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
  // a run started by a process that has exited since
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  const theirs = await store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
  store.db.prepare('UPDATE runs SET pid = ? WHERE id = ?').run(dead, theirs);
  // a run of an earlier process that had this process's pid (as in a container)
  const reused = await store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
  store.db.prepare("UPDATE runs SET process_token = 'an-earlier-process' WHERE id = ?").run(reused);
  const again = openSqliteStore(path);
  try {
    assert.equal((await again.getRun(theirs))?.status, 'interrupted');
    assert.ok((await again.getRun(theirs))?.finishedAt);
    assert.equal((await again.getRun(reused))?.status, 'interrupted', 'same pid, another process');
    assert.equal((await again.getRun(mine))?.status, 'running', 'this process is alive: its run goes on');
  } finally {
    await again.close();
    await store.close();
  }
});

test('migration 004 rebuilds runs keeping every run, its documents, errors and corpus findings', async () => {
  const path = tempDb();
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of listMigrations('sqlite').filter((m) => m.version < 4)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
  }
  db.exec(`INSERT INTO documents (id, format, text, ingested_at, updated_at) VALUES ('d1', 'text', 'x', 'now', 'now');
    INSERT INTO runs (command, tool_version, inputs, options_hash, started_at, status) VALUES ('ingest', '0', '[]', 'h', 'then', 'done');
    INSERT INTO runs (command, tool_version, inputs, options_hash, started_at, status) VALUES ('ingest', '0', '[]', 'h', 'then', 'running');
    INSERT INTO runs (command, tool_version, inputs, options_hash, started_at, status) VALUES ('ingest', '0', '[]', 'h', 'then', 'done');
    DELETE FROM runs WHERE id = 3;
    INSERT INTO run_documents VALUES (1, 'd1', 1);
    INSERT INTO run_errors VALUES (1, 'gone.txt', 'INPUT_NOT_FOUND', 'no such file');
    INSERT INTO corpus_findings VALUES (1, 'c1', 'reuse@1', 'reuse', 'copy', 0.5, 'why', '[]', NULL);`);
  db.close();
  const store = openSqliteStore(path);
  try {
    assert.equal((await store.getRun(1))?.status, 'done');
    assert.equal((await store.getRun(2))?.status, 'interrupted', 'a pre-004 run left running has no owner: interrupted');
    assert.deepEqual(await store.runDocumentIds(1), ['d1']);
    assert.equal((await store.runErrors(1)).length, 1);
    assert.equal((await store.corpusFindings(1)).length, 1);
    const next = await store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
    assert.equal(next, 4, 'AUTOINCREMENT carries over: a deleted run id is not reused');
    assert.deepEqual(store.db.prepare('PRAGMA foreign_key_check').all(), []);
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    await store.close();
  }
});

test('two processes opening a new database at once both get a migrated store', () => {
  const path = tempDb();
  const opener = `import('./src/store/sqlite.ts').then(async (m) => { const s = m.openSqliteStore(${JSON.stringify(path)}); await s.close(); })`;
  const script = `const { spawn } = require('node:child_process');
    let failed = 0, left = 4;
    for (let i = 0; i < 4; i++) spawn(process.execPath, ['--import', 'tsx', '-e', ${JSON.stringify(opener)}], { stdio: 'inherit' })
      .on('exit', (code) => { if (code !== 0) failed++; if (--left === 0) process.exit(failed); });`;
  execFileSync(process.execPath, ['-e', script], { stdio: 'inherit' });
  const db = new Database(path);
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n, listMigrations('sqlite').length);
  db.close();
});
