import { seededRandom } from '../../core/random.js';
import { maxOf } from '../../core/arrays.js';
/**
 * Sparse linear models trained with AdaGrad: binary logistic regression (span tagger) and
 * multinomial logistic regression (technique classifier). Features are strings; training
 * maps them to dense ids, the stored model keeps only the strings whose weights matter.
 */

export interface BinaryModel {
  bias: number;
  weights: Map<string, number>;
}

export interface MultiModel {
  labels: string[];
  bias: number[];
  /** feature → one weight per label */
  weights: Map<string, Float32Array>;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function scoreBinary(model: BinaryModel, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return sigmoid(z);
}

export function scoreMulti(model: MultiModel, features: readonly string[]): number[] {
  const z = model.bias.slice();
  for (const f of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    for (let k = 0; k < z.length; k++) z[k] += w[k];
  }
  return softmax(z);
}

export function softmax(z: number[]): number[] {
  const max = maxOf(z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}


export function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** Feature vocabulary: only features seen at least `minCount` times get an id. */
export class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  static build(featureLists: Iterable<readonly string[]>, minCount: number): Vocabulary {
    const counts = new Map<string, number>();
    for (const list of featureLists) for (const f of list) counts.set(f, (counts.get(f) ?? 0) + 1);
    const vocab = new Vocabulary();
    for (const [f, c] of counts) {
      if (c >= minCount) {
        vocab.ids.set(f, vocab.names.length);
        vocab.names.push(f);
      }
    }
    return vocab;
  }

  encode(features: readonly string[]): Int32Array {
    const out: number[] = [];
    for (const f of features) {
      const id = this.ids.get(f);
      if (id !== undefined) out.push(id);
    }
    return Int32Array.from(out);
  }
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty applied to the weights a step touches */
  l2: number;
  seed: number;
  /** weight of positive examples (binary only) */
  positiveWeight?: number;
}

export function trainBinary(vocab: Vocabulary, xs: Int32Array[], ys: Uint8Array, options: TrainOptions): BinaryModel {
  const n = vocab.names.length;
  const w = new Float64Array(n);
  const g2 = new Float64Array(n).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const order = xs.map((_, i) => i);
  const random = seededRandom(options.seed);
  const pw = options.positiveWeight ?? 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const x = xs[i];
      let z = bias;
      for (let j = 0; j < x.length; j++) z += w[x[j]];
      const y = ys[i];
      const g = (sigmoid(z) - y) * (y === 1 ? pw : 1);
      biasG2 += g * g;
      bias -= (options.learningRate * g) / Math.sqrt(biasG2);
      for (let j = 0; j < x.length; j++) {
        const f = x[j];
        const gf = g + options.l2 * w[f];
        g2[f] += gf * gf;
        w[f] -= (options.learningRate * gf) / Math.sqrt(g2[f]);
      }
    }
  }
  const weights = new Map<string, number>();
  for (let f = 0; f < n; f++) if (w[f] !== 0) weights.set(vocab.names[f], w[f]);
  return { bias, weights };
}

export function trainMulti(vocab: Vocabulary, labels: string[], xs: Int32Array[], ys: Int32Array, options: TrainOptions): MultiModel {
  const k = labels.length;
  const n = vocab.names.length;
  const w = new Float64Array(n * k);
  const g2 = new Float64Array(n * k).fill(1e-8);
  const bias = new Float64Array(k);
  const biasG2 = new Float64Array(k).fill(1e-8);
  const order = xs.map((_, i) => i);
  const random = seededRandom(options.seed);
  const z = new Array<number>(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const x = xs[i];
      for (let c = 0; c < k; c++) {
        let s = bias[c];
        for (let j = 0; j < x.length; j++) s += w[x[j] * k + c];
        z[c] = s;
      }
      const p = softmax(z);
      for (let c = 0; c < k; c++) {
        const g = p[c] - (ys[i] === c ? 1 : 0);
        biasG2[c] += g * g;
        bias[c] -= (options.learningRate * g) / Math.sqrt(biasG2[c]);
        for (let j = 0; j < x.length; j++) {
          const idx = x[j] * k + c;
          const gf = g + options.l2 * w[idx];
          g2[idx] += gf * gf;
          w[idx] -= (options.learningRate * gf) / Math.sqrt(g2[idx]);
        }
      }
    }
  }
  const weights = new Map<string, Float32Array>();
  for (let f = 0; f < n; f++) {
    const row = Float32Array.from(w.subarray(f * k, f * k + k));
    if (row.some((v) => v !== 0)) weights.set(vocab.names[f], row);
  }
  return { labels, bias: Array.from(bias), weights };
}

// ---- storage: compact JSON, weights rounded, negligible ones dropped ----

export interface StoredBinary {
  bias: number;
  features: string[];
  weights: number[];
}

export interface StoredMulti {
  labels: string[];
  bias: number[];
  features: string[];
  /** row-major: features.length × labels.length */
  weights: number[];
}

function round(v: number, digits = 4): number {
  const m = 10 ** digits;
  return Math.round(v * m) / m;
}

export function storeBinary(model: BinaryModel, minAbs: number): StoredBinary {
  const features: string[] = [];
  const weights: number[] = [];
  for (const [f, v] of model.weights) {
    if (Math.abs(v) < minAbs) continue;
    features.push(f);
    weights.push(round(v));
  }
  return { bias: round(model.bias), features, weights };
}

export function loadBinary(stored: StoredBinary): BinaryModel {
  const weights = new Map<string, number>();
  stored.features.forEach((f, i) => weights.set(f, stored.weights[i]));
  return { bias: stored.bias, weights };
}

export function storeMulti(model: MultiModel, minAbs: number): StoredMulti {
  const features: string[] = [];
  const weights: number[] = [];
  for (const [f, row] of model.weights) {
    if (row.every((v) => Math.abs(v) < minAbs)) continue;
    features.push(f);
    for (const v of row) weights.push(round(v, 3));
  }
  return { labels: model.labels, bias: model.bias.map((v) => round(v)), features, weights };
}

export function loadMulti(stored: StoredMulti): MultiModel {
  const k = stored.labels.length;
  const weights = new Map<string, Float32Array>();
  stored.features.forEach((f, i) => weights.set(f, Float32Array.from(stored.weights.slice(i * k, i * k + k))));
  return { labels: stored.labels, bias: stored.bias, weights };
}
