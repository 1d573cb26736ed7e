import { DiscernError } from '../core/errors.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export const DEFAULT_DB = 'discern.db';

/** `--db`/`DISCERN_DB`: a file path for SQLite; a postgres:// URL is reserved for the PostgreSQL backend. */
export async function openStore(location: string = process.env.DISCERN_DB ?? DEFAULT_DB): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new DiscernError('USAGE', 'the PostgreSQL backend is not part of this version yet; use a SQLite file path', '--db');
  }
  return openSqliteStore(location);
}
