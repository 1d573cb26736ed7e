import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spanMemo } from './span-memo.js';
import { splitSentences } from './sentences.js';
import { tokenize } from './tokens.js';

const TEXT = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} says the U.S. Army moved ${i * 3} trucks. `).join('');

test('a span computed again for the same text is not recomputed, and each caller gets its own array', () => {
  let calls = 0;
  const words = spanMemo((text, start, end) => {
    calls++;
    return text.slice(start, end).split(' ');
  }, 1000);
  const first = words(TEXT, 0, 40);
  first.push('changed by a caller');
  const again = words(TEXT, 0, 40);
  assert.equal(calls, 1);
  assert.deepEqual(again, TEXT.slice(0, 40).split(' '), 'what a caller did to its array is not seen by the next');
  words(TEXT, 0, 41);
  assert.equal(calls, 2, 'another span is computed');
  words(`${TEXT} `, 0, 40);
  words(TEXT, 0, 40);
  assert.equal(calls, 4, 'another text replaces the memo (only the last document is kept)');
  words('a short text', 0, 5);
  words('a short text', 0, 5);
  assert.equal(calls, 6, 'short texts (phrases, single sentences) are not kept');
});

test('the memo keeps at most maxItems items', () => {
  let calls = 0;
  const chars = spanMemo((text, start, end) => {
    calls++;
    return [...text.slice(start, end)];
  }, 100);
  chars(TEXT, 0, 80);
  chars(TEXT, 0, 80);
  assert.equal(calls, 1);
  chars(TEXT, 100, 150);
  chars(TEXT, 100, 150);
  assert.equal(calls, 3, 'over the bound: computed each time');
});

test('tokenize and splitSentences give what they computed before, memo or not', () => {
  const sentences = splitSentences(TEXT, 0, TEXT.length);
  assert.equal(sentences.length, 60);
  assert.deepEqual(splitSentences(TEXT, 0, TEXT.length), sentences);
  for (const s of sentences.slice(0, 5)) {
    const tokens = tokenize(TEXT, s.start, s.end);
    assert.deepEqual(tokenize(TEXT, s.start, s.end), tokens);
    // the same words as tokenising the sentence on its own (a short text: never memoised), shifted
    assert.deepEqual(tokens, tokenize(TEXT.slice(s.start, s.end)).map((t) => ({ ...t, start: t.start + s.start, end: t.end + s.start })));
  }
});
