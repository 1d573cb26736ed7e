import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auc, trainLogistic } from './logistic.js';
import { applicable, explainScore, loadMachineTextModel, parseModel, scoreText, serializeModel, signalScore, vectorize, type MachineTextModel } from './machine-text-model.js';
import { textFeatures } from './machine-text-features.js';

const tiny = (weight: number): MachineTextModel => ({ bits: 6, weights: new Float32Array(64).fill(weight), bias: 0, threshold: 0.8, sectionThreshold: 0.7, meta: { note: 'test' } });

test('weights survive serialisation to 16 bits within half a quantisation step', () => {
  const model = tiny(0);
  model.weights.forEach((_, i) => (model.weights[i] = Math.sin(i) * 3));
  const back = parseModel(serializeModel(model));
  assert.equal(back.bits, 6);
  assert.equal(back.threshold, 0.8);
  assert.equal(back.sectionThreshold, 0.7);
  assert.deepEqual(back.meta, { note: 'test' });
  const step = 3 / 32767;
  model.weights.forEach((w, i) => assert.ok(Math.abs(w - back.weights[i]) <= step, `weight ${i}`));
});

test('the signal score is 0.5 exactly at the threshold and linear on either side', () => {
  const model = tiny(0);
  assert.equal(signalScore(model, 0.8), 0.5);
  assert.equal(signalScore(model, 0.4), 0.25);
  assert.equal(signalScore(model, 1), 1);
  assert.equal(Math.round(signalScore(model, 0.9) * 1000) / 1000, 0.75);
});

test('only English texts of four words or more are scored', () => {
  assert.equal(applicable('Great stuff, thanks'), false);
  assert.equal(applicable('Der Stadtrat eröffnete gestern feierlich die neue Brücke'), false);
  assert.equal(applicable('The council opened the new bridge yesterday'), true);
  // links and mentions do not count as words
  assert.equal(applicable('@ana @bob https://t.co/abc nice one'), false);
});

test('an explanation names the strongest features of each group', () => {
  const model = tiny(0);
  const text = 'The council opened the new bridge yesterday.';
  const features = textFeatures(text);
  const target = vectorize(features.filter((f) => f.key === 'w:the w'), model.bits).indices[0];
  model.weights[target] = 4;
  const score = scoreText(model, text);
  assert.ok(score.probability > 0.5);
  assert.equal(score.towards[0].key, 'w:the w');
  assert.match(explainScore(score), /^style typical of generated text \(\d+% by the model\): .*word sequences "the w"/);
});

test('logistic regression separates a toy problem and AUC counts ties as half', () => {
  const x = (i: number) => ({ indices: Int32Array.from([i]), values: Float32Array.from([1]) });
  const examples = [...Array(20)].map((_, k) => ({ x: x(k % 2), y: (k % 2) as 0 | 1 }));
  const { weights, bias } = trainLogistic(examples, { bits: 2, epochs: 20, learningRate: 0.5, l2: 0, seed: 1 });
  assert.ok(weights[1] + bias > 1 && weights[0] + bias < -1);
  assert.equal(auc([0.1, 0.4, 0.35, 0.8], [false, true, false, true]), 1);
  assert.equal(auc([0.5, 0.5], [false, true]), 0.5);
  assert.equal(auc([0.9, 0.1], [false, true]), 0);
});

test('the shipped model loads with its thresholds and scores a text', () => {
  const model = loadMachineTextModel();
  assert.ok(model, 'models/machine-text.json is missing');
  assert.equal(model.bits, 18);
  assert.ok(model.threshold > 0.5 && model.threshold < 1);
  assert.ok(model.sectionThreshold > 0.5 && model.sectionThreshold < 1);
  const score = scoreText(model, 'I think the new timetable is a mess, my train was late twice this week.');
  assert.ok(score.probability > 0 && score.probability < 1);
  for (let i = 1; i < score.towards.length; i++) assert.ok(score.towards[i - 1].weight >= score.towards[i].weight);
});
