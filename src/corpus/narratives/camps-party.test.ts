import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCamps, type AccusationRecord, type DocumentAccusations } from './camps.js';

/**
 * Camps from one-sided reporting (issue 14, camps target): two texts that each relay only one
 * party's charges against the same adversary lean together even when the charges differ
 * ("X shelled" in one, "X broke the truce" in the other); the same rule for either side, and a
 * text leaning both ways, or a wire reporting both parties, is placed by neither lean.
 */

const rec = (accuser: string, accused: string, relation: string): AccusationRecord => ({ accuser, accused, relation, target: null, stance: 'reports', start: 0, end: 1, quote: 'x' });
const doc = (id: string, ...accusations: AccusationRecord[]): DocumentAccusations => ({ doc: id, accusations });

function campsOf(docs: DocumentAccusations[]): string[][] {
  return buildCamps(docs).camps.map((c) => [...c.documents].sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

test('one-sided texts against the same party lean together whatever the charge, for each side alike', () => {
  for (const [x, y] of [['Thailand', 'Cambodia'], ['Cambodia', 'Thailand']]) {
    const docs = [
      doc(`${x}-a`, rec(x, y, 'attacks')),
      doc(`${x}-b`, rec(x, y, 'violates agreements')),
      doc('wire', rec(x, y, 'attacks'), rec(y, x, 'attacks')),
    ];
    const camps = campsOf(docs);
    assert.ok(camps.some((c) => c.includes(`${x}-a`) && c.includes(`${x}-b`)), JSON.stringify(camps));
    assert.ok(!camps.some((c) => c.includes('wire')), `a wire reporting both sides leans nowhere: ${JSON.stringify(camps)}`);
  }
});

test('texts leaning against opposite parties never share a camp', () => {
  const docs = [
    doc('a1', rec('Serbia', 'Kosovo', 'attacks')),
    doc('a2', rec('Serbia', 'Kosovo', 'provokes')),
    doc('b1', rec('Kosovo', 'Serbia', 'attacks')),
    doc('b2', rec('Kosovo', 'Serbia', 'interferes')),
  ];
  const camps = campsOf(docs);
  assert.ok(camps.some((c) => c.join() === 'a1,a2'), JSON.stringify(camps));
  assert.ok(camps.some((c) => c.join() === 'b1,b2'), JSON.stringify(camps));
  assert.ok(!camps.some((c) => c.some((d) => d.startsWith('a')) && c.some((d) => d.startsWith('b'))), JSON.stringify(camps));
});
