import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cueFeatures, featurize, fnv1a, wordKeys } from './features.js';
import { tokenize } from '../../nlp/tokens.js';
import { predict, train, type Example } from './logistic.js';
import { decisionThreshold, loadClaimModel, modelPath, parseModel, repoRoot, scoreSentence, serializeModel } from './model.js';
import { averagePrecision, isClaimBusterTest, meanAveragePrecision, pairedBootstrap, parseCheckThat, precisionRecall } from './datasets.js';

test('fnv1a is the standard 32-bit FNV-1a', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  assert.equal(fnv1a('foobar'), 0xbf9cf968);
});

test('cue features name numbers, years, saying, modality and length', () => {
  assert.deepEqual(cueFeatures('Unemployment fell 4 percent in 2019, the minister said.').sort(), [
    'bias-cue', 'caps:0', 'comparative', 'len:s', 'number', 'percent', 'say', 'year',
  ]);
  assert.deepEqual(cueFeatures('We may win?').sort(), ['bias-cue', 'caps:0', 'len:xs', 'modal', 'question', 'we']);
});

test('features are hashed into the dimension and deterministic', () => {
  const a = featurize('Exports rose to $3 billion in 2022.', { dim: 1024 });
  const b = featurize('Exports rose to $3 billion in 2022.', { dim: 1024 });
  assert.deepEqual([...a.indices], [...b.indices]);
  assert.ok(a.indices.every((i) => i < 1024));
  assert.equal(a.indices.length, a.values.length);
});

test('logistic regression separates a toy problem and round-trips through the model file', () => {
  const dim = 256;
  const pos = ['the budget rose 20 percent', 'deaths fell by 300 in 2020', 'taxes increased 5 percent'];
  const neg = ['thank you very much', 'i love this country', 'good evening everyone'];
  const examples: Example[] = [
    ...pos.map((t) => ({ x: featurize(t, { dim }), y: 1 as const, weight: 1 })),
    ...neg.map((t) => ({ x: featurize(t, { dim }), y: 0 as const, weight: 1 })),
  ];
  const model = train(examples, { dim, epochs: 30, learningRate: 0.5, l2: 0, seed: 1 });
  for (const e of examples) assert.equal(predict(model, e.x) >= 0.5 ? 1 : 0, e.y);
  const idf = new Float32Array(dim).fill(1.5);
  const calibration = { method: 'platt' as const, a: 1.2, b: -0.1, fittedOn: 'toy', n: 6 };
  const decision = { method: 'max-f1' as const, threshold: 0.37, precision: 0.8, recall: 0.9, f1: 0.847, fittedOn: 'toy', n: 6 };
  const file = serializeModel({ ...model, dim, idf, lower: new Set(["the"]), names: new Set(['kabul']), embeddings: null, ensemble: null, context: null, calibration, decision }, { note: 'toy' });
  const back = parseModel(JSON.stringify(file), 'toy.json');
  assert.deepEqual([...back.weights], [...model.weights]);
  assert.deepEqual([...back.idf], [...idf]);
  assert.deepEqual([...back.lower], ['the']);
  assert.deepEqual([...back.names], ['kabul']);
  assert.deepEqual(back.calibration, calibration);
  assert.equal(back.bias, model.bias);
  assert.deepEqual(back.decision, decision);
  assert.equal(decisionThreshold(back), 0.37);
  // a file from before claims 1.4.0 has no decision threshold: it decides at 0.5
  const { decision: _dropped, ...legacy } = file;
  const old = parseModel(JSON.stringify(legacy), 'old.json');
  assert.equal(old.decision, null);
  assert.equal(decisionThreshold(old), 0.5);
  for (const bad of [{ method: 'max-f1', threshold: 0 }, { method: 'max-f1', threshold: 1.2 }, { method: 'other', threshold: 0.4 }]) {
    assert.throws(() => parseModel(JSON.stringify({ ...file, decision: bad }), 'bad.json'), { code: 'INPUT_MALFORMED', input: 'bad.json', message: /decision threshold/ });
  }
});

test('a malformed model file is a coded error naming the file', () => {
  assert.throws(() => parseModel('{', 'm.json'), { code: 'INPUT_MALFORMED', input: 'm.json' });
  assert.throws(() => parseModel('{"format":"other"}', 'm.json'), { code: 'INPUT_MALFORMED' });
  assert.throws(() => parseModel(JSON.stringify({ format: 'discern-claims-logreg-v3', dim: 4, bias: 0, weights: 'AAAA', idf: 'AAAA', lower: [], calibration: { method: 'platt', a: 1, b: 0 } }), 'm.json'), /dimension/);
});

test('the committed model is found from the package root and ranks claims above chatter', () => {
  assert.ok(existsSync(path.join(repoRoot(), 'package.json')));
  assert.equal(modelPath(), path.join(repoRoot(), 'models', 'claims.json'));
  const model = loadClaimModel();
  assert.equal(loadClaimModel(), model, 'loaded once');
  const claim = scoreSentence('Unemployment rose by 4 percent last year, to 9.1 million people.');
  const chatter = scoreSentence('Thank you all for coming tonight.');
  assert.ok(claim >= 0.5, `claim ${claim}`);
  assert.ok(chatter < 0.5, `chatter ${chatter}`);
});

test('evaluation helpers: precision/recall and average precision', () => {
  assert.deepEqual(precisionRecall([0.9, 0.6, 0.4, 0.2], [1, 0, 1, 0]), { precision: 0.5, recall: 0.5, f1: 0.5, tp: 1, fp: 1, fn: 1 });
  // relevant at ranks 1 and 3: (1/1 + 2/3) / 2
  assert.equal(averagePrecision([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0]), (1 + 2 / 3) / 2);
  assert.equal(averagePrecision([0.5, 0.4], [0, 0]), 0);
});

test('paired bootstrap: the interval of a difference brackets it, is seeded, and is one-sided when one system ranks perfectly', () => {
  // system a ranks the positives first in both groups; b ranks them last in the first group
  const groups = [
    { a: [0.9, 0.8, 0.2, 0.1, 0.05, 0.3], b: [0.1, 0.2, 0.9, 0.8, 0.7, 0.6], labels: [1, 1, 0, 0, 0, 0] },
    { a: [0.7, 0.1, 0.2, 0.3], b: [0.7, 0.1, 0.2, 0.3], labels: [1, 0, 0, 0] },
  ];
  const r = pairedBootstrap(groups, meanAveragePrecision, { replicates: 300, seed: 5 });
  assert.ok(Math.abs(r.difference - meanAveragePrecision([{ scores: groups[0].a, labels: groups[0].labels }, { scores: groups[1].a, labels: groups[1].labels }]) + meanAveragePrecision([{ scores: groups[0].b, labels: groups[0].labels }, { scores: groups[1].b, labels: groups[1].labels }])) < 1e-12);
  assert.ok(r.difference > 0 && r.low <= r.difference && r.difference <= r.high, JSON.stringify(r));
  assert.ok(r.low >= 0, 'a is never worse than b on any draw');
  assert.deepEqual(pairedBootstrap(groups, meanAveragePrecision, { replicates: 300, seed: 5 }), r);
  const same = pairedBootstrap([{ a: groups[1].a, b: groups[1].a, labels: groups[1].labels }], meanAveragePrecision, { replicates: 50 });
  assert.deepEqual([same.difference, same.low, same.high, same.notAbove], [0, 0, 0, 1]);
});

test('data readers: CheckThat TSV and the fixed ClaimBuster split', () => {
  assert.deepEqual(parseCheckThat('1\tA\tHello there.\t0\n2\tB\tTaxes rose 5%.\t1\n\n'), [
    { text: 'Hello there.', label: 0 },
    { text: 'Taxes rose 5%.', label: 1 },
  ]);
  assert.equal(isClaimBusterTest(27247), fnv1a('27247') % 5 === 0);
  const share = Array.from({ length: 5000 }, (_, i) => i).filter(isClaimBusterTest).length / 5000;
  assert.ok(share > 0.17 && share < 0.23, `test share ${share}`);
});

test('names are masked to their shape: the model cannot tell which country or agency a sentence names', () => {
  const lower = new Set(['the', 'army', 'said', 'shelled', 'border', 'posts']);
  assert.deepEqual(wordKeys(tokenize('The ISI said Kabul shelled 12 border posts in 2024'), lower), [
    'the', '<XX>', 'said', '<Xx>', 'shelled', '<num>', 'border', 'posts', 'in', '<year>',
  ]);
  // without the gazetteer's names, a name typed in lower case passes as a word
  assert.deepEqual(wordKeys(tokenize('the isi said kabul shelled posts'), lower), ['the', 'isi', 'said', 'kabul', 'shelled', 'posts']);
  // with them it is masked as if capitalised, whatever its case
  const names = new Set(['isi', 'kabul']);
  assert.deepEqual(wordKeys(tokenize('the isi said kabul shelled posts'), lower, names), ['the', '<Xx>', 'said', '<Xx>', 'shelled', 'posts']);
  assert.deepEqual(wordKeys(tokenize('The ISI said Kabul shelled posts'), lower, names), ['the', '<XX>', 'said', '<Xx>', 'shelled', 'posts']);
});

test('the committed model masks the gazetteer\'s one-word names whatever their case, and not ordinary words', () => {
  const model = loadClaimModel();
  for (const name of ['pakistan', 'afghanistan', 'afghan', 'pakistani', 'kabul', 'islamabad', 'isi', 'gdi', 'serbia', 'kosovo', 'accra', 'togolese']) {
    assert.ok(model.names.has(name), name);
    assert.ok(!model.lower.has(name), name);
  }
  // "us" and "who" are pronouns far more often than acronyms; "army" and "state" alone name no side
  for (const word of ['us', 'who', 'army', 'state']) assert.ok(!model.names.has(word), word);
});

// Side swap on real-style text (written for this test): the same sentences with the two sides'
// names exchanged, in both directions, must score exactly the same.
const SWAPS: Array<[string, string]> = [
  ['Pakistan', 'Afghanistan'],
  ['Pakistani', 'Afghan'],
  ['Islamabad', 'Kabul'],
  ['ISI', 'GDI'],
];

export function swapSides(text: string): string {
  const map = new Map<string, string>();
  for (const [a, b] of SWAPS) {
    map.set(a, b);
    map.set(b, a);
  }
  return text.replace(/\b(Pakistani|Pakistan|Afghanistan|Afghan|Islamabad|Kabul|ISI|GDI)\b/g, (w) => map.get(w) ?? w);
}

const SIDE_SENTENCES = [
  'Pakistan said on Tuesday that Afghan forces had fired mortar rounds at three of its border posts, wounding 14 soldiers.',
  'Officials in Kabul accused the ISI of sheltering militant commanders in safe houses near Peshawar.',
  'The Pakistani foreign ministry denied the claim and said Islamabad had no role in the attack.',
  'Afghanistan closed the Torkham crossing for the second time this month, stranding about 2,000 trucks.',
  'According to a GDI statement, the bombers were trained in camps on Pakistani soil.',
  'Afghan refugees in Pakistan say police have raided their homes every night since the deadline passed.',
];

test('side swap: check-worthiness scores are identical when the two sides are exchanged, in both directions', () => {
  const model = loadClaimModel();
  for (const sentence of SIDE_SENTENCES) {
    const swapped = swapSides(sentence);
    assert.notEqual(swapped, sentence);
    assert.equal(swapSides(swapped), sentence);
    assert.equal(scoreSentence(swapped, model), scoreSentence(sentence, model), `${sentence}\n${swapped}`);
  }
});

test('side swap in lower case ("#pakistan", comments typed without capitals): scores are identical', () => {
  const model = loadClaimModel();
  const lowerSwap = (text: string): string => swapSides(text.replace(/\b(pakistani|pakistan|afghanistan|afghan|islamabad|kabul|isi|gdi)\b/g, (w) => (w.length === 3 ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))).toLowerCase();
  let changed = 0;
  for (const sentence of SIDE_SENTENCES) {
    const lowered = sentence.toLowerCase();
    const swapped = lowerSwap(lowered);
    assert.notEqual(swapped, lowered);
    assert.equal(lowerSwap(swapped), lowered);
    changed++;
    assert.equal(scoreSentence(swapped, model), scoreSentence(lowered, model), `${lowered}\n${swapped}`);
  }
  const hashtag = 'Another attack on the border posts by #pakistan, 14 soldiers wounded';
  assert.equal(scoreSentence(hashtag.replace('pakistan', 'afghanistan'), model), scoreSentence(hashtag, model));
  assert.ok(changed >= 6);
});

test('the committed model is calibrated: its scores are probabilities fitted on held-out folds', () => {
  const model = loadClaimModel();
  assert.equal(model.calibration.method, 'platt');
  assert.ok(model.calibration.n > 1000);
  assert.ok(model.calibration.a > 0, 'calibration keeps the ranking');
});

test('the committed model is an ensemble over the word vectors: linear model and network, combined out-of-fold', () => {
  const model = loadClaimModel();
  assert.ok(model.embeddings, 'uses models/embeddings.bin');
  assert.ok(model.ensemble, 'has a network');
  assert.equal(model.ensemble.combination.method, 'stacked-logistic');
  assert.ok(model.ensemble.combination.weights.every((w) => w > 0), 'both models count, neither inverted');
  // the pooled vectors make paraphrases score alike: an unseen wording of a statistic still scores as a claim
  const p = scoreSentence('Joblessness climbed to nine percent in the final quarter, the highest since 1983.', model);
  assert.ok(p >= 0.5, `paraphrased statistic ${p}`);
});

test('a model trained with other word vectors is refused, naming the file', () => {
  const file = JSON.parse(readFileSync(modelPath(), 'utf8')) as Record<string, unknown>;
  file.embeddings = { dims: 50, count: 10, clusters: [2] };
  assert.throws(() => parseModel(JSON.stringify(file), 'other.json'), { code: 'INPUT_MALFORMED', input: 'other.json', message: /other word vectors/ });
});

test('neighbouring sentences move a sentence by their logits against the text mean; alone or without context nothing moves', async () => {
  const { scoreInContext } = await import('./model.js');
  const base = loadClaimModel();
  const toy = { ...base, context: { method: 'neighbour-logits' as const, previous: 0.5, next: 0.25, fittedOn: 'toy', n: 0 } };
  const logit = (p: number): number => Math.log(p / (1 - p));
  const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
  const alone = [0.9, 0.4, 0.9, 0.05, 0.4, 0.05];
  const z = alone.map(logit);
  const mean = z.reduce((a, b) => a + b, 0) / z.length;
  const got = scoreInContext(alone, toy);
  got.forEach((p, i) => {
    const expected = sigmoid(z[i] + 0.5 * (i > 0 ? z[i - 1] - mean : 0) + 0.25 * (i + 1 < z.length ? z[i + 1] - mean : 0));
    assert.ok(Math.abs(p - expected) < 1e-12, `sentence ${i}`);
  });
  // the same 0.4 sentence: raised between check-worthy sentences, lowered between chatter
  assert.ok(got[1] > 0.4 && got[4] < 0.4, `${got[1]} > 0.4 > ${got[4]}`);
  assert.deepEqual(scoreInContext([0.7], toy), [0.7]);
  // the stronger neighbour (claims 1.6.0): the same 0.4 sentence after a claim or before one is lifted alike
  const { contextInputs } = await import('./model.js');
  const withStronger = { ...base, context: { ...toy.context, previous: 0, next: 0, stronger: 0.3 } };
  const lifted = scoreInContext([0.9, 0.4, 0.05, 0.05, 0.4, 0.9], withStronger);
  assert.ok(Math.abs(lifted[1] - lifted[4]) < 1e-12 && lifted[1] > 0.4, `${lifted[1]} = ${lifted[4]} > 0.4`);
  // the place in the text: the same sentences, earlier ones lifted by a negative weight, the middle one left alone
  const placed = { ...base, context: { ...toy.context, previous: 0, next: 0, position: -2 } };
  const flat = scoreInContext([0.4, 0.4, 0.4], placed);
  assert.ok(flat[0] > 0.4 && Math.abs(flat[1] - 0.4) < 1e-12 && flat[2] < 0.4, flat.join(' '));
  const both = { ...base, context: { ...toy.context, stronger: 0.3, position: -2 } };
  const inputs = contextInputs([0.9, 0.4, 0.05].map(logit));
  scoreInContext([0.9, 0.4, 0.05], both).forEach((p, i) => {
    const fitted = inputs[i][0] + 0.5 * inputs[i][1] + 0.25 * inputs[i][2] + 0.3 * inputs[i][3] - 2 * inputs[i][4];
    assert.ok(Math.abs(p - sigmoid(fitted)) < 1e-12, `sentence ${i} as fitted`);
  });
  assert.deepEqual(scoreInContext(alone, { ...toy, context: null }), alone);
});

test('the committed model has a context combination fitted on held-out debates, and a malformed one is refused', () => {
  const model = loadClaimModel();
  assert.ok(model.context, 'models/claims.json has a context combination');
  assert.equal(model.context.method, 'neighbour-logits');
  assert.ok(model.context.n > 10000 && /CheckThat/.test(model.context.fittedOn));
  assert.ok(Math.abs(model.context.previous) < 2 && Math.abs(model.context.next) < 2);
  const file = JSON.parse(readFileSync(modelPath(), 'utf8')) as Record<string, unknown>;
  assert.throws(() => parseModel(JSON.stringify({ ...file, context: { method: 'neighbour-logits', previous: 'x', next: 0 } }), 'm.json'), { code: 'INPUT_MALFORMED', message: /context/ });
});
