import { trainLogistic, type LogisticExample } from '../../nlp/logistic.js';
import type { Queries } from './checkthat.js';
import { FactCheckMatcher, dense, type MatchModel } from './match.js';

/**
 * The ranking half of the re-ranker's training, shared by scripts/train-factcheck-match.ts
 * (which writes models/factcheck-match.json) and scripts/eval-factcheck-validation.ts (which
 * judges feature choices on our validation split of train): out-of-fold candidate features, the
 * pairwise examples built from them, and the logistic fit with its fixed settings.
 */

export interface LabelledCandidate {
  index: number;
  x: number[];
  y: 0 | 1;
}

/** Folds of the out-of-fold appearances, by the tweet's position in `queries`. */
export const FOLDS = 5;

/** Appearances of every claim: the tweets relevant to it, except those of one fold (−1: none left out). */
export function appearancesWithout(claimCount: number, queries: Queries, fold: number): string[][] {
  const out: string[][] = Array.from({ length: claimCount }, () => []);
  queries.relevant.forEach((rel, q) => {
    if (q % FOLDS !== fold) for (const c of rel) out[c].push(queries.texts[q]);
  });
  return out;
}

/**
 * Every query's candidates against the whole collection, labelled, each query ranked with the
 * appearances of the OTHER folds' queries only (so it never meets itself as an appearance).
 */
export function outOfFoldCandidates(claimTexts: string[], queries: Queries, model: MatchModel): LabelledCandidate[][] {
  const full: LabelledCandidate[][] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const matcher = new FactCheckMatcher(claimTexts, model, appearancesWithout(claimTexts.length, queries, fold));
    queries.texts.forEach((text, q) => {
      if (q % FOLDS !== fold) return;
      full[q] = matcher.candidateFeatures(text).map((c) => ({ index: c.index, x: c.x, y: queries.relevant[q].has(c.index) ? 1 : 0 }));
    });
  }
  return full;
}

/**
 * Pairwise ranking examples: relevant minus other, both orders (the bias feature cancels out). A
 * twin of the relevant claim (the same words but for quote marks) has the same features, ranks
 * included (ranking.ts): no weights can order that pair, so it is left out rather than fed as noise.
 */
export function pairwiseExamples(full: readonly LabelledCandidate[][]): { pairs: LogisticExample[]; twins: number } {
  const pairs: LogisticExample[] = [];
  let twins = 0;
  for (const cands of full) {
    for (const pos of cands.filter((c) => c.y === 1)) {
      for (const neg of cands.filter((c) => c.y === 0)) {
        const d = pos.x.map((v, k) => v - neg.x[k]);
        if (d.every((v) => v === 0)) {
          twins++;
          continue;
        }
        pairs.push({ x: dense(d), y: 1 }, { x: dense(d.map((v) => -v)), y: 0 });
      }
    }
  }
  return { pairs, twins };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The ranking weights fitted to pairwise examples (rounded to 6 decimals, as stored). */
export function trainRankingWeights(pairs: LogisticExample[], dim: number): number[] {
  const ranking = trainLogistic(pairs, { dim, epochs: 60, learningRate: 0.3, l2: 1e-5, seed: 20201, epsilon: 1e-6 });
  return Array.from(ranking.weights, round6);
}
