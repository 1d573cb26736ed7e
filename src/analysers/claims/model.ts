import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiscernError } from '../../core/errors.js';
import { packageRoot } from '../../core/paths.js';
import { denseFeatures, denseSize, featureSpace, featurize, sentenceParts, type SentenceParts } from './features.js';
import { loadMlp, mlpLogit, storeMlp, type MlpModel, type StoredMlp } from '../../nlp/mlp.js';
import { embeddingsSignature, loadEmbeddings, type Embeddings, type EmbeddingsSignature } from '../../nlp/embeddings.js';
import { applyPlatt, applyStacked, logit, type DecisionThreshold, type PlattCalibration, type StackedCalibration } from '../../nlp/calibration.js';
import { predict, sigmoid, type LinearModel } from './logistic.js';

/**
 * The check-worthiness model: trained by scripts/train-claims.ts, stored in models/claims.json
 * (weights as base64 little-endian float32), loaded once, synchronously, on first use.
 */

export const MODEL_FORMAT = 'discern-claims-logreg-v3';

export interface ClaimModelFile {
  format: typeof MODEL_FORMAT;
  dim: number;
  bias: number;
  /** base64 of a little-endian Float32Array: `dim` hashed weights, then 2 × dims for the pooled vectors */
  weights: string;
  /** the word vectors (models/embeddings.bin) it uses, or null */
  embeddings: EmbeddingsSignature | null;
  /** base64 of a little-endian Float32Array of length `dim`: IDF per bucket */
  idf: string;
  /** words seen in lower case in training: other capitalised words are masked as names */
  lower: string[];
  /**
   * The gazetteer's one-word names, masked whatever their case (absent before claims 1.6.0:
   * lower-case names were not masked).
   */
  names?: string[];
  /** raw score → probability of check-worthy, fitted on out-of-fold training predictions */
  calibration: PlattCalibration;
  /**
   * The ensemble, when there is one: a network over pooled word vectors and cues, and the
   * calibrated combination of the two models' logits (linear first), fitted out-of-fold.
   * Its probability replaces the linear model's calibrated one.
   */
  ensemble: { network: StoredMlp; combination: StackedCalibration } | null;
  /** neighbouring sentences' evidence (absent in files before claims 1.3.0: no context) */
  context?: ContextCombination | null;
  /**
   * The "check-worthy" cut on the calibrated probability, chosen out of fold (absent in files
   * before claims 1.4.0: 0.5). The analyser reports sentences at or above it.
   */
  decision?: DecisionThreshold | null;
  /** how it was trained: data, split, hyper-parameters, held-out figures */
  training: Record<string, unknown>;
}

/**
 * How a sentence's neighbours move its score: in running text (debates, articles) check-worthy
 * sentences come in runs, so the logit of a sentence is shifted by `previous`·(z₋₁ − z̄) +
 * `next`·(z₊₁ − z̄), its neighbours' logits against the text's mean logit z̄. Fitted as a
 * logistic combination on out-of-fold logits of held-out debates and divided by the weight of
 * the sentence's own logit, so it re-ranks sentences of one text and leaves a sentence whose
 * neighbours are average (and a sentence alone) at its calibrated probability.
 */
export interface ContextCombination {
  method: 'neighbour-logits';
  previous: number;
  next: number;
  /**
   * Weight of the stronger neighbour, max(z₋₁, z₊₁) − z̄ (absent before claims 1.6.0: 0): a
   * claim beside one check-worthy sentence is lifted whichever side that sentence is on.
   */
  stronger?: number;
  /**
   * Weight of the sentence's place in the text, i/n − (n − 1)/2n (from −½ at the start to +½ at
   * the end; absent before claims 1.6.0: 0; since 1.7.0 not fitted, 0: see scripts/train-claims.ts
   * contextInputsUsed). Negative as fitted in 1.6.0: in the training debates, as in
   * news written lead first, the check-worthy sentences come early and the closing lines are
   * thanks and chatter.
   */
  position?: number;
  fittedOn: string;
  n: number;
}

export interface ClaimModel extends LinearModel {
  dim: number;
  idf: Float32Array;
  lower: ReadonlySet<string>;
  /** masked whatever their case (see ClaimModelFile.names) */
  names: ReadonlySet<string>;
  embeddings: Embeddings | null;
  calibration: PlattCalibration;
  ensemble: { network: MlpModel; combination: StackedCalibration } | null;
  context: ContextCombination | null;
  decision: DecisionThreshold | null;
  training: Record<string, unknown>;
}

/** Files without a chosen threshold (before claims 1.4.0) decided at 0.5. */
export const LEGACY_THRESHOLD = 0.5;

/** The probability from which a sentence counts as check-worthy under this model. */
export function decisionThreshold(model: Pick<ClaimModel, 'decision'> = loadClaimModel()): number {
  return model.decision?.threshold ?? LEGACY_THRESHOLD;
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
    embeddings: model.embeddings ? embeddingsSignature(model.embeddings) : null,
    idf: toBase64(model.idf),
    lower: [...model.lower].sort(),
    names: [...model.names].sort(),
    calibration: model.calibration,
    ensemble: model.ensemble ? { network: storeMlp(model.ensemble.network), combination: model.ensemble.combination } : null,
    context: model.context,
    decision: model.decision,
    training,
  };
}

/** `embeddings`: the vectors to use when the file names some (default: the committed ones). */
export function parseModel(json: string, source: string, embeddings: () => Embeddings = loadEmbeddings): ClaimModel {
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
  let vectors: Embeddings | null = null;
  if (file.embeddings) {
    vectors = embeddings();
    const have = embeddingsSignature(vectors);
    if (JSON.stringify(have) !== JSON.stringify(file.embeddings)) {
      throw new DiscernError('INPUT_MALFORMED', `the claims model was trained with other word vectors (${JSON.stringify(file.embeddings)}, found ${JSON.stringify(have)})`, source);
    }
  }
  const space = featureSpace({ dim: file.dim, embeddings: vectors ?? undefined });
  let ensemble: ClaimModel['ensemble'] = null;
  if (file.ensemble) {
    if (!vectors || file.ensemble.combination?.method !== 'stacked-logistic' || file.ensemble.combination.weights.length !== 2) {
      throw new DiscernError('INPUT_MALFORMED', 'the claims model has an ensemble without word vectors or a two-model combination', source);
    }
    let network: MlpModel;
    try {
      network = loadMlp(file.ensemble.network);
    } catch (error) {
      throw new DiscernError('INPUT_MALFORMED', `the claims model's network is malformed: ${(error as Error).message}`, source, { cause: error });
    }
    if (network.inputs !== denseSize(vectors)) throw new DiscernError('INPUT_MALFORMED', 'the claims model network does not fit the word vectors', source);
    ensemble = { network, combination: file.ensemble.combination };
  }
  const context = file.context ?? null;
  if (context !== null && (context.method !== 'neighbour-logits' || !Number.isFinite(context.previous) || !Number.isFinite(context.next) || ![context.stronger, context.position].every((w) => w === undefined || Number.isFinite(w)))) {
    throw new DiscernError('INPUT_MALFORMED', 'the claims model has a malformed context combination (method neighbour-logits, finite previous and next weights expected)', source);
  }
  const decision = file.decision ?? null;
  if (decision !== null && (decision.method !== 'max-f1' || !(decision.threshold > 0 && decision.threshold < 1))) {
    throw new DiscernError('INPUT_MALFORMED', 'the claims model has a malformed decision threshold (method max-f1, a threshold strictly between 0 and 1 expected)', source);
  }
  return {
    weights: fromBase64(file.weights, space, 'weights', source),
    embeddings: vectors,
    idf: fromBase64(file.idf, file.dim, 'IDF values', source),
    bias: file.bias,
    dim: file.dim,
    lower: new Set(file.lower),
    names: new Set(Array.isArray(file.names) ? file.names : []),
    calibration: file.calibration,
    ensemble,
    context,
    decision,
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

/** Tokens, masked word keys, cues and pooled vectors of a sentence, as this model sees them. */
export function partsOf(text: string, model: ClaimModel): SentenceParts {
  return sentenceParts(text, model.lower, model.embeddings ?? undefined, model.names);
}

/** The model's uncalibrated score (for training and calibration). */
export function rawScore(text: string, model: ClaimModel, parts: SentenceParts = partsOf(text, model)): number {
  return predict(model, featurize(text, { dim: model.dim, lower: model.lower, names: model.names, idf: model.idf, embeddings: model.embeddings ?? undefined }, parts));
}

/** The network's logit (ensembles only). */
export function networkLogit(text: string, model: ClaimModel, parts: SentenceParts = partsOf(text, model)): number {
  if (!model.ensemble || !model.embeddings) throw new Error('this claims model has no network');
  return mlpLogit(model.ensemble.network, denseFeatures(text, model.embeddings, model.lower, model.names, parts));
}

/** Probability that a sentence is check-worthy (calibrated; `decisionThreshold(model)` or more: check-worthy). */
export function scoreSentence(text: string, model: ClaimModel = loadClaimModel()): number {
  const parts = partsOf(text, model);
  const raw = rawScore(text, model, parts);
  if (!model.ensemble) return applyPlatt(model.calibration, raw);
  return applyStacked(model.ensemble.combination, [logit(raw), networkLogit(text, model, parts)]);
}

/** max(z₋₁, z₊₁) − z̄ for sentence i of a text of two or more sentences (the one neighbour at either end). */
export function strongerNeighbour(z: readonly number[], i: number, mean: number): number {
  const before = i > 0 ? z[i - 1] : -Infinity;
  const after = i + 1 < z.length ? z[i + 1] : -Infinity;
  return Math.max(before, after) - mean;
}

/** Sentence i of n, centred on the text: i/n − (n − 1)/2n, in [−½, ½), 0 for a text of one sentence. */
export function placeInText(i: number, n: number): number {
  return n > 1 ? i / n - (n - 1) / (2 * n) : 0;
}

/**
 * What the context combination is fitted on (scripts/train-claims.ts), per sentence of a text
 * of logits z: [z, z₋₁ − z̄, z₊₁ − z̄, max(z₋₁, z₊₁) − z̄, place in the text], missing
 * neighbours counting as z̄. Every input but z is 0 for a sentence alone, and averages 0 over a
 * text, so the combination re-ranks a text's sentences without moving its mean.
 */
export function contextInputs(z: readonly number[]): number[][] {
  let mean = 0;
  for (const v of z) mean += v;
  mean /= Math.max(1, z.length);
  return z.map((v, i) => [v, i > 0 ? z[i - 1] - mean : 0, i + 1 < z.length ? z[i + 1] - mean : 0, z.length > 1 ? strongerNeighbour(z, i, mean) : 0, placeInText(i, z.length)]);
}

/**
 * Probabilities of the sentences of one text, in reading order, moved by their neighbours
 * (see ContextCombination): `alone[i]` is `scoreSentence` of sentence i. Without a context
 * combination, or for a text of one sentence, the scores are returned as they are.
 */
export function scoreInContext(alone: readonly number[], model: ClaimModel = loadClaimModel()): number[] {
  const c = model.context;
  if (!c || alone.length < 2) return [...alone];
  const z = alone.map(logit);
  let mean = 0;
  for (const v of z) mean += v;
  mean /= z.length;
  const stronger = c.stronger ?? 0;
  const position = c.position ?? 0;
  return z.map((v, i) => {
    const before = i > 0 ? z[i - 1] - mean : 0;
    const after = i + 1 < z.length ? z[i + 1] - mean : 0;
    return sigmoid(v + c.previous * before + c.next * after + stronger * strongerNeighbour(z, i, mean) + position * placeInText(i, z.length));
  });
}
