import type { Span } from '../../core/types.js';
import { decodeProbabilities } from '../../nlp/sequence.js';
import { tokenRange, type PreparedDoc } from './features.js';
import { signalHashes, tokenHashes, wordFeature, type TokenHashes } from './hashed.js';
import type { MultiModel } from './linear.js';
import type { Int8Weights } from '../../nlp/hashing.js';
import type { PtcSpan } from './ptc.js';
import type { Technique } from './taxonomy.js';

/**
 * The joint span-and-technique tagger: one multinomial model per token over "outside" and
 * "inside a span of technique t" for the 14 techniques (labels[0] is OUTSIDE), on the first
 * stage's features (hashed.ts, names masked). Each technique's spans are then the best BIO
 * path over its own probabilities (Viterbi, src/nlp/sequence.ts) with its own inside bias and
 * span cost, so a two-word loaded phrase and a sentence-long appeal to fear get the
 * boundaries their technique has, and spans of different techniques may overlap, as in the PTC.
 */

export const OUTSIDE = 'O';

/** Viterbi parameters of one technique: inside scores log p + bias, each span costs spanCost. */
export interface TechniqueDecoder {
  bias: number;
  spanCost: number;
  /** spans whose mean probability of the technique is below this are dropped */
  minScore: number;
}

export interface JointTagger {
  model: MultiModel;
  /** per technique (the model's labels after OUTSIDE) */
  decoders: Record<string, TechniqueDecoder>;
}

/**
 * Training targets of each token: the techniques of the gold spans that cover it, each with
 * weight 1/k when k cover it (a loaded word inside a long appeal to fear counts for both), or
 * OUTSIDE with weight 1.
 */
export function jointTargets(doc: PreparedDoc, spans: readonly PtcSpan[], labels: readonly string[]): Array<Array<{ y: number; weight: number }>> {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Array<Array<{ y: number; weight: number }>> = [];
  let j = 0;
  for (const t of doc.tokens) {
    while (j < sorted.length && sorted[j].end <= t.start) j++;
    const covering = new Set<number>();
    for (let k = j; k < sorted.length && sorted[k].start < t.end; k++) {
      if (sorted[k].end > t.start) {
        const y = labels.indexOf(sorted[k].technique);
        if (y > 0) covering.add(y);
      }
    }
    if (covering.size === 0) out.push([{ y: 0, weight: 1 }]);
    else out.push([...covering].sort((a, b) => a - b).map((y) => ({ y, weight: 1 / covering.size })));
  }
  return out;
}

/**
 * Per document token, the probability of each label (row-major: tokens × labels). With int8
 * weights of one scale per row (as stored since 1.6.0) each feature's row is read as 15 bytes
 * rather than 60, so far more of the table stays in cache; q × scale is the float32 weight
 * itself and the sums run in the same order, so the probabilities are bit for bit those of the
 * float table (joint.test.ts).
 */
export function jointProbabilities(model: MultiModel, doc: PreparedDoc, features?: readonly TokenHashes[]): Float64Array {
  const k = model.labels.length;
  const out = new Float64Array(doc.tokens.length * k);
  const int8 = model.weights.int8 && model.weights.int8.block === k ? model.weights.int8 : null;
  const z = new Float64Array(k);
  for (let si = 0; si < doc.sentences.length; si++) {
    const from = doc.sentenceStart[si];
    const { hashes, offsets } = features ? features[si] : tokenHashes(doc, si);
    // the sentence network's signal (sentence.ts), when the document has one: the same rows for every token
    const signal = signalHashes(doc, si);
    const n = doc.sentences[si].tokens.length;
    for (let i = 0; i < n; i++) {
      z.set(model.bias);
      if (int8) {
        addInt8Rows(model, int8, hashes, offsets[i], offsets[i + 1], z);
        addInt8Rows(model, int8, signal, 0, signal.length, z);
      } else {
        addRows(model, hashes, offsets[i], offsets[i + 1], z);
        addRows(model, signal, 0, signal.length, z);
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (z[c] > max) max = z[c];
      let sum = 0;
      for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
      const base = (from + i) * k;
      for (let c = 0; c < k; c++) out[base + c] = z[c] / sum;
    }
  }
  return out;
}

function addRows(model: MultiModel, hashes: Uint32Array, from: number, to: number, z: Float64Array): void {
  const k = z.length;
  const w = model.weights.weights;
  for (let j = from; j < to; j++) {
    const r = model.weights.row(hashes[j]);
    if (r < 0) continue;
    const o = r * k;
    for (let c = 0; c < k; c++) z[c] += w[o + c];
  }
}

function addInt8Rows(model: MultiModel, int8: Int8Weights, hashes: Uint32Array, from: number, to: number, z: Float64Array): void {
  // the same sums as Math.fround(int8.q[r·k + c] · int8.scales[r]) per kept row, read from the
  // weights' packed slots (bucket, scale and row side by side: one cache miss, not three)
  const weights = model.weights;
  for (let j = from; j < to; j++) weights.addInt8Row(hashes[j], z);
}

/** Probability, per token, of being inside any technique span (1 − P(outside)). */
export function insideProbabilities(model: MultiModel, probs: Float64Array): Float64Array {
  const k = model.labels.length;
  const n = probs.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 1 - probs[i * k];
  return out;
}

export interface JointSpan extends Span {
  technique: Technique;
  /** mean probability of the technique over the span's tokens */
  score: number;
}

/** The column of one label, per token. */
export function labelColumn(probs: Float64Array, width: number, label: number): Float64Array {
  const n = probs.length / width;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = probs[i * width + label];
  return out;
}

/**
 * Spans of one technique: per sentence, the best BIO path over that technique's probabilities,
 * read from `p` at k·width + column for token k (a column of jointProbabilities, or a plain
 * array with width 1).
 */
export function decodeTechnique(
  doc: PreparedDoc, p: ArrayLike<number>, technique: Technique, decoder: TechniqueDecoder, keep: (doc: PreparedDoc, span: Span) => boolean,
  width = 1, column = 0,
): JointSpan[] {
  const out: JointSpan[] = [];
  // A token can be inside a span only if log p + bias ≥ log(1 − p), i.e. p ≥ 1 / (1 + e^bias):
  // a sentence with no such token decodes to all outside (spans cost ≥ 0), so Viterbi is skipped.
  const least = 1 / (1 + Math.exp(decoder.bias));
  let scratch = new Float64Array(64);
  doc.sentences.forEach((s, si) => {
    const from = doc.sentenceStart[si];
    const n = s.tokens.length;
    let possible = false;
    for (let k = from; k < from + n && !possible; k++) possible = p[k * width + column] >= least;
    if (!possible) return;
    if (scratch.length < n) scratch = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) scratch[k] = p[(from + k) * width + column];
    for (const [i, j] of decodeProbabilities(scratch, 0, n, decoder.bias, decoder.spanCost)) {
      let sum = 0;
      for (let k = i; k < j; k++) sum += scratch[k];
      const span = { start: doc.tokens[from + i].start, end: doc.tokens[from + j - 1].end, technique, score: sum / (j - i) };
      if (span.score >= decoder.minScore && keep(doc, span)) out.push(span);
    }
  });
  return out;
}

/** Every technique's spans of the document, by its own decoder. */
export function jointSpans(tagger: JointTagger, doc: PreparedDoc, probs: Float64Array, keep: (doc: PreparedDoc, span: Span) => boolean): JointSpan[] {
  const labels = tagger.model.labels;
  const out: JointSpan[] = [];
  for (let c = 1; c < labels.length; c++) {
    const decoder = tagger.decoders[labels[c]];
    if (!decoder) continue;
    for (const s of decodeTechnique(doc, probs, labels[c] as Technique, decoder, keep, labels.length, c)) out.push(s);
  }
  return out;
}

/** The span's words that pushed hardest towards this technique in the joint tagger (their own word weights). */
export function jointCueWords(model: MultiModel, doc: PreparedDoc, span: Span, technique: Technique, max = 3): string[] {
  const k = model.labels.indexOf(technique);
  const width = model.labels.length;
  const scored: Array<{ word: string; weight: number }> = [];
  const seen = new Set<string>();
  const [a, b] = tokenRange(doc, span);
  for (let i = a; i < b; i++) {
    const t = doc.tokens[i];
    if (t.masked || seen.has(t.id)) continue;
    seen.add(t.id);
    const row = model.weights.row(wordFeature(t.id));
    if (row < 0) continue;
    // towards the technique and away from "outside"
    const weight = model.weights.weights[row * width + k] - model.weights.weights[row * width];
    if (weight > 0.1) scored.push({ word: t.text, weight });
  }
  return scored.sort((x, y) => y.weight - x.weight).slice(0, max).map((s) => s.word);
}

export interface TuningSet {
  docs: readonly PreparedDoc[];
  /** jointProbabilities of each doc */
  probs: readonly Float64Array[];
  /** gold spans of each doc */
  gold: ReadonlyArray<readonly PtcSpan[]>;
}

/** The grid each technique's decoder is chosen from. */
export const DECODER_GRID = {
  bias: [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4],
  spanCost: [0, 0.5, 1, 2, 4],
  minScore: [0, 0.1, 0.2, 0.3],
} as const;

/**
 * Chooses every technique's decoder for the span + technique F1 (micro over techniques, as
 * scoreSpanTechnique) on a tuning split, by coordinate ascent: each technique in turn gets the
 * grid point that raises the total most while the others stay fixed; two passes.
 */
export function tuneDecoders(
  labels: readonly string[],
  set: TuningSet,
  keep: (doc: PreparedDoc, span: Span) => boolean,
  score: (predicted: ReadonlyMap<string, readonly Span[]>, gold: ReadonlyMap<string, readonly Span[]>) => { precision: number; recall: number; predicted: number; gold: number },
  passes = 2,
): { decoders: Record<string, TechniqueDecoder>; f1: number } {
  const width = labels.length;
  interface Part { p: number; np: number; r: number; ng: number }
  const partOf = (c: number, d: TechniqueDecoder): Part => {
    const predicted = new Map<string, Span[]>();
    const gold = new Map<string, Span[]>();
    set.docs.forEach((doc, i) => {
      predicted.set(String(i), decodeTechnique(doc, set.probs[i], labels[c] as Technique, d, keep, width, c));
      gold.set(String(i), set.gold[i].filter((g) => g.technique === labels[c]));
    });
    const s = score(predicted, gold);
    return { p: s.precision * s.predicted, np: s.predicted, r: s.recall * s.gold, ng: s.gold };
  };
  const decoders: Record<string, TechniqueDecoder> = {};
  const parts: Part[] = [];
  for (let c = 1; c < width; c++) {
    decoders[labels[c]] = { bias: 0.5, spanCost: 1, minScore: 0 };
    parts[c] = partOf(c, decoders[labels[c]]);
  }
  const total = (): number => {
    let p = 0, np = 0, r = 0, ng = 0;
    for (let c = 1; c < width; c++) {
      p += parts[c].p;
      np += parts[c].np;
      r += parts[c].r;
      ng += parts[c].ng;
    }
    const precision = np > 0 ? p / np : 0;
    const recall = ng > 0 ? r / ng : 0;
    return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  };
  let best = total();
  for (let pass = 0; pass < passes; pass++) {
    for (let c = 1; c < width; c++) {
      let chosen = decoders[labels[c]];
      let chosenPart = parts[c];
      for (const bias of DECODER_GRID.bias) {
        for (const spanCost of DECODER_GRID.spanCost) {
          for (const minScore of DECODER_GRID.minScore) {
            const d = { bias, spanCost, minScore };
            parts[c] = partOf(c, d);
            const f = total();
            if (f > best) {
              best = f;
              chosen = d;
              chosenPart = parts[c];
            }
          }
        }
      }
      decoders[labels[c]] = chosen;
      parts[c] = chosenPart;
    }
  }
  return { decoders, f1: best };
}
