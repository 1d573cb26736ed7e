import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MIN_SCORES, describePolicy, filterFindings, parseMinScore, passes, thresholdFor } from './thresholds.js';

const findings = [
  { kind: 'technique', score: 0.1 },
  { kind: 'technique', score: 0.6 },
  { kind: 'claim', score: 0.55 },
  { kind: 'entity', score: 0.05 },
];

test('per-kind defaults apply without --min-score; kinds without a default show everything', () => {
  assert.equal(thresholdFor('technique'), DEFAULT_MIN_SCORES.technique);
  assert.equal(thresholdFor('entity'), 0);
  assert.deepEqual(filterFindings(findings), [findings[1], findings[2], findings[3]]);
});

test('--min-score replaces every default; 0 shows all', () => {
  assert.deepEqual(filterFindings(findings, parseMinScore('0.58')), [findings[1]]);
  assert.deepEqual(filterFindings(findings, parseMinScore('0')), findings);
  assert.equal(passes({ kind: 'entity', score: 0.05 }, { minScore: 0.1 }), false);
});

test('a bad --min-score is a usage error naming the option', () => {
  for (const bad of ['', 'abc', '-0.1', '1.5', 'NaN']) {
    assert.throws(() => parseMinScore(bad), { code: 'USAGE', input: '--min-score' });
  }
  assert.throws(() => parseMinScore('2', 'min_score'), /min_score needs a score from 0 to 1/);
});

test('the policy is described for reports', () => {
  assert.match(describePolicy().note, /default score/);
  assert.equal(describePolicy(parseMinScore('0.4')).minScore, 0.4);
  assert.match(describePolicy(parseMinScore('0')).note, /every finding/);
});
