import type { SparseVector } from './features.js';
import { seededRandom } from '../../core/random.js';

/**
 * Binary logistic regression over hashed sparse features, trained with AdaGrad and L2.
 * Small and deterministic: the same examples in the same order give the same weights.
 */

export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

export interface Example {
  x: SparseVector;
  y: 0 | 1;
  /** importance of this example in the loss (class or data-set weighting) */
  weight: number;
}

export interface TrainOptions {
  dim: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** seed of the shuffling between epochs */
  seed: number;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function predict(model: LinearModel, x: SparseVector): number {
  let z = model.bias;
  for (let i = 0; i < x.indices.length; i++) z += model.weights[x.indices[i]] * x.values[i];
  return sigmoid(z);
}


export function train(examples: Example[], options: TrainOptions): LinearModel {
  const weights = new Float32Array(options.dim);
  const squares = new Float32Array(options.dim).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const { x, y, weight } = examples[index];
      const p = predict({ weights, bias }, x);
      const error = (p - y) * weight;
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
