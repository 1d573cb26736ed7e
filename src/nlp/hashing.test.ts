import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HashedWeights, hashText, loadHashed, mix, storeHashed } from './hashing.js';

test('hashText is FNV-1a over a string or a range of it', () => {
  assert.equal(hashText(''), 0x811c9dc5);
  assert.equal(hashText('a'), 0xe40c292c);
  assert.equal(hashText('xfoobarx', 1, 7), 0xbf9cf968);
});

test('mix: nested, the order of the parts matters; it depends on both', () => {
  const t = hashText('b-');
  const a = hashText('w-1');
  const b = hashText('the');
  assert.notEqual(mix(mix(t, a), b), mix(mix(t, b), a));
  assert.notEqual(mix(a, b), mix(a, hashText('them')));
  assert.equal(mix(a, b), mix(a, b));
  assert.ok(mix(a, b) >= 0 && mix(a, b) <= 0xffffffff);
});

test('hashed weights keep the buckets that matter, find them by hash and survive storage', () => {
  const dim = 1 << 10;
  const dense = new Float32Array(dim * 2);
  dense[5 * 2] = 0.5;
  dense[7 * 2 + 1] = -0.25;
  dense[9 * 2] = 0.001;
  const w = HashedWeights.fromDense(dense, dim, 2, 0.01);
  assert.deepEqual([...w.buckets], [5, 7]);
  assert.equal(w.row(5 + dim * 3), 0, 'only the bucket bits of a hash count');
  assert.equal(w.row(7), 1);
  assert.equal(w.row(9), -1, 'dropped: below minAbs');
  assert.equal(w.row(11), -1);
  const back = loadHashed(JSON.parse(JSON.stringify(storeHashed(w, [0.1, -0.2]))));
  assert.deepEqual([...back.bias], [0.1, -0.2]);
  assert.deepEqual([...back.weights.weights], [...w.weights]);
  assert.equal(back.weights.row(7), 1);
  const binary = HashedWeights.fromDense(Float32Array.from([0, 0.3, 0, -0.4]), 4, 1, 0.01);
  assert.equal(binary.weight(1), Math.fround(0.3));
  assert.equal(binary.weight(2), 0);
});

test('a malformed stored table is an error', () => {
  assert.throws(() => loadHashed({ dim: 4, width: 1, bias: [0], buckets: Buffer.from([1, 0, 0, 0]).toString('base64'), weights: '' }), /do not match/);
  assert.throws(() => loadHashed({ dim: 4, width: 1, bias: [0], buckets: 'AAA=', weights: '' }), /whole 32-bit/);
});
