import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiscernError } from '../../core/errors.js';
import { packageRoot } from '../../core/paths.js';
import { featurize } from './features.js';
import { predict, type LinearModel } from './logistic.js';

/**
 * The check-worthiness model: trained by scripts/train-claims.ts, stored in models/claims.json
 * (weights as base64 little-endian float32), loaded once, synchronously, on first use.
 */

export const MODEL_FORMAT = 'discern-claims-logreg-v1';

export interface ClaimModelFile {
  format: typeof MODEL_FORMAT;
  dim: number;
  bias: number;
  /** base64 of a little-endian Float32Array of length `dim` */
  weights: string;
  /** how it was trained: data, split, hyper-parameters, held-out figures */
  training: Record<string, unknown>;
}

export interface ClaimModel extends LinearModel {
  dim: number;
  training: Record<string, unknown>;
}

/** The folder holding package.json (src/ under tsx, dist/ when compiled: both resolve the same). */
export function repoRoot(): string {
  return packageRoot();
}

export function modelPath(): string {
  return path.join(repoRoot(), 'models', 'claims.json');
}

export function serializeModel(model: LinearModel, dim: number, training: Record<string, unknown>): ClaimModelFile {
  const bytes = Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength);
  return { format: MODEL_FORMAT, dim, bias: model.bias, weights: bytes.toString('base64'), training };
}

export function parseModel(json: string, source: string): ClaimModel {
  let file: Partial<ClaimModelFile>;
  try {
    file = JSON.parse(json) as Partial<ClaimModelFile>;
  } catch (error) {
    throw new DiscernError('INPUT_MALFORMED', 'the claims model is not valid JSON', source, { cause: error });
  }
  if (file.format !== MODEL_FORMAT || typeof file.dim !== 'number' || typeof file.weights !== 'string' || typeof file.bias !== 'number') {
    throw new DiscernError('INPUT_MALFORMED', `the claims model is not in format ${MODEL_FORMAT}`, source);
  }
  const bytes = Buffer.from(file.weights, 'base64');
  if (bytes.length !== file.dim * 4) throw new DiscernError('INPUT_MALFORMED', 'the claims model weights do not match its dimension', source);
  // copy into an aligned buffer: Buffer slices may start at an odd offset
  const weights = new Float32Array(file.dim);
  new Uint8Array(weights.buffer).set(bytes);
  return { weights, bias: file.bias, dim: file.dim, training: file.training ?? {} };
}

let loaded: ClaimModel | null = null;

export function loadClaimModel(): ClaimModel {
  if (loaded) return loaded;
  const file = modelPath();
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DiscernError('INPUT_NOT_FOUND', 'the claims model is missing: run `npm run train:claims`', file, { cause: error });
  }
  loaded = parseModel(json, file);
  return loaded;
}

/** 0..1: how check-worthy a sentence is (0.5 or more: check-worthy). */
export function scoreSentence(text: string, model: ClaimModel = loadClaimModel()): number {
  return predict(model, featurize(text, { dim: model.dim }));
}
