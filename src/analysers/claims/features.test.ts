import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Accumulator, featurize } from './features.js';

test('the sparse accumulator sums as a Map would, listing buckets in first-touch order, through growth and reuse', () => {
  const acc = new Accumulator(20_000);
  let state = 12345;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (const distinct of [5, 700, 5000]) {
    const expected = new Map<number, number>();
    for (let i = 0; i < 3 * distinct; i++) {
      const index = next() % (distinct * 3) & 0x3ffff;
      const weight = (next() % 1000) / 7;
      expected.set(index, (expected.get(index) ?? 0) + weight);
      acc.add(index, weight);
    }
    assert.equal(acc.size, expected.size);
    [...expected].forEach(([index, sum], i) => {
      assert.equal(acc.indexAt(i), index);
      assert.ok(Object.is(acc.valueAt(i), sum));
    });
    acc.clear();
    assert.equal(acc.size, 0);
  }
  const small = new Accumulator(2);
  small.add(1);
  small.add(2);
  assert.throws(() => small.add(3), /overflow/);
});

test('featurize gives the same vector whatever sentences came before (the scratch is cleared)', () => {
  const options = { dim: 1 << 18 };
  const text = 'The ministry said 4,000 people had left the city since Monday, more than last year.';
  const first = featurize(text, options);
  const long = Array.from({ length: 400 }, (_, i) => `word${i.toString(36)}x`).join(' ');
  featurize(long, options);
  const again = featurize(text, options);
  assert.deepEqual([...again.indices], [...first.indices]);
  assert.deepEqual([...again.values], [...first.values]);
});
