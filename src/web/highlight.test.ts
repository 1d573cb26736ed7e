import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blanketKinds, primary, segment } from './highlight.js';

test('segments split at every boundary and list the covering spans', () => {
  const spans = [
    { start: 2, end: 8 },
    { start: 5, end: 10 },
  ];
  assert.deepEqual(segment(spans, 0, 12), [
    { start: 0, end: 2, covering: [] },
    { start: 2, end: 5, covering: [0] },
    { start: 5, end: 8, covering: [0, 1] },
    { start: 8, end: 10, covering: [1] },
    { start: 10, end: 12, covering: [] },
  ]);
});

test('segments are clipped to the range and cut at section edges', () => {
  assert.deepEqual(segment([{ start: 0, end: 20 }], 5, 15, [10]), [
    { start: 5, end: 10, covering: [0] },
    { start: 10, end: 15, covering: [0] },
  ]);
  assert.deepEqual(segment([{ start: 3, end: 3 }], 0, 6), [{ start: 0, end: 6, covering: [] }]);
});

test('a click means the shortest covering finding', () => {
  const spans = [
    { start: 0, end: 50 },
    { start: 10, end: 14 },
    { start: 8, end: 20 },
  ];
  assert.equal(primary(spans, [0, 1, 2]), 1);
  assert.equal(primary(spans, []), null);
});

test('kinds that blanket the text are found by coverage', () => {
  const spans = [
    { kind: 'sentence', start: 0, end: 40 },
    { kind: 'sentence', start: 41, end: 90 },
    { kind: 'entity', start: 3, end: 9 },
  ];
  assert.deepEqual(blanketKinds(spans, 100), ['sentence']);
});
