import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document, Finding } from '../core/types.js';
import { analyzeCorpus } from '../pipeline/analyze.js';
import type { Resources } from '../nlp/resources.js';
import { findReuse, reuseAnalyzer } from './reuse.js';
import { loadArticles } from '../../test/fixtures/coordination/reuse/build-article.js';

const reuse = async (docs: Document[]) => (await analyzeCorpus(docs.map((doc) => ({ doc, findings: [] })), {} as unknown as Resources, [reuseAnalyzer])).findings;

test('edited copies and paraphrased rewrites are found; independent reports of the same event are not linked', async () => {
  const docs = loadArticles();
  const findings = await reuse(docs);
  assert.deepEqual(
    // rewrites (pairs) come before copy groups (built after every pair is compared)
    findings.map((f) => [f.label, (f.data as { documents: string[] }).documents.join(' ~ ')]).sort((x, y) => x[1].localeCompare(y[1])),
    [
      ['copy', 'a-original ~ b-edited-copy'],
      ['rewrite', 'a-original ~ c-paraphrase'],
    ],
  );
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const f of findings) {
    for (const m of f.members) {
      assert.equal(m.quote, byId.get(m.doc)?.text.slice(m.start, m.end), 'member quotes are exact');
    }
  }
});

test('a copy: reordered sentences and a changed name still align, with shares and the earliest source', () => {
  const docs = loadArticles().filter((d) => d.id === 'a-original' || d.id === 'b-edited-copy');
  const [copy] = findReuse(docs.map((doc) => ({ doc, findings: [] })));
  const data = copy.data as { share: Record<string, number>; earliest: string; passages: unknown[] };
  assert.equal(copy.label, 'copy');
  assert.deepEqual(data.share, { 'a-original': 0.563, 'b-edited-copy': 0.743 });
  assert.equal(data.earliest, 'a-original');
  // the quote with the changed name ("Moira Levens" → "Maria Levin") and moved position is aligned
  const quotes = copy.members.filter((m) => m.doc === 'b-edited-copy').map((m) => m.quote ?? '');
  assert.ok(quotes.some((q) => q.startsWith('Union secretary Maria Levin said')));
  assert.ok(copy.members.every((m) => m.role === (m.doc === 'a-original' ? 'earlier' : 'later')));
});

test('a rewrite names the shared facts in order and its coverage', () => {
  const docs = loadArticles().filter((d) => d.id === 'a-original' || d.id === 'c-paraphrase');
  const [p] = findReuse(docs.map((doc) => ({ doc, findings: [] })));
  const data = p.data as { anchors: string[]; coverage: number };
  assert.equal(p.label, 'rewrite');
  assert.match(p.explanation, / → /u);
  assert.equal(data.coverage, 1);
  for (const anchor of ['1800', '340', '2026', 'westhaven', 'coyle', '2019']) assert.ok(data.anchors.includes(anchor), anchor);
});

test('entity findings from the entity analyser are used as anchors', () => {
  const docs = loadArticles().filter((d) => d.id === 'a-original' || d.id === 'c-paraphrase');
  const entity = (doc: Document, surface: string, label: string): Finding => {
    const start = doc.text.indexOf(surface);
    return { id: 'e', analyzer: 'entities@1', kind: 'entity', label, score: 1, explanation: '', start, end: start + surface.length, quote: surface };
  };
  const withEntities = docs.map((doc) => ({ doc, findings: [entity(doc, 'Port Calder', 'Port of Calder Authority')] }));
  const [p] = findReuse(withEntities);
  assert.ok((p.data as { anchors: string[] }).anchors.includes('port of calder authority'));
});

test('unrelated documents and single documents produce nothing', async () => {
  const docs = loadArticles().filter((d) => d.id === 'd-independent' || d.id === 'e-unrelated' || d.id === 'f-independent-close');
  assert.deepEqual(await reuse(docs), []);
  assert.deepEqual(await reuse(docs.slice(0, 1)), []);
});

