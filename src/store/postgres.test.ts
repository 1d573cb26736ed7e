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
      ['documents_search', 'evidence_passages_tsv', 'finding_keys_by_key'].map((name) => [name, ['fastupdate=off']]),
    );
  } finally {
    await store.close();
  }
});

test('postgres: search text becomes a safe tsquery', () => {
  assert.equal(tsQuery('lake "smear campaign" temm'), "'lake' & ('smear' <-> 'campaign') & 'temm':*");
  assert.equal(tsQuery("NEAR(a b) ' & | ! <->"), "('near' <-> 'a') & 'b'");
  assert.equal(tsQuery('*** ---'), null);
});
