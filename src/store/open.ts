import { isPostgresUrl, openPostgresStore, redactUrl } from './postgres.js';
import type { ServableStore } from './queries.js';
import { openSqliteStore } from './sqlite.js';

export const DEFAULT_DB = 'discern.db';

/** Where the database is: `--db`, else DISCERN_DB, else discern.db in the working folder. */
export function defaultDbLocation(): string {
  return process.env.DISCERN_DB ?? DEFAULT_DB;
}

/**
 * `--db`/`DISCERN_DB`: a postgres:// (or postgresql://) URL opens the PostgreSQL backend,
 * anything else is a SQLite file path (created when missing).
 */
export async function openStore(location: string = defaultDbLocation()): Promise<ServableStore> {
  if (isPostgresUrl(location)) return openPostgresStore(location);
  return openSqliteStore(location);
}

/** How the database is named in messages: the file path, or the PostgreSQL URL without its password. */
export function describeDb(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}
