import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collapsedPrefix, hasLetters, loadLanguageIdentifier } from './language.js';

test('collapsedPrefix is the collapsed text cut to length, however the white space falls', () => {
  const cases = [
    '',
    'short text',
    'a  b\n\n\tc',
    'word '.repeat(5000),
    ' \n'.repeat(3000) + 'x'.repeat(10) + ' '.repeat(9000) + 'tail',
    'x'.repeat(7999) + '   \n  ' + 'y'.repeat(100),
    'lead' + ' '.repeat(20000),
  ];
  for (const text of cases) {
    for (const length of [1, 5, 4000]) assert.equal(collapsedPrefix(text, length), text.replace(/\s+/g, ' ').slice(0, length), JSON.stringify(text.slice(0, 30)));
  }
});

test('hasLetters counts letters up to the bound only', () => {
  assert.equal(hasLetters('12345 abc', 3), true);
  assert.equal(hasLetters('12345 ab', 3), false);
  assert.equal(hasLetters('', 1), false);
  assert.equal(hasLetters('ای', 2), true);
});

test('language of a long one-line text is read from its start, as of a short one', async () => {
  const identifier = await loadLanguageIdentifier();
  const sentence = 'The ministry said on Monday that the commission had reported new figures from the river basin. ';
  const short = identifier.identify(sentence.repeat(40));
  const long = identifier.identify(sentence.repeat(40_000)); // ~3.8 MB on one line
  assert.equal(short.code, 'en');
  assert.ok(sentence.length * 50 > 4000);
  assert.deepEqual(long, identifier.identify(sentence.repeat(50)));
  assert.deepEqual(identifier.identify('12 34 56 ab'), { code: null, score: 0 }, 'too few letters');
});
