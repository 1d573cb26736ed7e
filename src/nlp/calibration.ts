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
