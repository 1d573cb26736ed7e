/**
 * Trains the check-worthiness model (models/claims.json) from ../shared/data:
 * ClaimBuster (train.json) and CLEF CheckThat! 2019 Task 1 debates, minus the fixed test
 * parts in src/analysers/claims/datasets.ts, which eval-claims.ts scores. Deterministic:
 * the same data give the same file, byte for byte.
 *
 * Calibration: 5-fold out-of-fold raw scores of the ClaimBuster training sentences (each
 * fold's model trained on everything else) fit Platt scaling; the final model is trained on
 * all of the training part and its scores go through that calibration.
 *
 *   npm run train:claims                       # writes models/claims.json
 *   npm run train:claims -- --dev [--lr 0.05]  # tuning only: holds out a dev fold of the
 *                                              # training part, prints Discern and baseline on it
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { denseFeatures, denseSize, featureSpace, featurize, fitIdf } from '../src/analysers/claims/features.js';
import { loadEmbeddings } from '../src/nlp/embeddings.js';
import { predict, sigmoid, train, type Example, type TrainOptions } from '../src/analysers/claims/logistic.js';
import { contextInputs, repoRoot, scoreInContext, scoreSentence, serializeModel, type ClaimModel, type ContextCombination } from '../src/analysers/claims/model.js';
import {
  CHECKTHAT_NEGATIVE_WEIGHT,
  CHECKTHAT_POSITIVE_WEIGHT,
  CHECKTHAT_TEST_DEBATES,
  CLAIMBUSTER_POSITIVE_WEIGHT,
  averagePrecision,
  claimTrainingSet,
  foldOf,
  meanAveragePrecision,
  pairedBootstrap,
  precisionRecall,
  sharedDataDir,
  type TrainingSentence,
} from '../src/analysers/claims/datasets.js';
import { applyPlatt, applyStacked, chooseF1Threshold, fitPlatt, fitStacked, logit, reliability } from '../src/nlp/calibration.js';
import { mlpLogit, trainMlp, type DenseExample, type MlpModel, type MlpOptions } from '../src/nlp/mlp.js';
import { tokenize } from '../src/nlp/tokens.js';
import { gazetteerNameWords, gazetteerWholeNames } from '../src/nlp/entities/name-words.js';
import { commonWords } from '../src/analysers/comments/machine-text-features.js';
import { trainBaselineBinary } from './lib/baseline.js';

const DIM = 1 << 18;
const argLr = process.argv.indexOf('--lr');
/** --no-embeddings: the hashed n-grams alone (the previous model), for comparison */
const embeddings = process.argv.includes('--no-embeddings') ? undefined : loadEmbeddings();
const OPTIONS: TrainOptions = { dim: featureSpace({ dim: DIM, embeddings }), epochs: 6, learningRate: argLr > 0 ? Number(process.argv[argLr + 1]) : 0.05, l2: 1e-6, seed: 7 };
const FOLDS = 5;
const NETWORK: MlpOptions = { hidden: 128, epochs: 12, learningRate: 0.0005, l2: 1e-5, seed: 3 };
/** --dev only: debates and a ClaimBuster fold used for tuning, never for the test figures. */
const DEV_DEBATES = ['20161019_3pres.tsv', '20170216_trump_press.tsv'];

const dev = process.argv.includes('--dev');
const root = repoRoot();
const started = Date.now();
const all = claimTrainingSet(sharedDataDir(root));
const isDev = (s: TrainingSentence): boolean => (s.source === 'claimbuster' ? foldOf(s.key, FOLDS) === 0 : DEV_DEBATES.some((d) => s.key.startsWith(`${d}:`)));
const sentences = dev ? all.filter((s) => !isDev(s)) : all;

/** Words written in lower case at least twice, minus the gazetteer's name words: capitalised words outside it are names, masked. */
function lowerVocabulary(texts: readonly string[], names: ReadonlySet<string>): Set<string> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const t of tokenize(text)) if (!/\p{Lu}/u.test(t.text) && !/^\p{N}/u.test(t.text)) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
  return new Set([...counts].filter(([w, c]) => c >= 2 && !names.has(w)).map(([w]) => w));
}

// every gazetteer name, the later additions (capitals.json, demonyms.json) included: masked whatever side it names
const lower = lowerVocabulary(sentences.map((s) => s.text), await gazetteerNameWords({ laterAdditions: true }));
// and the gazetteer's one-word names whatever their case ("pakistan" in lower case too), except words English writes in lower case ("us")
const names = await gazetteerWholeNames(commonWords(), { laterAdditions: true });
const idf = fitIdf(sentences.map((s) => s.text), { dim: DIM, lower, names, embeddings });
const vectors = sentences.map((s) => featurize(s.text, { dim: DIM, lower, names, idf, embeddings }));
const examples: Example[] = sentences.map((s, i) => ({ x: vectors[i], y: s.label, weight: s.weight }));

// the network of the ensemble sees pooled word vectors and cues (src/analysers/claims/features.ts)
const dense = embeddings ? sentences.map((s) => denseFeatures(s.text, embeddings, lower, names)) : [];
const denseExamples: DenseExample[] = dense.map((x, i) => ({ x, y: sentences[i].label, weight: sentences[i].weight }));
const trainNetwork = (keep: (i: number) => boolean): MlpModel | null =>
  embeddings ? trainMlp(denseExamples.filter((_, i) => keep(i)), denseSize(embeddings), NETWORK) : null;

// Out-of-fold raw scores, for the calibration (ClaimBuster sentences) and the context
// combination (whole CheckThat! debates): fold k holds out a fifth of the ClaimBuster
// sentences and every fifth training debate.
const debateNames = [...new Set(sentences.filter((s) => s.source === 'checkthat').map((s) => debateOf(s)))].sort();
function debateOf(s: TrainingSentence): string {
  return s.key.slice(0, s.key.lastIndexOf(':'));
}
const oofScores: number[] = [];
const oofLogits: number[][] = [];
const oofLabels: number[] = [];
/** per debate, in line order: the two models' out-of-fold logits and the label */
const debateOof = new Map<string, Array<{ logits: number[]; label: number }>>();
/** per debate, in line order: the classic baseline's out-of-fold score (tuning figure only, not in the model) */
const baselineOof = new Map<string, number[]>();
for (let k = 0; k < FOLDS; k++) {
  const held = (s: TrainingSentence): boolean => (s.source === 'claimbuster' ? foldOf(`cal:${s.key}`, FOLDS) === k : debateNames.indexOf(debateOf(s)) % FOLDS === k);
  const model = train(examples.filter((_, i) => !held(sentences[i])), OPTIONS);
  const network = trainNetwork((i) => !held(sentences[i]));
  const baselineFold = trainBaselineBinary(sentences.filter((s) => !held(s)));
  sentences.forEach((s, i) => {
    if (!held(s)) return;
    if (s.source === 'checkthat') {
      const scores = baselineOof.get(debateOf(s)) ?? [];
      scores[Number(s.key.slice(s.key.lastIndexOf(':') + 1))] = baselineFold(s.text);
      baselineOof.set(debateOf(s), scores);
    }
    const p = predict(model, vectors[i]);
    const logits = network ? [logit(p), mlpLogit(network, dense[i])] : [logit(p)];
    if (s.source === 'checkthat') {
      const rows = debateOof.get(debateOf(s)) ?? [];
      rows[Number(s.key.slice(s.key.lastIndexOf(':') + 1))] = { logits, label: s.label };
      debateOof.set(debateOf(s), rows);
      return;
    }
    oofScores.push(p);
    oofLogits.push(logits);
    oofLabels.push(s.label);
  });
  console.log(`calibration fold ${k + 1}/${FOLDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
const calibration = fitPlatt(oofScores, oofLabels, `ClaimBuster training sentences, ${FOLDS}-fold out-of-fold scores`);
const model = train(examples, OPTIONS);
const network = trainNetwork(() => true);
const ensemble = network ? { network, combination: fitStacked(oofLogits, oofLabels, `ClaimBuster training sentences, ${FOLDS}-fold out-of-fold logits of the linear model and the network`) } : null;

/**
 * The context combination: on the held-out debates' out-of-fold sentence logits z (the
 * ensemble's, calibrated on ClaimBuster), a logistic combination of z and its neighbours'
 * z₋₁ − z̄, z₊₁ − z̄ (z̄: the debate's mean); divided by z's weight it is a shift of the logit.
 */
/**
 * The inputs the context combination is fitted on: the sentence, its neighbours and the stronger
 * neighbour — not its place in the text (contextInputs' fifth column). Learnt on debates, that
 * place would push the last sentences of every news article down by up to a logit (−2.17 when
 * fitted), a prior no labelled news text checks and no explanation could give a reader.
 */
const contextInputsUsed = (z: readonly number[]): number[][] => contextInputs(z).map((x) => x.slice(0, 4));

function fitContext(): ContextCombination {
  const inputs: number[][] = [];
  const labels: number[] = [];
  for (const name of debateNames) {
    const rows = debateOof.get(name) ?? [];
    const z = rows.map((r) => logit(ensemble ? applyStacked(ensemble.combination, r.logits) : sigmoid(calibration.a * r.logits[0] + calibration.b)));
    for (const x of contextInputsUsed(z)) inputs.push(x);
    for (const r of rows) labels.push(r.label);
  }
  const fit = fitStacked(inputs, labels, 'CheckThat! 2019 training debates');
  const [own, previous, next, stronger] = fit.weights;
  if (!(own > 0)) throw new Error(`the context combination gives the sentence's own logit a weight of ${own}`);
  return {
    method: 'neighbour-logits',
    previous: previous / own,
    next: next / own,
    stronger: stronger / own,
    fittedOn: `CheckThat! 2019 training debates (${debateNames.length}), ${FOLDS}-fold out-of-fold logits, whole debates held out`,
    n: labels.length,
  };
}
const context = fitContext();

// The "check-worthy" cut: the F1-maximising one on the same out-of-fold ClaimBuster
// probabilities (sentences alone, as ClaimBuster has no context), never on a test split.
const oofProbabilities = oofLogits.map((z, i) => (ensemble ? applyStacked(ensemble.combination, z) : applyPlatt(calibration, oofScores[i])));
const decision = chooseF1Threshold(oofProbabilities, oofLabels, `ClaimBuster training sentences, ${FOLDS}-fold out-of-fold calibrated probabilities`);
const atHalf = precisionRecall(oofProbabilities, oofLabels, 0.5);
console.log(`decision threshold ${decision.threshold} (out of fold: P ${decision.precision.toFixed(3)} R ${decision.recall.toFixed(3)} F1 ${decision.f1.toFixed(3)}; at 0.5: P ${atHalf.precision.toFixed(3)} R ${atHalf.recall.toFixed(3)} F1 ${atHalf.f1.toFixed(3)})`);
console.log(`context: previous ${context.previous.toFixed(3)} next ${context.next.toFixed(3)} stronger neighbour ${(context.stronger ?? 0).toFixed(3)} position ${(context.position ?? 0).toFixed(3)} (${context.n} sentences)`);
const baselineMap = debateNames.reduce((sum, d) => sum + averagePrecision(baselineOof.get(d) ?? [], (debateOof.get(d) ?? []).map((r) => r.label)), 0) / debateNames.length;
const maps = contextMaps();
console.log(`out-of-fold MAP over the ${debateNames.length} training debates: ${maps.alone.toFixed(4)} each sentence alone, ${maps.withContext.toFixed(4)} with neighbours (combination fitted without the debate scored); TF-IDF + LR baseline ${baselineMap.toFixed(4)}`);
const oofInterval = pairedBootstrap(
  debateNames.map((d) => ({ a: maps.scores.get(d) ?? [], b: baselineOof.get(d) ?? [], labels: (debateOof.get(d) ?? []).map((r) => r.label) })),
  meanAveragePrecision,
);
console.log(`  with neighbours − baseline, paired bootstrap (1,000 draws of each debate's lines): ${oofInterval.difference.toFixed(4)} [95 % ${oofInterval.low.toFixed(4)}, ${oofInterval.high.toFixed(4)}; not above in ${(100 * oofInterval.notAbove).toFixed(1)} % of draws]`);

/** Tuning figure: MAP of the sentences alone and with the context combination refitted leaving each debate out (and those scores per debate). */
function contextMaps(): { alone: number; withContext: number; scores: Map<string, number[]> } {
  const rowsOf = (name: string): { z: number[]; labels: number[] } => {
    const rows = debateOof.get(name) ?? [];
    return { z: rows.map((r) => logit(ensemble ? applyStacked(ensemble.combination, r.logits) : sigmoid(calibration.a * r.logits[0] + calibration.b))), labels: rows.map((r) => r.label) };
  };
  const inputsOf = contextInputsUsed;
  let alone = 0;
  let withContext = 0;
  const scores = new Map<string, number[]>();
  for (const name of debateNames) {
    const { z, labels } = rowsOf(name);
    alone += averagePrecision(z, labels);
    const others = debateNames.filter((d) => d !== name).map(rowsOf);
    const fit = fitStacked(others.flatMap((o) => inputsOf(o.z)), others.flatMap((o) => o.labels), 'leave one debate out');
    const moved = inputsOf(z).map((x) => x.reduce((sum, v, j) => sum + fit.weights[j] * v, 0));
    scores.set(name, moved);
    withContext += averagePrecision(moved, labels);
  }
  return { alone: alone / debateNames.length, withContext: withContext / debateNames.length, scores };
}
const seconds = (Date.now() - started) / 1000;
console.log(`trained on ${examples.length} sentences (+${FOLDS} calibration folds) in ${seconds.toFixed(1)} s; Platt a ${calibration.a.toFixed(3)} b ${calibration.b.toFixed(3)}${ensemble ? `; ensemble ${ensemble.combination.weights.map((w) => w.toFixed(3)).join(', ')} bias ${ensemble.combination.bias.toFixed(3)}` : ''}`);
const claimModel: ClaimModel = { ...model, dim: DIM, idf, lower, names, embeddings: embeddings ?? null, calibration, ensemble, context, decision, training: {} };

if (dev) {
  const held = all.filter(isDev);
  const baseline = trainBaselineBinary(sentences);
  const score = (text: string): number => scoreSentence(text, claimModel);
  for (const [name, f] of [['Discern', score], ['baseline', baseline]] as const) {
    const cb = held.filter((s) => s.source === 'claimbuster');
    const scores = cb.map((s) => f(s.text));
    const labels = cb.map((s) => s.label);
    const pr = precisionRecall(scores, labels, name === 'Discern' ? decision.threshold : 0.5);
    const debates = DEV_DEBATES.map((d) => held.filter((s) => s.key.startsWith(`${d}:`)));
    const inContext = (d: TrainingSentence[]): number[] => (name === 'Discern' ? scoreInContext(d.map((s) => f(s.text)), claimModel) : d.map((s) => f(s.text)));
    const map = debates.map((d) => averagePrecision(inContext(d), d.map((s) => s.label))).reduce((a, b) => a + b, 0) / debates.length;
    console.log(`dev ${name}: ClaimBuster (${cb.length}) P ${pr.precision.toFixed(3)} R ${pr.recall.toFixed(3)} F1 ${pr.f1.toFixed(3)} AP ${averagePrecision(scores, labels).toFixed(3)} · CheckThat MAP (${debates.length} debates) ${map.toFixed(4)}`);
  }
  console.log(`out-of-fold calibration ECE before ${reliability(oofScores, oofLabels).ece.toFixed(3)}`);
} else {
  const training = {
    data: {
      claimbuster: 'claimbuster/train.json minus sentences with fnv1a(String(sentence_id)) % 5 === 0',
      checkthat2019: `checkthat2019-task1-debates/training minus ${CHECKTHAT_TEST_DEBATES.join(', ')}`,
    },
    sentences: examples.length,
    options: OPTIONS,
    network: embeddings ? NETWORK : null,
    weights: { claimbusterPositive: CLAIMBUSTER_POSITIVE_WEIGHT, checkthatNegative: CHECKTHAT_NEGATIVE_WEIGHT, checkthatPositive: CHECKTHAT_POSITIVE_WEIGHT },
    features: `hashed word 1-2-grams and in-word char 3-5-grams (sublinear TF-IDF), cue features, names masked to their shape${embeddings ? '; word-vector cluster ids and cluster bigrams, mean and max pooled word vectors (models/embeddings.bin)' : ''} (src/analysers/claims/features.ts)`,
    decision: `the F1-maximising cut on ${FOLDS}-fold out-of-fold calibrated probabilities of the ClaimBuster training sentences (two decimals)`,
    calibration: `Platt scaling on ${FOLDS}-fold out-of-fold scores of the ClaimBuster training sentences${ensemble ? '; the ensemble: logistic combination of the linear model and network logits fitted on the same out-of-fold scores' : ''}`,
    context: 'neighbouring sentences: logistic combination of a sentence\'s logit, its neighbours\' and the stronger neighbour\'s (centred on the text\'s mean) on out-of-fold logits of whole held-out CheckThat! training debates, as a shift of the logit (src/analysers/claims/model.ts contextInputs, scoreInContext)',
    licence: 'ClaimBuster: CC BY 4.0 (Arslan et al., ICWSM 2020); CLEF CheckThat! 2019: free for general research use',
  };
  const out = path.join(root, 'models', 'claims.json');
  writeFileSync(out, `${JSON.stringify(serializeModel(claimModel, training))}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
