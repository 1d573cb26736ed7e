import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFeature, maskTokens, maskedText, stripPlatformMarks, styleFeatures, textFeatures } from './machine-text-features.js';

test('content words are masked to shape and ending, function words kept', () => {
  const tokens = maskTokens('The Mayor quietly rejected 3 NEW plans, didn’t she? 😀');
  assert.equal(maskedText(tokens), "The W w~ly w~ed 0 WW w~s , didn't she ? E");
});

test('links, mentions and a leading RT are removed before features are counted', () => {
  // an e-mail address is not a mention
  assert.equal(stripPlatformMarks('RT @ana: read this https://t.co/x1 now, mail me@example.org'), ': read this now, mail me@example.org');
  const keys = textFeatures('@ana read this https://t.co/x1').map((f) => f.key);
  assert.ok(!keys.some((k) => k.includes('U') || k.includes('@')));
});

test('the same sentence about another topic gives the same n-grams (style, not content)', () => {
  const ngrams = (text: string): string[] => textFeatures(text).filter((f) => f.group !== 'style').map((f) => f.key);
  const a = ngrams('The council voted against the new stadium tonight.');
  assert.deepEqual(a, ngrams('The union argued against the big pipeline yesterday.'));
  assert.ok(a.includes('w:against the w'));
});

test('style indicators name buckets a person can check', () => {
  const text = 'so so good!!! really so good';
  const style = styleFeatures(text, maskTokens(text));
  assert.ok(style.includes('repeated-word-pair'));
  assert.ok(style.includes('doubled-word'));
  assert.ok(style.includes('repeated-!?'));
  assert.ok(style.includes('exclamations=2-4'));
  assert.ok(style.includes('sentence-start=lower'));
  assert.equal(describeFeature('c: of t'), '"·of t"');
  assert.equal(describeFeature('s:ellipsis'), 'ellipsis');
});

test('each feature group is L2-normalised', () => {
  const features = textFeatures('A short sentence about nothing in particular.');
  for (const group of ['char', 'word', 'style'] as const) {
    const norm = features.filter((f) => f.group === group).reduce((a, f) => a + f.value * f.value, 0);
    assert.ok(Math.abs(norm - 1) < 1e-9, `${group} ${norm}`);
  }
});
