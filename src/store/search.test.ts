import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { postgresForTests, postgresSkip } from '../../test/support/postgres.js';
import { openPostgresStore } from './postgres.js';
import { searchContract } from './search.contract.js';
import { openSqliteStore } from './sqlite.js';

/** The corpus-aware search contract on SQLite (FTS5) and PostgreSQL (tsvector). */

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await (await postgresForTests())?.stop();
});

searchContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'discern-search-'));
  dirs.push(dir);
  return openSqliteStore(join(dir, 'search.db'));
});

searchContract(
  'postgres',
  async () => {
    const cluster = await postgresForTests();
    if (!cluster) throw new Error('no PostgreSQL');
    return openPostgresStore(await cluster.createDatabase());
  },
  { skip: postgresSkip() },
);
