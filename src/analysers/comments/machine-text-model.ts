import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths.js';
import { commonWords, describeFeature, fnv1a, maskTokens, stripPlatformMarks, textFeatures, type Feature, type FeatureGroup } from './machine-text-features.js';

/**
 * The machine-written-text model: logistic regression over hashed style features
 * (./machine-text-features.ts), weights in models/machine-text.json (scripts/train-machine-text.ts).
 * Scores one short text and names the features that pushed it towards "generated".
 */

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface MachineTextModel {
  bits: number;
  weights: Float32Array;
  bias: number;
  /** probability at or above which the signal reaches 0.5 (chosen on the dev split for precision) */
  threshold: number;
  /** mean probability over a section's (or account's) comments at or above which the section reads as machine-written */
  sectionThreshold: number;
  /** words seen in lower case in training: other capitalised words are names, masked (machine-text-features.ts) */
  lower?: ReadonlySet<string>;
  /** how the weights were made and what they measured; free-form, shown in docs */
  meta: Record<string, unknown>;
}

export interface Contribution {
  key: string;
  group: FeatureGroup;
  weight: number;
}

export interface MachineTextScore {
  probability: number;
  /** features pushing towards machine-written, strongest first */
  towards: Contribution[];
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Hashed vector of the features (collisions add up). */
export function vectorize(features: Feature[], bits: number): SparseVector {
  const mask = (1 << bits) - 1;
  const sums = new Map<number, number>();
  for (const f of features) {
    const index = fnv1a(f.key) & mask;
    sums.set(index, (sums.get(index) ?? 0) + f.value);
  }
  const indices = [...sums.keys()].sort((a, b) => a - b);
  return { indices: Int32Array.from(indices), values: Float32Array.from(indices.map((i) => sums.get(i) ?? 0)) };
}

export function dot(weights: Float32Array, bias: number, x: SparseVector): number {
  let z = bias;
  for (let k = 0; k < x.indices.length; k++) z += weights[x.indices[k]] * x.values[k];
  return z;
}

/** Texts too short, or without English function words, are not scored: the model knows English tweets only. */
export function applicable(text: string): boolean {
  const words = maskTokens(stripPlatformMarks(text)).filter((t) => t.kind === 'word' || t.kind === 'function');
  if (words.length < 4) return false;
  return words.filter((t) => t.kind === 'function').length / words.length >= 0.15;
}

export function scoreText(model: MachineTextModel, text: string): MachineTextScore {
  const features = textFeatures(text, model.lower);
  const mask = (1 << model.bits) - 1;
  const z = dot(model.weights, model.bias, vectorize(features, model.bits));
  const towards = features
    .map((f) => ({ key: f.key, group: f.group, weight: model.weights[fnv1a(f.key) & mask] * f.value }))
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1));
  return { probability: sigmoid(z), towards };
}

/** Maps a probability to the signal's 0..1 score: 0.5 exactly at the model's threshold, linear on either side. */
export function signalScore(model: MachineTextModel, probability: number): number {
  const t = model.threshold;
  return probability < t ? (0.5 * probability) / t : 0.5 + (0.5 * (probability - t)) / (1 - t);
}

const GROUP_TEXT: Record<FeatureGroup, string> = {
  char: 'character patterns',
  word: 'word sequences',
  style: 'style',
};

/** "character patterns typical of generated text: "the W", …; word sequences: …; style: …" (masked: w = a word, W = a capitalised word, 0 = a number, U = a link, @ = a mention). */
export function explainScore(score: MachineTextScore, perGroup = 3): string {
  const parts: string[] = [];
  for (const group of ['char', 'word', 'style'] as FeatureGroup[]) {
    const top = score.towards.filter((c) => c.group === group).slice(0, perGroup);
    if (top.length > 0) parts.push(`${GROUP_TEXT[group]} ${top.map((c) => describeFeature(c.key)).join(', ')}`);
  }
  return `style typical of generated text (${Math.round(score.probability * 100)}% by the model): ${parts.join('; ')}`;
}

// ---- serialisation: weights quantised to 16 bits, base64 ------------------------------

interface ModelFile {
  format: 'discern-machine-text/1';
  bits: number;
  bias: number;
  threshold: number;
  sectionThreshold: number;
  scale: number;
  weights: string;
  lower?: string[];
  meta: Record<string, unknown>;
}

export function serializeModel(model: MachineTextModel): string {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.weights[i] / scale);
  const file: ModelFile = {
    format: 'discern-machine-text/1',
    bits: model.bits,
    bias: model.bias,
    threshold: model.threshold,
    sectionThreshold: model.sectionThreshold,
    scale,
    meta: model.meta,
    ...(model.lower ? { lower: [...model.lower].sort() } : {}),
    weights: Buffer.from(q.buffer).toString('base64'),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

export function parseModel(json: string): MachineTextModel {
  const file = JSON.parse(json) as ModelFile;
  if (file.format !== 'discern-machine-text/1') throw new Error(`unknown machine-text model format ${String(file.format)}`);
  const bytes = Buffer.from(file.weights, 'base64');
  const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i] * file.scale;
  if (weights.length !== 1 << file.bits) throw new Error('machine-text model: weight count does not match its bits');
  const lower = file.lower ? new Set(file.lower) : commonWords();
  return { bits: file.bits, weights, bias: file.bias, threshold: file.threshold, sectionThreshold: file.sectionThreshold, lower, meta: file.meta };
}

export const MODEL_FILE = 'machine-text.json';
let cached: MachineTextModel | null | undefined;

/** models/machine-text.json, or null when it is missing (the signal is then skipped). */
export function loadMachineTextModel(): MachineTextModel | null {
  if (cached !== undefined) return cached;
  const file = join(packageRoot(), 'models', MODEL_FILE);
  cached = existsSync(file) ? parseModel(readFileSync(file, 'utf8')) : null;
  return cached;
}
