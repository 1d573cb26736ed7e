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

test("a state's bodies lean with the state: charges against 'X Coast Guard' and against 'X' place texts together, for either side", () => {
  for (const [x, xBody, y] of [['Philippines', 'Philippine Coast Guard', 'China'], ['China', 'China Coast Guard', 'Philippines']]) {
    const docs = [
      doc(`${y}-a`, rec(`${y} Foreign Ministry spokesperson`, xBody, 'provokes')),
      doc(`${y}-b`, rec(`${y} Coast Guard spokesperson`, x, 'violates agreements')),
    ];
    const camps = campsOf(docs);
    assert.ok(camps.some((c) => c.includes(`${y}-a`) && c.includes(`${y}-b`)), JSON.stringify(camps));
  }
});

test('a text relaying charges against two states that accuse each other is placed nowhere; one relaying charges against allies is placed', () => {
  for (const [x, y] of [['China', 'Philippines'], ['Philippines', 'China']]) {
    const docs = [
      doc('x-side', rec(`${x} Coast Guard`, y, 'violates agreements'), rec(`${x} Coast Guard`, y, 'provokes')),
      doc('y-side', rec(`${y} Coast Guard`, x, 'attacks')),
      // relays the United States against x and x's coast guard against y: both sides of the dispute
      doc('both', rec('United States', x, 'wrongdoing'), rec(`${x} Coast Guard`, y, 'violates agreements')),
    ];
    const camps = campsOf(docs);
    assert.ok(!camps.some((c) => c.includes('both')), JSON.stringify(camps));
    assert.ok(!camps.some((c) => c.includes('x-side') && c.includes('y-side')), JSON.stringify(camps));
  }
  // charges against allies that never accuse each other are one side's reporting
  const allies = [
    doc('r1', rec('Russia', 'Ukraine', 'attacks'), rec('Russia', 'United States', 'supports')),
    doc('r2', rec('Russia', 'Ukraine', 'spreads disinformation')),
  ];
  const camps = campsOf(allies);
  assert.ok(camps.some((c) => c.includes('r1') && c.includes('r2')), JSON.stringify(camps));
});

test('relaying the other side\'s charge at a distance ("the alleged …", "X claimed …") is no lean: an outlet of the accused side never joins the accusers\' camp by it', () => {
  for (const [x, y] of [['Thailand', 'Cambodia'], ['Cambodia', 'Thailand']]) {
    const distanced = { ...rec(y, x, 'violates agreements'), distanced: true };
    const docs = [
      doc(`${y}-a`, rec(y, x, 'attacks')),
      doc(`${y}-b`, rec(y, x, 'violates agreements')),
      doc(`${x}-outlet`, distanced),
    ];
    const camps = campsOf(docs);
    assert.ok(camps.some((c) => c.includes(`${y}-a`) && c.includes(`${y}-b`)), JSON.stringify(camps));
    assert.ok(!camps.some((c) => c.includes(`${x}-outlet`)), `a distanced relay leans nowhere: ${JSON.stringify(camps)}`);
    // the same relay without distance is one-sided, and leans
    const plain = campsOf([docs[0], docs[1], doc(`${x}-outlet`, rec(y, x, 'violates agreements'))]);
    assert.ok(plain.some((c) => c.includes(`${x}-outlet`)), JSON.stringify(plain));
  }
});

test("an op-ed rebutting the other side's charge joins the pages relaying its own side's charges (two states that accuse each other), for either side", () => {
  for (const [x, y] of [['Peru', 'Chile'], ['Chile', 'Peru']]) {
    const rebuttal: AccusationRecord = { ...rec(`${y} Foreign Ministry`, x, 'provokes'), stance: 'denies' };
    const docs = [
      doc(`${y}-a`, rec(y, x, 'attacks')),
      doc(`${y}-b`, rec(y, x, 'provokes')),
      doc(`${x}-a`, rec(x, y, 'attacks')),
      doc(`${x}-b`, rec(x, y, 'violates agreements')),
      doc(`${x}-op-ed`, rebuttal),
    ];
    const camps = campsOf(docs);
    assert.ok(camps.some((c) => c.includes(`${x}-op-ed`) && c.includes(`${x}-a`) && c.includes(`${x}-b`)), JSON.stringify(camps));
    assert.ok(!camps.some((c) => c.some((d) => d.startsWith(`${x}-`)) && c.some((d) => d.startsWith(`${y}-`))), JSON.stringify(camps));
  }
  // one direction of charges only (no dispute seen between the two): the rebuttal is not joined by it
  const oneWay = campsOf([doc('a', rec('Chile', 'Peru', 'attacks')), doc('b', rec('Chile', 'Peru', 'provokes')), doc('c', rec('Bolivia', 'Chile', 'attacks')), doc('op', { ...rec('Chile', 'Peru', 'provokes'), stance: 'denies' })]);
  assert.ok(!oneWay.some((c) => c.includes('op') && c.includes('c')), JSON.stringify(oneWay));
});
