import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factCheckFindingId, factCheckPart, parseReferenceId, verificationFindingId } from './reference-ids.js';

test('reference finding ids name their claim and, for matches, the fact-check', () => {
  const claim = '0123456789abcdef';
  assert.deepEqual(parseReferenceId(verificationFindingId(claim)), { claimId: claim, part: 'v' });
  const a = factCheckFindingId(claim, 'https://checks.example/a');
  const b = factCheckFindingId(claim, 'https://checks.example/b');
  assert.notEqual(a, b);
  assert.deepEqual(parseReferenceId(a), { claimId: claim, part: factCheckPart('https://checks.example/a') });
  assert.equal(parseReferenceId(claim), null, 'a stored finding id is not a reference id');
  assert.equal(parseReferenceId(`${claim}.x`), null);
  assert.equal(parseReferenceId(`../${claim}.v`), null);
});
