/**
 * Trains the stance model (models/stance.json) on FNC-1 from ../shared/data/fnc-1/.
 * Held out, never trained on: the stories (headlines + bodies joined by related pairs) of fold 0
 * (src/corpus/narratives/stance/fnc.ts).
 * `--dev`: train on the train part only and print figures on the dev part (for tuning).
 * Usage: npm run train:stance [-- --dev]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { gazetteerNameWords } from '../src/nlp/entities/name-words.js';
import { fncFolder, fncScore, loadFnc, macroF1, splitByStory, type Pair } from '../src/corpus/narratives/stance/fnc.js';
import { overlaps, prepareText, relatednessFeatures, stanceFeatures, words, stem, type Idf, type PreparedText } from '../src/corpus/narratives/stance/features.js';
import { trainSoftmax, type SoftmaxExample } from '../src/nlp/logistic.js';
import { classifyPrepared, classifyRaw, serializeStanceModel, STANCE_LABELS, type StanceCalibration, type StanceLabel, type StanceModel } from '../src/corpus/narratives/stance/model.js';
import { fitPlatt, reliability, type PlattCalibration } from '../src/nlp/calibration.js';

const dev = process.argv.includes('--dev');
const IDF_BITS = 16;
const RELATED_BITS = 10;
const STANCE_BITS = 16;
const started = Date.now();

const data = loadFnc(fncFolder(packageRoot()));
const trainParts = dev ? new Set(['train']) : new Set(['train', 'dev']);
const parts = splitByStory(data);
const train = data.pairs.filter((_, i) => trainParts.has(parts[i] ?? ''));
const evalPart = dev ? 'dev' : 'test';
const held = data.pairs.filter((_, i) => parts[i] === evalPart);

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// the gazetteer's names (words and stems) are masked: one shared IDF, no identity features
const names = new Set<string>();
for (const w of await gazetteerNameWords()) {
  names.add(w);
  names.add(stem(w));
}
const prepared = new Map<string, PreparedText>();
const prep = (t: string): PreparedText => {
  let p = prepared.get(t);
  if (!p) prepared.set(t, (p = prepareText(t)));
  return p;
};
const STANCE_INDEX: Record<string, number> = { agree: 0, disagree: 1, discuss: 2 };
const STANCE_WEIGHT: Record<string, number> = { agree: 1.5, disagree: 3, discuss: 1 };

/** Both stages trained on these pairs, with document frequencies over their texts. */
function trainOn(pairs: readonly Pair[]): StanceModel {
  // document frequencies over the training bodies and headlines (each text counted once)
  const texts = new Set<string>();
  for (const p of pairs) {
    texts.add(p.headline);
    texts.add(data.bodies.get(p.bodyId) ?? '');
  }
  const df = new Float32Array(1 << IDF_BITS);
  let nameDf = 0;
  for (const t of texts) {
    const stems = new Set(words(t).map(stem));
    let named = false;
    for (const w of stems) {
      if (names.has(w)) named = true;
      else df[fnv(w) & ((1 << IDF_BITS) - 1)]++;
    }
    if (named) nameDf++;
  }
  const N = texts.size;
  const idfValues = new Float32Array(1 << IDF_BITS);
  for (let i = 0; i < df.length; i++) idfValues[i] = df[i] > 0 ? Math.log((N + 1) / (df[i] + 1)) + 1 : 0;
  const idf: Idf = { bits: IDF_BITS, values: idfValues, fallback: Math.log(N + 1) + 1, names, nameValue: Math.log((N + 1) / (nameDf + 1)) + 1 };
  const relatedExamples: SoftmaxExample[] = [];
  const stanceExamples: SoftmaxExample[] = [];
  for (const p of pairs) {
    const claim = prep(p.headline);
    const body = prep(data.bodies.get(p.bodyId) ?? '');
    const o = overlaps(claim, body, idf);
    relatedExamples.push({ x: relatednessFeatures(o, RELATED_BITS), y: p.stance === 'unrelated' ? 0 : 1, weight: 1 });
    if (p.stance !== 'unrelated') stanceExamples.push({ x: stanceFeatures(claim, p.headline, body, o, STANCE_BITS, names), y: STANCE_INDEX[p.stance], weight: STANCE_WEIGHT[p.stance] });
  }
  console.log(`features: ${relatedExamples.length} pairs, ${stanceExamples.length} related (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const related = trainSoftmax(relatedExamples, 2, { dim: 1 << RELATED_BITS, epochs: 5, learningRate: 0.1, l2: 1e-6, seed: 7, epsilon: 1e-8 });
  const stance = trainSoftmax(stanceExamples, 3, { dim: 1 << STANCE_BITS, epochs: 8, learningRate: 0.05, l2: 1e-6, seed: 11, epsilon: 1e-8 });
  return { idf, relatedBits: RELATED_BITS, stanceBits: STANCE_BITS, related, stance, training: {} };
}

/**
 * Calibration: a model trained on the train stories alone labels the dev stories; Platt scaling
 * of its raw label probabilities against "the label is right", one for unrelated and one for
 * the related labels, is then applied to the final model (trained on train + dev).
 */
function fitCalibration(): StanceCalibration {
  const calibrationModel = dev ? null : trainOn(data.pairs.filter((_, i) => parts[i] === 'train'));
  const m = calibrationModel ?? model;
  const devPairs = data.pairs.filter((_, i) => parts[i] === 'dev');
  const rows = devPairs.map((p) => ({ p, r: classifyRaw(m, prep(p.headline), p.headline, prep(data.bodies.get(p.bodyId) ?? '')) }));
  const fit = (keep: (label: StanceLabel) => boolean, what: string): PlattCalibration => {
    const part = rows.filter(({ r }) => keep(r.label));
    return fitPlatt(part.map(({ r }) => r.score), part.map(({ p, r }) => (p.stance === r.label ? 1 : 0)), `FNC-1 dev stories, ${what} predictions of a model trained on the train stories`);
  };
  return { unrelated: fit((l) => l === 'unrelated', 'unrelated'), related: fit((l) => l !== 'unrelated', 'agree/disagree/discuss') };
}

const model = trainOn(train);
// --dev: the calibration is fitted on dev by the model trained on train (so dev figures of calibration are in-sample)
model.calibration = fitCalibration();
console.log(`calibration: unrelated a ${model.calibration.unrelated.a.toFixed(3)} b ${model.calibration.unrelated.b.toFixed(3)}; related a ${model.calibration.related.a.toFixed(3)} b ${model.calibration.related.b.toFixed(3)}`);
const gold: StanceLabel[] = [];
const pred: StanceLabel[] = [];
for (const p of held) {
  gold.push(p.stance);
  pred.push(classifyPrepared(model, prep(p.headline), p.headline, prep(data.bodies.get(p.bodyId) ?? '')).label);
}
const heldScores = held.map((p) => classifyPrepared(model, prep(p.headline), p.headline, prep(data.bodies.get(p.bodyId) ?? '')).score);
const score = fncScore(gold, pred);
const f1 = macroF1(gold, pred, STANCE_LABELS);
const figures = { part: evalPart, pairs: held.length, fncPercent: round(score.percent), macroF1: round(f1.macro), perClassF1: Object.fromEntries(Object.entries(f1.perClass).map(([k, v]) => [k, round(v)])), ece: round(reliability(heldScores, gold.map((g, i) => (g === pred[i] ? 1 : 0))).ece) };
console.log(JSON.stringify(figures));

if (!dev) {
  model.training = {
    data: 'FNC-1 train_stances.csv + train_bodies.csv (Pomerleau & Rao 2017; from Emergent, Ferreira & Vlachos 2016; research use)',
    split: 'by story (headlines and bodies joined by related pairs), fnv1a(smallest body id) % 5: 0 = held-out test (never trained on), 1 = dev, 2-4 = train; pairs crossing parts dropped; this model trains on train+dev',
    trainPairs: train.length,
    masking: 'words and stems of the built-in gazetteer names share one IDF and are never identity features (side-swap invariant)',
    relatedModel: { bits: RELATED_BITS, epochs: 5, learningRate: 0.1 },
    stanceModel: { bits: STANCE_BITS, epochs: 8, learningRate: 0.05, classWeights: STANCE_WEIGHT },
    calibration: 'Platt scaling of the raw label probability (unrelated; related labels), fitted on the dev stories labelled by a model trained on the train stories only',
    heldOut: figures,
  };
  const out = path.join(packageRoot(), 'models', 'stance.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, serializeStanceModel(model));
  console.log(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
export type { Pair };
