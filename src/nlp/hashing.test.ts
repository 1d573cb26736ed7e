import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HashedWeights, decodeGaps, encodeGaps, hashText, loadHashed, mix, quantiseHashed, quantiseInt8, storeHashed } from './hashing.js';

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

test('int8 weights: each within half a step of its block scale, stored and loaded to the same float32 values, a quarter of the bytes', () => {
  let seed = 3;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  const dim = 1 << 12;
  const width = 15;
  const dense = new Float32Array(dim * width);
  for (let b = 0; b < dim; b += 3) for (let c = 0; c < width; c++) dense[b * width + c] = random() * (c === 0 ? 4 : 0.5);
  const w = HashedWeights.fromDense(dense, dim, width, 0.01);
  const q = quantiseHashed(w, width);
  assert.equal(q.buckets, w.buckets);
  for (let r = 0; r < w.buckets.length; r++) {
    const scale = q.int8!.scales[r];
    let max = 0;
    for (let c = 0; c < width; c++) max = Math.max(max, Math.abs(w.weights[r * width + c]));
    assert.equal(scale, Math.fround(max / 127));
    for (let c = 0; c < width; c++) assert.ok(Math.abs(q.weights[r * width + c] - w.weights[r * width + c]) <= scale / 2 + 1e-7);
  }
  const stored = storeHashed(q, [0.5]);
  const back = loadHashed(JSON.parse(JSON.stringify(stored)));
  assert.deepEqual([...back.weights.weights], [...q.weights], 'loading gives the weights that were tuned');
  assert.deepEqual([...back.weights.buckets], [...w.buckets]);
  assert.equal(back.weights.row(w.buckets[7]), 7);
  assert.ok(JSON.stringify(stored).length < JSON.stringify(storeHashed(w, [0.5])).length / 3, 'int8 and gap-coded buckets are far smaller');
  // an all-zero block and a partial last block
  const z = quantiseInt8(Float32Array.from([0, 0, 0, 1, -2]), 3);
  assert.deepEqual([...z.int8.scales], [0, Math.fround(2 / 127)]);
  assert.deepEqual([...z.weights], [0, 0, 0, Math.fround(64 * Math.fround(2 / 127)), Math.fround(-127 * Math.fround(2 / 127))]);
  assert.throws(() => quantiseInt8(new Float32Array(3), 0), /positive integer/);
});

test('bucket gaps as varints round-trip, large gaps included; bad input is refused', () => {
  const values = Uint32Array.from([0, 1, 127, 128, 300, 16_384, 2 ** 22 - 1, 2 ** 31 + 5]);
  const bytes = encodeGaps(values);
  assert.deepEqual([...decodeGaps(bytes)], [...values]);
  assert.throws(() => encodeGaps(Uint32Array.from([5, 3])), /ascending/);
  assert.throws(() => decodeGaps(Uint8Array.from([0x80])), /truncated/);
  const stored = storeHashed(quantiseHashed(HashedWeights.fromDense(Float32Array.from([0, 1, 0, 2]), 4, 1, 0.01), 16), [0]);
  assert.throws(() => loadHashed({ ...stored, int8: { block: 16, scales: '' } }), /scales do not match/);
  assert.throws(() => loadHashed({ ...stored, weights: Buffer.from([1]).toString('base64') }), /do not match its buckets/);
});

test('the packed lookups (bucket beside its weight or int8 row) give exactly the values of row() and the weight arrays', () => {
  let state = 7;
  const next = (): number => (state = mix(state, 0x2545f491));
  const dim = 1 << 12;
  for (const width of [1, 15]) {
    // about a third of the buckets kept, so lookups hit, miss and probe past neighbours
    const dense = Float32Array.from({ length: dim * width }, () => ((next() % 1000) - 500) / 997);
    for (let b = 0; b < dim; b++) if (next() % 3 !== 0) dense.fill(0, b * width, (b + 1) * width);
    const float = HashedWeights.fromDense(dense, dim, width, 1e-6);
    const w = quantiseHashed(float, width);
    assert.ok(w.int8 && w.buckets.length > dim / 4);
    for (let i = 0; i < 5000; i++) {
      const hash = next();
      const r = w.row(hash);
      if (width === 1) {
        assert.ok(Object.is(w.weight(hash), r < 0 ? 0 : w.weights[r]));
        assert.ok(Object.is(float.weight(hash), r < 0 ? 0 : float.weights[r]));
        continue;
      }
      const z = Float64Array.from({ length: width }, () => (next() % 100) / 7);
      const expected = Float64Array.from(z);
      if (r >= 0) for (let c = 0; c < width; c++) expected[c] += Math.fround(w.int8.q[r * width + c] * w.int8.scales[r]);
      assert.equal(w.addInt8Row(hash, z), r >= 0);
      assert.deepEqual([...z], [...expected]);
    }
    if (width > 1) assert.throws(() => float.addInt8Row(1, new Float64Array(width)), /int8 weights/);
  }
});
