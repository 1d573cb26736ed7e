import { maxOf } from '../../core/arrays.js';
import { HashedWeights, loadHashed, quantiseHashed, storeHashed, type StoredHashed } from '../../nlp/hashing.js';
import { sigmoid, trainLogistic, trainSoftmax, type LogisticOptions, type SparseFeatures } from '../../nlp/logistic.js';

/**
 * The technique models' linear layers over hashed integer features (src/nlp/hashing.ts):
 * binary logistic regression (span tagger, gate, stacker) and multinomial (technique
 * classifier), trained by the shared trainer (src/nlp/logistic.ts) and stored as the buckets
 * whose weights matter.
 */

export interface BinaryModel {
  bias: number;
  weights: HashedWeights;
}

export interface MultiModel {
  labels: string[];
  bias: Float64Array;
  weights: HashedWeights;
}

export { sigmoid };

/** P(inside) of one token: its features are hashes[from, to). */
export function scoreBinary(model: BinaryModel, hashes: Uint32Array, from = 0, to = hashes.length): number {
  let z = model.bias;
  for (let j = from; j < to; j++) z += model.weights.weight(hashes[j]);
  return sigmoid(z);
}

export function scoreMulti(model: MultiModel, hashes: Uint32Array): number[] {
  const k = model.labels.length;
  const z = Array.from(model.bias);
  const w = model.weights.weights;
  for (let j = 0; j < hashes.length; j++) {
    const r = model.weights.row(hashes[j]);
    if (r < 0) continue;
    for (let c = 0; c < k; c++) z[c] += w[r * k + c];
  }
  return softmax(z);
}

export function softmax(z: number[]): number[] {
  const max = maxOf(z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty applied to the weights a step touches */
  l2: number;
  seed: number;
}

export interface HashedTraining extends TrainOptions {
  /** hashing space, a power of two */
  dim: number;
  /** buckets seen fewer times in training get no weight */
  minCount: number;
  /** stored weights: buckets whose largest absolute weight is below this are dropped */
  minAbs: number;
  /**
   * int8 weights with a scale per block of this many weights (quantiseInt8), applied as soon as
   * the model is trained, so tuning sees the weights that are stored; absent: float32
   */
  int8Block?: number;
}

function kept(dense: Float32Array, o: HashedTraining, width: number): HashedWeights {
  const w = HashedWeights.fromDense(dense, o.dim, width, o.minAbs);
  return o.int8Block ? quantiseHashed(w, o.int8Block) : w;
}

/** Feature hashes → sparse 0/1 vectors over the buckets seen at least `minCount` times. */
export function encodeHashed(lists: readonly Uint32Array[], dim: number, minCount: number): SparseFeatures[] {
  const mask = dim - 1;
  const counts = new Uint32Array(dim);
  let longest = 0;
  for (const list of lists) {
    for (const h of list) counts[h & mask]++;
    if (list.length > longest) longest = list.length;
  }
  const ones = new Float32Array(longest).fill(1);
  return lists.map((list) => {
    const kept: number[] = [];
    for (const h of list) if (counts[h & mask] >= minCount) kept.push(h & mask);
    return { indices: Uint32Array.from(kept), values: ones };
  });
}

function options(o: HashedTraining): LogisticOptions {
  return { dim: o.dim, epochs: o.epochs, learningRate: o.learningRate, l2: o.l2, seed: o.seed, epsilon: 1e-8 };
}

export function trainBinary(lists: readonly Uint32Array[], ys: ArrayLike<number>, o: HashedTraining): BinaryModel {
  const xs = encodeHashed(lists, o.dim, o.minCount);
  const { weights, bias } = trainLogistic(xs.map((x, i) => ({ x, y: ys[i] === 1 ? 1 : 0 })), options(o));
  return { bias, weights: kept(weights, o, 1) };
}

/** `weights`: each example's weight in the loss (a token inside spans of two techniques is two examples of weight ½). */
export function trainMulti(lists: readonly Uint32Array[], ys: ArrayLike<number>, labels: string[], o: HashedTraining, weights?: ArrayLike<number>): MultiModel {
  const xs = encodeHashed(lists, o.dim, o.minCount);
  const model = trainSoftmax(xs.map((x, i) => ({ x, y: ys[i], weight: weights ? weights[i] : 1 })), labels.length, options(o));
  return { labels, bias: Float64Array.from(model.bias), weights: kept(model.weights, o, labels.length) };
}

// ---- storage ----

export type StoredBinary = StoredHashed;
export interface StoredMulti extends StoredHashed {
  labels: string[];
}

export function storeBinary(model: BinaryModel): StoredBinary {
  return storeHashed(model.weights, [model.bias]);
}

export function loadBinary(stored: StoredBinary): BinaryModel {
  const { weights, bias } = loadHashed(stored);
  return { bias: bias[0], weights };
}

export function storeMulti(model: MultiModel): StoredMulti {
  return { labels: model.labels, ...storeHashed(model.weights, model.bias) };
}

export function loadMulti(stored: StoredMulti): MultiModel {
  const { weights, bias } = loadHashed(stored);
  return { labels: stored.labels, bias, weights };
}
