import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutRun, isValidationTweet, relevantUnder, subsetQueries, twinGroups } from './checkthat.js';

test('claims with the same words but for quote marks are one twin group, named by the first', () => {
  assert.deepEqual([...twinGroups(['"Trump by the Numbers"', 'Other claim', "'Trump by the Numbers'", 'Trump, by the numbers!'])], [0, 1, 0, 0]);
});

test('a run is cut by the official tie rule, with twins merged, or by file order', () => {
  const ids = [10, 11, 12, 13];
  const group = Int32Array.from([0, 0, 2, 3]);
  // claims 0 and 1 are twins tied on top; 3 and 2 tie below them
  const run = [{ index: 1, score: 0.9 }, { index: 0, score: 0.9 }, { index: 3, score: 0.5 }, { index: 2, score: 0.5 }];
  assert.deepEqual(cutRun(run, 'official', ids, group, 3), [1, 0, 3]);
  assert.deepEqual(cutRun(run, 'file', ids, group, 3), [0, 1, 2]);
  assert.deepEqual(cutRun(run, 'merged', ids, group, 3), [0, 2, 3]);
  assert.deepEqual([...relevantUnder(new Set([1]), 'merged', group)], [0]);
  assert.deepEqual([...relevantUnder(new Set([1]), 'official', group)], [1]);
});

test('the validation split is fixed by the tweet id alone and takes about a fifth', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => String(i + 1));
  const chosen = ids.filter(isValidationTweet);
  assert.ok(chosen.length > 330 && chosen.length < 470, String(chosen.length));
  assert.deepEqual([...ids].reverse().filter(isValidationTweet), [...chosen].reverse());
  const queries = { ids: ['1', '2', '3'], texts: ['a', 'b', 'c'], relevant: [new Set([0]), new Set([1]), new Set([2])] };
  assert.deepEqual(subsetQueries(queries, (id) => id !== '2'), { ids: ['1', '3'], texts: ['a', 'c'], relevant: [new Set([0]), new Set([2])] });
});
