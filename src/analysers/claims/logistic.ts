import type { SparseVector } from './features.js';
import { linearScore, sigmoid, trainLogistic } from '../../nlp/logistic.js';

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

export { sigmoid };

export function predict(model: LinearModel, x: SparseVector): number {
  return sigmoid(linearScore(model.weights, model.bias, x));
}

export function train(examples: Example[], options: TrainOptions): LinearModel {
  return trainLogistic(examples, { ...options, epsilon: 1e-8 });
}
