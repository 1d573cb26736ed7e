import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadResources } from '../nlp/resources.js';
import { openSqliteStore } from '../store/sqlite.js';
import { readEvidence } from './evidence/read.js';
import { Verifier } from './verify.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'reference');

interface Case {
  claim: string;
  expect: string;
  decidedBy?: string;
  note: string;
}

async function referenceStore() {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-verify-')), 'ref.db'));
  const { gazetteer } = await loadResources();
  for await (const loaded of readEvidence([FIXTURES], gazetteer, { issuer: 'Test issuers' })) {
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error.message);
    await store.reference.addEvidence(loaded.doc);
  }
  return { store, verifier: new Verifier(store.reference, gazetteer) };
}

test('verdicts on claims that agree, conflict, are hedged, partial and absent; every quote is the passage text', async () => {
  const { store, verifier } = await referenceStore();
  try {
    const cases = readFileSync(join(FIXTURES, 'claims.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Case);
    const texts = new Map((await store.reference.listEvidence()).map((e) => [e.id, e]));
    for (const c of cases) {
      const r = await verifier.verify(c.claim);
      assert.equal(r.verdict, c.expect, `${c.note}: ${c.claim} → ${r.verdict}: ${r.explanation}`);
      if (c.decidedBy) assert.equal(r.decidedBy, c.decidedBy, `${c.note}: ${r.explanation}`);
      assert.match(r.explanation, /\.$/);
      if (r.verdict !== 'not-enough-evidence') assert.ok(r.evidence.length > 0, 'a verdict quotes its passage');
      for (const e of r.evidence) {
        const doc = await store.reference.getEvidence(e.source);
        assert.ok(doc && texts.has(e.source));
        assert.equal(doc.text.slice(e.start, e.end), e.quote);
        if (e.focus) assert.ok(e.focus.start >= e.start && e.focus.end <= e.end);
      }
    }
  } finally {
    await store.close();
  }
});

test('explanations name both values of a conflict', async () => {
  const { store, verifier } = await referenceStore();
  try {
    const n = await verifier.verify('The attack on the Kunar checkpoint on 3 May 2024 killed 40 police officers.');
    assert.match(n.explanation, /the reference gives 17 police officers.*the claim says 40/);
    const d = await verifier.verify('ISKP was founded in 2012.');
    assert.match(d.explanation, /founded in 2015.*the claim says 2012/);
    const k = await verifier.verify('Hafiz Saeed Khan leads ISKP.');
    assert.match(k.explanation, /Hafiz Saeed Khan was killed in 2016/);
  } finally {
    await store.close();
  }
});

test('an empty reference corpus gives an explicit not-enough-evidence, never a verdict', async () => {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-verify-')), 'empty.db'));
  try {
    const { gazetteer } = await loadResources();
    const r = await new Verifier(store.reference, gazetteer).verify('ISKP was founded in 2012.');
    assert.equal(r.verdict, 'not-enough-evidence');
    assert.equal(r.decidedBy, 'empty-reference');
    assert.match(r.explanation, /reference corpus is empty/);
    assert.deepEqual(r.evidence, []);
  } finally {
    await store.close();
  }
});
