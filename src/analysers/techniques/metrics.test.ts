import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSpans, perTechnique, scoreSi, scoreTc } from './metrics.js';

test('overlapping spans merge', () => {
  assert.deepEqual(mergeSpans([{ start: 5, end: 12 }, { start: 0, end: 10 }, { start: 20, end: 25 }]), [
    { start: 0, end: 12 },
    { start: 20, end: 25 },
  ]);
});

test('SI partial-overlap precision and recall', () => {
  // gold [0,10) and [20,30); predicted [5,15) half inside gold 1, [20,25) wholly inside gold 2, [40,50) outside
  const s = scoreSi(
    new Map([['a', [{ start: 5, end: 15 }, { start: 20, end: 25 }, { start: 40, end: 50 }]]]),
    new Map([['a', [{ start: 0, end: 10 }, { start: 20, end: 30 }]]]),
  );
  assert.equal(s.precision, (0.5 + 1 + 0) / 3);
  assert.equal(s.recall, (0.5 + 0.5) / 2);
  assert.equal(s.f1, (2 * 0.5 * 0.5) / (0.5 + 0.5));
  assert.equal(s.predicted, 3);
  assert.equal(s.gold, 2);
});

test('TC micro-F1 matches repeated spans as multisets', () => {
  const gold = [
    { start: 0, end: 5, technique: 'Doubt' },
    { start: 0, end: 5, technique: 'Loaded_Language' },
    { start: 9, end: 12, technique: 'Slogans' },
  ];
  const predicted = [
    { start: 0, end: 5, technique: 'Loaded_Language' },
    { start: 0, end: 5, technique: 'Repetition' },
    { start: 9, end: 12, technique: 'Slogans' },
  ];
  const r = scoreTc(gold, predicted);
  assert.equal(r.correct, 2);
  assert.equal(r.total, 3);
  const per = perTechnique(r.pairs);
  assert.deepEqual(per.get('Doubt'), { precision: 0, recall: 0, f1: 0, predicted: 0, gold: 1 });
  assert.equal(per.get('Repetition')?.predicted, 1);
  assert.equal(per.get('Slogans')?.f1, 1);
});

test('span + technique F1 credits only overlaps with a gold span of the same technique', async () => {
  const { scoreSpanTechnique } = await import('./metrics.js');
  const gold = new Map([['a', [{ start: 0, end: 10, technique: 'Doubt' }, { start: 20, end: 30, technique: 'Slogans' }]]]);
  const right = new Map([['a', [{ start: 0, end: 10, technique: 'Doubt' }, { start: 20, end: 30, technique: 'Slogans' }]]]);
  assert.equal(scoreSpanTechnique(right, gold).f1, 1);
  const wrong = new Map([['a', [{ start: 0, end: 10, technique: 'Slogans' }, { start: 20, end: 25, technique: 'Slogans' }]]]);
  const s = scoreSpanTechnique(wrong, gold);
  // precision: (0 + 1) / 2; recall: (0 + 0.5) / 2
  assert.equal(s.precision, 0.5);
  assert.equal(s.recall, 0.25);
});
