import type { Sparse } from './features.js';
import { seededRandom } from '../../../core/random.js';
import { maxOf } from '../../../core/arrays.js';

/**
 * Multinomial logistic regression (softmax) over hashed sparse features, AdaGrad + L2,
 * seeded shuffles: the same examples give the same weights. Two classes is plain logistic.
 */

export interface SoftmaxModel {
  classes: number;
  dim: number;
  /** class-major: weights[c * dim + f] */
  weights: Float32Array;
  bias: Float32Array;
}

export interface Example {
  x: Sparse;
  y: number;
  weight: number;
}


export function probabilities(model: SoftmaxModel, x: Sparse): number[] {
  const z: number[] = [];
  for (let c = 0; c < model.classes; c++) {
    let s = model.bias[c];
    const off = c * model.dim;
    for (let k = 0; k < x.indices.length; k++) s += model.weights[off + x.indices[k]] * x.values[k];
    z.push(s);
  }
  const max = maxOf(z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export function trainSoftmax(
  examples: Example[],
  options: { classes: number; dim: number; epochs: number; learningRate: number; l2: number; seed: number },
): SoftmaxModel {
  const { classes, dim } = options;
  const model: SoftmaxModel = { classes, dim, weights: new Float32Array(classes * dim), bias: new Float32Array(classes) };
  const squares = new Float32Array(classes * dim).fill(1e-8);
  const biasSquares = new Float32Array(classes).fill(1e-8);
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const { x, y, weight } = examples[index];
      const p = probabilities(model, x);
      for (let c = 0; c < classes; c++) {
        const error = (p[c] - (c === y ? 1 : 0)) * weight;
        const off = c * dim;
        for (let k = 0; k < x.indices.length; k++) {
          const f = off + x.indices[k];
          const g = error * x.values[k] + options.l2 * model.weights[f];
          squares[f] += g * g;
          model.weights[f] -= (options.learningRate * g) / Math.sqrt(squares[f]);
        }
        biasSquares[c] += error * error;
        model.bias[c] -= (options.learningRate * error) / Math.sqrt(biasSquares[c]);
      }
    }
  }
  return model;
}

export function encodeFloats(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeFloats(text: string, length: number): Float32Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== length * 4) return null;
  const out = new Float32Array(length);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
