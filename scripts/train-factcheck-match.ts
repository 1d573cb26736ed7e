/**
 * Trains the fact-check re-ranker (models/factcheck-match.json) on CheckThat! 2020 task 2
 * TRAIN (800 tweets ↔ 10,389 Snopes claims) with the shared logistic trainer; the dev split
 * is never seen here (scripts/eval-verify.ts measures on it). Deterministic: same data, same
 * weights. Besides the full collection, every training tweet is also ranked against small
 * seeded collections (10, 40 and 200 fact-checks, its own relevant claim in half of them),
 * because users' own collections are that small and a candidate's standing means less there.
 * Licence of the data: "free for general research use" (task README).
 *   npm run train:factcheck-match
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../src/core/random.js';
import { trainLogistic, type LogisticExample } from '../src/nlp/logistic.js';
import { readQueries, readVerifiedClaims } from '../src/reference/factchecks/checkthat.js';
import { FEATURES, FactCheckMatcher, MATCH_MODEL_PATH, dense, type MatchModel } from '../src/reference/factchecks/match.js';

const CANDIDATES = 30;
/**
 * Reporting threshold, chosen on train tweets against seeded collections of 20 (0.5: 10 % of
 * tweets got a false match when their claim was absent, 96 % found it when present; 0.6:
 * 6 % and 95 %; 0.7: 2 % and 92 %): a false "already fact-checked" costs a fact-checker
 * more than a missed one they can search for.
 */
const THRESHOLD = 0.6;
const started = Date.now();
const claims = readVerifiedClaims();
const train = readQueries('train', claims);
const draft: MatchModel = { features: FEATURES, weights: FEATURES.map(() => 0), bias: 0, candidates: CANDIDATES, threshold: 0.5 };
const matcher = new FactCheckMatcher(claims.texts, draft);
const examples: LogisticExample[] = [];
let covered = 0;
train.texts.forEach((text, q) => {
  const cands = matcher.candidateFeatures(text);
  if (cands.some((c) => train.relevant[q].has(c.index))) covered++;
  for (const c of cands) examples.push({ x: dense(c.x), y: train.relevant[q].has(c.index) ? 1 : 0 });
});
const random = seededRandom(20202);
const SMALL = [10, 40, 200];
train.texts.forEach((text, q) => {
  for (const size of SMALL) {
    const chosen = new Set<number>();
    if (random() < 0.5) for (const r of train.relevant[q]) if (chosen.size < size) chosen.add(r);
    while (chosen.size < size) {
      const i = Math.floor(random() * claims.texts.length);
      if (!train.relevant[q].has(i)) chosen.add(i);
    }
    const members = [...chosen];
    const small = new FactCheckMatcher(members.map((i) => claims.texts[i]), draft);
    for (const c of small.candidateFeatures(text)) examples.push({ x: dense(c.x), y: train.relevant[q].has(members[c.index]) ? 1 : 0 });
  }
});
const positives = examples.filter((e) => e.y === 1).length;
for (const e of examples) e.weight = e.y === 1 ? 4 : 1;
const { weights, bias } = trainLogistic(examples, { dim: FEATURES.length, epochs: 60, learningRate: 0.3, l2: 1e-5, seed: 20201, epsilon: 1e-6 });
const model: MatchModel = { features: FEATURES, weights: Array.from(weights, (w) => Math.round(w * 1e6) / 1e6), bias: Math.round(bias * 1e6) / 1e6, candidates: CANDIDATES, threshold: THRESHOLD };
writeFileSync(MATCH_MODEL_PATH, `${JSON.stringify({ ...model, trainedOn: 'CheckThat! 2020 task 2 train (800 tweets, against all 10,389 verified claims and seeded collections of 10, 40 and 200)', licence: 'data: free for general research use (CheckThat! 2020 task 2 README); weights: MIT' }, null, 2)}\n`);
console.log(`${train.texts.length} train tweets, relevant claim in the top ${CANDIDATES} for ${covered}; ${examples.length} pairs (${positives} positive); ${((Date.now() - started) / 1000).toFixed(1)} s → ${MATCH_MODEL_PATH}`);
