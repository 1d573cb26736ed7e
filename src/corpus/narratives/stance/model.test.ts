import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { prepareText } from './features.js';
import { classifyPrepared, classifyRaw, loadStanceModel, parseStanceModel, stanceModelPath } from './model.js';
import { applyPlatt } from '../../../nlp/calibration.js';

const CLAIM = 'The ministry says the new dam will double the river valley water supply by next summer';
const AGREE = 'Engineers confirmed on Monday that the new dam will double the water supply of the river valley by next summer, as the ministry says. Construction is on schedule.';
const UNRELATED = 'The football club signed a young striker from abroad for a record fee, its coach told reporters after training.';

test('the committed stance model carries two Platt calibrations fitted on held-out stories', () => {
  const model = loadStanceModel();
  assert.ok(model.calibration, 'models/stance.json has a calibration');
  for (const c of [model.calibration.unrelated, model.calibration.related]) {
    assert.equal(c.method, 'platt');
    assert.ok(c.a > 0, 'calibration keeps the order of scores');
    assert.ok(c.n > 1000 && /dev stories/.test(c.fittedOn));
  }
});

test('stance scores are the calibrated probability of the raw label, label unchanged', () => {
  const model = loadStanceModel();
  assert.ok(model.calibration);
  for (const text of [AGREE, UNRELATED]) {
    const raw = classifyRaw(model, prepareText(CLAIM), CLAIM, prepareText(text));
    const result = classifyPrepared(model, prepareText(CLAIM), CLAIM, prepareText(text));
    assert.equal(result.label, raw.label);
    const c = raw.label === 'unrelated' ? model.calibration.unrelated : model.calibration.related;
    assert.ok(Math.abs(result.score - applyPlatt(c, raw.score)) < 1e-4, `${result.score} is the calibrated ${raw.score}`);
    assert.ok(result.score > 0 && result.score < 1);
  }
  assert.equal(classifyPrepared(model, prepareText(CLAIM), CLAIM, prepareText(UNRELATED)).label, 'unrelated');
  assert.notEqual(classifyPrepared(model, prepareText(CLAIM), CLAIM, prepareText(AGREE)).label, 'unrelated');
});

test('a stance model file with a malformed calibration is refused with a clear error; without one it loads raw', () => {
  const file = JSON.parse(readFileSync(stanceModelPath(), 'utf8')) as Record<string, unknown>;
  const bad = JSON.stringify({ ...file, calibration: { unrelated: { method: 'platt', a: 1, b: 0 }, related: { method: 'isotonic' } } });
  assert.throws(() => parseStanceModel(bad, 'bad.json'), (e: Error & { code?: string }) => e.code === 'INPUT_MALFORMED' && /calibration/.test(e.message));
  const { calibration: _drop, ...rest } = file;
  const raw = parseStanceModel(JSON.stringify(rest), 'raw.json');
  assert.equal(raw.calibration, undefined);
  const r = classifyPrepared(raw, prepareText(CLAIM), CLAIM, prepareText(AGREE));
  assert.equal(r.score, Math.round(classifyRaw(raw, prepareText(CLAIM), CLAIM, prepareText(AGREE)).score * 10000) / 10000);
});
