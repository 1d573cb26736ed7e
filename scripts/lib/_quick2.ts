import { claimTrainingSet, readClaimBuster, isClaimBusterTest, sharedDataDir, precisionRecall, averagePrecision, readCheckThatDebates, CHECKTHAT_TEST_DEBATES } from '../../src/analysers/claims/datasets.js';
import { repoRoot } from '../../src/analysers/claims/model.js';
import { linearScore, sigmoid, trainLogistic } from '../../src/nlp/logistic.js';
import { TfidfVectorizer } from '../../src/nlp/tfidf.js';
const dataDir = sharedDataDir(repoRoot());
const train = claimTrainingSet(dataDir);
const test = readClaimBuster(dataDir).filter(s => isClaimBusterTest(s.id));
const deb = readCheckThatDebates(dataDir).filter(d => (CHECKTHAT_TEST_DEBATES as readonly string[]).includes(d.name));
const labels = test.map(s=>s.label);
const dim = 1<<19;
const vec = TfidfVectorizer.fit(train.map(t=>t.text), {dim, minDf: 2});
const xs = train.map(t => vec.transform(t.text));
for (const [epochs, lr, l2, w] of [[8,0.05,1e-6,1],[5,0.1,1e-6,1],[8,0.1,1e-4,1],[4,0.05,1e-6,1]] as const) {
  const m = trainLogistic(train.map((t,i)=>({x: xs[i], y: t.label, weight: w ? t.weight : 1})), {dim: 2*dim, epochs, learningRate: lr, l2, seed: 1, epsilon: 1e-8});
  const f = (t: string) => sigmoid(linearScore(m.weights, m.bias, vec.transform(t)));
  const sc = test.map(s => f(s.text));
  const pr = precisionRecall(sc, labels);
  const map = deb.map(d => averagePrecision(d.sentences.map(s=>f(s.text)), d.sentences.map(s=>s.label))).reduce((a,b)=>a+b,0)/deb.length;
  console.log(epochs, lr, l2, w, pr.f1.toFixed(3), pr.precision.toFixed(3), pr.recall.toFixed(3), 'AP', averagePrecision(sc, labels).toFixed(3), 'MAP', map.toFixed(4));
}
