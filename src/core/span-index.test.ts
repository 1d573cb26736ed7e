import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from './random.js';
import { SpanIndex } from './span-index.js';

test('SpanIndex answers exactly what a scan of every span answers, in list order', () => {
  const rand = seededRandom(11);
  for (let round = 0; round < 40; round++) {
    const spans = Array.from({ length: Math.floor(rand() * 60) }, (_, id) => {
      const start = Math.floor(rand() * 500);
      // mostly short spans, a few long ones and some empty ones
      const length = rand() < 0.1 ? Math.floor(rand() * 300) : rand() < 0.1 ? 0 : Math.floor(rand() * 20);
      return { id, start, end: start + length };
    });
    const index = new SpanIndex(spans);
    for (let q = 0; q < 50; q++) {
      const start = Math.floor(rand() * 520) - 10;
      const end = start + Math.floor(rand() * 40);
      const scanned = spans.filter((f) => f.start < end && f.end > start);
      assert.deepEqual(index.overlapping(start, end), scanned);
      assert.equal(index.any(start, end), scanned.length > 0);
    }
  }
});

test('SpanIndex on no spans', () => {
  const index = new SpanIndex<{ start: number; end: number }>([]);
  assert.equal(index.any(0, 10), false);
  assert.deepEqual(index.overlapping(0, 10), []);
});
