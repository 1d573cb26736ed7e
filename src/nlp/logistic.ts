import { seededRandom } from '../core/random.js';

/**
 * Binary logistic regression over hashed sparse features, trained with AdaGrad and L2 and
 * seeded shuffles between epochs: the same examples give the same weights, byte for byte.
 * Shared by the models trained here (check-worthy claims, machine-written text).
 */

export interface SparseFeatures {
  indices: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface LogisticExample {
  x: SparseFeatures;
  y: 0 | 1;
  /** importance of this example in the loss (class or data-set weighting); default 1 */
  weight?: number;
}

export interface LogisticOptions {
  /** number of weights (the hashing space) */
  dim: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** seed of the shuffling between epochs */
  seed: number;
  /** AdaGrad's initial accumulator, which keeps the first steps finite */
  epsilon: number;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function linearScore(weights: Float32Array, bias: number, x: SparseFeatures): number {
  let z = bias;
  for (let k = 0; k < x.indices.length; k++) z += weights[x.indices[k]] * x.values[k];
  return z;
}

export function trainLogistic(examples: LogisticExample[], options: LogisticOptions): { weights: Float32Array; bias: number } {
  const weights = new Float32Array(options.dim);
  const squares = new Float32Array(options.dim).fill(options.epsilon);
  let bias = 0;
  let biasSquares = options.epsilon;
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const { x, y, weight = 1 } = examples[index];
      const error = (sigmoid(linearScore(weights, bias, x)) - y) * weight;
      for (let k = 0; k < x.indices.length; k++) {
        const f = x.indices[k];
        const g = error * x.values[k] + options.l2 * weights[f];
        squares[f] += g * g;
        weights[f] -= (options.learningRate * g) / Math.sqrt(squares[f]);
      }
      biasSquares += error * error;
      bias -= (options.learningRate * error) / Math.sqrt(biasSquares);
    }
  }
  return { weights, bias };
}

export interface SoftmaxExample {
  x: SparseFeatures;
  /** class index, 0..classes-1 */
  y: number;
  weight?: number;
}

export interface SoftmaxModel {
  classes: number;
  /** row-major: dim × classes */
  weights: Float32Array;
  bias: Float32Array;
}

/** Class probabilities of one example (softmax of the linear scores). */
export function softmaxScores(model: SoftmaxModel, x: SparseFeatures, out = new Float64Array(model.classes)): Float64Array {
  const k = model.classes;
  for (let c = 0; c < k; c++) out[c] = model.bias[c];
  for (let j = 0; j < x.indices.length; j++) {
    const row = x.indices[j] * k;
    const v = x.values[j];
    for (let c = 0; c < k; c++) out[c] += model.weights[row + c] * v;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (out[c] > max) max = out[c];
  let sum = 0;
  for (let c = 0; c < k; c++) sum += out[c] = Math.exp(out[c] - max);
  for (let c = 0; c < k; c++) out[c] /= sum;
  return out;
}

/**
 * Multinomial logistic regression over the same sparse features, with the same AdaGrad, L2
 * and seeded shuffles as `trainLogistic`: one trainer for every linear model family here.
 */
export function trainSoftmax(examples: SoftmaxExample[], classes: number, options: LogisticOptions): SoftmaxModel {
  const k = classes;
  const model: SoftmaxModel = { classes: k, weights: new Float32Array(options.dim * k), bias: new Float32Array(k) };
  const squares = new Float32Array(options.dim * k).fill(options.epsilon);
  const biasSquares = new Float64Array(k).fill(options.epsilon);
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  const p = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const { x, y, weight = 1 } = examples[index];
      softmaxScores(model, x, p);
      for (let c = 0; c < k; c++) {
        const error = (p[c] - (c === y ? 1 : 0)) * weight;
        biasSquares[c] += error * error;
        model.bias[c] -= (options.learningRate * error) / Math.sqrt(biasSquares[c]);
        for (let j = 0; j < x.indices.length; j++) {
          const f = x.indices[j] * k + c;
          const g = error * x.values[j] + options.l2 * model.weights[f];
          squares[f] += g * g;
          model.weights[f] -= (options.learningRate * g) / Math.sqrt(squares[f]);
        }
      }
    }
  }
  return model;
}
