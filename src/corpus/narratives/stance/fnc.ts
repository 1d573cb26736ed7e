import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from './csv.js';
import type { StanceLabel } from './model.js';

/**
 * FNC-1 (Pomerleau & Rao 2017) training data, read at run time from ../shared/data/fnc-1/,
 * never copied into the repository.
 *
 * Split by story, not just by body: headlines and bodies joined by a related pair (agree,
 * disagree, discuss) form one story (union-find); a story's fold is fnv1a(its smallest body
 * id) % 5. Fold 0 is held out (never trained on), fold 1 is dev (tuning), 2–4 train. A pair
 * whose headline and body fall in different parts (only unrelated pairs can) is dropped, so
 * no held-out headline or body is ever seen in training — as on the official test set, whose
 * headlines and bodies are new.
 */

export interface Pair {
  headline: string;
  bodyId: string;
  stance: StanceLabel;
}

export interface FncData {
  pairs: Pair[];
  bodies: Map<string, string>;
}

export function fncFolder(root: string): string {
  return path.resolve(root, '..', 'shared', 'data', 'fnc-1');
}

export function loadFnc(folder: string): FncData {
  const bodies = new Map<string, string>();
  for (const row of parseCsv(readFileSync(path.join(folder, 'train_bodies.csv'), 'utf8')).slice(1)) bodies.set(row[0], row[1]);
  const pairs: Pair[] = [];
  for (const row of parseCsv(readFileSync(path.join(folder, 'train_stances.csv'), 'utf8')).slice(1)) {
    if (row.length < 3) continue;
    pairs.push({ headline: row[0], bodyId: row[1], stance: row[2].trim() as StanceLabel });
  }
  return { pairs, bodies };
}

export function bodyFold(bodyId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bodyId.length; i++) {
    h ^= bodyId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 5;
}

export type Part = 'train' | 'dev' | 'test';

const partOfFold = (f: number): Part => (f === 0 ? 'test' : f === 1 ? 'dev' : 'train');

/** The part of every pair (index-aligned with `data.pairs`); null: dropped (crosses parts). */
export function splitByStory(data: FncData): Array<Part | null> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const p of data.pairs) {
    parent.set(`h:${p.headline}`, parent.get(`h:${p.headline}`) ?? `h:${p.headline}`);
    parent.set(`b:${p.bodyId}`, parent.get(`b:${p.bodyId}`) ?? `b:${p.bodyId}`);
  }
  for (const p of data.pairs) if (p.stance !== 'unrelated') union(`h:${p.headline}`, `b:${p.bodyId}`);
  // a story is named by its smallest body id (numerically), so the fold is stable
  const storyBody = new Map<string, string>();
  for (const p of data.pairs) {
    const r = find(`b:${p.bodyId}`);
    const cur = storyBody.get(r);
    if (cur === undefined || Number(p.bodyId) < Number(cur)) storyBody.set(r, p.bodyId);
  }
  const part = (key: string): Part => {
    const r = find(key);
    return partOfFold(bodyFold(storyBody.get(r) ?? key.slice(2)));
  };
  return data.pairs.map((p) => {
    const a = part(`h:${p.headline}`);
    const b = part(`b:${p.bodyId}`);
    return a === b ? a : null;
  });
}

/** The official FNC-1 score: +0.25 related/unrelated right, +0.75 more for the right related label. */
export function fncScore(gold: StanceLabel[], pred: StanceLabel[]): { score: number; max: number; percent: number } {
  let score = 0;
  let max = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i];
    const p = pred[i];
    max += g === 'unrelated' ? 0.25 : 1;
    if (g === p) {
      score += 0.25;
      if (g !== 'unrelated') score += 0.5;
    }
    if (g !== 'unrelated' && p !== 'unrelated') score += 0.25;
  }
  return { score, max, percent: max === 0 ? 0 : (100 * score) / max };
}

export function macroF1(gold: StanceLabel[], pred: StanceLabel[], labels: readonly StanceLabel[]): { macro: number; perClass: Record<string, number> } {
  const perClass: Record<string, number> = {};
  for (const l of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === l && gold[i] === l) tp++;
      else if (pred[i] === l) fp++;
      else if (gold[i] === l) fn++;
    }
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    perClass[l] = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  const values = Object.values(perClass);
  return { macro: values.reduce((a, b) => a + b, 0) / values.length, perClass };
}
