import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fnv1a } from './features.js';
import { seededRandom } from '../../core/random.js';

/**
 * Readers and fixed train/test splits of the public check-worthiness data in ../shared/data
 * (read at run time, never copied). The test parts are decided by rules, not by chance,
 * so training and evaluation always agree on them.
 */

export interface LabelledSentence {
  text: string;
  label: 0 | 1;
}

export interface ClaimBusterSentence extends LabelledSentence {
  id: number;
}

export interface Debate {
  name: string;
  sentences: LabelledSentence[];
}

export function sharedDataDir(root: string): string {
  return path.resolve(root, '../shared/data');
}

/** ClaimBuster test split: sentences whose FNV-1a hash of `sentence_id` is 0 mod 5 (about 20 %). */
export function isClaimBusterTest(id: number): boolean {
  return fnv1a(String(id)) % 5 === 0;
}

/**
 * CheckThat! 2019 debates held out for MAP: four whole transcripts from 2017–2018, after the
 * ClaimBuster debates (1960–2016) end, so no sentence of them can leak in through ClaimBuster.
 */
export const CHECKTHAT_TEST_DEBATES = [
  '20170228_trump_address.tsv',
  '20170928_trump_tax.tsv',
  '20180916_trump_miami.tsv',
  '20180926_un_press.tsv',
] as const;

export function readClaimBuster(dataDir: string): ClaimBusterSentence[] {
  const file = path.join(dataDir, 'claimbuster', 'train.json');
  const rows = JSON.parse(readFileSync(file, 'utf8')) as Array<{ sentence_id: number; label: number; text: string }>;
  return rows.map((r) => ({ id: r.sentence_id, text: r.text, label: r.label === 1 ? 1 : 0 }));
}

export function readCheckThatDebates(dataDir: string): Debate[] {
  const dir = path.join(dataDir, 'checkthat2019-task1-debates', 'training');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((name) => ({ name, sentences: parseCheckThat(readFileSync(path.join(dir, name), 'utf8')) }));
}

/** `line<TAB>speaker<TAB>text<TAB>label`, no header. */
export function parseCheckThat(tsv: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  for (const line of tsv.split(/\r?\n/)) {
    const cols = line.split('\t');
    if (cols.length < 4) continue;
    out.push({ text: cols[2], label: cols[3].trim() === '1' ? 1 : 0 });
  }
  return out;
}

/** Average precision of one ranking: mean of precision@k at each relevant item. */
export function averagePrecision(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  let hits = 0;
  let sum = 0;
  order.forEach((index, rank) => {
    if (labels[index] === 1) {
      hits++;
      sum += hits / (rank + 1);
    }
  });
  return hits === 0 ? 0 : sum / hits;
}

export interface BinaryScores {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export function precisionRecall(scores: number[], labels: number[], threshold = 0.5): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    if (s >= threshold && labels[i] === 1) tp++;
    else if (s >= threshold) fp++;
    else if (labels[i] === 1) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

/** ClaimBuster: up-weight the check-worthy class a little (28 % of sentences), for F1 at 0.5. */
export const CLAIMBUSTER_POSITIVE_WEIGHT = 2;
/** CheckThat!: far sparser labels (2.7 %); weighted so it shapes the ranking without dragging every score down. */
export const CHECKTHAT_NEGATIVE_WEIGHT = 0.05;
export const CHECKTHAT_POSITIVE_WEIGHT = 1.5;

export interface TrainingSentence extends LabelledSentence {
  /** importance in the loss */
  weight: number;
  source: 'claimbuster' | 'checkthat';
  /** stable key for folds: the ClaimBuster id, or debate name and line */
  key: string;
}

/**
 * Everything the check-worthiness model trains on: ClaimBuster minus its test split and the
 * CheckThat! 2019 training debates minus the four held-out ones, with the loss weights above.
 * The evaluation's baseline trains on exactly this too, so both see the same data.
 */
export function claimTrainingSet(dataDir: string): TrainingSentence[] {
  const out: TrainingSentence[] = [];
  for (const s of readClaimBuster(dataDir)) {
    if (isClaimBusterTest(s.id)) continue;
    out.push({ text: s.text, label: s.label, weight: s.label === 1 ? CLAIMBUSTER_POSITIVE_WEIGHT : 1, source: 'claimbuster', key: String(s.id) });
  }
  for (const debate of readCheckThatDebates(dataDir)) {
    if ((CHECKTHAT_TEST_DEBATES as readonly string[]).includes(debate.name)) continue;
    debate.sentences.forEach((s, i) =>
      out.push({ text: s.text, label: s.label, weight: s.label === 1 ? CHECKTHAT_POSITIVE_WEIGHT : CHECKTHAT_NEGATIVE_WEIGHT, source: 'checkthat', key: `${debate.name}:${i}` }),
    );
  }
  return out;
}

/** Calibration fold of a training sentence (0..folds-1): by hash, so it never changes. */
export function foldOf(key: string, folds: number): number {
  return fnv1a(`fold:${key}`) % folds;
}

/** A set of paired scores: one list of items (each with both systems' scores and its label). */
export interface PairedGroup {
  a: readonly number[];
  b: readonly number[];
  labels: readonly number[];
}

/**
 * Paired bootstrap of a difference of a metric between two systems scored on the same items:
 * each replicate draws every group's items again with replacement (within the group: a debate
 * stays a debate), computes `metric` for both systems on the same draw and keeps a − b. Returns
 * the difference on the data and the 2.5 and 97.5 percentiles of the replicates (seeded: the
 * same inputs give the same interval), and the share of replicates where a is not above b.
 */
export function pairedBootstrap(
  groups: readonly PairedGroup[],
  metric: (groups: ReadonlyArray<{ scores: number[]; labels: number[] }>) => number,
  options: { replicates?: number; seed?: number } = {},
): { difference: number; low: number; high: number; notAbove: number } {
  const replicates = options.replicates ?? 1000;
  const random = seededRandom(options.seed ?? 17);
  const of = (which: 'a' | 'b', picks: readonly number[][]): number =>
    metric(groups.map((g, k) => ({ scores: picks[k].map((i) => g[which][i]), labels: picks[k].map((i) => g.labels[i]) })));
  const identity = groups.map((g) => g.labels.map((_, i) => i));
  const difference = of('a', identity) - of('b', identity);
  const diffs: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const picks = groups.map((g) => g.labels.map(() => Math.floor(random() * g.labels.length)));
    diffs.push(of('a', picks) - of('b', picks));
  }
  diffs.sort((x, y) => x - y);
  const at = (q: number): number => diffs[Math.min(diffs.length - 1, Math.max(0, Math.round(q * (diffs.length - 1))))];
  return { difference, low: at(0.025), high: at(0.975), notAbove: diffs.filter((d) => d <= 0).length / diffs.length };
}

/** Mean average precision over groups (the CheckThat! measure). */
export function meanAveragePrecision(groups: ReadonlyArray<{ scores: number[]; labels: number[] }>): number {
  return groups.reduce((sum, g) => sum + averagePrecision(g.scores, g.labels), 0) / Math.max(1, groups.length);
}
