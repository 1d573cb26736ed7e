import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiscernError } from '../../core/errors.js';
import { packageRoot } from '../../core/paths.js';
import { featurize } from './features.js';
import { applyPlatt, type PlattCalibration } from '../../nlp/calibration.js';
import { predict, type LinearModel } from './logistic.js';

/**
 * The check-worthiness model: trained by scripts/train-claims.ts, stored in models/claims.json
 * (weights as base64 little-endian float32), loaded once, synchronously, on first use.
 */

export const MODEL_FORMAT = 'discern-claims-logreg-v2';

export interface ClaimModelFile {
  format: typeof MODEL_FORMAT;
  dim: number;
  bias: number;
  /** base64 of a little-endian Float32Array of length `dim` */
  weights: string;
  /** base64 of a little-endian Float32Array of length `dim`: IDF per bucket */
  idf: string;
  /** words seen in lower case in training: other capitalised words are masked as names */
  lower: string[];
  /** raw score → probability of check-worthy, fitted on out-of-fold training predictions */
  calibration: PlattCalibration;
  /** how it was trained: data, split, hyper-parameters, held-out figures */
  training: Record<string, unknown>;
}

export interface ClaimModel extends LinearModel {
  dim: number;
  idf: Float32Array;
  lower: ReadonlySet<string>;
  calibration: PlattCalibration;
  training: Record<string, unknown>;
}

/** The folder holding package.json (src/ under tsx, dist/ when compiled: both resolve the same). */
export function repoRoot(): string {
  return packageRoot();
}

export function modelPath(): string {
  return path.join(repoRoot(), 'models', 'claims.json');
}

function toBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function fromBase64(text: string, dim: number, what: string, source: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== dim * 4) throw new DiscernError('INPUT_MALFORMED', `the claims model ${what} do not match its dimension`, source);
  // copy into an aligned buffer: Buffer slices may start at an odd offset
  const out = new Float32Array(dim);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function serializeModel(model: Omit<ClaimModel, 'training'>, training: Record<string, unknown>): ClaimModelFile {
  return {
    format: MODEL_FORMAT,
    dim: model.dim,
    bias: model.bias,
    weights: toBase64(model.weights),
    idf: toBase64(model.idf),
    lower: [...model.lower].sort(),
    calibration: model.calibration,
    training,
  };
}

export function parseModel(json: string, source: string): ClaimModel {
  let file: Partial<ClaimModelFile>;
  try {
    file = JSON.parse(json) as Partial<ClaimModelFile>;
  } catch (error) {
    throw new DiscernError('INPUT_MALFORMED', 'the claims model is not valid JSON', source, { cause: error });
  }
  if (
    file.format !== MODEL_FORMAT || typeof file.dim !== 'number' || typeof file.weights !== 'string' || typeof file.bias !== 'number' ||
    typeof file.idf !== 'string' || !Array.isArray(file.lower) || file.calibration?.method !== 'platt'
  ) {
    throw new DiscernError('INPUT_MALFORMED', `the claims model is not in format ${MODEL_FORMAT}`, source);
  }
  return {
    weights: fromBase64(file.weights, file.dim, 'weights', source),
    idf: fromBase64(file.idf, file.dim, 'IDF values', source),
    bias: file.bias,
    dim: file.dim,
    lower: new Set(file.lower),
    calibration: file.calibration,
    training: file.training ?? {},
  };
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

/** The model's uncalibrated score (for training and calibration). */
export function rawScore(text: string, model: ClaimModel): number {
  return predict(model, featurize(text, { dim: model.dim, lower: model.lower, idf: model.idf }));
}

/** Probability that a sentence is check-worthy (calibrated; 0.5 or more: check-worthy). */
export function scoreSentence(text: string, model: ClaimModel = loadClaimModel()): number {
  return applyPlatt(model.calibration, rawScore(text, model));
}
