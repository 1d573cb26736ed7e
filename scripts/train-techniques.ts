/**
 * Trains the propaganda-technique model (models/techniques.json) from the SemEval-2020
 * Task 11 PTC training articles in ../shared/data/semeval2020-task11-ptc/.
 *
 * Split (fixed, by FNV-1a hash of the article id mod 5): bucket 0 = holdout, never read
 * here; bucket 1 = tune, used to choose the span threshold and then trained on; the rest = train.
 *
 * Span tagger in two stages: a first-stage token model and a sentence gate, whose
 * out-of-fold predictions (5-fold cross-validation) train the second-stage token model.
 *
 *   npx tsx scripts/train-techniques.ts            # npm run train:techniques
 */
import { writeFileSync } from 'node:fs';
import { tokenize } from '../src/nlp/tokens.js';
import { goldSpanFeatures, preparePtc, predictTc, tokenLabels } from '../src/analysers/techniques/corpus.js';
import { tokenFeatures, type PreparedDoc, type Vocabularies } from '../src/analysers/techniques/features.js';
import { sentenceFeatures, stackFeatures } from '../src/analysers/techniques/stack.js';
import { loadLexicons } from '../src/analysers/techniques/lexicons.js';
import { storeBinary, storeMulti, trainBinary, trainMulti, Vocabulary, type BinaryModel, type MultiModel, type TrainOptions } from '../src/analysers/techniques/linear.js';
import { decodeSpans, firstStage, fromStored, gateProbabilities, secondStage, type StoredTechniqueModel } from '../src/analysers/techniques/model.js';
import { readPtcArticles, splitOf, type PtcArticle } from '../src/analysers/techniques/ptc.js';
import { scoreSi, scoreTc } from '../src/analysers/techniques/metrics.js';
import { modelPath, ptcDir } from '../src/analysers/techniques/paths.js';
import { TECHNIQUES } from '../src/analysers/techniques/taxonomy.js';

const TAGGER: TrainOptions = { epochs: 4, learningRate: 0.08, l2: 1e-5, seed: 7 };
const GATE: TrainOptions = { epochs: 6, learningRate: 0.05, l2: 1e-4, seed: 5 };
const STACKER: TrainOptions = { epochs: 4, learningRate: 0.05, l2: 1e-5, seed: 9 };
const CLASSIFIER: TrainOptions = { epochs: 12, learningRate: 0.03, l2: 1e-5, seed: 11 };
const TAGGER_MIN_COUNT = 2;
const CLASSIFIER_MIN_COUNT = 2;
const FOLDS = 5;

const t0 = Date.now();
const log = (msg: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

interface Item {
  article: PtcArticle;
  doc: PreparedDoc;
  /** 1 for tokens inside a gold span */
  y: Uint8Array;
}

function lowerVocabulary(articles: PtcArticle[]): Set<string> {
  const counts = new Map<string, number>();
  for (const a of articles) for (const t of tokenize(a.text)) if (!/\p{Lu}/u.test(t.text)) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
  return new Set([...counts].filter(([, c]) => c >= 2).map(([w]) => w));
}

type TokenFeatures = (it: Item, sentence: number) => string[][];

/** A binary token model over the features `feats` gives each sentence. */
function trainTokens(items: Item[], feats: TokenFeatures, options: TrainOptions, name: string): BinaryModel {
  const vocab = Vocabulary.build(
    (function* () {
      for (const it of items) for (let si = 0; si < it.doc.sentences.length; si++) yield* feats(it, si);
    })(),
    TAGGER_MIN_COUNT,
  );
  const xs: Int32Array[] = [];
  const ys: number[] = [];
  for (const it of items) {
    let i = 0;
    for (let si = 0; si < it.doc.sentences.length; si++) {
      for (const f of feats(it, si)) {
        xs.push(vocab.encode(f));
        ys.push(it.y[i++]);
      }
    }
  }
  log(`${name}: ${xs.length} tokens, ${ys.filter((y) => y === 1).length} inside spans, ${vocab.names.length} features`);
  return trainBinary(vocab, xs, Uint8Array.from(ys), options);
}

function trainGate(items: Item[]): BinaryModel {
  const feats: string[][] = [];
  const ys: number[] = [];
  for (const it of items) {
    it.doc.sentences.forEach((s, si) => {
      feats.push(sentenceFeatures(it.doc, si));
      const from = it.doc.sentenceStart[si];
      ys.push(it.y.subarray(from, from + s.tokens.length).some((v) => v === 1) ? 1 : 0);
    });
  }
  const vocab = Vocabulary.build(feats, TAGGER_MIN_COUNT);
  return trainBinary(vocab, feats.map((f) => vocab.encode(f)), Uint8Array.from(ys), GATE);
}

const firstFeatures: TokenFeatures = (it, si) => tokenFeatures(it.doc, si);

interface StageOne {
  p1: Float64Array;
  gate: Float64Array;
}

/** Out-of-fold first-stage probabilities and gates for every item (folds by position). */
function crossStageOne(items: Item[]): Map<Item, StageOne> {
  const out = new Map<Item, StageOne>();
  for (let k = 0; k < FOLDS; k++) {
    const rest = items.filter((_, i) => i % FOLDS !== k);
    const tagger = trainTokens(rest, firstFeatures, TAGGER, `fold ${k + 1}/${FOLDS} tagger`);
    const gate = trainGate(rest);
    items.forEach((it, i) => {
      if (i % FOLDS === k) out.set(it, { p1: firstStage(tagger, it.doc), gate: gateProbabilities(gate, it.doc) });
    });
  }
  return out;
}

function trainStacker(items: Item[], stageOne: Map<Item, StageOne>): BinaryModel {
  const feats: TokenFeatures = (it, si) => {
    const s = stageOne.get(it);
    if (!s) throw new Error(`no first stage for article ${it.article.id}`);
    return stackFeatures(it.doc, si, s.p1, s.gate[si]);
  };
  return trainTokens(items, feats, STACKER, 'stacker');
}

interface SpanTagger {
  tagger: BinaryModel;
  gate: BinaryModel;
  stacker: BinaryModel;
}

function trainSpanTagger(items: Item[]): SpanTagger {
  const stageOne = crossStageOne(items);
  return { tagger: trainTokens(items, firstFeatures, TAGGER, 'tagger'), gate: trainGate(items), stacker: trainStacker(items, stageOne) };
}

function trainClassifier(items: Item[]): MultiModel {
  const labels = [...TECHNIQUES];
  const feats: string[][] = [];
  const ys: number[] = [];
  for (const it of items) {
    goldSpanFeatures(it.doc, it.article.spans).forEach((f, i) => {
      feats.push(f);
      ys.push(labels.indexOf(it.article.spans[i].technique as (typeof TECHNIQUES)[number]));
    });
  }
  const vocab = Vocabulary.build(feats, CLASSIFIER_MIN_COUNT);
  log(`classifier: ${feats.length} spans, ${vocab.names.length} features`);
  return trainMulti(vocab, labels, feats.map((f) => vocab.encode(f)), Int32Array.from(ys), CLASSIFIER);
}

function build(vocab: Vocabularies, spans: SpanTagger, classifier: MultiModel, threshold: number, gapThreshold: number, minScore: number, meta: Record<string, unknown>): StoredTechniqueModel {
  return {
    format: 2,
    meta,
    threshold,
    gapThreshold,
    minScore,
    lower: [...vocab.lower].sort(),
    capitalCues: [...vocab.capitalCues].sort(),
    tagger: storeBinary(spans.tagger, 0.03),
    gate: storeBinary(spans.gate, 0.01),
    stacker: storeBinary(spans.stacker, 0.001),
    classifier: storeMulti(classifier, 0.04),
  };
}

const all = readPtcArticles(ptcDir());
const trainPart = all.filter((a) => splitOf(a.id) !== 'holdout');
const trainOnly = trainPart.filter((a) => splitOf(a.id) === 'train');
const tune = trainPart.filter((a) => splitOf(a.id) === 'tune');
log(`articles: ${all.length} (train ${trainOnly.length}, tune ${tune.length}, holdout ${all.length - trainPart.length} not read)`);

const lexicons = loadLexicons();
const vocab: Vocabularies = { lower: lowerVocabulary(trainPart), capitalCues: new Set(lexicons.capitalCues) };
const items = (arts: PtcArticle[]): Item[] =>
  arts.map((article) => {
    const doc = preparePtc(article, vocab, lexicons.rules);
    return { article, doc, y: tokenLabels(doc, article.spans) };
  });
const trainItems = items(trainOnly);
const tuneItems = items(tune);

// Phase A: train on `train`, choose the thresholds on `tune`.
const spansA = trainSpanTagger(trainItems);
const classifierA = trainClassifier(trainItems);
const storedA = build(vocab, spansA, classifierA, 0.5, 0.5, 0, { phase: 'A: trained on train only, for tuning on tune' });
// TECHNIQUES_PHASE_A=<file> keeps the phase-A model, for decoding experiments on the tune split
if (process.env.TECHNIQUES_PHASE_A) writeFileSync(process.env.TECHNIQUES_PHASE_A, JSON.stringify(storedA));
const modelA = fromStored(storedA);
const probs = tuneItems.map((it) => secondStage(modelA.stacker, it.doc, firstStage(modelA.tagger, it.doc), gateProbabilities(modelA.gate, it.doc)));
const gold = new Map(tuneItems.map((it) => [it.article.id, it.article.spans]));
let best = { threshold: 0.5, gapThreshold: 0.5, minScore: 0, f1: -1, precision: 0, recall: 0 };
for (let step = 4; step <= 24; step++) {
  const threshold = step * 0.025;
  for (const gapFactor of [1, 0.75, 0.5]) {
    for (const minScore of [0, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]) {
      const gapThreshold = threshold * gapFactor;
      const pred = new Map(tuneItems.map((it, i) => [it.article.id, decodeSpans(it.doc, probs[i], threshold, gapThreshold, minScore)]));
      const s = scoreSi(pred, gold);
      if (s.f1 > best.f1) best = { threshold, gapThreshold, minScore, f1: s.f1, precision: s.precision, recall: s.recall };
    }
  }
}
log(`tune SI: threshold ${best.threshold.toFixed(3)} gap ${best.gapThreshold.toFixed(3)} min span score ${best.minScore} → P ${(100 * best.precision).toFixed(2)} R ${(100 * best.recall).toFixed(2)} F1 ${(100 * best.f1).toFixed(2)}`);
let correct = 0;
let total = 0;
for (const it of tuneItems) {
  const r = scoreTc(it.article.spans, predictTc(modelA, it.doc, it.article.spans));
  correct += r.correct;
  total += r.total;
}
const tuneTc = correct / total;
log(`tune TC micro-F1 ${(100 * tuneTc).toFixed(2)} (${correct}/${total})`);

// Phase B: train on train + tune with the chosen thresholds.
const finalItems = [...trainItems, ...tuneItems];
const spans = trainSpanTagger(finalItems);
const classifier = trainClassifier(finalItems);
const stored = build(vocab, spans, classifier, best.threshold, best.gapThreshold, best.minScore, {
  data: 'SemEval-2020 Task 11 PTC training articles (research use; see docs/techniques.md for licence and citation)',
  split: 'FNV-1a(article id) mod 5: 0 = holdout (never trained on), 1 = tune (thresholds), others = train',
  folds: FOLDS,
  trainArticles: finalItems.length,
  tune: { si: { precision: best.precision, recall: best.recall, f1: best.f1 }, tcMicroF1: tuneTc },
  tagger: { ...TAGGER, minCount: TAGGER_MIN_COUNT },
  gate: GATE,
  stacker: STACKER,
  classifier: { ...CLASSIFIER, minCount: CLASSIFIER_MIN_COUNT },
});
const json = JSON.stringify(stored);
writeFileSync(modelPath(), json + '\n');
log(`wrote ${modelPath()} (${(json.length / 1e6).toFixed(2)} MB; tagger ${stored.tagger.features.length} features, classifier ${stored.classifier.features.length})`);
