import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../nlp/tokens.js';
import { prepare } from './features.js';
import { stackContext, stackHashes, tokenHashes } from './hashed.js';
import { loadEmbeddings } from '../../nlp/embeddings.js';

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
  const stack = (p: number, gate: number) => {
    const p1 = new Float64Array(doc.tokens.length).fill(p);
    return stackHashes(doc, 0, p1, stackContext(p1, Float64Array.of(gate)));
  };
  const low = stack(0.01, 0.1);
  const high = stack(0.9, 0.1);
  assert.equal(low.offsets.length, doc.tokens.length + 1);
  assert.notDeepEqual([...low.hashes], [...high.hashes]);
  assert.deepEqual([...stack(0.01, 0.1).hashes], [...low.hashes]);
  assert.notDeepEqual([...stack(0.01, 0.9).hashes], [...low.hashes], 'the gate is a feature');
});

test('second-stage features see the neighbouring sentences and the document', () => {
  const text = 'The cowardly terrorists shelled the posts. Officials met on Monday. Talks went on.';
  const sentences = [
    { start: 0, end: 42, title: false, tokens: tokenize(text, 0, 42) },
    { start: 43, end: 67, title: false, tokens: tokenize(text, 43, 67) },
    { start: 68, end: text.length, title: false, tokens: tokenize(text, 68, text.length) },
  ];
  const doc = prepare(text, sentences, vocab, []);
  const p1 = new Float64Array(doc.tokens.length).fill(0.02);
  const calm = stackHashes(doc, 1, p1, stackContext(p1, Float64Array.of(0.1, 0.1, 0.1)));
  const hot = stackHashes(doc, 1, p1, stackContext(p1, Float64Array.of(0.9, 0.1, 0.1)));
  assert.notDeepEqual([...hot.hashes], [...calm.hashes], "the previous sentence's gate changes the middle sentence's features");
});

test('word-vector clusters are features of ordinary words only: related words share them, names never get one', () => {
  const embeddings = loadEmbeddings();
  const withVectors = { ...vocab, lower: new Set([...vocab.lower, 'cowards', 'militants']), embeddings };
  const of = (text: string) => {
    const doc = prepare(text, [{ start: 0, end: text.length, title: false, tokens: tokenize(text) }], withVectors, []);
    return { doc, ...tokenHashes(doc, 0) };
  };
  const a = of('The cowardly terrorists shelled Kabul again.');
  const plain = hashesOf('The cowardly terrorists shelled Kabul again.');
  assert.ok(a.hashes.length > plain.hashes.length, 'cluster features added');
  const kabul = a.doc.tokens.find((t) => t.text === 'Kabul');
  assert.ok(kabul && kabul.masked && kabul.row === -1, 'a masked name has no vector');
  assert.deepEqual([...of('The cowardly terrorists shelled Islamabad again.').hashes], [...a.hashes]);
  // "terrorists" and "militants" fall in the same fine cluster or not, but always share some feature more than with a random word
  const t = a.doc.tokens.find((x) => x.id === 'terrorists');
  assert.ok(t && t.row >= 0);
  const shared = (x: string, y: string): number => {
    const hx = of(`The ${x} shelled the posts.`);
    const hy = of(`The ${y} shelled the posts.`);
    const set = new Set(hx.hashes.subarray(hx.offsets[1], hx.offsets[2]));
    return [...hy.hashes.subarray(hy.offsets[1], hy.offsets[2])].filter((h) => set.has(h)).length;
  };
  assert.ok(shared('terrorists', 'militants') > shared('terrorists', 'posts'));
});
