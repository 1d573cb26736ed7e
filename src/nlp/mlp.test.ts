import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../core/random.js';
import { loadMlp, mlpLogit, mlpScore, storeMlp, trainMlp, type DenseExample, type MlpModel } from './mlp.js';
import { applyStacked, fitStacked } from './calibration.js';
import { sigmoid } from './logistic.js';

function xor(n: number, seed: number): DenseExample[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const x = Float32Array.from([r() * 2 - 1, r() * 2 - 1]);
    return { x, y: x[0] * x[1] > 0 ? 1 : 0 };
  });
}

test('the network learns a non-linear rule a linear model cannot, deterministically', () => {
  const options = { hidden: 16, epochs: 40, learningRate: 0.01, l2: 0, seed: 5, batch: 8 };
  const m = trainMlp(xor(600, 1), 2, options);
  const test = xor(300, 2);
  const right = test.filter((e) => (mlpScore(m, e.x) >= 0.5 ? 1 : 0) === e.y).length;
  assert.ok(right / test.length > 0.9, `accuracy ${right / test.length}`);
  const again = trainMlp(xor(600, 1), 2, options);
  assert.deepEqual([...again.w1], [...m.w1]);
  const back = loadMlp(JSON.parse(JSON.stringify(storeMlp(m))));
  assert.equal(mlpScore(back, test[0].x), mlpScore(m, test[0].x));
  assert.throws(() => loadMlp({ ...storeMlp(m), hidden: 17 }), /bytes, expected/);
});

test('a stacked calibration recovers the weights that generated the labels', () => {
  const r = seededRandom(9);
  const inputs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const a = r() * 6 - 3;
    const b = r() * 6 - 3;
    inputs.push([a, b]);
    labels.push(r() < sigmoid(1.5 * a + 0.5 * b - 1) ? 1 : 0);
  }
  const c = fitStacked(inputs, labels, 'synthetic');
  assert.ok(Math.abs(c.weights[0] - 1.5) < 0.25, `a ${c.weights[0]}`);
  assert.ok(Math.abs(c.weights[1] - 0.5) < 0.2, `b ${c.weights[1]}`);
  assert.ok(Math.abs(c.bias + 1) < 0.25, `bias ${c.bias}`);
  assert.ok(applyStacked(c, [3, 3]) > 0.9 && applyStacked(c, [-3, -3]) < 0.1);
});

test('the logit, four hidden units per pass, is bit for bit the one-unit-at-a-time sum', () => {
  // the plain loop mlpLogit replaced: each unit's sum over the inputs in order, then the units in order
  const reference = (m: MlpModel, x: Float32Array): number => {
    let z = m.b2;
    const h = new Float32Array(m.hidden);
    for (let j = 0; j < m.hidden; j++) {
      let a = m.b1[j];
      for (let i = 0; i < m.inputs; i++) a += m.w1[j * m.inputs + i] * x[i];
      h[j] = a > 0 ? a : 0;
      z += m.w2[j] * h[j];
    }
    return z;
  };
  const r = seededRandom(3);
  const values = (n: number, spread: number) => Float32Array.from({ length: n }, () => (r() * 2 - 1) * spread);
  // hidden sizes on either side of a multiple of four, so the remainder loop runs too
  for (const hidden of [1, 3, 4, 5, 7, 8, 9, 128]) {
    const inputs = 37;
    const m: MlpModel = { inputs, hidden, w1: values(hidden * inputs, 0.3), b1: values(hidden, 0.1), w2: values(hidden, 0.5), b2: 0.01 };
    for (let k = 0; k < 20; k++) {
      const x = values(inputs, 3);
      const h = new Float32Array(hidden);
      assert.equal(Object.is(mlpLogit(m, x, h), reference(m, x)), true, `hidden ${hidden}`);
    }
  }
});
