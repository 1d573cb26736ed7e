import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { postgresForTests, postgresSkip, type TestCluster } from '../../test/support/postgres.js';
import { DiscernError } from '../core/errors.js';
import { listMigrations } from './migrations.js';
import { openStore } from './open.js';
import { openPostgresStore, PostgresStore } from './postgres.js';
import { tsQuery } from './postgres-queries.js';
import { referenceContract } from './reference.contract.js';
import { storeContract } from './store.contract.js';
import { watchContract } from './watch.contract.js';
import { findingQueriesContract, migration010Contract, oldSchemaRows } from './finding-sets.contract.js';
import { findingNamesContract, migration012Contract } from './document-keys.contract.js';
import { packDictionariesContract } from './pack-dictionaries.contract.js';

const skip = postgresSkip();
const cluster = async (): Promise<TestCluster> => {
  const c = await postgresForTests();
  if (!c) throw new Error('no PostgreSQL');
  return c;
};
after(async () => (await postgresForTests())?.stop());

storeContract('postgres', async () => openPostgresStore(await (await cluster()).createDatabase()), { skip });
findingQueriesContract('postgres', async () => openPostgresStore(await (await cluster()).createDatabase()), { skip });
packDictionariesContract('postgres', async () => (await cluster()).createDatabase(), { skip });
migration010Contract(
  'postgres',
  async () => {
    const url = await (await cluster()).createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of listMigrations('postgres').filter((m) => m.version < 10)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, 'then']);
    }
    for (const statement of oldSchemaRows()) await client.query(statement);
    await client.end();
    return openPostgresStore(url);
  },
  { skip },
);
findingNamesContract('postgres', async () => openPostgresStore(await (await cluster()).createDatabase()), { skip });
migration012Contract(
  'postgres',
  {
    fresh: async () => openPostgresStore(await (await cluster()).createDatabase()),
    fromLevel011: async (rows) => {
      const url = await (await cluster()).createDatabase();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      for (const m of listMigrations('postgres').filter((m) => m.version < 12)) {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, 'then']);
      }
      for (const statement of rows) await client.query(statement);
      await client.end();
      return openPostgresStore(url);
    },
    blob: (bytes) => `'\\x${bytes.toString('hex')}'::bytea`,
  },
  { skip },
);
referenceContract('postgres', async () => openPostgresStore(await (await cluster()).createDatabase()), { skip });
watchContract('postgres', async () => openPostgresStore(await (await cluster()).createDatabase()), { skip });

test('postgres: --db postgres://… opens this backend; migrations run once, also when several processes open it at once', { skip }, async () => {
  const url = await (await cluster()).createDatabase();
  const stores = await Promise.all([openStore(url), openStore(url), openStore(url)]);
  try {
    assert.ok(stores.every((s) => s instanceof PostgresStore));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT COUNT(*)::int AS n FROM schema_migrations');
    await client.end();
    assert.equal(rows[0].n, listMigrations('postgres').length);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});

test('postgres: a database from a newer Discern is refused; an unreachable server is a STORE error without the password', { skip }, async () => {
  const url = await (await cluster()).createDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (999, 'future', 'now')");
  await client.end();
  await assert.rejects(openPostgresStore(url), /newer than this Discern knows/);
  await assert.rejects(openPostgresStore('postgres://someone:s3cret@127.0.0.1:1/nothing'), (error: unknown) => {
    assert.ok(error instanceof DiscernError && error.code === 'STORE');
    assert.ok(!String(error.input).includes('s3cret') && !error.message.includes('s3cret'));
    return true;
  });
});

test('postgres: the GIN indexes write without a pending list (migration 020: their size no longer depends on when VACUUM ran)', { skip }, async () => {
  const store = await openPostgresStore(await (await cluster()).createDatabase());
  try {
    const { rows } = await store.pool.query(`SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' ORDER BY c.relname`);
    assert.deepEqual(
      rows.map((r) => [r.relname, r.reloptions]),
      ['documents_search', 'evidence_passages_tsv', 'finding_keys_by_halves'].map((name) => [name, ['fastupdate=off']]),
    );
  } finally {
    await store.close();
  }
});

test('postgres: finding keys are indexed as 16-bit halves, labels and sections without wide primary keys (migration 021)', { skip }, async () => {
  const store = await openPostgresStore(await (await cluster()).createDatabase());
  try {
    const text = 'Ana Reyes met Bo Lind in Lima.';
    const doc = { id: 'halves-doc', format: 'text' as const, source: { path: 'h.txt', url: null, title: null, author: null, outlet: null, publishedAt: null }, text, sections: [{ kind: 'body' as const, start: 0, end: text.length }], lang: 'en' };
    const entity = (id: string, start: number, end: number) => ({ id, analyzer: 'entities@1.0.0', kind: 'entity', label: text.slice(start, end), start, end, quote: text.slice(start, end), score: 0.9, explanation: 'a name', data: { type: 'person' } });
    await store.saveAnalysis({ doc, origin: 'h.txt', produced: new Map([['entities@1.0.0', [entity('aaaa111100000001', 0, 9), entity('bbbb222200000002', 14, 21)]]]), failures: [], runId: null });
    const { rows } = await store.pool.query('SELECT keys, discern_key_halves(keys) AS halves FROM finding_keys');
    assert.deepEqual(rows.map((r) => [[...r.keys].sort((a, b) => a - b), [...r.halves].sort((a, b) => a - b)]), [[[0xaaaa1111 | 0, 0xbbbb2222 | 0], [0xaaaa, 0xbbbb, 0x10000 + 0x1111, 0x10000 + 0x2222]]]);
    // the lookup is answered from the index of halves
    const plan = await store.pool.query("EXPLAIN SELECT doc_key FROM finding_keys k WHERE discern_key_halves(k.keys) @> ARRAY[1, 65537]");
    assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /finding_keys_by_halves/);
    assert.equal((await store.findFinding('aaaa111100000001'))?.finding.label, 'Ana Reyes');
    assert.equal((await store.findFinding('bbbb222200000002'))?.doc, 'halves-doc');
    // the high half of one key and the low half of another: the document is read, the id check says no
    assert.equal(await store.findFinding('aaaa222200000001'), null);
    assert.equal(await store.findFinding('aaaa333300000001'), null);
    const indexes = await store.pool.query(`SELECT tablename, indexname FROM pg_indexes WHERE tablename IN ('finding_labels', 'sections') ORDER BY indexname`);
    assert.deepEqual(indexes.rows.map((r) => r.indexname), ['finding_labels_by_doc', 'finding_labels_by_label', 'sections_by_doc']);
    assert.equal((await store.getDocument('halves-doc'))?.sections.length, 1);
    // a document analysed again replaces its label rows (no primary key to catch a duplicate)
    await store.saveAnalysis({ doc, origin: 'h.txt', produced: new Map([['entities@1.0.0', [entity('aaaa111100000001', 0, 9)]]]), failures: [], runId: null });
    const labels = await store.pool.query('SELECT label, n FROM finding_labels ORDER BY label');
    assert.deepEqual(labels.rows.map((r) => [r.label, r.n]), [['Ana Reyes', 1]]);
  } finally {
    await store.close();
  }
});

test('postgres: search text becomes a safe tsquery', () => {
  assert.equal(tsQuery('lake "smear campaign" temm'), "'lake' & ('smear' <-> 'campaign') & 'temm':*");
  assert.equal(tsQuery("NEAR(a b) ' & | ! <->"), "('near' <-> 'a') & 'b'");
  assert.equal(tsQuery('*** ---'), null);
});
