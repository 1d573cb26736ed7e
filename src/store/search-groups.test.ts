import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindingHit } from './queries.js';
import { facetsOf, groupHits, type DocumentMatch } from './search-groups.js';

const hit = (id: string, kind: string, start: number, quote = 'q'): FindingHit => ({ id, doc: 'd', docTitle: null, outlet: null, analyzer: 'a@1', kind, label: kind, start, end: start + 1, quote, score: 0.5, explanation: '', snippet: '' });

test('a group shows what an analyst acts on first and folds entity mentions into one line', () => {
  const hits = [hit('e1', 'entity', 30, 'ISKP'), hit('t1', 'technique', 5), hit('e2', 'entity', 10, 'ISIS-K'), hit('e3', 'entity', 50, 'ISKP'), hit('c1', 'claim', 40), hit('a1', 'accusation', 60), hit('t2', 'technique', 70)];
  const { shown, mentions, more } = groupHits(hits, 3);
  assert.deepEqual(shown.map((f) => f.id), ['a1', 'c1', 't1']);
  assert.equal(more, 1);
  assert.deepEqual(mentions, { count: 3, forms: [{ text: 'ISKP', count: 2 }, { text: 'ISIS-K', count: 1 }], finding: 'e2' });
  // a hundred entity mentions never push the other hits out
  const flood = [...Array.from({ length: 100 }, (_, i) => hit(`e${i}`, 'entity', i)), hit('c', 'claim', 500)];
  assert.deepEqual(groupHits(flood, 3).shown.map((f) => f.id), ['c']);
});

test('facets count documents with every other filter applied', () => {
  const m = (id: string, outlet: string | null, publishedAt: string | null, kinds: Record<string, number>): DocumentMatch => ({ id, title: null, outlet, path: null, url: null, publishedAt, textRank: 0, kinds });
  const matches = [m('a', 'X', '2025-01-03', { claim: 2 }), m('b', 'Y', '2025-02-01', { entity: 5 }), m('c', null, null, { claim: 1 })];
  const camps = (d: string) => (d === 'a' ? ['camp A'] : []);
  const f = facetsOf(matches, { outlet: 'X' }, camps);
  assert.deepEqual(f.outlet.map((v) => [v.value, v.documents]), [['', 1], ['X', 1], ['Y', 1]]);
  assert.deepEqual(f.kind, [{ value: 'claim', documents: 1, hits: 2 }]);
  assert.deepEqual(f.date.map((v) => v.value), ['2025-01']);
  assert.deepEqual(facetsOf(matches, {}, camps).date.map((v) => v.value), ['2025-01', '2025-02', '(unknown)']);
  assert.deepEqual(facetsOf(matches, { kind: 'claim' }, camps).outlet.map((v) => v.value).sort(), ['', 'X']);
});
