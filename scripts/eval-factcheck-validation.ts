/**
 * npx tsx scripts/eval-factcheck-validation.ts — the fact-check re-ranker's feature choices judged
 * on OUR validation split of CheckThat! 2020 task 2 TRAIN (checkthat.ts isValidationTweet: the
 * tweet id's FNV-1a hash ≡ 0 mod 5), so that dev stays a test (docs/accuracy.md, "Ranking
 * independent of file order").
 *
 * For every variant: ranking weights fitted pairwise (train-ranking.ts, the trainer's settings) on
 * the other train tweets with out-of-fold appearances, MAP@5 on the validation tweets with twins
 * merged and under the official tie rule, fact-checks alone and with the fitted tweets as
 * appearances. Then the same variant fitted on all of train, measured on dev (train tweets as
 * appearances), to see whether a validation gain holds. Variants only re-weigh or add features
 * computable from the candidate's existing features within its pool, so one feature pass serves all.
 */
import { maxOf } from '../src/core/arrays.js';
import { meanDifferenceInterval, signed } from './lib/bootstrap.js';
import type { LogisticExample } from '../src/nlp/logistic.js';
import { cutRun, isValidationTweet, readQueries, readVerifiedClaims, relevantUnder, subsetQueries, twinGroups, type Queries, type TieRule } from '../src/reference/factchecks/checkthat.js';
import { CALIBRATION_INPUTS, FEATURES, FactCheckMatcher, meanAveragePrecision, type MatchModel } from '../src/reference/factchecks/match.js';
import { competitionRanks } from '../src/reference/factchecks/ranking.js';
import { appearancesWithout, outOfFoldCandidates, pairwiseExamples, trainRankingWeights, type LabelledCandidate } from '../src/reference/factchecks/train-ranking.js';

const started = Date.now();
const claims = readVerifiedClaims();
const train = readQueries('train', claims);
const dev = readQueries('dev', claims);
const validation = subsetQueries(train, isValidationTweet);
const fit = subsetQueries(train, (id) => !isValidationTweet(id));
const ids = claims.ids.map(Number);
const group = twinGroups(claims.texts);
const draft: MatchModel = {
  features: FEATURES,
  weights: FEATURES.map(() => 0),
  calibration: { inputs: CALIBRATION_INPUTS, weights: CALIBRATION_INPUTS.map(() => 0), bias: 0 },
  candidates: 30,
  threshold: 0.6,
};
const at = (name: (typeof FEATURES)[number]) => FEATURES.indexOf(name);

/** Candidates of each query against every claim, with the given appearances. */
function candidates(queries: Queries, appearances: string[][]): LabelledCandidate[][] {
  const matcher = new FactCheckMatcher(claims.texts, draft, appearances);
  return queries.texts.map((text, q) => matcher.candidateFeatures(text).map((c) => ({ index: c.index, x: c.x, y: queries.relevant[q].has(c.index) ? 1 : 0 })));
}

/** A variant turns one query's candidate features into the features it ranks on. */
type Variant = { name: string; features: (cands: LabelledCandidate[]) => number[][]; perQueryWeight?: boolean };

/** A column derived within the pool: standing / competition rank of an existing column. */
const rankOfColumn = (cands: LabelledCandidate[], column: number): number[] => {
  const scores = cands.map((c) => c.x[column]);
  const ranks = competitionRanks(scores, cands.map((_, i) => i));
  return cands.map((c, i) => c.x[at('collection-size')] / ranks.get(i)!);
};
/** Average ranks (ties share the mean of the positions they span). */
const averageRank = (scores: number[]): number[] => {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const out = new Array<number>(scores.length);
  for (let r = 0; r < order.length; ) {
    let end = r;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[r]]) end++;
    for (let k = r; k <= end; k++) out[order[k]] = (r + end) / 2 + 1;
    r = end + 1;
  }
  return out;
};
const withColumn = (extra: (cands: LabelledCandidate[]) => number[]) => (cands: LabelledCandidate[]) => {
  const e = extra(cands);
  return cands.map((c, i) => [...c.x, e[i]]);
};

const VARIANTS: Variant[] = [
  { name: 'as trained (competition ranks)', features: (cands) => cands.map((c) => c.x) },
  {
    name: 'average ranks instead',
    features: (cands) => {
      const out = cands.map((c) => [...c.x]);
      for (const [cosine, rank, top] of [[at('word-cosine'), at('word-rank'), at('word-rank-top')], [at('char-cosine'), at('char-rank'), at('char-rank-top')], [at('body-char-cosine'), at('body-char-rank'), -1]] as const) {
        const r = averageRank(cands.map((c) => c.x[cosine]));
        out.forEach((x, i) => {
          x[rank] = x[at('collection-size')] / r[i];
          if (top >= 0) x[top] = r[i] === 1 ? x[at('collection-size')] : 0;
        });
      }
      return out;
    },
  },
  { name: '+ body word rank', features: withColumn((cands) => rankOfColumn(cands, at('body-word-cosine'))) },
  {
    name: '+ body word gap',
    features: withColumn((cands) => {
      const top = maxOf(cands.map((c) => c.x[at('body-word-cosine')]));
      return cands.map((c) => c.x[at('collection-size')] * (c.x[at('body-word-cosine')] - top));
    }),
  },
  { name: '+ appearance rank', features: withColumn((cands) => rankOfColumn(cands, at('appearance-similarity')).map((v, i) => (cands[i].x[at('appearance-similarity')] > 0 ? v : 0))) },
  {
    name: '+ rank of (word + char) / 2',
    features: withColumn((cands) => {
      const scores = cands.map((c) => (c.x[at('word-cosine')] + c.x[at('char-cosine')]) / 2);
      const ranks = competitionRanks(scores, cands.map((_, i) => i));
      return cands.map((c, i) => c.x[at('collection-size')] / ranks.get(i)!);
    }),
  },
  { name: 'each tweet weighs the same', features: (cands) => cands.map((c) => c.x), perQueryWeight: true },
];

function fitWeights(variant: Variant, full: LabelledCandidate[][]): number[] {
  const perQuery = full.map((cands) => {
    const x = variant.features(cands);
    return pairwiseExamples([cands.map((c, i) => ({ ...c, x: x[i] }))]).pairs;
  });
  const mean = perQuery.reduce((a, p) => a + p.length, 0) / Math.max(1, perQuery.filter((p) => p.length).length);
  const pairs: LogisticExample[] = [];
  for (const p of perQuery) for (const e of p) pairs.push(variant.perQueryWeight ? { ...e, weight: mean / p.length } : e);
  return trainRankingWeights(pairs, pairs[0].x.values.length);
}

/** Per-query average precision at 5 under a tie rule. */
function aps(variant: Variant, weights: number[], cands: LabelledCandidate[][], queries: Queries, rule: TieRule): number[] {
  return cands.map((cs, q) => {
    const x = variant.features(cs);
    const run = cs.map((c, i) => ({ index: c.index, score: x[i].reduce((s, v, k) => s + v * weights[k], 0) }));
    return meanAveragePrecision([cutRun(run, rule, ids, group)], [relevantUnder(queries.relevant[q], rule, group)], 5);
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
function interval(a: number[], b: number[]): string {
  const { mean, low, high } = meanDifferenceInterval(a, b, 2000);
  return `${signed(mean)} (${signed(low)} … ${signed(high)})`;
}

const none = claims.texts.map(() => []);
const fitFull = outOfFoldCandidates(claims.texts, fit, draft);
const valAlone = candidates(validation, none);
const valWith = candidates(validation, appearancesWithout(claims.texts.length, fit, -1));
const trainFull = outOfFoldCandidates(claims.texts, train, draft);
const devAlone = candidates(dev, none);
const devWith = candidates(dev, appearancesWithout(claims.texts.length, train, -1));
console.log(`Validation split of CheckThat! 2020 train: ${validation.ids.length} tweets (id hash ≡ 0 mod 5), fitted on the other ${fit.ids.length}; dev ${dev.ids.length} tweets; features in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log('MAP@5 twins merged (official tie rule in brackets); difference to the first row with its 95 % paired bootstrap (2,000 resamples)');
const base: Record<string, number[]> = {};
for (const variant of VARIANTS) {
  const wFit = fitWeights(variant, fitFull);
  const wTrain = fitWeights(variant, trainFull);
  const cells: string[] = [];
  for (const [key, weights, cands, queries] of [['validation alone', wFit, valAlone, validation], ['validation + appearances', wFit, valWith, validation], ['dev alone', wTrain, devAlone, dev], ['dev + appearances', wTrain, devWith, dev]] as const) {
    const merged = aps(variant, weights, cands, queries, 'merged');
    const official = aps(variant, weights, cands, queries, 'official');
    base[key] ??= merged;
    cells.push(`${key} ${mean(merged).toFixed(4)} [${mean(official).toFixed(4)}]${variant === VARIANTS[0] ? '' : ` ${interval(merged, base[key])}`}`);
  }
  console.log(`  ${variant.name}\n      ${cells.join('\n      ')}`);
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
