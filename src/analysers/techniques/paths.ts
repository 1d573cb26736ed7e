import path from 'node:path';
import { packageRoot } from '../../core/paths.js';

/** The repository root (the package folder, from src/ under tsx or dist/ when compiled). */
export const repoRoot = packageRoot;

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
