import { seededRandom } from '../../src/core/random.js';

/**
 * The mean per-query difference a − b with its 95 % paired bootstrap interval: `replicates`
 * seeded resamples of the queries (seed 5), the 2.5th and 97.5th percentiles of their means.
 */
export function meanDifferenceInterval(a: readonly number[], b: readonly number[], replicates: number): { mean: number; low: number; high: number } {
  const d = a.map((x, i) => x - b[i]);
  const random = seededRandom(5);
  const means: number[] = [];
  for (let r = 0; r < replicates; r++) {
    let s = 0;
    for (let i = 0; i < d.length; i++) s += d[Math.floor(random() * d.length)];
    means.push(s / d.length);
  }
  means.sort((x, y) => x - y);
  return { mean: d.reduce((x, y) => x + y, 0) / d.length, low: means[replicates * 0.025 - 1], high: means[replicates * 0.975 - 1] };
}

/** A signed difference as the evaluations print it ("+0.0123"). */
export const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
