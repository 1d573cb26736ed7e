import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../src/core/paths.js';

/** ../shared beside the checkout (CI puts it there); tests read the seeds at run time. */
export const SHARED = resolve(packageRoot(), '..', 'shared');
export const SEEDS = join(SHARED, 'seeds');

export function seedPath(prefix: string): string {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed starting with ${prefix} in ${SEEDS}`);
  return join(SEEDS, file);
}

export function readSeed(prefix: string): string {
  return readFileSync(seedPath(prefix), 'utf8');
}

export const haveSeeds = existsSync(SEEDS);
