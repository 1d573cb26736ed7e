/**
 * Trains the machine-written-text model (models/machine-text.json) on TweepFake train.csv from
 * ../shared/data/tweepfake (research use, cite Fagni et al. 2021; see docs/analysers/coordination.md).
 * Dev split carved from train: every tweet with fnv1a(account + text) % 5 === 0 (same accounts,
 * unseen tweets, like validation.csv). The shipped weights are trained on the other 80 %; the
 * threshold is the lowest probability at which dev precision reaches TARGET_PRECISION.
 * validation.csv is never read here (scripts/eval-coordination.ts scores it).
 * `--no-youtube`: without the YouTube comments.
 * `--tune`: grid of hyper-parameters, printing dev AUC per tweet and on 8 held-out accounts.
 * Usage: npm run train:machine-text [-- --tune]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { gazetteerNameWords } from '../src/nlp/entities/name-words.js';
import { auc, trainLogistic, type Example, type TrainOptions } from '../src/analysers/comments/logistic.js';
import { fnv1a, textFeatures } from '../src/analysers/comments/machine-text-features.js';
import { MODEL_FILE, applicable, dot, serializeModel, sigmoid, vectorize, type MachineTextModel } from '../src/analysers/comments/machine-text-model.js';
import { YOUTUBE_TRAIN_FILES, loadTweepfake, loadYoutubeComments, type Tweet } from '../src/analysers/comments/datasets.js';
import { maxOf } from '../src/core/arrays.js';

const TARGET_PRECISION = 0.85;
const SECTION_MARGIN = 0.15;
const OPTIONS: TrainOptions = { bits: 18, epochs: 6, learningRate: 0.1, l2: 1e-6, seed: 7 };
const started = Date.now();

const withYoutube = !process.argv.includes('--no-youtube');
const tweets = loadTweepfake('train');
// human-written comments (ham and spam) of three YouTube files: not machine-written, and not tweets
const youtube: Tweet[] = withYoutube
  ? YOUTUBE_TRAIN_FILES.flatMap((file) => loadYoutubeComments(file).map((c) => ({ account: `youtube:${file}`, text: c.text, machine: false, generator: 'human' })))
  : [];
const isDev = (t: Tweet): boolean => fnv1a(`${t.account}\n${t.text}`) % 5 === 0;
/** Words written in lower case at least 3 times in the training text, minus the gazetteer's name words: other capitalised words are names, masked. */
const nameWords = await gazetteerNameWords();
const lower = (() => {
  const counts = new Map<string, number>();
  for (const t of [...tweets.filter((x) => !isDev(x)), ...youtube]) {
    for (const w of t.text.match(/\p{L}[\p{L}\p{M}'’]*/gu) ?? []) {
      if (/\p{Lu}/u.test(w)) continue;
      const k = w.replace(/’/g, "'");
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([w, c]) => c >= 3 && !nameWords.has(w)).map(([w]) => w));
})();
const examplesOf = (list: Tweet[], bits: number): Example[] => list.map((t) => ({ x: vectorize(textFeatures(t.text, lower), bits), y: t.machine ? 1 : 0 }));

function fit(train: Tweet[], options: TrainOptions): (t: Tweet) => number {
  const model = trainLogistic(examplesOf(train, options.bits), options);
  return (t) => sigmoid(dot(model.weights, model.bias, vectorize(textFeatures(t.text, lower), options.bits)));
}

if (process.argv.includes('--tune')) {
  const accounts = [...new Set(tweets.map((t) => t.account))].sort();
  const heldAccounts = new Set([...accounts.filter((a) => tweets.find((t) => t.account === a)?.machine).slice(0, 4), ...accounts.filter((a) => !tweets.find((t) => t.account === a)?.machine).slice(0, 4)]);
  const grid: Array<Partial<TrainOptions>> = [{ epochs: 3 }, { epochs: 6 }, { epochs: 10 }, { learningRate: 0.03 }, { learningRate: 0.3 }, { l2: 1e-5 }];
  for (const change of grid) {
    const options = { ...OPTIONS, ...change };
    const byTweet = fit([...tweets.filter((t) => !isDev(t)), ...youtube], options);
    const dev = tweets.filter(isDev);
    const a1 = auc(dev.map(byTweet), dev.map((t) => t.machine));
    const byAccount = fit([...tweets.filter((t) => !heldAccounts.has(t.account)), ...youtube], options);
    const held = tweets.filter((t) => heldAccounts.has(t.account));
    const a2 = auc(held.map(byAccount), held.map((t) => t.machine));
    console.log(`epochs ${options.epochs} l2 ${options.l2} lr ${options.learningRate}: dev AUC ${a1.toFixed(4)}  held-out accounts AUC ${a2.toFixed(4)}`);
  }
  process.exit(0);
}

const train = [...tweets.filter((t) => !isDev(t)), ...youtube];
const dev = tweets.filter(isDev);
const { weights, bias } = trainLogistic(examplesOf(train, OPTIONS.bits), OPTIONS);
const model: MachineTextModel = { bits: OPTIONS.bits, weights, bias, threshold: 0.5, sectionThreshold: 1, lower, meta: {} };
const devScores = dev.map((t) => sigmoid(dot(weights, bias, vectorize(textFeatures(t.text, lower), OPTIONS.bits))));
const devLabels = dev.map((t) => t.machine);

// lowest threshold whose precision on the applicable dev tweets reaches the target
const scored = dev.map((t, i) => ({ p: devScores[i], y: t.machine, ok: applicable(t.text) })).filter((s) => s.ok).sort((a, b) => b.p - a.p);
let threshold = 0.99;
let tp = 0;
const positives = scored.filter((s) => s.y).length;
let at = { precision: 0, recall: 0 };
scored.forEach((s, i) => {
  if (s.y) tp++;
  const precision = tp / (i + 1);
  if (i >= 50 && precision >= TARGET_PRECISION && s.p >= 0.5) {
    threshold = s.p;
    at = { precision, recall: tp / positives };
  }
});
model.threshold = Math.round(threshold * 10000) / 10000;

// per account: mean probability of its applicable dev tweets. The section threshold sits
// SECTION_MARGIN above the highest human account's mean (dev precision 1 per account) because
// comment sections are not tweets: human discussions written as news comments reach means
// close to that highest human account (docs/analysers/coordination.md).
const means = new Map<string, { sum: number; n: number; machine: boolean }>();
dev.forEach((t, i) => {
  if (!applicable(t.text)) return;
  const m = means.get(t.account) ?? { sum: 0, n: 0, machine: t.machine };
  m.sum += devScores[i];
  m.n++;
  means.set(t.account, m);
});
const accountMeans = [...means.values()].map((m) => ({ mean: m.sum / m.n, machine: m.machine }));
const highestHuman = maxOf(accountMeans.filter((a) => !a.machine).map((a) => a.mean));
const sectionThreshold = Math.ceil((highestHuman + SECTION_MARGIN) * 100) / 100;
const botsAbove = accountMeans.filter((a) => a.machine && a.mean >= sectionThreshold).length;
const bots = accountMeans.filter((a) => a.machine).length;
console.log(`dev accounts: highest human mean ${highestHuman.toFixed(3)}; section threshold ${sectionThreshold}: ${botsAbove}/${bots} bot accounts above`);
console.log(`bot means: ${accountMeans.filter((a) => a.machine).map((a) => a.mean.toFixed(2)).sort().join(' ')}`);
console.log(`human means: ${accountMeans.filter((a) => !a.machine).map((a) => a.mean.toFixed(2)).sort().join(' ')}`);
const devAuc = auc(devScores, devLabels);
model.sectionThreshold = sectionThreshold;
model.meta = {
  data: 'TweepFake train.csv (Fagni et al., PLOS ONE 16(5) e0251415, 2021; github.com/tizfa/tweepfake_deepfake_text_detection; research use, no licence file)',
  trainedOn: `${train.length - youtube.length} tweets (train.csv minus dev)${youtube.length ? ` and ${youtube.length} YouTube comments as human (${YOUTUBE_TRAIN_FILES.join(', ')}; Alberto et al. 2015, CC BY 4.0)` : ''}`,
  dev: `${dev.length} tweets of train.csv with fnv1a(account + "\\n" + text) % 5 === 0`,
  devAuc: Math.round(devAuc * 10000) / 10000,
  threshold: `lowest probability with dev precision >= ${TARGET_PRECISION} (on applicable tweets): precision ${at.precision.toFixed(3)}, recall ${at.recall.toFixed(3)}`,
  sectionThreshold: `${SECTION_MARGIN} above the highest mean probability of a human account's dev tweets (${highestHuman.toFixed(3)}); ${botsAbove}/${bots} bot accounts above`,
  features: 'masked character 1-5-grams, masked word 1-3-grams, bucketed style indicators; capitalised words not seen in lower case in training are names, replaced by a shape stand-in (src/analysers/comments/machine-text-features.ts)',
  options: OPTIONS,
};
writeFileSync(path.join(packageRoot(), 'models', MODEL_FILE), serializeModel(model));
console.log(`dev AUC ${devAuc.toFixed(4)}; threshold ${model.threshold} (precision ${at.precision.toFixed(3)}, recall ${at.recall.toFixed(3)}); ${((Date.now() - started) / 1000).toFixed(1)} s`);
