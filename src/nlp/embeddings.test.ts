import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeEmbeddings, loadEmbeddings, parseEmbeddings, poolWords, similarity, wordRow } from './embeddings.js';
import { gazetteerNameWords } from './entities/name-words.js';

function tiny(): Buffer {
  const words = ['good', 'great', 'bad'];
  const scales = Float32Array.from([1 / 127, 1 / 127, 1 / 127]);
  const vectors = Int8Array.from([127, 0, 120, 40, -127, 0]);
  const clusters = [Uint16Array.from([0, 0, 1]), Uint16Array.from([3, 4, 5])];
  return encodeEmbeddings({ dims: 2, clusters: [2, 6], source: 'test', licence: 'test', built: {} }, words, scales, vectors, clusters);
}

test('distilled vectors round-trip through the file format', () => {
  const e = parseEmbeddings(tiny(), 'tiny.bin');
  assert.deepEqual(e.words, ['good', 'great', 'bad']);
  assert.equal(wordRow(e, 'great'), 1);
  assert.equal(wordRow(e, 'absent'), -1);
  assert.deepEqual([...e.clusters[1]], [3, 4, 5]);
  assert.ok(similarity(e, 0, 1) > 0.9);
  assert.ok(similarity(e, 0, 2) < -0.9);
  const out = new Float32Array(4);
  assert.equal(poolWords(e, ['good', 'bad', 'unknown'], out, true), 2);
  assert.ok(Math.abs(out[0]) < 1e-6, 'mean of opposite vectors');
  assert.ok(Math.abs(out[2] - 1) < 1e-6, 'max of the first component');
});

test('a damaged vectors file is a coded error naming it', () => {
  const good = tiny();
  assert.throws(() => parseEmbeddings(Buffer.from('nope'), 'x.bin'), { code: 'INPUT_MALFORMED', input: 'x.bin' });
  assert.throws(() => parseEmbeddings(good.subarray(0, good.length - 3), 'x.bin'), /bytes, expected/);
  const badHeader = Buffer.from(good);
  badHeader.write('!', 8, 'latin1');
  assert.throws(() => parseEmbeddings(badHeader, 'x.bin'), /not JSON/);
});

test('the committed vectors know related words and no gazetteer name', async () => {
  const e = loadEmbeddings();
  assert.equal(e.dims, 100);
  assert.ok(e.words.length > 20_000 && e.words.length <= 40_000);
  const row = (w: string): number => {
    const r = wordRow(e, w);
    assert.ok(r >= 0, `${w} has a vector`);
    return r;
  };
  assert.ok(similarity(e, row('percent'), row('percentage')) > similarity(e, row('percent'), row('banana')));
  assert.ok(similarity(e, row('traitor'), row('traitors')) > 0.6);
  // names of actors are left out, so no model can tell the sides of a conflict apart by them
  const names = await gazetteerNameWords();
  const leaked = [...names].filter((w) => wordRow(e, w) >= 0);
  assert.deepEqual(leaked, []);
});
