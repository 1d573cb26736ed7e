import { test } from 'node:test';
import assert from 'node:assert/strict';
import { B, I, O, decodeProbabilities, spanTransitions, viterbi } from './sequence.js';

test('Viterbi finds the best path and never puts I after O', () => {
  // emissions favour O I I: the forbidden O→I must turn it into B I
  const e = [[0, -5, -1], [-3, -2, 0], [-3, -2, 0]];
  const tags = viterbi(3, (i, t) => e[i][t], spanTransitions(0));
  assert.deepEqual([...tags], [O, B, I]);
  assert.deepEqual([...viterbi(0, () => 0, spanTransitions(0))], []);
});

test('span decoding: a span cost joins runs across a weak token and drops a lone flicker', () => {
  const p = [0.9, 0.9, 0.3, 0.9, 0.9, 0.05, 0.05, 0.05, 0.6, 0.05];
  // no cost: every run of tokens above 0.5
  assert.deepEqual(decodeProbabilities(p, 0, p.length, 0, 0), [[0, 2], [3, 5], [8, 9]]);
  // a small cost: the flicker (gain log(0.6/0.4) < 0.5) goes, the weak token (log(0.3/0.7)) still splits
  assert.deepEqual(decodeProbabilities(p, 0, p.length, 0, 0.5), [[0, 2], [3, 5]]);
  // a cost of 2: one span over the weak token, the flicker gone
  assert.deepEqual(decodeProbabilities(p, 0, p.length, 0, 2), [[0, 5]]);
  // a negative bias asks for more evidence: nothing passes
  assert.deepEqual(decodeProbabilities([0.6, 0.6], 0, 2, -3, 0), []);
  // decoding a slice keeps document indices
  assert.deepEqual(decodeProbabilities([0.1, 0.9, 0.9], 1, 3, 0, 0), [[1, 3]]);
});
