import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiscernError } from '../../../core/errors.js';
import { packageRoot } from '../../../core/paths.js';
import { overlaps, prepareText, relatednessFeatures, stanceFeatures, type Idf, type PreparedText } from './features.js';
import { decodeFloats, encodeFloats } from './floats.js';
import { softmaxScores, type SoftmaxModel } from '../../../nlp/logistic.js';
import { applyPlatt, type PlattCalibration } from '../../../nlp/calibration.js';

/**
 * The stance of a text towards a claim: agree | disagree | discuss | unrelated. Two stages,
 * as the task is built: a relatedness model (is the text about the claim at all?) and, for
 * related pairs, a three-way stance model. Trained by scripts/train-stance.ts on FNC-1 with
 * the shared softmax trainer (src/nlp/logistic.ts); weights in models/stance.json.
 */

/** v2: weights feature-major (dim × classes), as src/nlp/logistic.ts lays them out */
export const STANCE_FORMAT = 'discern-stance-v2';
export const STANCE_LABELS = ['agree', 'disagree', 'discuss', 'unrelated'] as const;
export type StanceLabel = (typeof STANCE_LABELS)[number];
export const RELATED_LABELS = ['agree', 'disagree', 'discuss'] as const;

export interface StanceModel {
  idf: Idf;
  relatedBits: number;
  stanceBits: number;
  related: SoftmaxModel;
  stance: SoftmaxModel;
  /**
   * Platt scaling of the label's raw probability into the probability that the label is
   * right, one for "unrelated" and one for the related labels (the two stages are over- and
   * under-confident differently); fitted on held-out stories. Absent: raw probabilities.
   */
  calibration?: StanceCalibration;
  training: Record<string, unknown>;
}

export interface StanceCalibration {
  unrelated: PlattCalibration;
  related: PlattCalibration;
}

interface ModelFile {
  format: string;
  idf: { bits: number; fallback: number; values: string; names?: string[]; nameValue?: number };
  related: { bits: number; bias: number[]; weights: string };
  stance: { bits: number; bias: number[]; weights: string };
  calibration?: StanceCalibration;
  training: Record<string, unknown>;
}

export function stanceModelPath(): string {
  return path.join(packageRoot(), 'models', 'stance.json');
}

export function serializeStanceModel(m: StanceModel): string {
  const file: ModelFile = {
    format: STANCE_FORMAT,
    idf: {
      bits: m.idf.bits, fallback: m.idf.fallback, values: encodeFloats(m.idf.values),
      ...(m.idf.names ? { names: [...m.idf.names].sort(), nameValue: m.idf.nameValue } : {}),
    },
    related: { bits: m.relatedBits, bias: [...m.related.bias], weights: encodeFloats(m.related.weights) },
    stance: { bits: m.stanceBits, bias: [...m.stance.bias], weights: encodeFloats(m.stance.weights) },
    ...(m.calibration ? { calibration: m.calibration } : {}),
    training: m.training,
  };
  return `${JSON.stringify(file)}\n`;
}

export function parseStanceModel(json: string, source: string): StanceModel {
  let file: Partial<ModelFile>;
  try {
    file = JSON.parse(json) as Partial<ModelFile>;
  } catch (error) {
    throw new DiscernError('INPUT_MALFORMED', 'the stance model is not valid JSON', source, { cause: error });
  }
  const bad = (): never => {
    throw new DiscernError('INPUT_MALFORMED', `the stance model is not in format ${STANCE_FORMAT}`, source);
  };
  if (file.format !== STANCE_FORMAT || !file.idf || !file.related || !file.stance) return bad();
  const idfValues = decodeFloats(file.idf.values, 1 << file.idf.bits);
  const rDim = 1 << file.related.bits;
  const sDim = 1 << file.stance.bits;
  const rw = decodeFloats(file.related.weights, 2 * rDim);
  const sw = decodeFloats(file.stance.weights, 3 * sDim);
  if (!idfValues || !rw || !sw) return bad();
  const c = file.calibration;
  const platt = (x: PlattCalibration | undefined): boolean => x?.method === 'platt' && Number.isFinite(x.a) && Number.isFinite(x.b);
  if (c !== undefined && !(platt(c.unrelated) && platt(c.related))) {
    throw new DiscernError('INPUT_MALFORMED', 'the stance model has a malformed calibration (two Platt scalings expected: unrelated, related)', source);
  }
  return {
    idf: {
      bits: file.idf.bits, fallback: file.idf.fallback, values: idfValues,
      ...(Array.isArray(file.idf.names) ? { names: new Set(file.idf.names), nameValue: file.idf.nameValue } : {}),
    },
    relatedBits: file.related.bits,
    stanceBits: file.stance.bits,
    related: { classes: 2, weights: rw, bias: Float32Array.from(file.related.bias) },
    stance: { classes: 3, weights: sw, bias: Float32Array.from(file.stance.bias) },
    ...(c ? { calibration: c } : {}),
    training: file.training ?? {},
  };
}

let loaded: StanceModel | null = null;

export function loadStanceModel(): StanceModel {
  if (loaded) return loaded;
  const file = stanceModelPath();
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DiscernError('INPUT_NOT_FOUND', 'the stance model is missing: run `npm run train:stance`', file, { cause: error });
  }
  loaded = parseStanceModel(json, file);
  return loaded;
}

export interface StanceResult {
  label: StanceLabel;
  /** probability that the label is right (calibrated when the model has a calibration) */
  score: number;
}

/** The label and its raw probability under the two-stage model, before calibration. */
export function classifyRaw(model: StanceModel, claim: PreparedText, claimText: string, text: PreparedText): StanceResult {
  const o = overlaps(claim, text, model.idf);
  const pRelated = softmaxScores(model.related, relatednessFeatures(o, model.relatedBits))[1];
  if (pRelated < 0.5) return { label: 'unrelated', score: 1 - pRelated };
  const p = softmaxScores(model.stance, stanceFeatures(claim, claimText, text, o, model.stanceBits, model.idf.names));
  let best = 0;
  for (let c = 1; c < 3; c++) if (p[c] > p[best]) best = c;
  return { label: RELATED_LABELS[best], score: pRelated * p[best] };
}

/** Texts are prepared once and can be reused across many claims (e.g. one body, many headlines). */
export function classifyPrepared(model: StanceModel, claim: PreparedText, claimText: string, text: PreparedText): StanceResult {
  const raw = classifyRaw(model, claim, claimText, text);
  const c = model.calibration;
  if (!c) return { label: raw.label, score: round(raw.score) };
  return { label: raw.label, score: round(applyPlatt(raw.label === 'unrelated' ? c.unrelated : c.related, raw.score)) };
}

export function classifyStance(claim: string, text: string, model: StanceModel = loadStanceModel()): StanceResult {
  return classifyPrepared(model, prepareText(claim), claim, prepareText(text));
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
