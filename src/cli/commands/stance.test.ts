import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePairs, scorePairs } from './stance.js';
import { isDiscernError } from '../../core/errors.js';

test('parsePairs reads JSON Lines in order and skips blank lines', () => {
  const pairs = parsePairs('{"claim":"a","text":"b"}\n\n{"claim":"c","text":"d","id":3}\n', 'x');
  assert.deepEqual(pairs, [{ claim: 'a', text: 'b' }, { claim: 'c', text: 'd' }]);
});

test('parsePairs names the malformed line', () => {
  assert.throws(() => parsePairs('{"claim":"a","text":"b"}\n{"claim":1}\n', 'pairs.jsonl'), (e: unknown) => isDiscernError(e) && e.code === 'INPUT_MALFORMED' && /line 2/.test(e.message));
  assert.throws(() => parsePairs('not json', 'p'), (e: unknown) => isDiscernError(e) && /line 1/.test(e.message));
});

test('scorePairs: an off-topic text is unrelated, an on-topic one is related, order kept', () => {
  const claim = 'Volcano erupts on remote island, forcing evacuation of fishing villages';
  const on = 'The volcano on the remote island erupted on Tuesday. Officials ordered the evacuation of three fishing villages as ash fell. The eruption was the largest in a decade, officials said.';
  const off = 'The football club announced a new coach after a disappointing season in the league, with fans divided over the choice.';
  const [a, b] = scorePairs([{ claim, text: off }, { claim, text: on }]);
  assert.equal(a.label, 'unrelated');
  assert.notEqual(b.label, 'unrelated');
  assert.ok(a.score > 0.5 && a.score <= 1);
});
