import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pruneLowerCaseNames } from './names.js';

test('lower-case names: a name the training text writes as an ordinary lower-case word, or of one letter, is not masked in lower case', () => {
  const names = new Set(['kabul', 'islamabad', 'raw', 'x', 'turkey']);
  const texts = [
    'Officials in Kabul said the raw figures were wrong.',
    'The raw numbers from Islamabad, and a roast turkey.',
    'They wrote kabul without a capital once; X marks it.',
  ];
  const { kept, dropped } = pruneLowerCaseNames(names, texts);
  // "raw" twice in lower case: an ordinary word; "turkey" and "kabul" once only: still names
  assert.deepEqual([...kept].sort(), ['islamabad', 'kabul', 'turkey']);
  assert.deepEqual(dropped, ['raw', 'x']);
  // the threshold is the caller's: at one lower-case use, "kabul" and "turkey" go too
  assert.deepEqual([...pruneLowerCaseNames(names, texts, 1).kept], ['islamabad']);
});
