import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SENTENCE_CHARS, splitSentences } from './sentences.js';

const cases: Array<[string, string[]]> = [
  ['Mr. Smith left. He came back.', ['Mr. Smith left.', 'He came back.']],
  ['The U.S. Army arrived. Then it left.', ['The U.S. Army arrived.', 'Then it left.']],
  ['Linda Y. Hernandez wrote it. Yes.', ['Linda Y. Hernandez wrote it.', 'Yes.']],
  ['He said “no.” Then he left.', ['He said “no.”', 'Then he left.']],
  ['Trade (approx. $1.5 billion) fell. Why? Nobody knows!', ['Trade (approx. $1.5 billion) fell.', 'Why?', 'Nobody knows!']],
  ['A heading\nA paragraph follows here.', ['A heading', 'A paragraph follows here.']],
  ['e.g. this stays whole. And this is two.', ['e.g. this stays whole.', 'And this is two.']],
  ['یہ پہلا جملہ ہے۔ یہ دوسرا ہے۔', ['یہ پہلا جملہ ہے۔', 'یہ دوسرا ہے۔']],
  ['Visit https://example.org/a.b for more. Done.', ['Visit https://example.org/a.b for more.', 'Done.']],
];

for (const [text, expected] of cases) {
  test(`splits: ${text.slice(0, 40)}`, () => {
    const spans = splitSentences(text);
    assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), expected);
  });
}

test('spans are offsets into the original text, within the given range', () => {
  const text = 'xx One. Two. yy';
  const spans = splitSentences(text, 3, 12);
  assert.deepEqual(spans, [{ start: 3, end: 7 }, { start: 8, end: 12 }]);
});

test('is linear on long text (a million characters in one line)', () => {
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(25_000);
  assert.equal(splitSentences(text).length, 25_000);
});

test('a run-on text without punctuation is cut into sentences of at most MAX_SENTENCE_CHARS, at white space', () => {
  const text = Array.from({ length: 20_000 }, (_, i) => `word${i % 97}`).join(' ');
  const spans = splitSentences(text);
  assert.ok(spans.length >= text.length / MAX_SENTENCE_CHARS);
  for (const s of spans) {
    assert.ok(s.end - s.start <= MAX_SENTENCE_CHARS);
    assert.ok(s.start === 0 || text[s.start - 1] === ' ', 'cut after a space');
  }
  assert.equal(spans.map((s) => text.slice(s.start, s.end)).join(' '), text, 'nothing lost');
  const noSpaces = '😀'.repeat(3000);
  const pieces = splitSentences(noSpaces);
  assert.equal(pieces.map((s) => noSpaces.slice(s.start, s.end)).join(''), noSpaces, 'no surrogate pair split');
});
