import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { DiscernError } from '../core/errors.js';
import { listMigrations, openSqliteStore, PAGE_SIZE } from './sqlite.js';
import { referenceContract } from './reference.contract.js';
import { storeContract } from './store.contract.js';
import { watchContract } from './watch.contract.js';
import { unpackJson } from './finding-sets.js';
import { findingQueriesContract, migration010Contract, oldSchemaRows } from './finding-sets.contract.js';
import { findingNamesContract, migration012Contract } from './document-keys.contract.js';
import { packDictionariesContract } from './pack-dictionaries.contract.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'discern-store-')), 'test.db');

storeContract('sqlite', async () => openSqliteStore(tempDb()));
watchContract('sqlite', async () => openSqliteStore(tempDb()));

findingQueriesContract('sqlite', async () => openSqliteStore(tempDb()));
packDictionariesContract('sqlite', async () => tempDb());
migration010Contract('sqlite', async () => {
  const path = tempDb();
  const old = new Database(path);
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of listMigrations('sqlite').filter((m) => m.version < 10)) {
    old.exec(m.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
  }
  for (const statement of oldSchemaRows()) old.exec(statement);
  old.close();
  return openSqliteStore(path);
});

/** A database with the migrations before `version` applied, `rows` inserted, then opened (and so migrated) by the store. */
function migratedFrom(version: number, rows: string[]) {
  const path = tempDb();
  const old = new Database(path);
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of listMigrations('sqlite').filter((m) => m.version < version)) {
    old.exec(m.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
  }
  for (const statement of rows) old.exec(statement);
  old.close();
  return openSqliteStore(path);
}

findingNamesContract('sqlite', async () => openSqliteStore(tempDb()));
migration012Contract('sqlite', {
  fresh: async () => openSqliteStore(tempDb()),
  fromLevel011: async (rows) => migratedFrom(12, rows),
  blob: (bytes) => `X'${bytes.toString('hex')}'`,
});

test('sqlite: the documents search index follows explicit document keys, so VACUUM cannot misdirect it', async () => {
  const path = tempDb();
  const store = openSqliteStore(path);
  const save = (id: string, text: string) => store.saveAnalysis({ doc: { id, format: 'text', source: {}, text, sections: [], lang: 'en' }, origin: id, produced: new Map(), failures: [], runId: null });
  try {
    for (let i = 0; i < 30; i++) await save(`x${String(i).padStart(2, '0')}`, `filler number ${i}`);
    await save('late', 'the reservoir is low');
    // a gap in the keys: VACUUM renumbers implicit rowids, not declared INTEGER PRIMARY KEYs
    store.db.exec("DELETE FROM documents WHERE id BETWEEN 'x00' AND 'x19'");
    store.db.exec('VACUUM');
    const hits = await store.queries.searchDocuments('reservoir', { limit: 10, offset: 0 });
    assert.deepEqual(hits.items.map((h) => h.id), ['late']);
    store.db.exec(`INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')`);
    const columns = (store.db.prepare('PRAGMA table_info(documents)').all() as Array<{ name: string; pk: number }>).filter((c) => c.pk === 1).map((c) => c.name);
    assert.deepEqual(columns, ['key']);
  } finally {
    await store.close();
  }
});

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

test('sqlite: a new database has 2 KB pages; an existing one keeps its page size', async () => {
  const fresh = openSqliteStore(tempDb());
  assert.equal(fresh.db.pragma('page_size', { simple: true }), PAGE_SIZE);
  await fresh.close();
  const path = tempDb();
  const old = new Database(path);
  old.pragma('page_size = 4096');
  old.exec('CREATE TABLE t (x)');
  old.close();
  const existing = openSqliteStore(path);
  assert.equal(existing.db.pragma('page_size', { simple: true }), 4096);
  await existing.close();
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

test('sqlite: a database made before migration 003 keeps every finding, quote and search hit', async () => {
  const path = tempDb();
  const old = new Database(path);
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of listMigrations('sqlite').filter((m) => m.version < 3)) {
    old.exec(m.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
  }
  const text = 'Dam 🙂 talks: the Serin reservoir is low, said Ana Reyes.';
  old.prepare(`INSERT INTO documents (id, format, title, text, ingested_at, updated_at) VALUES ('d1', 'text', 'Dam talks', ?, 'then', 'then')`).run(text);
  const insert = old.prepare(`INSERT INTO findings (doc_id, id, analyzer, analyzer_version, kind, label, start, "end", quote, score, explanation, data) VALUES ('d1', ?, ?, '1.0.0', ?, ?, ?, ?, ?, 0.5, ?, ?)`);
  const span = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length] as const;
  const rows: Array<[string, string, string, string, string, string, string | null]> = [
    ['e1', 'entities', 'entity', 'Ana Reyes', 'Ana Reyes', 'a person', '{"type":"person"}'],
    ['c1', 'claims', 'claim', 'claim', 'the Serin reservoir is low', 'a factual claim about the reservoir', null],
    ['s1', 'sentences', 'sentence', 'body', text, 'a sentence', null],
  ];
  for (const [id, analyzer, kind, label, quote, explanation, data] of rows) insert.run(id, analyzer, kind, label, ...span(quote), quote, explanation, data);
  old.close();

  const store = openSqliteStore(path);
  try {
    const findings = await store.getFindings('d1');
    assert.deepEqual(findings.map((f) => [f.id, f.quote]).sort(), rows.map((r) => [r[0], r[4]]).sort());
    assert.deepEqual(findings.find((f) => f.id === 'e1')?.data, { type: 'person' });
    const columns = (store.db.prepare('PRAGMA table_info(findings)').all() as Array<{ name: string }>).map((c) => c.name);
    assert.ok(!columns.includes('quote'), 'findings keep spans, not quotes');
    const hits = await store.queries.searchFindings('reservoir', { limit: 10, offset: 0 });
    assert.deepEqual(hits.items.map((h) => h.id), ['c1'], 'the claim is found; the sentence (not searched) is not');
    assert.match(hits.items[0].snippet, /\uE000reservoir\uE001/);
    assert.deepEqual((await store.queries.getEntity('Ana Reyes'))?.aliases, [{ text: 'Ana Reyes', count: 1 }]);
    // re-analysis replaces findings and their index entries
    const doc = (await store.getDocument('d1'))!;
    const claim = { ...findings.find((f) => f.id === 'c1')!, analyzer: 'claims@2.0.0' };
    await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['claims@2.0.0', [claim]]]), failures: [], runId: null });
    assert.equal((await store.queries.searchFindings('reservoir', { limit: 10, offset: 0 })).total, 1);
    await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['claims@3.0.0', []]]), failures: [], runId: null });
    assert.equal((await store.queries.searchFindings('reservoir', { limit: 10, offset: 0 })).total, 0, 'no index entry outlives its finding');
  } finally {
    await store.close();
  }
});
referenceContract('sqlite', async () => openSqliteStore(tempDb()));

test('sqlite: corpus findings keep member spans, not quotes that are the stored text; quotes come back on read', async () => {
  const store = openSqliteStore(tempDb());
  try {
    const text = 'One two three. Four five.';
    await store.saveAnalysis({ doc: { id: 'm1', format: 'text', source: {}, text, sections: [], lang: 'en' }, origin: 'x', produced: new Map(), failures: [], runId: null });
    const runId = await store.startRun({ command: 'ingest', toolVersion: '1', inputs: [], optionsHash: 'x' });
    const members = [
      { doc: 'm1', start: 0, end: 13, quote: 'One two three' },
      { doc: 'm1', start: 15, end: 19, quote: 'not the text' },
      { doc: 'gone', start: 0, end: 3, quote: 'abc' },
      { doc: 'm1', role: 'whole document' },
    ];
    await store.finishRun(runId, 'done', [{ id: 'c', analyzer: 'reuse@1', kind: 'reuse', label: 'copy', score: 1, explanation: 'x', members }]);
    const stored = (store.db.prepare('SELECT members FROM corpus_findings').get() as { members: Buffer }).members;
    assert.ok(Buffer.isBuffer(stored) && stored[0] === 0, 'members are packed');
    const raw = unpackJson(stored) as Array<Record<string, unknown>>;
    assert.deepEqual(raw[0], { doc: 'm1', start: 0, end: 13 }, 'the quote that is the text is not stored');
    assert.equal(raw[1].quote, 'not the text');
    assert.equal(raw[2].quote, 'abc', 'a document that is not stored keeps its quote');
    assert.deepEqual((await store.corpusFindings(runId))[0].members, members);
  } finally {
    await store.close();
  }
});

test('sqlite: finding keys are one key-index row per document write (migration 024), and every finding id, old and new, is found', async () => {
  const store = openSqliteStore(tempDb());
  try {
    const text = 'Alpha beta gamma. Delta epsilon.';
    const doc = { id: 'k1', format: 'text' as const, source: {}, text, sections: [], lang: 'en' };
    const finding = (id: string, analyzer: string, start: number, end: number) => ({ id, analyzer, kind: 'claim', label: 'claim', start, end, quote: text.slice(start, end), score: 0.5, explanation: 'x' });
    const first = [finding('0a1b2c3d00000001', 'claims@1', 0, 5), finding('ffee000011112222', 'claims@1', 6, 10), finding('ffee000099999999', 'claims@1', 11, 16)];
    await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['claims@1', first]]), failures: [], runId: null });
    const rows = () => (store.db.prepare(`SELECT COUNT(*) AS n FROM finding_key_index('ffee0000 OR 0a1b2c3d')`).get() as { n: number }).n;
    assert.equal(rows(), 1, 'three findings (two sharing a key), one row');
    assert.equal(store.db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'finding_keys'`).pluck().get(), 0);
    for (const f of first) assert.equal((await store.findFinding(f.id))?.finding.quote, f.quote);
    // re-analysed: the new set's keys are added; the old ones stay (harmless: the id is checked)
    const second = [finding('12345678aaaaaaaa', 'claims@2', 18, 23)];
    await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['claims@2', second]]), failures: [], runId: null });
    assert.equal((await store.findFinding('12345678aaaaaaaa'))?.doc, 'k1');
    assert.equal(await store.findFinding('0a1b2c3d00000001'), null, 'a finding no longer stored is not found, though its key stays');
    assert.equal(await store.findFinding('0a1b2c3dffffffff'), null, 'a key shared with another id finds nothing');
    store.db.exec(`INSERT INTO finding_key_index(finding_key_index) VALUES ('integrity-check')`);
  } finally {
    await store.close();
  }
});

test('sqlite: batch() commits several writes at once; a failed write leaves the others, which are committed', async () => {
  const path = tempDb();
  const store = openSqliteStore(path);
  const other = new Database(path, { readonly: true });
  const save = (id: string) => store.saveAnalysis({ doc: { id, format: 'text', source: {}, text: `Text of ${id}.`, sections: [], lang: 'en' }, origin: id, produced: new Map(), failures: [], runId: null });
  const seen = () => other.prepare('SELECT id FROM documents ORDER BY id').pluck().all();
  try {
    const runId = await store.startRun({ command: 'ingest', toolVersion: '1', inputs: [], optionsHash: 'x' });
    await store.batch(async () => {
      await save('b1');
      await store.addRunDocument(runId, 'b1', 1);
      await save('b2');
      assert.deepEqual(seen(), [], 'nothing is visible before the batch commits');
    });
    assert.deepEqual(seen(), ['b1', 'b2']);
    await assert.rejects(
      store.batch(async () => {
        await save('b3');
        await store.addRunDocument(runId, 'missing-document', 2);
      }),
    );
    assert.deepEqual(seen(), ['b1', 'b2', 'b3'], 'the write before the failure is committed');
    assert.equal(store.db.inTransaction, false);
    assert.deepEqual(await store.runDocumentIds(runId), ['b1']);
    await save('b4');
    assert.deepEqual(seen(), ['b1', 'b2', 'b3', 'b4'], 'a write outside a batch commits on its own again');
  } finally {
    other.close();
    await store.close();
  }
});
