import { sigmoid } from './logistic.js';

/**
 * Turning model scores into probabilities that mean what they say, and measuring how well
 * they do. Platt scaling fits p = σ(a·logit(s) + b) on a split the model was not trained on
 * (with Platt's smoothed targets, so a perfectly separated split does not give infinite
 * slopes); reliability bins and the expected calibration error (ECE) measure the result.
 */

export interface PlattCalibration {
  method: 'platt';
  a: number;
  b: number;
  /** examples it was fitted on, and on what */
  fittedOn: string;
  n: number;
}

const EPS = 1e-6;

export function logit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

/** Fits Platt scaling by Newton's method on scores in (0, 1) and 0/1 labels. */
export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>, fittedOn: string): PlattCalibration {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  const z = Array.from({ length: n }, (_, i) => logit(scores[i]));
  const t = Array.from({ length: n }, (_, i) => (labels[i] === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * z[i] + b);
      const d = p - t[i];
      const w = Math.max(p * (1 - p), 1e-12);
      ga += d * z[i];
      gb += d;
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    haa += 1e-9;
    hbb += 1e-9;
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { method: 'platt', a, b, fittedOn, n };
}

export function applyPlatt(calibration: Pick<PlattCalibration, 'a' | 'b'>, score: number): number {
  return sigmoid(calibration.a * logit(score) + calibration.b);
}

export interface ReliabilityBin {
  /** [from, to) of predicted probability (the last bin includes 1) */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  /** share of the bin's examples that are positive */
  observed: number;
}

/** Equal-width reliability bins and the expected calibration error (count-weighted |observed − predicted|). */
export function reliability(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): { bins: ReliabilityBin[]; ece: number; brier: number } {
  const sums = Array.from({ length: bins }, () => ({ count: 0, predicted: 0, positive: 0 }));
  let brier = 0;
  const n = probabilities.length;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    const k = Math.min(bins - 1, Math.floor(p * bins));
    sums[k].count++;
    sums[k].predicted += p;
    sums[k].positive += labels[i] === 1 ? 1 : 0;
    brier += (p - (labels[i] === 1 ? 1 : 0)) ** 2;
  }
  let ece = 0;
  const out = sums.map((s, k) => {
    const meanPredicted = s.count > 0 ? s.predicted / s.count : 0;
    const observed = s.count > 0 ? s.positive / s.count : 0;
    if (n > 0) ece += (s.count / n) * Math.abs(observed - meanPredicted);
    return { from: k / bins, to: (k + 1) / bins, count: s.count, meanPredicted, observed };
  });
  return { bins: out, ece, brier: n > 0 ? brier / n : 0 };
}

/** The reliability table as text lines, for the evaluation scripts. */
export function formatReliability(name: string, r: { bins: ReliabilityBin[]; ece: number; brier: number }): string[] {
  const lines = [`  ${name}: ECE ${r.ece.toFixed(3)}, Brier ${r.brier.toFixed(3)}; reliability (bin: n, mean predicted → observed)`];
  const cells = r.bins.filter((b) => b.count > 0).map((b) => `[${b.from.toFixed(1)},${b.to.toFixed(1)}) ${b.count}: ${b.meanPredicted.toFixed(2)}→${b.observed.toFixed(2)}`);
  for (let i = 0; i < cells.length; i += 5) lines.push(`    ${cells.slice(i, i + 5).join('  ')}`);
  return lines;
}

/** A calibrated combination of several models' logits: p = σ(Σ weights[i]·z[i] + bias). */
export interface StackedCalibration {
  method: 'stacked-logistic';
  weights: number[];
  bias: number;
  fittedOn: string;
  n: number;
}

/**
 * Fits the combination by Newton's method on held-out logits (one row of k logits per
 * example), with Platt's smoothed targets and a tiny ridge so collinear inputs stay finite.
 * With one input it is Platt scaling on logits.
 */
export function fitStacked(inputs: ReadonlyArray<ArrayLike<number>>, labels: ArrayLike<number>, fittedOn: string): StackedCalibration {
  const n = inputs.length;
  const k = n > 0 ? inputs[0].length : 0;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  const p = k + 1; // the bias is the last parameter
  const theta = new Float64Array(p);
  for (let iter = 0; iter < 100; iter++) {
    const g = new Float64Array(p);
    const h = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      let z = theta[k];
      for (let j = 0; j < k; j++) z += theta[j] * inputs[i][j];
      const q = sigmoid(z);
      const d = q - (labels[i] === 1 ? hi : lo);
      const w = Math.max(q * (1 - q), 1e-12);
      for (let a = 0; a < p; a++) {
        const xa = a === k ? 1 : inputs[i][a];
        g[a] += d * xa;
        for (let b = 0; b < p; b++) h[a * p + b] += w * xa * (b === k ? 1 : inputs[i][b]);
      }
    }
    for (let a = 0; a < p; a++) {
      h[a * p + a] += 1e-6;
      if (a < k) g[a] += 1e-6 * theta[a];
    }
    const step = solve(h, g, p);
    let size = 0;
    for (let a = 0; a < p; a++) {
      theta[a] -= step[a];
      size = Math.max(size, Math.abs(step[a]));
    }
    if (size < 1e-10) break;
  }
  return { method: 'stacked-logistic', weights: Array.from(theta.subarray(0, k)), bias: theta[k], fittedOn, n };
}

export function applyStacked(c: Pick<StackedCalibration, 'weights' | 'bias'>, logits: ArrayLike<number>): number {
  let z = c.bias;
  for (let j = 0; j < c.weights.length; j++) z += c.weights[j] * logits[j];
  return sigmoid(z);
}

/** Gaussian elimination with partial pivoting: the solution x of A·x = b (A is p × p, row-major). */
function solve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r * p + c]) > Math.abs(m[pivot * p + c])) pivot = r;
    if (pivot !== c) {
      for (let j = 0; j < p; j++) [m[c * p + j], m[pivot * p + j]] = [m[pivot * p + j], m[c * p + j]];
      [x[c], x[pivot]] = [x[pivot], x[c]];
    }
    const d = m[c * p + c] || 1e-18;
    for (let r = c + 1; r < p; r++) {
      const f = m[r * p + c] / d;
      if (f === 0) continue;
      for (let j = c; j < p; j++) m[r * p + j] -= f * m[c * p + j];
      x[r] -= f * x[c];
    }
  }
  for (let c = p - 1; c >= 0; c--) {
    let s = x[c];
    for (let j = c + 1; j < p; j++) s -= m[c * p + j] * x[j];
    x[c] = s / (m[c * p + c] || 1e-18);
  }
  return x;
}

/**
 * A decision threshold on calibrated probabilities, chosen on held-out (out-of-fold) scores:
 * the cut that maximises F1 of the positive class. The probabilities stay as they are (a score
 * still reads as a probability); only the yes/no decision moves. 0.5 is F1-optimal only when
 * precision and recall happen to balance there.
 */
export interface DecisionThreshold {
  method: 'max-f1';
  threshold: number;
  /** out-of-fold precision, recall and F1 at the threshold */
  precision: number;
  recall: number;
  f1: number;
  fittedOn: string;
  n: number;
}

/**
 * The F1-maximising cut among `grid` (default 0.05, 0.06, …, 0.95: two decimals, so the
 * threshold can be documented and typed as it is); ties go to the higher cut (fewer findings).
 */
export function chooseF1Threshold(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  fittedOn: string,
  grid: readonly number[] = Array.from({ length: 91 }, (_, i) => Math.round((0.05 + i / 100) * 100) / 100),
): DecisionThreshold {
  const n = probabilities.length;
  if (n === 0 || grid.length === 0) throw new Error('chooseF1Threshold: no scores or no candidate thresholds');
  let best: DecisionThreshold | null = null;
  for (const t of grid) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < n; i++) {
      const yes = probabilities[i] >= t;
      if (labels[i] === 1) {
        if (yes) tp++;
        else fn++;
      } else if (yes) fp++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (!best || f1 >= best.f1) best = { method: 'max-f1', threshold: t, precision, recall, f1, fittedOn, n };
  }
  return best as DecisionThreshold;
}
