import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseF1Threshold } from './calibration.js';

test('the F1 threshold is the cut that maximises F1 on the scores given, not 0.5', () => {
  // positives at 0.35–0.9, negatives at 0.1–0.4: cutting at 0.5 loses three positives
  const scores = [0.9, 0.8, 0.6, 0.45, 0.4, 0.35, 0.38, 0.3, 0.2, 0.1, 0.1];
  const labels = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
  const d = chooseF1Threshold(scores, labels, 'toy');
  assert.equal(d.threshold, 0.35);
  assert.equal(d.recall, 1);
  assert.equal(d.precision, 6 / 7);
  assert.ok(Math.abs(d.f1 - 12 / 13) < 1e-12);
  assert.equal(d.n, 11);
  assert.equal(d.method, 'max-f1');
});

test('ties go to the higher cut, and the grid is two-decimal', () => {
  // every cut in (0.2, 0.8] separates perfectly: the highest such cut wins
  const d = chooseF1Threshold([0.9, 0.81, 0.2, 0.1], [1, 1, 0, 0], 'toy');
  assert.equal(d.f1, 1);
  assert.equal(d.threshold, 0.81);
  assert.equal(String(d.threshold).length <= 4, true);
});

test('no scores is an error, not a silent threshold', () => {
  assert.throws(() => chooseF1Threshold([], [], 'none'), /no scores/);
});
