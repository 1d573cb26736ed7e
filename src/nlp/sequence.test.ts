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

test('the unrolled span decoder gives the generic Viterbi path exactly, ties and all', async () => {
  const { decodeProbabilitiesReference } = await import('./sequence.js');
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  let spans = 0;
  for (let trial = 0; trial < 3000; trial++) {
    const n = 1 + Math.floor(random() * 40);
    // coarse values make exact ties common; 0 and 1 exercise the clamping
    const coarse = trial % 3 === 0;
    const p = Array.from({ length: n + 2 }, () => (coarse ? Math.floor(random() * 5) / 4 : random()));
    const bias = [-1, -0.5, 0, 0.5, 1, 2, 4][trial % 7];
    const cost = [0, 0.5, 1, 2, 4][trial % 5];
    const got = decodeProbabilities(p, 1, n + 1, bias, cost);
    assert.deepEqual(got, decodeProbabilitiesReference(p, 1, n + 1, bias, cost), `trial ${trial}`);
    spans += got.length;
  }
  assert.ok(spans > 1000, 'the trials hold spans to compare');
  assert.deepEqual(decodeProbabilities([0.9], 0, 0, 0, 0), []);
});
