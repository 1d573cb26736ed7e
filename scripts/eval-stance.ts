/**
 * Stance model on the held-out FNC-1 part (bodies hashing to fold 0, never trained on):
 * official FNC score as % of the maximum, macro-F1 and per-class F1, next to the published
 * figures on the official competition test set (a different set: the comparison is indicative).
 * Usage: npm run eval:stance
 */
import { packageRoot } from '../src/core/paths.js';
import { maxOf } from '../src/core/arrays.js';
import { prepareText, type PreparedText } from '../src/corpus/narratives/stance/features.js';
import { fncFolder, fncScore, loadFnc, macroF1, splitByStory } from '../src/corpus/narratives/stance/fnc.js';
import { classifyPrepared, classifyRaw, loadStanceModel, STANCE_LABELS, type StanceLabel } from '../src/corpus/narratives/stance/model.js';
import { softmaxScores, trainSoftmax, type SparseFeatures } from '../src/nlp/logistic.js';
import { TfidfVectorizer } from '../src/nlp/tfidf.js';
import { formatReliability, reliability } from '../src/nlp/calibration.js';

const data = loadFnc(fncFolder(packageRoot()));
const model = loadStanceModel();
const parts = splitByStory(data);
const held = data.pairs.filter((_, i) => parts[i] === 'test');
const cache = new Map<string, PreparedText>();
const prep = (t: string): PreparedText => {
  let p = cache.get(t);
  if (!p) cache.set(t, (p = prepareText(t)));
  return p;
};

const started = performance.now();
const rows = held.map((p) => {
  const r = classifyPrepared(model, prep(p.headline), p.headline, prep(data.bodies.get(p.bodyId) ?? ''));
  const raw = classifyRaw(model, prep(p.headline), p.headline, prep(data.bodies.get(p.bodyId) ?? ''));
  return { gold: p.stance, pred: r.label, score: r.score, raw: raw.score };
});
const ms = performance.now() - started;

function report(name: string, subset: ReadonlyArray<{ gold: StanceLabel; pred: StanceLabel }>): void {
  const gold = subset.map((r) => r.gold) as StanceLabel[];
  const pred = subset.map((r) => r.pred) as StanceLabel[];
  const s = fncScore(gold, pred);
  const f = macroF1(gold, pred, STANCE_LABELS);
  const per = STANCE_LABELS.map((l) => `${l} ${f.perClass[l].toFixed(3)}`).join(' · ');
  console.log(`${name.padEnd(34)} pairs ${String(subset.length).padStart(6)}  FNC ${s.percent.toFixed(2)}% (${s.score.toFixed(2)} / ${s.max.toFixed(2)})  macro-F1 ${f.macro.toFixed(3)}  [${per}]`);
}

console.log('FNC-1 stance, held-out stories (fold 0 of train_stances.csv split by story: no held-out headline or body seen in training)');
report('held-out (all pairs)', rows);
// the score is the probability of the predicted label: calibrated when it matches the share right
for (const line of formatReliability('calibration of the stance score (probability that the label is right)', reliability(rows.map((r) => r.score), rows.map((r) => (r.gold === r.pred ? 1 : 0))))) console.log(line);
for (const line of formatReliability('uncalibrated label probabilities, for comparison', reliability(rows.map((r) => r.raw), rows.map((r) => (r.gold === r.pred ? 1 : 0))))) console.log(line);
const relatedRows = rows.filter((r) => r.pred !== 'unrelated');
for (const line of formatReliability(`  … on pairs labelled related (${relatedRows.length})`, reliability(relatedRows.map((r) => r.score), relatedRows.map((r) => (r.gold === r.pred ? 1 : 0))))) console.log(line);

// Classic baseline, trained here on the same pairs as the model (train + dev stories): TF-IDF of
// the headline (word + char n-grams) and of the body (words), their cosine similarity in bins,
// multinomial logistic regression.
const baseStarted = performance.now();
const trainPairs = data.pairs.filter((_, i) => parts[i] === 'train' || parts[i] === 'dev');
const headlineVec = TfidfVectorizer.fit([...new Set(trainPairs.map((p) => p.headline))], { dim: 1 << 18, minDf: 2 });
const bodyVec = TfidfVectorizer.fit([...new Set(trainPairs.map((p) => p.bodyId))].map((id) => data.bodies.get(id) ?? ''), { dim: 1 << 18, minDf: 2, chars: false });
const wordsOnly = TfidfVectorizer.fit([...new Set(trainPairs.map((p) => p.headline))], { dim: 1 << 18, minDf: 1, chars: false });
const bodyCache = new Map<string, SparseFeatures>();
const bodyOf = (id: string): SparseFeatures => {
  let v = bodyCache.get(id);
  if (!v) bodyCache.set(id, (v = bodyVec.transform(data.bodies.get(id) ?? '')));
  return v;
};
function cosine(a: SparseFeatures, b: SparseFeatures): number {
  const m = new Map<number, number>();
  for (let i = 0; i < a.indices.length; i++) m.set(a.indices[i], a.values[i]);
  let dot = 0;
  for (let i = 0; i < b.indices.length; i++) dot += (m.get(b.indices[i]) ?? 0) * b.values[i];
  return dot;
}
const OFFSET_BODY = 1 << 19;
const OFFSET_COS = 1 << 20;
function pairFeatures(p: (typeof data.pairs)[number]): SparseFeatures {
  const h = headlineVec.transform(p.headline);
  const b = bodyOf(p.bodyId);
  // the headline's words against the body's, on the same word space
  const sim = cosine(wordsOnly.transform(p.headline), b);
  const bin = Math.min(19, Math.floor(sim * 20));
  const indices = [...Array.from(h.indices), ...Array.from(b.indices, (i) => OFFSET_BODY + i), OFFSET_COS + bin];
  const values = [...Array.from(h.values), ...Array.from(b.values), 1];
  return { indices: Uint32Array.from(indices), values: Float32Array.from(values) };
}
const baseModel = trainSoftmax(
  trainPairs.map((p) => ({ x: pairFeatures(p), y: STANCE_LABELS.indexOf(p.stance) })),
  STANCE_LABELS.length,
  { dim: OFFSET_COS + 32, epochs: 6, learningRate: 0.05, l2: 1e-6, seed: 1, epsilon: 1e-8 },
);
const baseRows = held.map((p) => {
  const probs = softmaxScores(baseModel, pairFeatures(p));
  return { gold: p.stance, pred: STANCE_LABELS[probs.indexOf(maxOf(probs))] };
});
report(`baseline: TF-IDF + LR (${((performance.now() - baseStarted) / 1000).toFixed(0)} s)`, baseRows);
console.log('');
console.log('Published, official competition test set (different data: indicative only):');
console.log('  official baseline (gradient boosting)  FNC 75.20%');
console.log('  best team (SOLAT in the SWEN / Talos)    FNC 82.02%  macro-F1 ≈ 0.58');
console.log(`\nspeed: ${(rows.length / (ms / 1000)).toFixed(0)} pairs/s (texts prepared once each)`);
