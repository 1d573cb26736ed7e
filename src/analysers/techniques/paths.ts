import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above this module that holds package.json.
 * Walking up works both from src/ (tsx) and from dist/ (compiled), which sit at different depths.
 */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(new URL(import.meta.url)));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(new URL(import.meta.url))}`);
    dir = parent;
  }
}

export function modelPath(): string {
  return path.join(repoRoot(), 'models', 'techniques.json');
}

export function lexiconDir(): string {
  return path.join(repoRoot(), 'data', 'lexicons', 'techniques');
}

/** The PTC training folder, beside the repository (never copied into it). */
export function ptcDir(): string {
  return path.resolve(repoRoot(), '../shared/data/semeval2020-task11-ptc');
}
