/**
 * Trains the fact-check re-ranker (models/factcheck-match.json) on CheckThat! 2020 task 2
 * TRAIN (800 tweets ↔ 10,389 Snopes claims) with the shared logistic trainer; the dev split
 * is never seen here (scripts/eval-verify.ts measures on it). Deterministic: same data, same
 * weights.
 *
 * - Appearances: a claim's training tweets are the places it appeared, as a ClaimReview
 *   aggregator records them. Each training tweet is ranked with the appearances of the
 *   OTHER folds' tweets only (five folds by position), so it never meets itself and the model
 *   learns how far an appearance from another post counts.
 * - Ranking: pairwise — for each tweet, each relevant claim against each other candidate
 *   (feature differences, both orders), against all 10,389 claims. Candidate pools are
 *   tie-complete and rank features competition ranks (src/reference/factchecks/ranking.ts), so
 *   nothing learnt here depends on the order of the claims file.
 * - Probability: a pointwise layer over the ranking score and the collection's size, trained
 *   on every candidate pair, against the full collection and against small seeded collections
 *   (10, 40 and 200 fact-checks, the tweet's own claim in half of them), because users' own
 *   collections are that small and a candidate's standing means less there.
 * Licence of the data: "free for general research use" (task README).
 *   npm run train:factcheck-match
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../src/core/random.js';
import { trainLogistic, type LogisticExample } from '../src/nlp/logistic.js';
import { appearancesWithout, outOfFoldCandidates, pairwiseExamples, trainRankingWeights } from '../src/reference/factchecks/train-ranking.js';
import { readQueries, readVerifiedClaims } from '../src/reference/factchecks/checkthat.js';
import {
  CALIBRATION_INPUTS,
  FEATURES,
  FactCheckMatcher,
  MATCH_MODEL_PATH,
  calibrationInputs,
  dense,
  rankingScore,
  standingWeight,
  type MatchModel,
} from '../src/reference/factchecks/match.js';

const CANDIDATES = 30;
/**
 * Reporting threshold, chosen on train tweets against seeded collections of 20 (0.5: 10 % of
 * tweets got a false match when their claim was absent, 96 % found it when present; 0.6:
 * 6 % and 95 %; 0.7: 2 % and 92 %): a false "already fact-checked" costs a fact-checker
 * more than a missed one they can search for.
 */
const THRESHOLD = 0.6;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

const started = Date.now();
const claims = readVerifiedClaims();
const train = readQueries('train', claims);
const draft: MatchModel = {
  features: FEATURES,
  weights: FEATURES.map(() => 0),
  calibration: { inputs: CALIBRATION_INPUTS, weights: CALIBRATION_INPUTS.map(() => 0), bias: 0 },
  candidates: CANDIDATES,
  threshold: THRESHOLD,
};

// 1. Features of every tweet's candidates against the whole collection, appearances out of fold.
const full = outOfFoldCandidates(claims.texts, train, draft);
const covered = full.filter((cands) => cands.some((c) => c.y === 1)).length;

// 2. Pairwise ranking (src/reference/factchecks/train-ranking.ts): relevant minus other, both
// orders; twins no weights can order are left out.
const { pairs, twins } = pairwiseExamples(full);
const ranked: MatchModel = { ...draft, weights: trainRankingWeights(pairs, FEATURES.length) };

// 3. Probability layer on every pair, full collection and small seeded ones.
const pointwise: LogisticExample[] = [];
const fullStanding = standingWeight(claims.texts.length);
for (const cands of full) for (const c of cands) pointwise.push({ x: dense(calibrationInputs(rankingScore(ranked, c.x), fullStanding)), y: c.y });
const random = seededRandom(20202);
const SMALL = [10, 40, 200];
const smallAppearances = appearancesWithout(claims.texts.length, train, -1);
train.texts.forEach((text, q) => {
  for (const size of SMALL) {
    const chosen = new Set<number>();
    if (random() < 0.5) for (const r of train.relevant[q]) if (chosen.size < size) chosen.add(r);
    while (chosen.size < size) {
      const i = Math.floor(random() * claims.texts.length);
      if (!train.relevant[q].has(i)) chosen.add(i);
    }
    const members = [...chosen];
    // the tweet's own text is never an appearance of its own claim
    const small = new FactCheckMatcher(members.map((i) => claims.texts[i]), ranked, members.map((i) => smallAppearances[i].filter((t) => t !== text)));
    const standing = standingWeight(members.length);
    for (const c of small.candidateFeatures(text)) pointwise.push({ x: dense(calibrationInputs(rankingScore(ranked, c.x), standing)), y: train.relevant[q].has(members[c.index]) ? 1 : 0 });
  }
});
const positives = pointwise.filter((e) => e.y === 1).length;
for (const e of pointwise) e.weight = e.y === 1 ? 4 : 1;
const layer = trainLogistic(pointwise, { dim: CALIBRATION_INPUTS.length, epochs: 60, learningRate: 0.3, l2: 1e-5, seed: 20203, epsilon: 1e-6 });

const model: MatchModel = { ...ranked, calibration: { inputs: CALIBRATION_INPUTS, weights: Array.from(layer.weights, round6), bias: round6(layer.bias) } };
writeFileSync(
  MATCH_MODEL_PATH,
  `${JSON.stringify(
    {
      ...model,
      trainedOn: 'CheckThat! 2020 task 2 train (800 tweets; ranking pairwise against all 10,389 verified claims with out-of-fold tweets as appearances; probability against that and seeded collections of 10, 40 and 200)',
      licence: 'data: free for general research use (CheckThat! 2020 task 2 README); weights: MIT',
    },
    null,
    2,
  )}\n`,
);
console.log(
  `${train.texts.length} train tweets, relevant claim among the candidates for ${covered}; ${pairs.length / 2} ranking pairs (${twins} indistinguishable ones left out); ${pointwise.length} probability pairs (${positives} positive); ${((Date.now() - started) / 1000).toFixed(1)} s → ${MATCH_MODEL_PATH}`,
);
