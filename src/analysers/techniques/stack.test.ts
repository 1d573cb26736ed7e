import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pbin, pbinIndex } from './stack.js';

test('pbinIndex is Number(pbin(p)) at every edge, outside [0, 1] and for NaN', () => {
  const edges = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8];
  const values = [Number.NaN, -1, 0, 1, 2, Infinity, -Infinity, ...edges.flatMap((e) => [e, e - 1e-12, e + 1e-12])];
  for (let i = 0; i <= 1000; i++) values.push(i / 1000);
  for (const p of values) assert.equal(pbinIndex(p), Number(pbin(p)), String(p));
});
