import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';

/** Numbered SQL files in migrations/<backend>/, applied in order, each once. */

export type Backend = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrationsDir(backend: Backend): string {
  return join(packageRoot(), 'migrations', backend);
}

export function listMigrations(backend: Backend): Migration[] {
  const dir = migrationsDir(backend);
  return readdirSync(dir)
    .filter((f) => /^\d+-.+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: parseInt(file, 10), name: file, sql: readFileSync(join(dir, file), 'utf8') }));
}
