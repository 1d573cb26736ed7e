import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LocatedFinding } from '../store/queries.js';
import { actorName, buildAccusationGraph, UNATTRIBUTED } from './graph.js';

const finding = (id: string, doc: string, data: Record<string, unknown>): LocatedFinding => ({
  id, doc, docTitle: `title ${doc}`, outlet: null, analyzer: 'accusations@1', kind: 'accusation', label: String(data.stance), start: 0, end: 4, quote: 'text', score: 0.7, explanation: 'why', data,
});

test('one edge per accuser, accused and stance, with its passages and document count', () => {
  const graph = buildAccusationGraph(
    [
      finding('a', 'd1', { accuser: 'Ana', accused: 'Bo', allegation: 'lied', stance: 'asserts' }),
      finding('b', 'd2', { accuser: 'Ana', accused: 'Bo', allegation: 'stole', stance: 'asserts' }),
      finding('c', 'd2', { accuser: 'Ana', accused: 'Bo', allegation: 'lied', stance: 'denies' }),
      finding('d', 'd3', { accuser: null, accused: 'Bo', allegation: 'cheated', stance: 'reports' }),
      finding('e', 'd3', { accuser: 'Ana', accused: null, allegation: '?', stance: 'asserts' }),
    ],
    new Map([['Bo', 'person']]),
  );
  assert.deepEqual(graph.edges.map((e) => [e.source, e.target, e.stance, e.count, e.documents, e.mentions.map((m) => m.finding).join()]), [
    ['Ana', 'Bo', 'asserts', 2, 2, 'a,b'],
    ['Ana', 'Bo', 'denies', 1, 1, 'c'],
    [UNATTRIBUTED, 'Bo', 'reports', 1, 1, 'd'],
  ]);
  assert.deepEqual(graph.nodes.map((n) => [n.id, n.type, n.degree]), [['Bo', 'person', 4], ['Ana', null, 3], [UNATTRIBUTED, null, 1]]);
  assert.equal(graph.skipped, 1);
});

test('an actor may be a name or an object naming it', () => {
  assert.equal(actorName(' Ana '), 'Ana');
  assert.equal(actorName({ canonical: 'Bo', text: 'B.' }), 'Bo');
  assert.equal(actorName({ name: 'Cy' }), 'Cy');
  assert.equal(actorName(''), null);
  assert.equal(actorName(42), null);
});

test('an edge says what the accuser does and, apart from it, what the article does', () => {
  const graph = buildAccusationGraph(
    [
      finding('a', 'd1', { accuser: 'Ana', accused: 'Bo', relation: 'shelters', stance: 'reports' }),
      finding('b', 'd1', { accuser: 'Ana', accused: 'Bo', relation: 'funds', stance: 'reports' }),
      finding('c', 'd1', { accuser: 'Ana', accused: 'Bo', relation: 'funds', stance: 'reports' }),
      finding('d', 'd2', { accuser: 'Cy', accused: 'Bo', relation: 'shelters', stance: 'denies' }),
      finding('e', 'd2', { accuser: null, accused: 'Bo', relation: 'shelters', stance: 'denies' }),
      finding('f', 'd3', { accuser: 'Dee', accused: 'Bo', stance: 'asserts' }),
    ],
    new Map(),
  );
  assert.deepEqual(graph.edges.map((e) => [e.source, e.action, e.articleStance, e.relations.join()]), [
    ['Ana', 'accuses', 'reports', 'funds,shelters'],
    ['Cy', 'denies', 'denies', 'shelters'],
    [UNATTRIBUTED, 'denies', 'denies', 'shelters'],
    ['Dee', 'accuses', 'asserts', ''],
  ]);
});
