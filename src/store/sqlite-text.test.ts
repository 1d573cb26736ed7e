import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { listMigrations, openSqliteStore } from './sqlite.js';
import { packText, unpackText } from './sqlite-text.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'discern-text-')), 'test.db');
const text = (i: number) => `Dam talks ${i}\n\nThe Serin 🙂 reservoir is low, said Ana Reyes; the ministry called it a smear campaign. `.repeat(8);

test('a text packs to fewer bytes and back to the same string; plain text and null pass through', () => {
  const packed = packText(text(1));
  assert.ok(packed.length * 3 < Buffer.byteLength(text(1)), `${packed.length} bytes`);
  assert.equal(unpackText(packed), text(1));
  assert.equal(unpackText('as written before 020'), 'as written before 020');
  assert.equal(unpackText(null), null);
  assert.equal(unpackText(packText('')), '');
});

test('migration 020 converts every stored text in place; text, search, snippets and index deletes work as before', async () => {
  const path = tempDb();
  const old = new Database(path);
  // as the store migrates: a table rebuild must not cascade
  old.pragma('foreign_keys = OFF');
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of listMigrations('sqlite').filter((m) => m.version < 20)) {
    old.exec(m.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
  }
  const insert = old.prepare(`INSERT INTO documents (id, format, title, text, ingested_at, updated_at) VALUES (?, 'text', ?, ?, 'then', 'then')`);
  for (let i = 1; i <= 3; i++) insert.run(`d${i}`, `Dam talks ${i}`, text(i));
  old.close();

  const store = openSqliteStore(path);
  try {
    assert.deepEqual(store.db.prepare('SELECT DISTINCT typeof(text) AS t FROM documents').all(), [{ t: 'blob' }]);
    assert.equal((await store.getDocument('d2'))?.text, text(2));
    assert.equal(await store.documentText('d3'), text(3));
    const hits = await store.queries.searchDocuments('reservoir', { limit: 10, offset: 0 });
    assert.equal(hits.total, 3);
    assert.ok(hits.items.every((h) => h.snippet.includes('\uE000reservoir\uE001')), 'snippets are cut from the plain text');
    // a new document is stored packed and found; a deleted one leaves the index
    await store.saveAnalysis({ doc: { id: 'd4', format: 'text', source: { title: 'Quarry' }, text: 'A quarry near the reservoir.', sections: [] }, origin: 'x', produced: new Map(), failures: [], runId: null });
    assert.equal(store.db.prepare(`SELECT typeof(text) AS t FROM documents WHERE id = 'd4'`).pluck().get(), 'blob');
    assert.equal((await store.queries.searchDocuments('quarry', { limit: 10, offset: 0 })).total, 1);
    store.db.prepare(`DELETE FROM documents WHERE id = 'd1'`).run();
    assert.equal((await store.queries.searchDocuments('reservoir', { limit: 10, offset: 0 })).total, 3);
    store.db.exec(`INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')`);
    const listed = await store.queries.listDocumentSummaries({ limit: 10, offset: 0 });
    assert.deepEqual(
      listed.items.map((d) => [d.id, d.chars]).sort(),
      // characters as SQL's length() counts them (code points), as before 020
      [['d2', [...text(2)].length], ['d3', [...text(3)].length], ['d4', 'A quarry near the reservoir.'.length]],
    );
  } finally {
    await store.close();
  }
});
