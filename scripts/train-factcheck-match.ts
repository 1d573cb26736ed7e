/**
 * Trains the fact-check re-ranker (models/factcheck-match.json) on CheckThat! 2020 task 2
 * TRAIN (800 tweets ↔ 10,389 Snopes claims) with the shared logistic trainer; the dev split
 * is never seen here (scripts/eval-verify.ts measures on it). Deterministic: same data, same
 * weights. Licence of the data: "free for general research use" (task README).
 *   npm run train:factcheck-match
 */
import { writeFileSync } from 'node:fs';
import { trainLogistic, type LogisticExample } from '../src/nlp/logistic.js';
import { readQueries, readVerifiedClaims } from '../src/reference/factchecks/checkthat.js';
import { FEATURES, FactCheckMatcher, MATCH_MODEL_PATH, dense, type MatchModel } from '../src/reference/factchecks/match.js';

const CANDIDATES = 30;
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
const positives = examples.filter((e) => e.y === 1).length;
for (const e of examples) e.weight = e.y === 1 ? 4 : 1;
const { weights, bias } = trainLogistic(examples, { dim: FEATURES.length, epochs: 60, learningRate: 0.3, l2: 1e-5, seed: 20201, epsilon: 1e-6 });
const model: MatchModel = { features: FEATURES, weights: Array.from(weights, (w) => Math.round(w * 1e6) / 1e6), bias: Math.round(bias * 1e6) / 1e6, candidates: CANDIDATES, threshold: 0.5 };
writeFileSync(MATCH_MODEL_PATH, `${JSON.stringify({ ...model, trainedOn: 'CheckThat! 2020 task 2 train (800 tweets, 10,389 verified claims)', licence: 'data: free for general research use (CheckThat! 2020 task 2 README); weights: MIT' }, null, 2)}\n`);
console.log(`${train.texts.length} train tweets, relevant claim in the top ${CANDIDATES} for ${covered}; ${examples.length} pairs (${positives} positive); ${((Date.now() - started) / 1000).toFixed(1)} s → ${MATCH_MODEL_PATH}`);
