import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../core/paths.js';

/**
 * Reader for CheckThat! 2020 task 2 (tweets ↔ Snopes verified claims), as laid out in
 * ../shared/data/checkthat2020-task2-verified-claim-retrieval/: verified_claims.docs.tsv
 * (id, vclaim, title) and per split tweets.queries.tsv + tweet-vclaim-pairs.qrels.
 */

export interface VerifiedClaims {
  ids: string[];
  /** vclaim and title, as one text to match against */
  texts: string[];
}

export interface Queries {
  ids: string[];
  texts: string[];
  /** indices into VerifiedClaims of the relevant claims, per query */
  relevant: Array<Set<number>>;
}

export const CHECKTHAT_DIR = resolve(packageRoot(), '..', 'shared', 'data', 'checkthat2020-task2-verified-claim-retrieval');

/** TSV rows with quoted fields ("" for a quote inside), as the task files write them. */
export function tsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t').map((f) => (f.startsWith('"') && f.endsWith('"') && f.length >= 2 ? f.slice(1, -1).replace(/""/g, '"') : f)));
}

export function readVerifiedClaims(dir = CHECKTHAT_DIR): VerifiedClaims {
  const rows = tsv(join(dir, 'verified_claims.docs.tsv'));
  return { ids: rows.map((r) => r[0]), texts: rows.map((r) => `${r[1] ?? ''} ${r[2] ?? ''}`.trim()) };
}

export function readQueries(split: 'train' | 'dev', claims: VerifiedClaims, dir = CHECKTHAT_DIR): Queries {
  const rows = tsv(join(dir, split, 'tweets.queries.tsv'));
  const byClaim = new Map(claims.ids.map((id, i) => [id, i]));
  const rel = new Map<string, Set<number>>();
  for (const line of readFileSync(join(dir, split, 'tweet-vclaim-pairs.qrels'), 'utf8').split('\n')) {
    const [q, , c] = line.trim().split(/\s+/);
    if (!q || c === undefined || !byClaim.has(c)) continue;
    if (!rel.has(q)) rel.set(q, new Set());
    rel.get(q)!.add(byClaim.get(c)!);
  }
  const kept = rows.filter((r) => rel.has(r[0]));
  return { ids: kept.map((r) => r[0]), texts: kept.map((r) => r[1] ?? ''), relevant: kept.map((r) => rel.get(r[0])!) };
}
