import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/**
 * The package's own folder (where package.json is), found by walking up from this module,
 * so data files and model weights resolve the same from src/ (tsx) and dist/ (compiled).
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Discern package root');
    dir = parent;
  }
  root = dir;
  return dir;
}

/** A file under the package's data/ folder (lexicons, gazetteers). */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), 'data', ...parts);
}
