import { dot, sigmoid, type SparseVector } from './machine-text-model.js';
import { seededRandom } from '../../core/random.js';

/** Binary logistic regression with AdaGrad and L2, seeded shuffles: the same data gives the same weights. */

export interface Example {
  x: SparseVector;
  y: 0 | 1;
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}


export function trainLogistic(examples: Example[], options: TrainOptions): { weights: Float32Array; bias: number } {
  const dim = 1 << options.bits;
  const weights = new Float32Array(dim);
  const squares = new Float32Array(dim).fill(1e-6);
  let bias = 0;
  let biasSquares = 1e-6;
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const { x, y } = examples[index];
      const error = sigmoid(dot(weights, bias, x)) - y;
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

/** Area under the ROC curve (ties count half). */
export function auc(scores: number[], labels: boolean[]): number {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k][1]) {
      positives++;
      rankSum += rank;
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
