import { readFileSync } from 'node:fs';
import type { Span } from '../../core/types.js';
import { applyPlatt, type PlattCalibration } from '../../nlp/calibration.js';
import { hashText } from '../../nlp/hashing.js';
import { loadBinary, loadMulti, scoreBinary, scoreMulti, type BinaryModel, type MultiModel, type StoredBinary, type StoredMulti } from './linear.js';
import { spanFeatures, spanKey, tokenRange, type PreparedDoc, type Vocabularies } from './features.js';
import { hashStrings, stackContext, stackHashes, tokenHashes, wordFeature, type TokenHashes } from './hashed.js';
import { modelPath } from './paths.js';
import { sentenceFeatures } from './stack.js';
import { isTechnique, type Technique } from './taxonomy.js';
import { decodeProbabilities } from '../../nlp/sequence.js';
import { OUTSIDE, type JointTagger, type TechniqueDecoder } from './joint.js';
import { embeddingsSignature, loadEmbeddings, type Embeddings, type EmbeddingsSignature } from '../../nlp/embeddings.js';
import type { MlpModel, StoredMlp } from '../../nlp/mlp.js';
import { loadSentenceNetwork, sentenceSignal } from './sentence.js';

/** The committed weights file (models/techniques.json), as written by scripts/train-techniques.ts. */
/** Where a detection comes from: each source's raw scores are calibrated on their own. */
export type DetectionSource = 'model' | 'rule' | 'model+rule';

export interface StoredTechniqueModel {
  format: 3;
  /** what the weights were trained on and how; informational */
  meta: Record<string, unknown>;
  /** token probability at or above which a token is inside a technique span */
  threshold: number;
  /** a single weaker token between two span tokens joins them when at or above this */
  gapThreshold: number;
  /** spans whose mean token probability is below this are dropped */
  minScore: number;
  /** when present, spans are the best BIO path (Viterbi, src/nlp/sequence.ts) instead of runs above `threshold` */
  decoder?: ViterbiDecoder | null;
  /** a model span also gets its second most probable technique when that one's probability is at least this (PTC spans often carry two) */
  second?: number | null;
  lower: string[];
  capitalCues: string[];
  /** the gazetteer's one-word names, masked whatever their case (absent unless trained with --lower-case-names) */
  names?: string[];
  /** the sentence network (sentence.ts): per sentence, P(it holds a technique span), a feature of the taggers (absent unless trained with --sentence) */
  sentence?: StoredMlp | null;
  /** the word vectors (models/embeddings.bin) whose cluster ids are features, or null */
  embeddings?: EmbeddingsSignature | null;
  /** first stage: each token on its own words and neighbours */
  tagger: StoredBinary;
  /** does a sentence hold any technique span */
  gate: StoredBinary;
  /** second stage: each token on the first stage's scores around it and the gate */
  stacker: StoredBinary;
  classifier: StoredMulti;
  /** the joint span-and-technique tagger (joint.ts): when present, its spans are the model's findings */
  joint?: StoredJoint | null;
  /** raw finding score → P(the span overlaps a gold span of its technique), per source, fitted on the tune split */
  calibration: Record<DetectionSource, PlattCalibration> | null;
}

export interface StoredJoint {
  tagger: StoredMulti;
  decoders: Record<string, TechniqueDecoder>;
  /**
   * spans of the technique-agnostic tagger that no joint span overlaps are also findings
   * (technique by the classifier) when their raw score is at least this; null: never
   */
  extraFloor: number | null;
  /**
   * those spans are decoded, as thresholded runs with these settings, from the mean of the span
   * tagger's probabilities and the joint tagger's P(inside any technique) weighted `mix`
   * (0: the tagger's alone); absent: the model's own decoder on the tagger's probabilities
   */
  extraSpans?: { mix: number; threshold: number; gapThreshold: number; minScore: number } | null;
}

/** Viterbi decoding of the token probabilities: inside scores log p + bias, each span costs `spanCost`. */
export interface ViterbiDecoder {
  kind: 'viterbi';
  bias: number;
  spanCost: number;
}

export interface TechniqueModel {
  threshold: number;
  gapThreshold: number;
  minScore: number;
  decoder: ViterbiDecoder | null;
  second: number | null;
  vocab: Vocabularies;
  sentence: MlpModel | null;
  tagger: BinaryModel;
  gate: BinaryModel;
  stacker: BinaryModel;
  classifier: MultiModel;
  joint: LoadedJoint | null;
  calibration: Record<DetectionSource, PlattCalibration> | null;
}

/** A detection's probability of being right, from its raw score (unchanged when the model has no calibration). */
export function calibrate(model: TechniqueModel, source: DetectionSource, raw: number): number {
  const c = model.calibration?.[source];
  return c ? applyPlatt(c, raw) : raw;
}

export function fromStored(stored: StoredTechniqueModel, embeddings: () => Embeddings = loadEmbeddings): TechniqueModel {
  if (stored.format !== 3) throw new Error(`unsupported techniques model format ${String(stored.format)}`);
  let vectors: Embeddings | null = null;
  if (stored.embeddings) {
    vectors = embeddings();
    const have = embeddingsSignature(vectors);
    if (JSON.stringify(have) !== JSON.stringify(stored.embeddings)) throw new Error(`the techniques model was trained with other word vectors (${JSON.stringify(stored.embeddings)}, found ${JSON.stringify(have)})`);
  }
  for (const label of stored.classifier.labels) if (!isTechnique(label)) throw new Error(`unknown technique ${label} in model`);
  return {
    threshold: stored.threshold,
    gapThreshold: stored.gapThreshold,
    minScore: stored.minScore,
    decoder: stored.decoder ?? null,
    second: stored.second ?? null,
    vocab: { lower: new Set(stored.lower), capitalCues: new Set(stored.capitalCues), embeddings: vectors, names: new Set(stored.names ?? []) },
    sentence: stored.sentence ? loadSentenceNetwork(stored.sentence, vectors) : null,
    tagger: loadBinary(stored.tagger),
    gate: loadBinary(stored.gate),
    stacker: loadBinary(stored.stacker),
    classifier: loadMulti(stored.classifier),
    joint: stored.joint ? loadJoint(stored.joint) : null,
    calibration: stored.calibration ?? null,
  };
}

export type LoadedJoint = JointTagger & Pick<StoredJoint, 'extraFloor'> & { extraSpans: NonNullable<StoredJoint['extraSpans']> | null };

function loadJoint(stored: StoredJoint): LoadedJoint {
  const model = loadMulti(stored.tagger);
  if (model.labels[0] !== OUTSIDE) throw new Error(`the joint tagger's first label must be ${OUTSIDE}, found ${model.labels[0]}`);
  for (const label of model.labels.slice(1)) {
    if (!isTechnique(label)) throw new Error(`unknown technique ${label} in the joint tagger`);
    const d = stored.decoders[label];
    if (!d || !Number.isFinite(d.bias) || !Number.isFinite(d.spanCost) || !Number.isFinite(d.minScore)) throw new Error(`the joint tagger has no valid decoder for ${label}`);
  }
  const extra = stored.extraSpans ?? null;
  if (extra && !(extra.mix >= 0 && extra.mix <= 1)) throw new Error(`the joint tagger's extra-span mix must be in [0, 1], found ${extra.mix}`);
  return { model, decoders: stored.decoders, extraFloor: stored.extraFloor, extraSpans: extra };
}

let cached: TechniqueModel | null = null;

/** Loads models/techniques.json once, synchronously, on first use. */
export function loadTechniqueModel(): TechniqueModel {
  cached ??= fromStored(JSON.parse(readFileSync(modelPath(), 'utf8')) as StoredTechniqueModel);
  return cached;
}

export interface TaggedSpan extends Span {
  /** mean token probability of being inside a technique span */
  score: number;
}

/** The first stage's features of every sentence (shared by the span tagger and the joint tagger: computed once). */
export function documentHashes(doc: PreparedDoc): TokenHashes[] {
  return doc.sentences.map((_, si) => tokenHashes(doc, si));
}

/** First-stage probability, per document token, of being inside a technique span. */
export function firstStage(tagger: BinaryModel, doc: PreparedDoc, features: readonly TokenHashes[] = documentHashes(doc)): Float64Array {
  const p = new Float64Array(doc.tokens.length);
  doc.sentences.forEach((s, si) => {
    const from = doc.sentenceStart[si];
    const { hashes, offsets } = features[si];
    for (let i = 0; i < s.tokens.length; i++) p[from + i] = scoreBinary(tagger, hashes, offsets[i], offsets[i + 1]);
  });
  return p;
}

/** Probability, per sentence, that it holds any technique span. */
export function gateProbabilities(gate: BinaryModel, doc: PreparedDoc): Float64Array {
  return Float64Array.from(doc.sentences.map((_, si) => scoreBinary(gate, hashStrings(sentenceFeatures(doc, si)))));
}

/** Second-stage probability per token, from first-stage probabilities, sentence gates and the document's (stackContext). */
export function secondStage(stacker: BinaryModel, doc: PreparedDoc, p1: Float64Array, gate: Float64Array): Float64Array {
  const p = new Float64Array(doc.tokens.length);
  const context = stackContext(p1, gate);
  doc.sentences.forEach((s, si) => {
    const from = doc.sentenceStart[si];
    const { hashes, offsets } = stackHashes(doc, si, p1, context);
    for (let i = 0; i < s.tokens.length; i++) p[from + i] = scoreBinary(stacker, hashes, offsets[i], offsets[i + 1]);
  });
  return p;
}

/** Sets the document's sentence signal from the model's sentence network, unless already set (in training: out of fold). */
export function ensureSentenceSignal(model: TechniqueModel, doc: PreparedDoc): void {
  if (model.sentence && doc.sentenceSignal === undefined) doc.sentenceSignal = sentenceSignal(model.sentence, doc);
}

/** Probability, per document token, of being inside a technique span. */
export function tokenProbabilities(model: TechniqueModel, doc: PreparedDoc, features: readonly TokenHashes[] = documentHashes(doc)): Float64Array {
  return secondStage(model.stacker, doc, firstStage(model.tagger, doc, features), gateProbabilities(model.gate, doc));
}

/** Words that cannot carry a technique on their own ("the", "and", "it"): spans of only these are noise. */
const FUNCTION_WORDS = new Set(
  ('a an the and or but nor so yet of in on at to for from by with as into onto than then that this these those it its ' +
    'he she they we you i me him her them us my his their our your is are was were be been being has have had do does did ' +
    'not no if when while which who whom whose what where there here also just very more most some any all such').split(' '),
);

export function hasContentWord(doc: PreparedDoc, span: Span): boolean {
  const [a, b] = tokenRange(doc, span);
  for (let i = a; i < b; i++) if (!FUNCTION_WORDS.has(doc.tokens[i].id)) return true;
  return false;
}

/**
 * Runs of tokens at or above the threshold within one sentence become spans, unless they hold
 * only function words or their mean probability is below `minScore` (a low threshold with a
 * span-level floor gives whole phrases rather than their strongest words).
 */
export function decodeSpans(doc: PreparedDoc, p: Float64Array, threshold: number, gapThreshold: number, minScore = 0): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  doc.sentences.forEach((s, si) => {
    const from = doc.sentenceStart[si];
    const to = from + s.tokens.length;
    let i = from;
    while (i < to) {
      if (p[i] < threshold) {
        i++;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j < to && p[j] >= threshold) j++;
        else if (j + 1 < to && p[j] >= gapThreshold && p[j + 1] >= threshold) j += 2;
        else break;
      }
      let sum = 0;
      for (let k = i; k < j; k++) sum += p[k];
      const span = { start: doc.tokens[i].start, end: doc.tokens[j - 1].end, score: sum / (j - i) };
      if (span.score >= minScore && hasContentWord(doc, span)) spans.push(span);
      i = j;
    }
  });
  return spans;
}

/** The spans of the model's decoder (Viterbi when it has one, else thresholded runs). */
export function modelSpans(model: TechniqueModel, doc: PreparedDoc, p: Float64Array): TaggedSpan[] {
  return model.decoder
    ? decodeViterbi(doc, p, model.decoder, model.minScore)
    : decodeSpans(doc, p, model.threshold, model.gapThreshold, model.minScore);
}

/** Spans of the best BIO path of each sentence, scored by their mean token probability. */
export function decodeViterbi(doc: PreparedDoc, p: Float64Array, decoder: Omit<ViterbiDecoder, 'kind'>, minScore = 0): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  doc.sentences.forEach((s, si) => {
    const from = doc.sentenceStart[si];
    for (const [i, j] of decodeProbabilities(p, from, from + s.tokens.length, decoder.bias, decoder.spanCost)) {
      let sum = 0;
      for (let k = i; k < j; k++) sum += p[k];
      const span = { start: doc.tokens[i].start, end: doc.tokens[j - 1].end, score: sum / (j - i) };
      if (span.score >= minScore && hasContentWord(doc, span)) spans.push(span);
    }
  });
  return spans;
}

export interface Classified {
  technique: Technique;
  probability: number;
  /** every label's probability, best first */
  ranking: Array<{ technique: Technique; probability: number }>;
}

/** The technique of each span, given all spans of the document (for the repetition features). */
export function classifySpans(model: TechniqueModel, doc: PreparedDoc, spans: readonly Span[]): Classified[] {
  const keys = spans.map((s) => spanKey(doc, s));
  const keyCounts = new Map<string, number>();
  for (const k of keys) keyCounts.set(k, (keyCounts.get(k) ?? 0) + 1);
  return spans.map((s, i) => {
    const p = scoreMulti(model.classifier, hashStrings(spanFeatures(doc, s, (keyCounts.get(keys[i]) ?? 1) - 1)));
    const ranking = p
      .map((probability, k) => ({ technique: model.classifier.labels[k] as Technique, probability }))
      .sort((x, y) => y.probability - x.probability);
    return { technique: ranking[0].technique, probability: ranking[0].probability, ranking };
  });
}

/** The span's words that pushed hardest towards this technique (the classifier's word weights). */
export function cueWords(model: TechniqueModel, doc: PreparedDoc, span: Span, technique: Technique, max = 3): string[] {
  const k = model.classifier.labels.indexOf(technique);
  const scored: Array<{ word: string; weight: number }> = [];
  const seen = new Set<string>();
  const [a, b] = tokenRange(doc, span);
  for (const t of doc.tokens.slice(a, b)) {
    if (t.masked || seen.has(t.id)) continue;
    seen.add(t.id);
    const row = model.classifier.weights.row(hashText(`w=${t.id}`));
    const cw = row < 0 ? 0 : model.classifier.weights.weights[row * model.classifier.labels.length + k];
    const tw = model.tagger.weights.weight(wordFeature(t.id));
    const weight = cw + tw;
    if (weight > 0.1) scored.push({ word: t.text, weight });
  }
  return scored.sort((a, b) => b.weight - a.weight).slice(0, max).map((s) => s.word);
}
