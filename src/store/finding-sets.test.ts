import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingId } from '../core/finding-id.js';
import type { Finding } from '../core/types.js';
import { findingKey, labelCounts, packFindings, packJson, unpackFindings, unpackJson } from './finding-sets.js';
import { foldedTerms, matchesFinding } from './finding-search.js';

const text = 'Ana Reyes said the dam 🙂 was full; Reyes later denied it.';
const at = (s: string, from = 0) => text.indexOf(s, from);
const finding = (id: string, kind: string, label: string, quote: string, from = 0, data?: Finding['data']): Finding => ({
  id, analyzer: 'x@1.0.0', kind, label, start: at(quote, from), end: at(quote, from) + quote.length, quote, score: 0.25, explanation: `why ${id}`, ...(data ? { data } : {}),
});

test('a packed set gives back every finding with quotes cut from the text, and is smaller than its JSON', () => {
  const findings = [
    finding('a1', 'entity', 'Ana Reyes', 'Ana Reyes', 0, { type: 'person' }),
    finding('a2', 'entity', 'Ana Reyes', 'Reyes', 20, { type: 'person' }),
    finding('b1', 'claim', 'event', 'the dam 🙂 was full'),
  ];
  const packed = packFindings('doc', findings);
  assert.equal(packed[0], 0, 'compressed marker');
  const back = unpackFindings(packed, 'doc', 'x', '1.0.0', text);
  assert.deepEqual(back, findings);
  for (const f of back) assert.equal(text.slice(f.start, f.end), f.quote);
  const many = Array.from({ length: 200 }, (_, i) => finding(`id${i}`, 'technique', 'Loaded_Language', 'the dam', 0, { technique: 'Loaded_Language', cues: [], source: 'model' }));
  assert.ok(packFindings('doc', many).length * 5 < JSON.stringify(many).length, 'templated explanations and payloads compress');
  assert.deepEqual(unpackJson(packJson({ a: [1, 2] })), { a: [1, 2] });
  assert.deepEqual(unpackJson('{"a":1}'), { a: 1 }, 'plain JSON text (rows from before 010) is read too');
  assert.deepEqual(unpackJson(Buffer.from('[1]')), [1]);
});

test('label counts: per kind, label, facet (entity type, claim evidence) and entity surface form, with how many at each score', () => {
  const counts = labelCounts([
    finding('a1', 'entity', 'Ana Reyes', 'Ana Reyes', 0, { type: 'person' }),
    finding('a2', 'entity', 'Ana Reyes', 'Reyes', 20, { type: 'person' }),
    { ...finding('a3', 'entity', 'Ana Reyes', 'Reyes', 20, { type: 'person' }), score: 0.75 },
    finding('b1', 'claim', 'event', 'the dam', 0, { evidence: { strength: 'named-source' } }),
    finding('b2', 'claim', 'event', 'was full'),
    finding('b2', 'claim', 'event', 'was full'),
  ]);
  assert.deepEqual(counts, [
    { kind: 'entity', label: 'Ana Reyes', facet: 'person', surface: 'Ana Reyes', n: 1, scores: [[0.25, 1]] },
    { kind: 'entity', label: 'Ana Reyes', facet: 'person', surface: 'Reyes', n: 2, scores: [[0.75, 1], [0.25, 1]] },
    { kind: 'claim', label: 'event', facet: 'named-source', surface: '', n: 1, scores: [[0.25, 1]] },
    { kind: 'claim', label: 'event', facet: 'unsupported', surface: '', n: 1, scores: [[0.25, 1]] },
  ]);
});

test('finding keys: the first eight characters as hex digits (others −1, missing 0), as signed 32-bit integers (migrations 010 and 012)', () => {
  assert.equal(findingKey('0000000100000000'), 1);
  assert.equal(findingKey('7fffffff00000000'), 0x7fffffff);
  assert.equal(findingKey('80000000'), -(2 ** 31));
  assert.equal(findingKey('ffffffffabc'), -1);
  assert.equal(findingKey('e1'), 14 * 16 ** 7 + 16 ** 6 - 2 ** 32);
  assert.equal(findingKey('zz'), -(16 ** 7) - 16 ** 6);
  for (const id of ['0123456789abcdef', 'fedcba9876543210', 'c1', '']) {
    const key = findingKey(id);
    assert.ok(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31, id);
  }
});

test('finding search: every term in the label, passage or explanation; phrases within one field; last word as prefix', () => {
  const f = { label: 'Loaded_Language', quote: 'the Serin reservoir is low', explanation: 'a loaded word' };
  assert.ok(matchesFinding(f, foldedTerms('loaded reservoir')));
  assert.ok(matchesFinding(f, foldedTerms('Loaded_Language')));
  assert.ok(matchesFinding(f, foldedTerms('"serin reservoir"')));
  assert.ok(!matchesFinding(f, foldedTerms('"reservoir serin"')));
  assert.ok(matchesFinding(f, foldedTerms('reserv')), 'prefix of five or more');
  assert.ok(!matchesFinding(f, foldedTerms('reservoir dam')));
  assert.ok(matchesFinding({ ...f, quote: 'Café Zürich' }, foldedTerms('cafe zurich')), 'accents fold');
  assert.ok(!matchesFinding(f, foldedTerms('***')));
});

test('ids that are the hash of what the finding is are not stored but recomputed; others are kept', () => {
  const derived = finding('', 'claim', 'event', 'the dam');
  derived.id = findingId('doc', derived.analyzer, derived.kind, derived.label, derived.start, derived.end);
  const odd = finding('custom-id', 'claim', 'event', 'was full');
  const packed = packFindings('doc', [derived, odd]);
  assert.ok(!unpackJson(packed)!.toString().includes(derived.id));
  assert.deepEqual(JSON.parse(JSON.stringify(unpackJson(packed))).map((r: unknown[]) => r[0]), [0, 'custom-id']);
  assert.deepEqual(unpackFindings(packed, 'doc', 'x', '1.0.0', text), [derived, odd]);
});
