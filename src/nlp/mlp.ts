import { seededRandom } from '../core/random.js';
import { sigmoid } from './logistic.js';

/**
 * A small feed-forward network for dense inputs (pooled word vectors and a few cues): one
 * hidden layer of rectified units and a sigmoid output, trained with Adam on the weighted log
 * loss, L2, seeded initialisation and seeded shuffles — the same examples give the same
 * weights, byte for byte. The non-linear partner of the linear models in an ensemble.
 */

export interface MlpOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** examples per Adam step (default 16) */
  batch?: number;
}

export interface MlpModel {
  inputs: number;
  hidden: number;
  /** hidden × inputs, row-major */
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
}

export interface DenseExample {
  x: Float32Array;
  y: 0 | 1;
  weight?: number;
}

/** Raw output (logit) of the network; `h` is scratch space of length `hidden`. */
export function mlpLogit(m: MlpModel, x: ArrayLike<number>, h = new Float32Array(m.hidden)): number {
  // locals, so the inner loop reads typed arrays only (same arithmetic, same order)
  const { w1, b1, w2, inputs, hidden } = m;
  let z = m.b2;
  let j = 0;
  // four hidden units per pass over the input: x[i] is read once for four rows. Each unit's
  // sum still runs over i in order, and z still adds the units in order, so the logit is
  // bit for bit that of one unit at a time (mlp.test.ts)
  for (; j + 4 <= hidden; j += 4) {
    let a0 = b1[j];
    let a1 = b1[j + 1];
    let a2 = b1[j + 2];
    let a3 = b1[j + 3];
    const r0 = j * inputs;
    const r1 = r0 + inputs;
    const r2 = r1 + inputs;
    const r3 = r2 + inputs;
    for (let i = 0; i < inputs; i++) {
      const xi = x[i];
      a0 += w1[r0 + i] * xi;
      a1 += w1[r1 + i] * xi;
      a2 += w1[r2 + i] * xi;
      a3 += w1[r3 + i] * xi;
    }
    // h is float32: the product uses the stored (rounded) value, as before
    h[j] = a0 > 0 ? a0 : 0;
    z += w2[j] * h[j];
    h[j + 1] = a1 > 0 ? a1 : 0;
    z += w2[j + 1] * h[j + 1];
    h[j + 2] = a2 > 0 ? a2 : 0;
    z += w2[j + 2] * h[j + 2];
    h[j + 3] = a3 > 0 ? a3 : 0;
    z += w2[j + 3] * h[j + 3];
  }
  for (; j < hidden; j++) {
    let a = b1[j];
    const row = j * inputs;
    for (let i = 0; i < inputs; i++) a += w1[row + i] * x[i];
    h[j] = a > 0 ? a : 0;
    z += w2[j] * h[j];
  }
  return z;
}

export function mlpScore(m: MlpModel, x: ArrayLike<number>): number {
  return sigmoid(mlpLogit(m, x));
}

const BETA1 = 0.9;
const BETA2 = 0.999;

/** Adam state of one parameter array; `lr` of a step already carries the bias corrections. */
class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }
  step(params: Float32Array, k: number, g: number, lr: number): void {
    const m = (this.m[k] = BETA1 * this.m[k] + (1 - BETA1) * g);
    const v = (this.v[k] = BETA2 * this.v[k] + (1 - BETA2) * g * g);
    params[k] -= (lr * m) / (Math.sqrt(v) + 1e-8);
  }
}

export function trainMlp(examples: readonly DenseExample[], inputs: number, o: MlpOptions): MlpModel {
  const random = seededRandom(o.seed);
  // Glorot-style initialisation from a seeded uniform
  const scale = Math.sqrt(6 / (inputs + o.hidden));
  const H = o.hidden;
  const m: MlpModel = {
    inputs,
    hidden: H,
    w1: Float32Array.from({ length: H * inputs }, () => (random() * 2 - 1) * scale),
    b1: new Float32Array(H),
    w2: Float32Array.from({ length: H }, () => (random() * 2 - 1) * Math.sqrt(6 / (H + 1))),
    b2: 0,
  };
  const b2 = new Float32Array(1);
  const adam = { w1: new Adam(m.w1.length), b1: new Adam(H), w2: new Adam(H), b2: new Adam(1) };
  // gradients summed over a mini-batch, then one Adam step
  const g1 = new Float32Array(H * inputs);
  const gb1 = new Float32Array(H);
  const g2 = new Float32Array(H);
  let gb2 = 0;
  const batch = o.batch ?? 16;
  const h = new Float32Array(H);
  const order = examples.map((_, i) => i);
  let c1 = 1;
  let c2 = 1;
  const apply = (count: number): void => {
    c1 *= BETA1;
    c2 *= BETA2;
    const lr = (o.learningRate * Math.sqrt(1 - c2)) / (1 - c1);
    for (let k = 0; k < g1.length; k++) adam.w1.step(m.w1, k, g1[k] / count + o.l2 * m.w1[k], lr);
    for (let j = 0; j < H; j++) {
      adam.b1.step(m.b1, j, gb1[j] / count, lr);
      adam.w2.step(m.w2, j, g2[j] / count + o.l2 * m.w2[j], lr);
    }
    adam.b2.step(b2, 0, gb2 / count, lr);
    m.b2 = b2[0];
    g1.fill(0);
    gb1.fill(0);
    g2.fill(0);
    gb2 = 0;
  };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let inBatch = 0;
    for (const index of order) {
      const { x, y, weight = 1 } = examples[index];
      const error = (sigmoid(mlpLogit(m, x, h)) - y) * weight;
      for (let j = 0; j < H; j++) {
        g2[j] += error * h[j];
        if (h[j] <= 0) continue;
        const gh = error * m.w2[j];
        gb1[j] += gh;
        const row = j * inputs;
        for (let i = 0; i < inputs; i++) g1[row + i] += gh * x[i];
      }
      gb2 += error;
      if (++inBatch === batch) {
        apply(inBatch);
        inBatch = 0;
      }
    }
    if (inBatch > 0) apply(inBatch);
  }
  m.b2 = b2[0];
  return m;
}

export interface StoredMlp {
  inputs: number;
  hidden: number;
  /** base64 of little-endian float32: w1, then b1, then w2 */
  weights: string;
  b2: number;
}

export function storeMlp(m: MlpModel): StoredMlp {
  const all = new Float32Array(m.w1.length + 2 * m.hidden);
  all.set(m.w1, 0);
  all.set(m.b1, m.w1.length);
  all.set(m.w2, m.w1.length + m.hidden);
  return { inputs: m.inputs, hidden: m.hidden, weights: Buffer.from(all.buffer).toString('base64'), b2: m.b2 };
}

export function loadMlp(s: StoredMlp): MlpModel {
  const bytes = Buffer.from(s.weights, 'base64');
  const n = s.hidden * s.inputs + 2 * s.hidden;
  if (bytes.length !== n * 4) throw new Error(`network weights: ${bytes.length} bytes, expected ${n * 4}`);
  const all = new Float32Array(n);
  new Uint8Array(all.buffer).set(bytes);
  const w1n = s.hidden * s.inputs;
  return { inputs: s.inputs, hidden: s.hidden, w1: all.slice(0, w1n), b1: all.slice(w1n, w1n + s.hidden), w2: all.slice(w1n + s.hidden), b2: s.b2 };
}
