/**
 * Trains the check-worthiness model (models/claims.json) from ../shared/data:
 * ClaimBuster (train.json) and CLEF CheckThat! 2019 Task 1 debates, minus the fixed test
 * parts in src/analysers/claims/datasets.ts, which eval-claims.ts scores.
 *
 *   npm run train:claims            # writes models/claims.json
 *   npm run train:claims -- --dev   # tuning only: trains without a dev part and prints its figures
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { featurize, fnv1a } from '../src/analysers/claims/features.js';
import { predict, train, type Example, type TrainOptions } from '../src/analysers/claims/logistic.js';
import { repoRoot, serializeModel } from '../src/analysers/claims/model.js';
import {
  CHECKTHAT_TEST_DEBATES,
  averagePrecision,
  isClaimBusterTest,
  precisionRecall,
  readCheckThatDebates,
  readClaimBuster,
  sharedDataDir,
} from '../src/analysers/claims/datasets.js';

const DIM = 1 << 18;
const OPTIONS: TrainOptions = { dim: DIM, epochs: 6, learningRate: 0.1, l2: 1e-6, seed: 7 };
/** ClaimBuster: up-weight the check-worthy class a little (28 % of sentences), for F1 at 0.5. */
const CLAIMBUSTER_POSITIVE_WEIGHT = 2;
/** CheckThat!: far sparser labels (2.7 %); weighted so it shapes the ranking without dragging every score down. */
const CHECKTHAT_NEGATIVE_WEIGHT = 0.05;
const CHECKTHAT_POSITIVE_WEIGHT = 1.5;
/** --dev only: debates and ClaimBuster hash class used for tuning, never for the test figures. */
const DEV_DEBATES = ['20161019_3pres.tsv', '20170216_trump_press.tsv'];

const dev = process.argv.includes('--dev');
const root = repoRoot();
const dataDir = sharedDataDir(root);
const started = Date.now();

const claimBuster = readClaimBuster(dataDir).filter((s) => !isClaimBusterTest(s.id));
const isDev = (id: number): boolean => dev && fnv1a(String(id)) % 5 === 1;
const debates = readCheckThatDebates(dataDir).filter((d) => !(CHECKTHAT_TEST_DEBATES as readonly string[]).includes(d.name));

const examples: Example[] = [];
for (const s of claimBuster) {
  if (isDev(s.id)) continue;
  examples.push({ x: featurize(s.text, { dim: DIM }), y: s.label, weight: s.label === 1 ? CLAIMBUSTER_POSITIVE_WEIGHT : 1 });
}
for (const debate of debates) {
  if (dev && DEV_DEBATES.includes(debate.name)) continue;
  for (const s of debate.sentences) {
    examples.push({ x: featurize(s.text, { dim: DIM }), y: s.label, weight: s.label === 1 ? CHECKTHAT_POSITIVE_WEIGHT : CHECKTHAT_NEGATIVE_WEIGHT });
  }
}
const model = train(examples, OPTIONS);
const seconds = (Date.now() - started) / 1000;
console.log(`trained on ${examples.length} sentences in ${seconds.toFixed(1)} s`);

if (dev) {
  const devCb = claimBuster.filter((s) => isDev(s.id));
  const scores = devCb.map((s) => predict(model, featurize(s.text, { dim: DIM })));
  const pr = precisionRecall(scores, devCb.map((s) => s.label));
  console.log(`dev ClaimBuster (${devCb.length}): P ${pr.precision.toFixed(3)} R ${pr.recall.toFixed(3)} F1 ${pr.f1.toFixed(3)} AP ${averagePrecision(scores, devCb.map((s) => s.label)).toFixed(3)}`);
  const aps = debates
    .filter((d) => DEV_DEBATES.includes(d.name))
    .map((d) => averagePrecision(d.sentences.map((s) => predict(model, featurize(s.text, { dim: DIM }))), d.sentences.map((s) => s.label)));
  console.log(`dev CheckThat MAP (${aps.length} debates): ${(aps.reduce((a, b) => a + b, 0) / aps.length).toFixed(4)}`);
} else {
  const training = {
    data: {
      claimbuster: 'claimbuster/train.json minus sentences with fnv1a(String(sentence_id)) % 5 === 0',
      checkthat2019: `checkthat2019-task1-debates/training minus ${CHECKTHAT_TEST_DEBATES.join(', ')}`,
    },
    sentences: examples.length,
    options: OPTIONS,
    weights: { claimbusterPositive: CLAIMBUSTER_POSITIVE_WEIGHT, checkthatNegative: CHECKTHAT_NEGATIVE_WEIGHT, checkthatPositive: CHECKTHAT_POSITIVE_WEIGHT },
    features: 'hashed word 1-2-grams, in-word char 3-5-grams, cue features (src/analysers/claims/features.ts)',
    licence: 'ClaimBuster: CC BY 4.0 (Arslan et al., ICWSM 2020); CLEF CheckThat! 2019: free for general research use',
  };
  const out = path.join(root, 'models', 'claims.json');
  writeFileSync(out, `${JSON.stringify(serializeModel(model, DIM, training))}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
