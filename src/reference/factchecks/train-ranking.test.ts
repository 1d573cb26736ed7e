import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appearancesWithout, pairwiseExamples } from './train-ranking.js';

test('pairwise examples: relevant minus other in both orders, twins with the same features left out', () => {
  const { pairs, twins } = pairwiseExamples([
    [
      { index: 0, x: [1, 0.9, 0.5], y: 1 },
      { index: 1, x: [1, 0.9, 0.5], y: 0 },
      { index: 2, x: [1, 0.4, 0.1], y: 0 },
    ],
  ]);
  assert.equal(twins, 1);
  assert.deepEqual(pairs.map((p) => [Array.from(p.x.values).map((v) => Math.round(v * 10) / 10), p.y]), [[[0, 0.5, 0.4], 1], [[-0, -0.5, -0.4], 0]]);
});

test("a fold's tweets are no appearances of their claims", () => {
  const queries = { ids: ['a', 'b', 'c', 'd', 'e', 'f'], texts: ['t0', 't1', 't2', 't3', 't4', 't5'], relevant: [0, 1, 0, 1, 0, 1].map((c) => new Set([c])) };
  // five folds by position: fold 0 holds tweets 0 and 5
  assert.deepEqual(appearancesWithout(2, queries, 0), [['t2', 't4'], ['t1', 't3']]);
  assert.deepEqual(appearancesWithout(2, queries, -1), [['t0', 't2', 't4'], ['t1', 't3', 't5']]);
});
