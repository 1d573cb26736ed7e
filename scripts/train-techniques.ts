/**
 * Trains the propaganda-technique model (models/techniques.json) from the SemEval-2020
 * Task 11 PTC training articles in ../shared/data/semeval2020-task11-ptc/.
 *
 * Split (fixed, by FNV-1a hash of the article id mod 5): bucket 0 = holdout, never read
 * here; bucket 1 = tune, used to choose the span threshold and then trained on; the rest = train.
 *
 *   npx tsx scripts/train-techniques.ts            # npm run train:techniques
 */
import { writeFileSync } from 'node:fs';
import { tokenize } from '../src/nlp/tokens.js';
import { goldSpanFeatures, preparePtc, predictTc, tokenLabels } from '../src/analysers/techniques/corpus.js';
import { tokenFeatures, type PreparedDoc, type Vocabularies } from '../src/analysers/techniques/features.js';
import { loadLexicons } from '../src/analysers/techniques/lexicons.js';
import { storeBinary, storeMulti, trainBinary, trainMulti, Vocabulary, type TrainOptions } from '../src/analysers/techniques/linear.js';
import { decodeSpans, fromStored, tokenProbabilities, type StoredTechniqueModel } from '../src/analysers/techniques/model.js';
import { readPtcArticles, splitOf, type PtcArticle } from '../src/analysers/techniques/ptc.js';
import { scoreSi, scoreTc } from '../src/analysers/techniques/metrics.js';
import { modelPath, ptcDir } from '../src/analysers/techniques/paths.js';
import { TECHNIQUES } from '../src/analysers/techniques/taxonomy.js';

const TAGGER: TrainOptions = { epochs: 4, learningRate: 0.08, l2: 1e-5, seed: 7 };
const CLASSIFIER: TrainOptions = { epochs: 12, learningRate: 0.1, l2: 1e-5, seed: 11 };
const TAGGER_MIN_COUNT = 2;
const CLASSIFIER_MIN_COUNT = 2;

const t0 = Date.now();
const log = (msg: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

interface Item {
  article: PtcArticle;
  doc: PreparedDoc;
}

function lowerVocabulary(articles: PtcArticle[]): Set<string> {
  const counts = new Map<string, number>();
  for (const a of articles) for (const t of tokenize(a.text)) if (!/\p{Lu}/u.test(t.text)) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
  return new Set([...counts].filter(([, c]) => c >= 2).map(([w]) => w));
}

function* docTokenFeatures(doc: PreparedDoc): Generator<string[]> {
  for (let si = 0; si < doc.sentences.length; si++) yield* tokenFeatures(doc, si);
}

function trainTagger(items: Item[]): ReturnType<typeof trainBinary> {
  const vocab = Vocabulary.build(
    (function* () {
      for (const it of items) yield* docTokenFeatures(it.doc);
    })(),
    TAGGER_MIN_COUNT,
  );
  const xs: Int32Array[] = [];
  const ys: number[] = [];
  for (const it of items) {
    const y = tokenLabels(it.doc, it.article.spans);
    let i = 0;
    for (const f of docTokenFeatures(it.doc)) {
      xs.push(vocab.encode(f));
      ys.push(y[i++]);
    }
  }
  log(`tagger: ${xs.length} tokens, ${ys.filter((y) => y === 1).length} inside spans, ${vocab.names.length} features`);
  return trainBinary(vocab, xs, Uint8Array.from(ys), TAGGER);
}

function trainClassifier(items: Item[]): ReturnType<typeof trainMulti> {
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

function build(vocab: Vocabularies, tagger: ReturnType<typeof trainBinary>, classifier: ReturnType<typeof trainMulti>, threshold: number, gapThreshold: number, meta: Record<string, unknown>): StoredTechniqueModel {
  return {
    format: 1,
    meta,
    threshold,
    gapThreshold,
    lower: [...vocab.lower].sort(),
    capitalCues: [...vocab.capitalCues].sort(),
    tagger: storeBinary(tagger, 0.03),
    classifier: storeMulti(classifier, 0.04),
  };
}

const all = readPtcArticles(ptcDir());
const trainPart = all.filter((a) => splitOf(a.id) !== 'holdout');
const trainOnly = trainPart.filter((a) => splitOf(a.id) === 'train');
const tune = trainPart.filter((a) => splitOf(a.id) === 'tune');
log(`articles: ${all.length} (train ${trainOnly.length}, tune ${tune.length}, holdout ${all.length - trainPart.length} not read)`);

const vocab: Vocabularies = { lower: lowerVocabulary(trainPart), capitalCues: new Set(loadLexicons().capitalCues) };
const items = (arts: PtcArticle[]): Item[] => arts.map((article) => ({ article, doc: preparePtc(article, vocab) }));
const trainItems = items(trainOnly);
const tuneItems = items(tune);

// Phase A: train on `train`, choose the thresholds on `tune`.
const taggerA = trainTagger(trainItems);
const classifierA = trainClassifier(trainItems);
const modelA = fromStored(build(vocab, taggerA, classifierA, 0.5, 0.5, {}));
const probs = tuneItems.map((it) => tokenProbabilities(modelA, it.doc));
const gold = new Map(tuneItems.map((it) => [it.article.id, it.article.spans]));
let best = { threshold: 0.5, gapThreshold: 0.5, f1: -1, precision: 0, recall: 0 };
for (let threshold = 0.15; threshold <= 0.6; threshold += 0.025) {
  for (const gapFactor of [1, 0.75, 0.5]) {
    const gapThreshold = threshold * gapFactor;
    const pred = new Map(tuneItems.map((it, i) => [it.article.id, decodeSpans(it.doc, probs[i], threshold, gapThreshold)]));
    const s = scoreSi(pred, gold);
    if (s.f1 > best.f1) best = { threshold, gapThreshold, f1: s.f1, precision: s.precision, recall: s.recall };
  }
}
log(`tune SI: threshold ${best.threshold.toFixed(3)} gap ${best.gapThreshold.toFixed(3)} → P ${(100 * best.precision).toFixed(2)} R ${(100 * best.recall).toFixed(2)} F1 ${(100 * best.f1).toFixed(2)}`);
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
const tagger = trainTagger(finalItems);
const classifier = trainClassifier(finalItems);
const stored = build(vocab, tagger, classifier, best.threshold, best.gapThreshold, {
  data: 'SemEval-2020 Task 11 PTC training articles (research use; see docs/techniques.md for licence and citation)',
  split: 'FNV-1a(article id) mod 5: 0 = holdout (never trained on), 1 = tune (thresholds), others = train',
  trainArticles: finalItems.length,
  tune: { si: { precision: best.precision, recall: best.recall, f1: best.f1 }, tcMicroF1: tuneTc },
  tagger: { ...TAGGER, minCount: TAGGER_MIN_COUNT },
  classifier: { ...CLASSIFIER, minCount: CLASSIFIER_MIN_COUNT },
});
const json = JSON.stringify(stored);
writeFileSync(modelPath(), json + '\n');
log(`wrote ${modelPath()} (${(json.length / 1e6).toFixed(2)} MB; tagger ${stored.tagger.features.length} features, classifier ${stored.classifier.features.length})`);
