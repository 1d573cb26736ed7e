import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { codePointsToUtf16, idBucket, lineSpans, readPtcArticles, splitOf, utf16ToCodePoint } from './ptc.js';
import { ptcDir } from './paths.js';

test('code-point offsets become UTF-16 offsets across a BOM and astral characters', () => {
  const text = '\uFEFFA 😀 word and 👍🏽 more';
  // code points: BOM=0, 'A'=1, ' '=2, 😀=3, ' '=4, 'w'=5 … 'word' = [5, 9)
  assert.deepEqual(codePointsToUtf16(text, 5, 9), { start: 6, end: 10 });
  assert.equal(text.slice(6, 10), 'word');
  // after a thumb and a skin-tone modifier (two more astral code points): 'more' is code points [17, 21)
  const more = codePointsToUtf16(text, 17, 21);
  assert.deepEqual(more, { start: 20, end: 24 });
  assert.equal(text.slice(more.start, more.end), 'more');
  assert.equal(utf16ToCodePoint(text, more.start), 17);
  assert.equal(utf16ToCodePoint(text, 6), 5);
});

test('line spans skip the BOM and mark the first line as the title', () => {
  const spans = lineSpans('\uFEFFTitle here\n\nFirst line.\nSecond line.\n');
  assert.deepEqual(spans, [
    { start: 1, end: 11, title: true },
    { start: 13, end: 24, title: false },
    { start: 25, end: 37, title: false },
  ]);
});

test('the holdout split is a fixed hash of the article id', () => {
  assert.equal(idBucket('111111111'), 2);
  assert.equal(splitOf('111111111'), 'train');
  assert.equal(idBucket('755170235'), 1);
  assert.equal(splitOf('755170235'), 'tune');
});

const dir = ptcDir();
test('PTC labels read in code points land on the right words (article with emoji)', { skip: !existsSync(dir) && 'no PTC data' }, () => {
  const articles = readPtcArticles(dir);
  assert.equal(articles.length, 371);
  const withEmoji = articles.find((a) => a.id === '755170235');
  assert.ok(withEmoji);
  const quotes = withEmoji.spans.map((s) => withEmoji.text.slice(s.start, s.end));
  assert.ok(quotes.includes('tyrannical regime'), quotes.join(' | '));
  const withBom = articles.find((a) => a.id === '705409419');
  assert.equal(withBom?.text.charCodeAt(0), 0xfeff);
  const holdout = articles.filter((a) => splitOf(a.id) === 'holdout');
  assert.equal(holdout.length, 67);
});
