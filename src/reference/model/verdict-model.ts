import { maxOf } from '../../core/arrays.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths.js';
import { linearScore, sigmoid } from '../../nlp/logistic.js';
import type { Assessment } from '../checks.js';
import type { TextFacts } from '../facts.js';
import { verdictFeatures, VERDICT_DIM } from './features.js';

/**
 * The trained verdict model (models/verdict.json, scripts/train-verdict-model.ts): two logistic
 * models over the pair features, P(the passage supports the claim) and P(it refutes it), and the
 * claim-level thresholds tuned on the tuning split. It never decides a verdict on its own: the
 * verdict comes from the explainable checks, the model's leaning is shown beside it.
 */

export interface VerdictModel {
  supports: Float32Array;
  supportsBias: number;
  refutes: Float32Array;
  refutesBias: number;
  thresholds: { supports: number; refutes: number };
}

interface StoredModel {
  dim: number;
  supports: { bias: number; weights: Array<[number, number]> };
  refutes: { bias: number; weights: Array<[number, number]> };
  thresholds: { supports: number; refutes: number };
}

export const VERDICT_MODEL_PATH = join(packageRoot(), 'models', 'verdict.json');

export function toStored(model: VerdictModel): StoredModel {
  const sparse = (w: Float32Array) => {
    const out: Array<[number, number]> = [];
    w.forEach((v, i) => {
      const r = Math.round(v * 1e4) / 1e4;
      if (r !== 0) out.push([i, r]);
    });
    return out;
  };
  return { dim: VERDICT_DIM, supports: { bias: model.supportsBias, weights: sparse(model.supports) }, refutes: { bias: model.refutesBias, weights: sparse(model.refutes) }, thresholds: model.thresholds };
}

let loaded: VerdictModel | null = null;

export function loadVerdictModel(): VerdictModel {
  if (loaded) return loaded;
  const stored = JSON.parse(readFileSync(VERDICT_MODEL_PATH, 'utf8')) as StoredModel;
  const dense = (pairs: Array<[number, number]>) => {
    const w = new Float32Array(stored.dim);
    for (const [i, v] of pairs) w[i] = v;
    return w;
  };
  loaded = { supports: dense(stored.supports.weights), supportsBias: stored.supports.bias, refutes: dense(stored.refutes.weights), refutesBias: stored.refutes.bias, thresholds: stored.thresholds };
  return loaded;
}

export function scorePair(claim: TextFacts, passage: TextFacts, a: Assessment, model = loadVerdictModel()): { supports: number; refutes: number } {
  const x = verdictFeatures(claim, passage, a);
  return { supports: sigmoid(linearScore(model.supports, model.supportsBias, x)), refutes: sigmoid(linearScore(model.refutes, model.refutesBias, x)) };
}

/** Claim-level leaning from per-passage probabilities, with the tuned thresholds. */
export function claimLeaning(scores: Array<{ supports: number; refutes: number }>, model = loadVerdictModel()): 'SUPPORTS' | 'REFUTES' | 'NOT_ENOUGH_INFO' {
  if (scores.length === 0) return 'NOT_ENOUGH_INFO';
  const ms = maxOf(scores.map((s) => s.supports));
  const mr = maxOf(scores.map((s) => s.refutes));
  const { supports: ts, refutes: tr } = model.thresholds;
  if (mr > tr && mr - tr >= ms - ts) return 'REFUTES';
  if (ms > ts) return 'SUPPORTS';
  return 'NOT_ENOUGH_INFO';
}
