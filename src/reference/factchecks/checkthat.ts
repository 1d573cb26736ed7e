import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../core/paths.js';
import { hashString } from '../../corpus/minhash.js';
import { words } from './tfidf.js';

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

/**
 * Twin groups: claims our tokeniser cannot tell apart (the same words, src/reference/factchecks/
 * tfidf.ts words()), which every lexical score ties. CheckThat! 2020's claims file has 179 such
 * groups (359 claims), nearly all differing only in quote marks. Each claim's group is named by
 * its lowest index.
 */
export function twinGroups(texts: readonly string[]): Int32Array {
  const first = new Map<string, number>();
  return Int32Array.from(texts, (text, i) => {
    const key = words(text).join(' ');
    const g = first.get(key);
    if (g !== undefined) return g;
    first.set(key, i);
    return i;
  });
}

/**
 * How a scored run is cut to its top k for MAP@k, three ways:
 *  - official: as the task's scorer (trectools) ranks — re-sorted by score, ties by docid DESCENDING;
 *  - merged: twins (twinGroups) counted as one claim, so no tie between them decides anything;
 *  - file: ties by the claim's position in the file (what our figures did before 2026-12-06).
 * The run must hold every candidate tied with its k-th (ranking.ts topTied), or a cut could fall inside a tie.
 */
export type TieRule = 'official' | 'merged' | 'file';
export const TIE_RULES: readonly TieRule[] = ['official', 'merged', 'file'];

/** The top k of a run under a rule: claim indices, or for `merged` twin-group ids. */
export function cutRun(run: ReadonlyArray<{ index: number; score: number }>, rule: TieRule, ids: readonly number[], group: Int32Array, k = 5): number[] {
  const sorted = [...run].sort((a, b) => b.score - a.score || (rule === 'official' ? ids[b.index] - ids[a.index] : a.index - b.index));
  if (rule !== 'merged') return sorted.slice(0, k).map((c) => c.index);
  const out: number[] = [];
  for (const c of sorted) if (out.length < k && !out.includes(group[c.index])) out.push(group[c.index]);
  return out;
}

/** A query's relevant claims under a rule (twin-group ids for `merged`). */
export function relevantUnder(relevant: ReadonlySet<number>, rule: TieRule, group: Int32Array): Set<number> {
  return rule === 'merged' ? new Set([...relevant].map((c) => group[c])) : new Set(relevant);
}

/**
 * Our validation split of the TRAIN tweets, so that the matcher's feature choices are judged
 * there and dev stays a test: a tweet is in it when the FNV-1a hash (src/corpus/minhash.ts) of
 * its id is 0 mod 5 — about a fifth, fixed by the id alone, whatever the file's order.
 */
export function isValidationTweet(id: string): boolean {
  return hashString(id) % 5 === 0;
}

/** The queries whose id passes the filter. */
export function subsetQueries(queries: Queries, keep: (id: string) => boolean): Queries {
  const at = queries.ids.map((id, i) => (keep(id) ? i : -1)).filter((i) => i >= 0);
  return { ids: at.map((i) => queries.ids[i]), texts: at.map((i) => queries.texts[i]), relevant: at.map((i) => queries.relevant[i]) };
}
