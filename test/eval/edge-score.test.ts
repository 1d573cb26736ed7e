import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldName, scoreEdges } from '../../scripts/lib/edge-score.js';

test('names fold to one bag of words: possessive, demonym, spelling, word order', () => {
  assert.equal(foldName("Russia's defence ministry"), foldName('Russian Defense Ministry'));
  assert.equal(foldName('Defence Ministry of Russia'), foldName("Russia's defence ministry"));
  assert.notEqual(foldName('Russia'), foldName('Ukraine'));
  assert.equal(foldName('Tigray People’s Liberation Front'), foldName("Tigray People's Liberation Front"));
});

test('edges: alternatives, the article, duplicates, optional edges and misses', () => {
  const gold = [
    { accuser: ['Maria Zakharova', 'Russia'], accused: ['Ukraine'], stance: 'reports', class: 'voice' },
    { accuser: ['article'], accused: ['Russia'], stance: 'asserts', class: 'article' },
    { accuser: [null], accused: ['Armenia'], stance: 'reports', class: 'voice', optional: true },
    { accuser: ['Azerbaijan'], accused: ['Armenia'], stance: 'reports', class: 'actor' },
  ];
  const s = scoreEdges('p', gold, [
    { accuser: 'Maria Zakharova', accused: 'Ukraine', stance: 'reports' },
    { accuser: 'Russia', accused: 'Ukraine', stance: 'reports' },
    { accuser: 'example.org', accused: 'Russia', stance: 'reports' },
    { accuser: null, accused: 'Armenia', stance: 'reports' },
    { accuser: 'Ukraine', accused: 'Russia', stance: 'reports' },
  ], ['example.org']);
  assert.equal(s.tp, 2);
  assert.equal(s.stanceRight, 1, 'the article asserts; "reports" is a stance error');
  assert.equal(s.duplicates, 1, 'Russia > Ukraine is another name of Zakharova > Ukraine');
  assert.equal(s.fp, 1, 'Ukraine > Russia is not in the gold');
  assert.equal(s.fn, 1, 'Azerbaijan > Armenia was missed');
  assert.deepEqual(s.byClass.get('actor'), { tp: 0, fn: 1 });
});
