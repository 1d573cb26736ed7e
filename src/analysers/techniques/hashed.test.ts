import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../nlp/tokens.js';
import { prepare } from './features.js';
import { stackHashes, tokenHashes } from './hashed.js';

const vocab = { lower: new Set(['the', 'army', 'shelled', 'border', 'posts', 'again', 'cowardly', 'terrorists']), capitalCues: new Set<string>() };

function hashesOf(text: string) {
  const doc = prepare(text, [{ start: 0, end: text.length, title: false, tokens: tokenize(text) }], vocab, []);
  return { doc, ...tokenHashes(doc, 0) };
}

test('every token gets its features as integers, about two dozen each', () => {
  const { doc, hashes, offsets } = hashesOf('The cowardly terrorists shelled the border posts again!');
  assert.equal(offsets.length, doc.tokens.length + 1);
  for (let i = 0; i < doc.tokens.length; i++) assert.ok(offsets[i + 1] - offsets[i] >= 20, `token ${i}: ${offsets[i + 1] - offsets[i]}`);
  assert.equal(offsets[doc.tokens.length], hashes.length);
});

test('names are masked: features are identical whichever side is named, and differ for a different word', () => {
  const a = hashesOf('The army of Pakistan shelled the border posts of Kabul again.');
  const b = hashesOf('The army of Afghanistan shelled the border posts of Islamabad again.');
  assert.deepEqual([...b.hashes], [...a.hashes]);
  assert.deepEqual([...b.offsets], [...a.offsets]);
  const c = hashesOf('The army of Pakistan bombed the border posts of Kabul again.');
  assert.notDeepEqual([...c.hashes], [...a.hashes]);
});

test('second-stage features follow the first-stage probabilities', () => {
  const { doc } = hashesOf('The cowardly terrorists shelled the border posts again.');
  const low = stackHashes(doc, 0, new Float64Array(doc.tokens.length).fill(0.01), 0.1);
  const high = stackHashes(doc, 0, new Float64Array(doc.tokens.length).fill(0.9), 0.1);
  assert.equal(low.offsets.length, doc.tokens.length + 1);
  assert.notDeepEqual([...low.hashes], [...high.hashes]);
  assert.deepEqual([...stackHashes(doc, 0, new Float64Array(doc.tokens.length).fill(0.01), 0.1).hashes], [...low.hashes]);
});
