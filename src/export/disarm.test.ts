import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TECHNIQUES } from '../analysers/techniques/taxonomy.js';
import { packageRoot } from '../core/paths.js';
import { disarmMappings, disarmTechnique } from './disarm.js';

const DISARM = join(packageRoot(), '..', 'shared', 'data', 'disarm', 'DISARM.json');

test('every propaganda technique maps to a DISARM technique, each mapping with its reason', () => {
  for (const label of TECHNIQUES) {
    const t = disarmTechnique('technique', label);
    assert.ok(t, label);
    assert.match(t.externalId, /^T\d{4}(\.\d{3})?$/);
    assert.ok(t.reason.length > 20, `${label}: a reason`);
  }
  assert.equal(disarmTechnique('inauthentic-signal', 'templated')?.externalId, 'T0116.001', 'the kind-wide entry');
  assert.equal(disarmTechnique('inauthentic-signal', 'machine-written')?.externalId, 'T0085.001', 'a label entry wins');
  assert.equal(disarmTechnique('comment-cluster', 'organic'), null, 'organic comments map to nothing');
});

test('the DISARM objects are DISARM\'s own, with the T-number and name the mapping cites', { skip: !existsSync(DISARM) && 'no ../shared DISARM bundle' }, () => {
  const disarm = new Map((JSON.parse(readFileSync(DISARM, 'utf8')) as { objects: Array<{ id: string; name?: string }> }).objects.map((o) => [o.id, o]));
  for (const m of disarmMappings()) {
    assert.deepEqual(m.object, disarm.get(m.object.id), m.externalId);
    assert.ok((m.object.external_references as Array<{ external_id: string }>).some((r) => r.external_id === m.externalId));
    assert.equal(m.name, disarm.get(m.object.id)?.name);
  }
});
