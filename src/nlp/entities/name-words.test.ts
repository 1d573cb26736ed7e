import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gazetteerNameWords, gazetteerWholeNames } from './name-words.js';

test('whole names: the gazetteer\'s one-word names, aliases and demonyms, minus ordinary lower-case words', async () => {
  const ordinary = new Set(['us', 'who']);
  const whole = await gazetteerWholeNames(ordinary, { laterAdditions: true });
  for (const name of ['pakistan', 'afghanistan', 'afghan', 'afghans', 'kabul', 'isi', 'taliban', 'accra', 'togolese']) assert.ok(whole.has(name), name);
  // ordinary words stay words; parts of longer names ("United States", "Islamic State") are not names alone
  for (const word of ['us', 'who', 'united', 'states', 'state', 'islamic']) assert.ok(!whole.has(word), word);
  // a subset of the words of all names, and the later additions only when asked for
  const words = await gazetteerNameWords({ laterAdditions: true });
  for (const name of whole) assert.ok(words.has(name), name);
  const early = await gazetteerWholeNames(ordinary);
  assert.ok(early.size < whole.size && !early.has('togolese'), `${early.size} < ${whole.size}`);
});
