/**
 * Trains the verdict model (models/verdict.json) on Climate-FEVER with the shared logistic
 * trainer: claim–evidence pairs of the training split (claim id mod 10 ≥ 4), thresholds tuned
 * on the tuning split (mod 10 ∈ {2, 3}); the validation split (mod 10 ∈ {0, 1}) is only read by
 * scripts/eval-verify.ts. Deterministic. Data: Climate-FEVER (Diggelmann et al. 2020; evidence
 * from English Wikipedia, CC BY-SA; research use). FNC-1 is not used: its article bodies are
 * not sentence evidence, and pairing headlines with whole bodies did not fit these features.
 *   npm run train:verdict-model
 */
import { writeFileSync } from 'node:fs';
import { loadResources } from '../src/nlp/resources.js';
import { trainLogistic, type LogisticExample, type SparseFeatures } from '../src/nlp/logistic.js';
import { assess } from '../src/reference/checks.js';
import { textFacts } from '../src/reference/facts.js';
import { readClimateFever, splitOf, type ClimateFeverClaim } from '../src/reference/model/climate-fever.js';
import { VERDICT_DIM, verdictFeatures } from '../src/reference/model/features.js';
import { claimLeaning, scorePair, toStored, VERDICT_MODEL_PATH, type VerdictModel } from '../src/reference/model/verdict-model.js';

const started = Date.now();
const { gazetteer } = await loadResources();
const claims = readClimateFever();
const pairs = claims.map((c) => {
  const claim = textFacts(c.claim, gazetteer, 'claim');
  return c.evidences.map((e) => {
    const passage = textFacts(e.text, gazetteer, 'passage');
    return { claim, passage, a: assess(claim, passage) };
  });
});
const features: SparseFeatures[][] = pairs.map((ps) => ps.map((p) => verdictFeatures(p.claim, p.passage, p.a)));
const trainIdx = claims.map((c, i) => (splitOf(c.id) === 'train' ? i : -1)).filter((i) => i >= 0);
const examples = (label: string): LogisticExample[] => {
  const out: LogisticExample[] = [];
  for (const i of trainIdx) claims[i].evidences.forEach((e, j) => out.push({ x: features[i][j], y: e.label === label ? 1 : 0 }));
  const positives = out.filter((e) => e.y === 1).length;
  for (const e of out) e.weight = e.y === 1 ? (out.length - positives) / positives : 1;
  return out;
};
const options = { dim: VERDICT_DIM, epochs: 8, learningRate: 0.05, l2: 1e-6, seed: 11, epsilon: 1e-6 };
const s = trainLogistic(examples('SUPPORTS'), options);
const r = trainLogistic(examples('REFUTES'), options);
const model: VerdictModel = { supports: s.weights, supportsBias: s.bias, refutes: r.weights, refutesBias: r.bias, thresholds: { supports: 0.5, refutes: 0.5 } };

// thresholds: best macro-F1 on the tuning split
const tune = claims.map((c, i) => ({ c, i })).filter(({ c }) => splitOf(c.id) === 'tune' && c.label !== 'DISPUTED');
const scores = new Map(tune.map(({ i }) => [i, pairs[i].map((p) => scorePair(p.claim, p.passage, p.a, model))]));
let best = { f1: -1, supports: 0.5, refutes: 0.5 };
for (const ts of [0.5, 0.6, 0.7, 0.8, 0.9]) {
  for (const tr of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    model.thresholds = { supports: ts, refutes: tr };
    const f1 = macroF1(tune.map(({ c }) => c.label), tune.map(({ i }) => claimLeaning(scores.get(i)!, model)));
    if (f1 > best.f1) best = { f1, supports: ts, refutes: tr };
  }
}
model.thresholds = { supports: best.supports, refutes: best.refutes };
writeFileSync(VERDICT_MODEL_PATH, `${JSON.stringify({ ...toStored(model), trainedOn: 'Climate-FEVER, claim id mod 10 >= 4 (pairs); thresholds on mod 10 in {2,3}', licence: 'data: Climate-FEVER (research use; evidence CC BY-SA from Wikipedia); weights: MIT' })}\n`);
console.log(`${trainIdx.length} training claims, thresholds ${JSON.stringify(model.thresholds)} (tuning macro-F1 ${best.f1.toFixed(3)}), ${((Date.now() - started) / 1000).toFixed(1)} s → ${VERDICT_MODEL_PATH}`);

function macroF1(gold: ClimateFeverClaim['label'][], pred: string[]): number {
  const labels = ['SUPPORTS', 'REFUTES', 'NOT_ENOUGH_INFO'];
  return labels.map((l) => {
    const tp = pred.filter((p, k) => p === l && gold[k] === l).length;
    const fp = pred.filter((p, k) => p === l && gold[k] !== l).length;
    const fn = pred.filter((p, k) => p !== l && gold[k] === l).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }).reduce((a, b) => a + b, 0) / 3;
}
