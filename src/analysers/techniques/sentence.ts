import type { Embeddings } from '../../nlp/embeddings.js';
import { loadMlp, mlpScore, type MlpModel, type StoredMlp } from '../../nlp/mlp.js';
import type { PreparedDoc } from './features.js';
import { TECHNIQUES } from './taxonomy.js';

/**
 * The sentence network (train:techniques --sentence; tried for 1.7.0, not shipped: docs/accuracy.md):
 * does a sentence hold any technique span? Whole
 * wrong sentences, not span boundaries, are most of the span tagger's loss (docs/accuracy.md),
 * and a linear gate on a sentence's words finds them poorly (AUC 0.750 on tune); a small
 * network (src/nlp/mlp.ts) on the mean and max of the sentence's word vectors, beside the
 * document's mean vector and a few cues, does better (AUC 0.793). Its probability is a
 * sentence-level feature of the joint tagger and the second stage (hashed.ts), trained on
 * out-of-fold probabilities so that they see it as noisy as on new text.
 *
 * Names never reach it: masked tokens (every gazetteer name, any capitalised non-word) have no
 * vector row, and the vectors hold none of the gazetteer's names.
 */

/** Cue inputs after the three pooled vectors. */
const CUES = 9 + TECHNIQUES.length;

export function sentenceInputSize(e: Embeddings): number {
  return 3 * e.dims + CUES;
}

/** Mean of the unmasked word vectors of tokens [a, b), added ×scale into out[at, at + dims); also their max into out[maxAt, …) when maxAt ≥ 0. Returns the count. */
function pool(doc: PreparedDoc, e: Embeddings, a: number, b: number, out: Float32Array, at: number, scale: number, maxAt: number, maxScale: number): number {
  const d = e.dims;
  const sum = new Float32Array(d);
  const max = new Float32Array(d).fill(-Infinity);
  let n = 0;
  for (let i = a; i < b; i++) {
    const r = doc.tokens[i].row;
    if (r < 0) continue;
    n++;
    const s = e.scales[r];
    const base = r * d;
    for (let k = 0; k < d; k++) {
      const v = e.vectors[base + k] * s;
      sum[k] += v;
      if (v > max[k]) max[k] = v;
    }
  }
  if (n === 0) return 0;
  for (let k = 0; k < d; k++) {
    out[at + k] = (sum[k] / n) * scale;
    if (maxAt >= 0) out[maxAt + k] = max[k] * maxScale;
  }
  return n;
}

/** The network's inputs for every sentence of the document (row-major: sentences × sentenceInputSize). */
export function sentenceInputs(doc: PreparedDoc, e: Embeddings): Float32Array[] {
  const d = e.dims;
  const size = sentenceInputSize(e);
  const docMean = new Float32Array(d);
  pool(doc, e, 0, doc.tokens.length, docMean, 0, 4, -1, 0);
  const count = doc.sentences.length;
  return doc.sentences.map((s, si) => {
    const x = new Float32Array(size);
    const from = doc.sentenceStart[si];
    const n = s.tokens.length;
    // pooled vectors: components of unit vectors are ≈ 0.1, scaled towards the cues' 0..1
    pool(doc, e, from, from + n, x, 0, 4, d, 2);
    x.set(docMean, 2 * d);
    const text = doc.text.slice(s.start, s.end);
    let masked = 0;
    let digits = 0;
    for (let i = from; i < from + n; i++) {
      if (doc.tokens[i].masked) masked++;
      if (/\p{N}/u.test(doc.tokens[i].text)) digits++;
    }
    const c = 3 * d;
    x[c] = s.title ? 1 : 0;
    x[c + 1] = text.includes('!') ? 1 : 0;
    x[c + 2] = text.includes('?') ? 1 : 0;
    x[c + 3] = /["“”]/.test(text) ? 1 : 0;
    x[c + 4] = /^["“]/.test(text) ? 1 : 0;
    x[c + 5] = Math.log2(1 + n) / 6;
    x[c + 6] = n > 0 ? masked / n : 0;
    x[c + 7] = n > 0 ? digits / n : 0;
    x[c + 8] = count > 1 ? si / (count - 1) : 0;
    for (const h of doc.ruleHits[si]) {
      const k = TECHNIQUES.indexOf(h.technique);
      if (k >= 0) x[c + 9 + k] = 1;
    }
    return x;
  });
}

/** Per sentence, the network's probability that it holds a technique span. */
export function sentenceSignal(network: MlpModel, doc: PreparedDoc): Float64Array {
  const e = doc.embeddings;
  const out = new Float64Array(doc.sentences.length);
  if (!e) return out;
  const xs = sentenceInputs(doc, e);
  for (let i = 0; i < xs.length; i++) out[i] = mlpScore(network, xs[i]);
  return out;
}

export function loadSentenceNetwork(stored: StoredMlp, e: Embeddings | null): MlpModel {
  if (!e) throw new Error('the techniques model has a sentence network but no word vectors');
  if (stored.inputs !== sentenceInputSize(e)) throw new Error(`the sentence network takes ${stored.inputs} inputs, the word vectors give ${sentenceInputSize(e)}`);
  return loadMlp(stored);
}
