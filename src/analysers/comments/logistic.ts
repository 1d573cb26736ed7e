import type { SparseVector } from './machine-text-model.js';
import { trainLogistic as trainShared } from '../../nlp/logistic.js';

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
  return trainShared(examples, { ...options, dim: 1 << options.bits, epsilon: 1e-6 });
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
