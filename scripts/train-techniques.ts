/**
 * Trains the propaganda-technique model (models/techniques.json) from the SemEval-2020
 * Task 11 PTC training articles in ../shared/data/semeval2020-task11-ptc/.
 *
 * Split (fixed, by FNV-1a hash of the article id mod 5): bucket 0 = holdout, never read
 * here; bucket 1 = tune, used to choose the span threshold and then trained on; the rest = train.
 *
 * Span tagger in two stages: a first-stage token model and a sentence gate, whose
 * out-of-fold predictions (5-fold cross-validation) train the second-stage token model.
 * Joint span-and-technique tagger (src/analysers/techniques/joint.ts): O + 14 techniques per
 * token, each technique's Viterbi decoder chosen on tune; how its spans and the span tagger's
 * are combined is chosen on tune too (SI + span-technique F1, SI no lower than without it),
 * then each technique's decoder again for SI + span-technique F1 of the findings as a whole.
 * Every gazetteer name is masked (the names added after the word vectors included), and its
 * one-word names in lower case too (names.ts). Every choice is made on two tune folds pooled
 * (buckets 1 and 2, each scored by phase-A models trained without it); phase B trains on all.
 *
 *   --no-joint        without the joint tagger (the 1.4.0 design), for comparison
 *   --no-embeddings   without word-vector cluster features
 *   --tune-only       stop after the span tagger's tune figures; writes no model
 *   --phase-a-only    stop once everything is chosen on tune (TECHNIQUES_PHASE_A=<file> keeps that model)
 *   --sentence        with the sentence network (sentence.ts) as a feature of the joint tagger and
 *                     the second stage (tried in round 4, not shipped: docs/accuracy.md)
 *   --compare-committed  log the committed model's choices scored on the same tune folds
 *   --no-lower-case-names  mask names only when capitalised (the 1.6.0 design)
 *   --tune-folds N    choose on N tune folds (1–4, default 2; 1 is the 1.6.0 design, which
 *                     `--tune-folds 1 --no-lower-case-names` retrains)
 *   --no-si-retune    keep the joint decoders chosen for span + technique F1 alone (1.5.0)
 *   --check           retrain and compare with the committed models/techniques.json (exit 1 if it differs)
 *
 *   npx tsx scripts/train-techniques.ts            # npm run train:techniques
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tokenize } from '../src/nlp/tokens.js';
import { gazetteerNameWords, gazetteerWholeNames } from '../src/nlp/entities/name-words.js';
import { commonWords } from '../src/analysers/comments/machine-text-features.js';
import { storeMlp, trainMlp, type DenseExample, type MlpModel, type MlpOptions } from '../src/nlp/mlp.js';
import { sentenceInputs, sentenceInputSize, sentenceSignal } from '../src/analysers/techniques/sentence.js';
import { goldSpanFeatures, preparePtc, predictTc, tokenLabels } from '../src/analysers/techniques/corpus.js';
import type { PreparedDoc, Vocabularies } from '../src/analysers/techniques/features.js';
import { hashStrings, signalHashes, stackContext, stackHashes, tokenHashes, type StackContext, type TokenHashes } from '../src/analysers/techniques/hashed.js';
import { sentenceFeatures } from '../src/analysers/techniques/stack.js';
import { loadLexicons } from '../src/analysers/techniques/lexicons.js';
import { storeBinary, storeMulti, trainBinary, trainMulti, type BinaryModel, type HashedTraining, type MultiModel } from '../src/analysers/techniques/linear.js';
import { embeddingsSignature, loadEmbeddings } from '../src/nlp/embeddings.js';
import { classifySpans, decodeSpans, decodeViterbi, firstStage, fromStored, hasContentWord, type TaggedSpan, type ViterbiDecoder, gateProbabilities, secondStage, type DetectionSource, type StoredJoint, type StoredTechniqueModel, type TechniqueModel } from '../src/analysers/techniques/model.js';
import { OUTSIDE, jointProbabilities, jointTargets, tuneDecoders } from '../src/analysers/techniques/joint.js';
import { siTuningDoc, tuneDecodersForSi } from '../src/analysers/techniques/tune-si.js';
import { detectRaw } from '../src/analysers/techniques/detect.js';
import { pruneLowerCaseNames } from '../src/analysers/techniques/names.js';
import { fitPlatt, type PlattCalibration } from '../src/nlp/calibration.js';
import { idBucket, readPtcArticles, splitOf, type PtcArticle } from '../src/analysers/techniques/ptc.js';
import { scoreSi, scoreSpanTechnique, scoreTc } from '../src/analysers/techniques/metrics.js';
import { modelPath, ptcDir } from '../src/analysers/techniques/paths.js';
import { TECHNIQUES } from '../src/analysers/techniques/taxonomy.js';

// Weights are int8 with a float32 scale per block (per row of the multinomial models, per 16
// weights of the binary ones), quantised as soon as each model is trained, so every choice made
// on tune sees the stored weights (src/nlp/hashing.ts quantiseInt8).
const TAGGER: HashedTraining = { epochs: 4, learningRate: 0.08, l2: 1e-5, seed: 7, dim: 1 << 22, minCount: 2, minAbs: 0.03, int8Block: 16 };
const GATE: HashedTraining = { epochs: 6, learningRate: 0.05, l2: 1e-4, seed: 5, dim: 1 << 20, minCount: 2, minAbs: 0.01, int8Block: 16 };
const STACKER: HashedTraining = { epochs: 4, learningRate: 0.05, l2: 1e-5, seed: 9, dim: 1 << 16, minCount: 2, minAbs: 0.001, int8Block: 16 };
const CLASSIFIER: HashedTraining = { epochs: 12, learningRate: 0.03, l2: 1e-5, seed: 11, dim: 1 << 20, minCount: 2, minAbs: 0.04, int8Block: TECHNIQUES.length };
/** the joint span-and-technique tagger (joint.ts): O + 14 techniques per token */
const JOINT: HashedTraining = { epochs: 4, learningRate: 0.08, l2: 1e-5, seed: 13, dim: 1 << 21, minCount: 2, minAbs: 0.03, int8Block: TECHNIQUES.length + 1 };
/** the sentence network (sentence.ts): does a sentence hold any technique span? */
const SENTENCE: MlpOptions = { hidden: 64, epochs: 8, learningRate: 0.001, l2: 1e-5, seed: 17 };
const FOLDS = 5;

const t0 = Date.now();
const log = (msg: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

interface Item {
  article: PtcArticle;
  doc: PreparedDoc;
  /** 1 for tokens inside a gold span */
  y: Uint8Array;
}

/** Words seen in lower case at least twice, minus the gazetteer's name words (always masked when capitalised). */
function lowerVocabulary(articles: PtcArticle[], names: ReadonlySet<string>): Set<string> {
  const counts = new Map<string, number>();
  for (const a of articles) for (const t of tokenize(a.text)) if (!/\p{Lu}/u.test(t.text)) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
  return new Set([...counts].filter(([w, c]) => c >= 2 && !names.has(w)).map(([w]) => w));
}

/** The gazetteer's one-word names, minus those the training text uses as ordinary words (names.ts). */
function pruneNames(names: ReadonlySet<string>, articles: PtcArticle[]): Set<string> {
  const { kept, dropped } = pruneLowerCaseNames(names, articles.map((a) => a.text));
  log(`lower-case names: ${kept.size} of ${names.size} (dropped: ${dropped.join(', ')})`);
  return kept;
}

type TokenFeatures = (it: Item, sentence: number) => TokenHashes;

/** A binary token model over the features `feats` gives each sentence. */
function trainTokens(items: Item[], feats: TokenFeatures, options: HashedTraining, name: string): BinaryModel {
  const xs: Uint32Array[] = [];
  const ys: number[] = [];
  for (const it of items) {
    let i = 0;
    for (let si = 0; si < it.doc.sentences.length; si++) {
      const { hashes, offsets } = feats(it, si);
      for (let t = 0; t + 1 < offsets.length; t++) {
        xs.push(hashes.subarray(offsets[t], offsets[t + 1]));
        ys.push(it.y[i++]);
      }
    }
  }
  const model = trainBinary(xs, ys, options);
  log(`${name}: ${xs.length} tokens, ${ys.filter((y) => y === 1).length} inside spans, ${model.weights.buckets.length} buckets kept`);
  return model;
}

function trainGate(items: Item[]): BinaryModel {
  const feats: Uint32Array[] = [];
  const ys: number[] = [];
  for (const it of items) {
    it.doc.sentences.forEach((s, si) => {
      feats.push(hashStrings(sentenceFeatures(it.doc, si)));
      const from = it.doc.sentenceStart[si];
      ys.push(it.y.subarray(from, from + s.tokens.length).some((v) => v === 1) ? 1 : 0);
    });
  }
  return trainBinary(feats, ys, GATE);
}

/** Every sentence of the items as an example of the sentence network: 1 when it holds a gold span's token. */
function sentenceExamples(items: Item[]): DenseExample[] {
  const out: DenseExample[] = [];
  for (const it of items) {
    const e = it.doc.embeddings;
    if (!e) throw new Error('the sentence network needs the word vectors');
    sentenceInputs(it.doc, e).forEach((x, si) => {
      const from = it.doc.sentenceStart[si];
      out.push({ x, y: it.y.subarray(from, from + it.doc.sentences[si].tokens.length).some((v) => v === 1) ? 1 : 0 });
    });
  }
  return out;
}

function trainSentence(items: Item[]): MlpModel {
  const examples = sentenceExamples(items);
  const e = items[0].doc.embeddings;
  if (!e) throw new Error('the sentence network needs the word vectors');
  const model = trainMlp(examples, sentenceInputSize(e), SENTENCE);
  log(`sentence network: ${examples.length} sentences, ${examples.filter((x) => x.y === 1).length} with a span`);
  return model;
}

/**
 * Out-of-fold sentence signals (the folds of crossStageOne): each item's from a network
 * trained without it, so the taggers learn how far to trust the signal on unseen text.
 */
function crossSentence(items: Item[]): void {
  for (let k = 0; k < FOLDS; k++) {
    const network = trainSentence(items.filter((_, i) => i % FOLDS !== k));
    items.forEach((it, i) => {
      if (i % FOLDS === k) it.doc.sentenceSignal = sentenceSignal(network, it.doc);
    });
  }
}

const firstFeatures: TokenFeatures = (it, si) => tokenHashes(it.doc, si);

interface StageOne {
  p1: Float64Array;
  context: StackContext;
}

/** Out-of-fold first-stage probabilities and gates for every item (folds by position). */
function crossStageOne(items: Item[]): Map<Item, StageOne> {
  const out = new Map<Item, StageOne>();
  for (let k = 0; k < FOLDS; k++) {
    const rest = items.filter((_, i) => i % FOLDS !== k);
    const tagger = trainTokens(rest, firstFeatures, TAGGER, `fold ${k + 1}/${FOLDS} tagger`);
    const gate = trainGate(rest);
    items.forEach((it, i) => {
      if (i % FOLDS !== k) return;
      const p1 = firstStage(tagger, it.doc);
      out.set(it, { p1, context: stackContext(p1, gateProbabilities(gate, it.doc)) });
    });
  }
  return out;
}

function trainStacker(items: Item[], stageOne: Map<Item, StageOne>): BinaryModel {
  const feats: TokenFeatures = (it, si) => {
    const s = stageOne.get(it);
    if (!s) throw new Error(`no first stage for article ${it.article.id}`);
    return stackHashes(it.doc, si, s.p1, s.context);
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
  const feats: Uint32Array[] = [];
  const ys: number[] = [];
  for (const it of items) {
    goldSpanFeatures(it.doc, it.article.spans).forEach((f, i) => {
      feats.push(hashStrings(f));
      ys.push(labels.indexOf(it.article.spans[i].technique as (typeof TECHNIQUES)[number]));
    });
  }
  const model = trainMulti(feats, ys, labels, CLASSIFIER);
  log(`classifier: ${feats.length} spans, ${model.weights.buckets.length} buckets kept`);
  return model;
}

/** The joint tagger: every token, once per technique covering it (weight 1/k) or as outside. */
function trainJoint(items: Item[]): MultiModel {
  const labels = [OUTSIDE, ...TECHNIQUES];
  const lists: Uint32Array[] = [];
  const ys: number[] = [];
  const weights: number[] = [];
  for (const it of items) {
    const targets = jointTargets(it.doc, it.article.spans, labels);
    let i = 0;
    for (let si = 0; si < it.doc.sentences.length; si++) {
      const { hashes, offsets } = tokenHashes(it.doc, si);
      const signal = signalHashes(it.doc, si);
      for (let t = 0; t + 1 < offsets.length; t++, i++) {
        const own = hashes.subarray(offsets[t], offsets[t + 1]);
        let x = own;
        if (signal.length > 0) {
          x = new Uint32Array(own.length + signal.length);
          x.set(own);
          x.set(signal, own.length);
        }
        for (const { y, weight } of targets[i]) {
          lists.push(x);
          ys.push(y);
          weights.push(weight);
        }
      }
    }
  }
  const model = trainMulti(lists, ys, labels, JOINT, weights);
  log(`joint tagger: ${lists.length} examples, ${model.weights.buckets.length} buckets kept`);
  return model;
}

function build(
  vocab: Vocabularies, spans: SpanTagger, classifier: MultiModel, threshold: number, gapThreshold: number, minScore: number,
  meta: Record<string, unknown>, calibration: Record<DetectionSource, PlattCalibration> | null = null, decoder: ViterbiDecoder | null = null,
  second: number | null = null, joint: StoredJoint | null = null, sentence: MlpModel | null = null,
): StoredTechniqueModel {
  return {
    format: 3,
    meta,
    threshold,
    gapThreshold,
    minScore,
    decoder,
    second,
    lower: [...vocab.lower].sort(),
    capitalCues: [...vocab.capitalCues].sort(),
    // absent unless used, so that the 1.6.0 design reproduces its committed file byte for byte
    ...(vocab.names ? { names: [...vocab.names].sort() } : {}),
    ...(sentence ? { sentence: storeMlp(sentence) } : {}),
    embeddings: vocab.embeddings ? embeddingsSignature(vocab.embeddings) : null,
    tagger: storeBinary(spans.tagger),
    gate: storeBinary(spans.gate),
    stacker: storeBinary(spans.stacker),
    classifier: storeMulti(classifier),
    joint,
    calibration,
  };
}

const all = readPtcArticles(ptcDir());
const trainPart = all.filter((a) => splitOf(a.id) !== 'holdout');
const trainOnly = trainPart.filter((a) => splitOf(a.id) === 'train');
const tune = trainPart.filter((a) => splitOf(a.id) === 'tune');
log(`articles: ${all.length} (train ${trainOnly.length}, tune ${tune.length}, holdout ${all.length - trainPart.length} not read)`);

const lexicons = loadLexicons();
/** --no-embeddings: without word-vector cluster features (the previous model), for comparison */
const embeddings = process.argv.includes('--no-embeddings') ? null : loadEmbeddings();
// every gazetteer name is masked, the names added after the word vectors included
// and the one-word names whatever their case ("pakistan" in lower case too), except words
// English writes in lower case ("us", "raw"); --no-lower-case-names: capitalised only (1.6.0)
const names = !process.argv.includes('--no-lower-case-names') ? pruneNames(await gazetteerWholeNames(commonWords(), { laterAdditions: true }), trainPart) : undefined;
const vocab: Vocabularies = { lower: lowerVocabulary(trainPart, await gazetteerNameWords({ laterAdditions: true })), capitalCues: new Set(lexicons.capitalCues), embeddings, names };
/** --sentence: with the sentence network (tried for 1.7.0, not shipped) */
const useSentence = embeddings !== null && process.argv.includes('--sentence');
const items = (arts: PtcArticle[]): Item[] =>
  arts.map((article) => {
    const doc = preparePtc(article, vocab, lexicons.rules);
    return { article, doc, y: tokenLabels(doc, article.spans) };
  });
const trainItems = items(trainOnly);
const tuneItems0 = items(tune);

/**
 * --tune-folds N (2–4): phase A is run N times, fold f choosing on bucket f + 1 and training on
 * the other buckets (the holdout excluded), and every choice is made on the N tune buckets
 * pooled, each article scored by the phase-A models of its own fold (trained without it): 67
 * tuning articles let a choice win by noise that moves the holdout by 3 SI points
 * (docs/accuracy.md). Two folds by default (1.7.0); one is the 1.6.0 design.
 */
const foldsAt = process.argv.indexOf('--tune-folds');
const TUNE_FOLDS = foldsAt >= 0 ? Number(process.argv[foldsAt + 1]) : 2;
if (!Number.isInteger(TUNE_FOLDS) || TUNE_FOLDS < 1 || TUNE_FOLDS > 4) throw new Error('--tune-folds takes 1 to 4');
if (TUNE_FOLDS > 1 && useSentence) throw new Error('--sentence is implemented for one tune fold only');
interface Fold {
  train: Item[];
  tune: Item[];
}
const folds: Fold[] = [{ train: trainItems, tune: tuneItems0 }];
{
  const byId = new Map([...trainItems, ...tuneItems0].map((it) => [it.article.id, it]));
  const itemOf = (a: PtcArticle): Item => {
    const it = byId.get(a.id);
    if (!it) throw new Error(`no item for article ${a.id}`);
    return it;
  };
  for (let bucket = 2; bucket <= TUNE_FOLDS; bucket++) {
    folds.push({ train: trainPart.filter((a) => idBucket(a.id) !== bucket).map(itemOf), tune: trainPart.filter((a) => idBucket(a.id) === bucket).map(itemOf) });
  }
}
/** every fold's tune articles, and the fold each belongs to */
const tuneItems = folds.flatMap((f) => f.tune);
const foldOf = folds.flatMap((f, k) => f.tune.map(() => k));

// Phase A: train on `train`, choose the thresholds on `tune` (per fold).
interface PhaseA {
  stored: StoredTechniqueModel;
  model: TechniqueModel;
}
const phaseA: PhaseA[] = folds.map((fold, k) => {
  if (folds.length > 1) log(`phase A, fold ${k + 1}/${folds.length}: ${fold.train.length} training articles, ${fold.tune.length} tuning`);
  let sentenceA: MlpModel | null = null;
  if (useSentence) {
    crossSentence(fold.train);
    sentenceA = trainSentence(fold.train);
    for (const it of fold.tune) it.doc.sentenceSignal = sentenceSignal(sentenceA, it.doc);
  }
  const spansA = trainSpanTagger(fold.train);
  const classifierA = trainClassifier(fold.train);
  const stored = build(vocab, spansA, classifierA, 0.5, 0.5, 0, { phase: 'A: trained on train only, for tuning on tune' }, null, null, null, null, sentenceA);
  return { stored, model: fromStored(stored) };
});
const storedA = phaseA[0].stored;
// TECHNIQUES_PHASE_A=<file> keeps the phase-A model (of the first fold), for decoding experiments on the tune split
if (process.env.TECHNIQUES_PHASE_A) writeFileSync(process.env.TECHNIQUES_PHASE_A, JSON.stringify(storedA));
/** the phase-A model that never saw tune article i */
const modelOf = (i: number): TechniqueModel => phaseA[foldOf[i]].model;
/** The findings (model + rules) of every tune article by its fold's phase-A model with `choices` (and that fold's joint tagger). */
const findingsWith = (choices: Partial<StoredTechniqueModel>, joints?: ReadonlyArray<StoredJoint | null>): Map<string, ReturnType<typeof detectRaw>> => {
  const models = phaseA.map((p, k) => fromStored({ ...p.stored, ...choices, ...(joints ? { joint: joints[k] } : {}) }));
  return new Map(tuneItems.map((it, i) => [it.article.id, detectRaw(it.doc, { model: models[foldOf[i]], rules: lexicons.rules })]));
};
const probs = tuneItems.map((it, i) => {
  const m = modelOf(i);
  return secondStage(m.stacker, it.doc, firstStage(m.tagger, it.doc), gateProbabilities(m.gate, it.doc));
});
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
// Viterbi over BIO tags (src/nlp/sequence.ts) on the same probabilities: kept when it beats the runs on tune
let bestViterbi = { decoder: null as ViterbiDecoder | null, minScore: 0, f1: -1, precision: 0, recall: 0 };
if (!process.argv.includes('--no-viterbi')) {
  for (let b = -8; b <= 8; b++) {
    for (const spanCost of [0, 0.5, 1, 2, 3, 4, 6]) {
      for (const minScore of [0, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]) {
        const decoder: ViterbiDecoder = { kind: 'viterbi', bias: b * 0.25, spanCost };
        const pred = new Map(tuneItems.map((it, i) => [it.article.id, decodeViterbi(it.doc, probs[i], decoder, minScore)]));
        const s = scoreSi(pred, gold);
        if (s.f1 > bestViterbi.f1) bestViterbi = { decoder, minScore, f1: s.f1, precision: s.precision, recall: s.recall };
      }
    }
  }
  log(`tune SI, Viterbi: bias ${bestViterbi.decoder?.bias} span cost ${bestViterbi.decoder?.spanCost} min span score ${bestViterbi.minScore} → P ${(100 * bestViterbi.precision).toFixed(2)} R ${(100 * bestViterbi.recall).toFixed(2)} F1 ${(100 * bestViterbi.f1).toFixed(2)}`);
}
// The two decoders' winners are compared on SI F1 + span + technique F1 (spans classified by
// the model): merging runs can win SI yet lose the technique measure, which rewards one span
// per gold span.
const flcOf = (decode: (it: Item, i: number) => TaggedSpan[]): number => {
  const pred = new Map(tuneItems.map((it, i) => {
    const spansOf = decode(it, i);
    const classes = classifySpans(modelOf(i), it.doc, spansOf);
    return [it.article.id, spansOf.map((sp, k) => ({ start: sp.start, end: sp.end, technique: classes[k].technique }))];
  }));
  return scoreSpanTechnique(pred, gold).f1;
};
const flcRuns = flcOf((it, i) => decodeSpans(it.doc, probs[i], best.threshold, best.gapThreshold, best.minScore));
const flcViterbi = bestViterbi.decoder ? flcOf((it, i) => decodeViterbi(it.doc, probs[i], bestViterbi.decoder as ViterbiDecoder, bestViterbi.minScore)) : -1;
log(`tune SI + span-technique F1: runs ${(100 * best.f1).toFixed(2)} + ${(100 * flcRuns).toFixed(2)}, Viterbi ${(100 * bestViterbi.f1).toFixed(2)} + ${(100 * flcViterbi).toFixed(2)}`);
const useViterbi = bestViterbi.decoder !== null && bestViterbi.f1 + flcViterbi > best.f1 + flcRuns;
const decoder = useViterbi ? bestViterbi.decoder : null;
const minScore = useViterbi ? bestViterbi.minScore : best.minScore;
log(`decoder: ${useViterbi ? 'Viterbi' : 'thresholded runs'}`);
let correct = 0;
let total = 0;
for (const [i, it] of tuneItems.entries()) {
  const r = scoreTc(it.article.spans, predictTc(modelOf(i), it.doc, it.article.spans));
  correct += r.correct;
  total += r.total;
}
const tuneTc = correct / total;
log(`tune TC micro-F1 ${(100 * tuneTc).toFixed(2)} (${correct}/${total})`);
/** --tune-only: stop after the tune-split figures (for trying a change; writes no model) */
if (process.argv.includes('--tune-only')) process.exit(0);

// A second technique for a model span when the classifier's runner-up is at least this
// probable: chosen on tune by the span + technique F1 (model + rules, as shipped)
const goldLabelled = new Map(tuneItems.map((it) => [it.article.id, it.article.spans]));
let second: number | null = null;
let bestFlc = -1;
for (const candidate of [null, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]) {
  const pred = findingsWith({ threshold: best.threshold, gapThreshold: best.gapThreshold, minScore, decoder, second: candidate });
  const f = scoreSpanTechnique(pred, goldLabelled).f1;
  log(`tune span + technique F1 with second technique at ${candidate ?? 'never'}: ${(100 * f).toFixed(2)}`);
  if (f > bestFlc) {
    bestFlc = f;
    second = candidate;
  }
}

// The joint span-and-technique tagger, each technique's decoder chosen on tune for the span +
// technique F1; then the findings as shipped (model + rules) of the tagger-and-classifier
// model, the joint tagger alone, and the joint tagger plus the tagger's spans no joint span
// overlaps (above a raw-score floor), compared on tune by SI F1 + span-technique F1 among
// those whose SI F1 is no lower than the tagger-and-classifier model's.
let jointChoice: Pick<StoredJoint, 'decoders' | 'extraFloor' | 'extraSpans'> | null = null;
let jointTune: Record<string, unknown> = { tried: false };
if (!process.argv.includes('--no-joint')) {
  const jointsA = folds.map((fold) => trainJoint(fold.train));
  const jointA = jointsA[0];
  const jointStored = jointsA.map((j) => storeMulti(j));
  const jointProbs = tuneItems.map((it, i) => jointProbabilities(jointsA[foldOf[i]], it.doc));
  const tuned = tuneDecoders(jointA.labels, { docs: tuneItems.map((it) => it.doc), probs: jointProbs, gold: tuneItems.map((it) => it.article.spans) }, hasContentWord, scoreSi);
  log(`joint tagger: tune span + technique F1 of its spans alone ${(100 * tuned.f1).toFixed(2)}`);
  /** the findings as shipped with the joint tagger's `choice` (null: without the joint tagger), each fold's tagger */
  const shipped = (choice: Omit<StoredJoint, 'tagger'> | null) => {
    const pred = findingsWith({ threshold: best.threshold, gapThreshold: best.gapThreshold, minScore, decoder, second }, jointStored.map((tagger) => (choice ? { tagger, ...choice } : null)));
    return { si: scoreSi(pred, gold).f1, flc: scoreSpanTechnique(pred, goldLabelled).f1 };
  };
  const classic = shipped(null);
  log(`tune as shipped, tagger + classifier: SI ${(100 * classic.si).toFixed(2)} + span-technique ${(100 * classic.flc).toFixed(2)}`);
  let bestSum = classic.si + classic.flc;
  const tried: Record<string, { si: number; flc: number }> = { classifier: classic };
  for (const extraFloor of [null, 0, 0.05, 0.1, 0.15, 0.2, 0.3]) {
    const r = shipped({ decoders: tuned.decoders, extraFloor });
    tried[`joint, extra floor ${extraFloor ?? 'none'}`] = r;
    log(`tune as shipped, joint tagger (tagger spans it misses: ${extraFloor === null ? 'none' : `raw score ≥ ${extraFloor}`}): SI ${(100 * r.si).toFixed(2)} + span-technique ${(100 * r.flc).toFixed(2)}`);
    // the joint tagger must not cost span identification: its SI on tune at least the classifier's
    if (r.si >= classic.si && r.si + r.flc > bestSum) {
      bestSum = r.si + r.flc;
      jointChoice = { decoders: tuned.decoders, extraFloor };
    }
  }
  // the spans added beside the joint tagger's, decoded on their own: runs over the tagger's
  // probabilities, alone, averaged with the joint tagger's P(inside), or that alone (mix 1:
  // no two-stage tagger at run time), at thresholds above the one chosen for the tagger alone
  // (the joint spans already cover the strongest runs)
  for (const mix of [0, 0.5, 1]) {
    for (const factor of [0.75, 1, 1.25, 1.5]) {
      for (const extraFloor of [0, 0.05, 0.1]) {
        const threshold = best.threshold * factor;
        const extraSpans = { mix, threshold, gapThreshold: best.gapThreshold * factor, minScore: best.minScore };
        const r = shipped({ decoders: tuned.decoders, extraFloor, extraSpans });
        const name = `joint, extra spans: mix ${mix}, threshold ${threshold.toFixed(4)}, floor ${extraFloor}`;
        tried[name] = r;
        log(`tune as shipped, ${name}: SI ${(100 * r.si).toFixed(2)} + span-technique ${(100 * r.flc).toFixed(2)}`);
        if (r.si >= classic.si && r.si + r.flc > bestSum) {
          bestSum = r.si + r.flc;
          jointChoice = { decoders: tuned.decoders, extraFloor, extraSpans };
        }
      }
    }
  }
  // The decoders were chosen for the joint spans' own span + technique F1; the findings are
  // measured as a whole (SI of every finding merged, and span + technique), so each technique's
  // decoder is chosen again for that sum with the extra spans and rules in place (tune-si.ts),
  // and kept only if detect.ts itself scores it higher on tune, SI no lower than the classifier's.
  let siRetune: Record<string, unknown> = { tried: false };
  if (jointChoice && !process.argv.includes('--no-si-retune')) {
    const chosen = jointChoice;
    const models = phaseA.map((p, k) => fromStored({ ...p.stored, threshold: best.threshold, gapThreshold: best.gapThreshold, minScore, decoder, second, joint: { tagger: jointStored[k], ...chosen } }));
    const siDocs = tuneItems.map((it, i) => siTuningDoc(models[foldOf[i]], it.doc, it.article.spans));
    const retuned = tuneDecodersForSi(jointA.labels, siDocs, chosen.decoders, hasContentWord, scoreSi, scoreSpanTechnique);
    const before = shipped({ ...chosen });
    const after = shipped({ ...chosen, decoders: retuned.decoders });
    log(`tune as shipped, decoders re-chosen for SI + span-technique: SI ${(100 * before.si).toFixed(2)} → ${(100 * after.si).toFixed(2)}, span-technique ${(100 * before.flc).toFixed(2)} → ${(100 * after.flc).toFixed(2)}`);
    const kept = after.si >= classic.si && after.si + after.flc > before.si + before.flc;
    siRetune = { before, after, kept, decoders: retuned.decoders };
    if (kept) jointChoice = { ...chosen, decoders: retuned.decoders };
  }
  jointTune = { tried, jointOnlyFlc: tuned.f1, siRetune, chosen: jointChoice ? `joint tagger, extra floor ${jointChoice.extraFloor ?? 'none'}, extra spans ${JSON.stringify(jointChoice.extraSpans ?? 'as the tagger alone')}, decoders ${siRetune.kept === true ? 're-chosen for SI + span-technique' : 'for span-technique'}` : 'tagger + classifier' };
  log(`findings: ${String(jointTune.chosen)}`);
  const chosen = jointChoice;
  if (chosen) phaseA.forEach((p, k) => (p.stored.joint = { tagger: jointStored[k], ...chosen }));
}

// Calibration on the tune split: each detection of the phase-A model (with the chosen
// thresholds) is right when it overlaps a gold span of its technique; Platt per source.
const tunedA = phaseA.map((p) => fromStored({ ...p.stored, threshold: best.threshold, gapThreshold: best.gapThreshold, minScore, decoder, second }));
const bySource = new Map<DetectionSource, { scores: number[]; labels: number[] }>();
for (const [i, it] of tuneItems.entries()) {
  for (const d of detectRaw(it.doc, { model: tunedA[foldOf[i]], rules: lexicons.rules })) {
    const entry = bySource.get(d.source) ?? { scores: [], labels: [] };
    entry.scores.push(d.score);
    entry.labels.push(it.article.spans.some((g) => g.technique === d.technique && g.start < d.end && d.start < g.end) ? 1 : 0);
    bySource.set(d.source, entry);
  }
}
const calibration = Object.fromEntries(
  (['model', 'rule', 'model+rule'] as const).map((source) => {
    const e = bySource.get(source) ?? { scores: [0.5], labels: [0] };
    return [source, fitPlatt(e.scores, e.labels, `PTC tune split, ${source} detections of the phase-A model`)];
  }),
) as Record<DetectionSource, PlattCalibration>;
for (const [source, c] of Object.entries(calibration)) log(`calibration ${source}: n ${c.n}, a ${c.a.toFixed(3)}, b ${c.b.toFixed(3)}`);
// --compare-committed: the committed model's choices (thresholds, decoders, joint) on the same
// phase-A models and tune articles beside the ones just made, pooled and per fold; logged only
if (process.argv.includes('--compare-committed')) {
  const committed = JSON.parse(readFileSync(modelPath(), 'utf8')) as StoredTechniqueModel;
  const report = (name: string, choices: Partial<StoredTechniqueModel>, joint: StoredTechniqueModel['joint']): void => {
    const pred = findingsWith(choices, phaseA.map((p) => (joint && p.stored.joint ? { ...joint, tagger: p.stored.joint.tagger } : null)));
    const parts = folds.map((_, k) => {
      const ids = new Set(tuneItems.filter((_, i) => foldOf[i] === k).map((it) => it.article.id));
      const sub = <T,>(m: ReadonlyMap<string, T>): Map<string, T> => new Map([...m].filter(([id]) => ids.has(id)));
      return `fold ${k + 1} SI ${(100 * scoreSi(sub(pred), sub(gold)).f1).toFixed(2)} / ${(100 * scoreSpanTechnique(sub(pred), sub(goldLabelled)).f1).toFixed(2)}`;
    });
    log(`${name}: pooled SI ${(100 * scoreSi(pred, gold).f1).toFixed(2)}, span + technique ${(100 * scoreSpanTechnique(pred, goldLabelled).f1).toFixed(2)}; ${parts.join('; ')}`);
  };
  report('choices made here', { threshold: best.threshold, gapThreshold: best.gapThreshold, minScore, decoder, second }, storedA.joint);
  report(`choices of the committed model (${String((committed.meta as { version?: string }).version ?? modelPath())})`, { threshold: committed.threshold, gapThreshold: committed.gapThreshold, minScore: committed.minScore, decoder: committed.decoder, second: committed.second }, committed.joint);
}
// the complete phase-A model (decoders, joint choice, calibration), for experiments on the tune split
// (fold 1 at <file>, fold k > 1 at <file>.k)
if (process.env.TECHNIQUES_PHASE_A) {
  const file = process.env.TECHNIQUES_PHASE_A;
  phaseA.forEach((p, k) => writeFileSync(k === 0 ? file : `${file}.${k + 1}`, JSON.stringify({ ...p.stored, threshold: best.threshold, gapThreshold: best.gapThreshold, minScore, decoder, second, calibration })));
}
/** --phase-a-only: stop once the phase-A model is chosen (with TECHNIQUES_PHASE_A: kept); writes no model */
if (process.argv.includes('--phase-a-only')) process.exit(0);

// Phase B: train on train + tune with the chosen thresholds.
const finalItems = [...trainItems, ...tuneItems0];
let sentence: MlpModel | null = null;
if (useSentence) {
  crossSentence(finalItems);
  sentence = trainSentence(finalItems);
}
const spans = trainSpanTagger(finalItems);
const classifier = trainClassifier(finalItems);
const joint: StoredJoint | null = jointChoice ? { tagger: storeMulti(trainJoint(finalItems)), ...jointChoice } : null;
const stored = build(vocab, spans, classifier, best.threshold, best.gapThreshold, minScore, {
  data: 'SemEval-2020 Task 11 PTC training articles (research use; see docs/techniques.md for licence and citation)',
  split: 'FNV-1a(article id) mod 5: 0 = holdout (never trained on), 1 = tune (thresholds), others = train',
  folds: FOLDS,
  ...(TUNE_FOLDS > 1 ? { tuneFolds: `${TUNE_FOLDS}: every choice made on buckets 1–${TUNE_FOLDS} pooled, each scored by phase-A models trained without it` } : {}),
  trainArticles: finalItems.length,
  tune: { si: { precision: best.precision, recall: best.recall, f1: best.f1 }, viterbi: { precision: bestViterbi.precision, recall: bestViterbi.recall, f1: bestViterbi.f1 }, tcMicroF1: tuneTc },
  secondTechnique: second === null ? 'never' : `when the runner-up's probability is at least ${second} (chosen on tune: span + technique F1 ${(100 * bestFlc).toFixed(2)})`,
  decoder: useViterbi ? 'Viterbi over BIO tags (src/nlp/sequence.ts), bias and span cost chosen on tune' : 'runs of tokens above the threshold (Viterbi tuned beside it, lower SI + span-technique F1 on tune)',
  tuneFlc: { runs: flcRuns, viterbi: flcViterbi },
  tagger: TAGGER,
  gate: GATE,
  stacker: STACKER,
  classifier: CLASSIFIER,
  features: 'hashed integer features (src/analysers/techniques/hashed.ts, src/nlp/hashing.ts)',
  ...(sentence ? { sentence: { training: SENTENCE, inputs: 'mean and max of the sentence\'s unmasked word vectors, the document\'s mean vector, 9 cues, the lexicon techniques that match in it', folds: 'out of fold (the folds of the second stage) for the taggers\' training' } } : {}),
  joint: { training: JOINT, tune: jointTune, decoders: 'per technique: Viterbi bias, span cost and floor chosen on tune by coordinate ascent on the span + technique F1' },
  calibration: 'Platt per detection source on the tune split (phase-A model)',
}, calibration, decoder, second, joint, sentence);
const json = JSON.stringify(stored);
/** --check: compare with the committed file instead of writing it (the weights must be reproduced byte for byte) */
if (process.argv.includes('--check')) {
  const committed = readFileSync(modelPath(), 'utf8');
  const same = committed === json + '\n';
  log(same ? `${modelPath()} reproduced byte for byte (${(json.length / 1e6).toFixed(2)} MB)` : `${modelPath()} differs from the retrained model (${committed.length} vs ${json.length + 1} characters)`);
  process.exit(same ? 0 : 1);
}
writeFileSync(modelPath(), json + '\n');
log(`wrote ${modelPath()} (${(json.length / 1e6).toFixed(2)} MB)`);
