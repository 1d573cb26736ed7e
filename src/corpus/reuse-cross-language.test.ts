import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Document } from '../core/types.js';
import { articleDocument, type ArticleFixture } from '../../test/fixtures/coordination/reuse/build-article.js';
import { findReuse, reuseOf, reuseState, type ReuseState } from './reuse.js';
import { portableAnchor, portableNumber } from './portable-anchors.js';
import type { CorpusState, DocumentRef } from '../analysers/analyzer.js';

/**
 * Issue 14, class 6: the same article in another language. Fixtures written for this test: one
 * wire in English, its French and Spanish translations (numbers written the local way, "4,8",
 * "5 150", "40.000 millones"), and two independent reports of the same talks, in French and in
 * English, that share names and places but not the sequence of facts.
 */

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'test', 'fixtures', 'narratives', 'cross-language');

function load(withLanguage: boolean): Document[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const doc = articleDocument(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as ArticleFixture, f.replace(/\.json$/u, ''));
      return withLanguage ? { ...doc, lang: f.slice(0, 2) } : doc;
    });
}

const pairs = (docs: Document[], options = {}): string[] =>
  findReuse(docs.map((doc) => ({ doc, findings: [] })), options).map((f) => `${f.label} ${(f.data as { documents: string[] }).documents.join(' ~ ')}${(f.data as { crossLanguage?: boolean }).crossLanguage ? ' (languages differ)' : ''}`);

test('translations are rewrites across languages; independent reports of the same talks are not', () => {
  // five documents: every anchor key is shared by three of them, so the boilerplate cap is lifted
  assert.deepEqual(pairs(load(true), { maxDocumentFrequency: 1 }), [
    'rewrite en-wire ~ es-translation (languages differ)',
    'rewrite en-wire ~ fr-translation (languages differ)',
    'rewrite es-translation ~ fr-translation (languages differ)',
  ]);
});

test('without identified languages, the documents\' most frequent words tell English from French', () => {
  const docs = load(false).filter((d) => d.id === 'en-wire' || d.id === 'fr-translation' || d.id === 'fr-independent' || d.id === 'en-independent');
  assert.deepEqual(pairs(docs, { maxDocumentFrequency: 1 }), ['rewrite en-wire ~ fr-translation (languages differ)']);
});

test('the explanation names the shared facts in order, the earlier text and the exact passages', () => {
  const docs = load(true).filter((d) => d.id === 'en-wire' || d.id === 'fr-translation');
  const [f] = findReuse(docs.map((doc) => ({ doc, findings: [] })));
  const data = f.data as { anchors: string[]; coverage: number; earliest: string };
  assert.equal(f.label, 'rewrite');
  // documents are named by title, outlet and date (src/document/names.ts)
  assert.match(f.explanation, /^"[^"]*\(Exemple Presse, 2026-03-03\)" rewrites "[^"]*\(Example Wire, 2026-03-03\)" in another language: the same facts in the same order in 7 sentences/u);
  assert.equal(data.earliest, 'en-wire');
  assert.equal(data.coverage, 1);
  // countries, months and numbers as a reader reads them, in the order of the texts
  for (const anchor of ['Egypt', 'Ethiopia', 'Sudan', 'March', 'April', '1959', '4.8', '5150', '13', 'saleh', 'tesfaye']) assert.ok(data.anchors.includes(anchor), anchor);
  assert.ok(data.anchors.indexOf('1959') < data.anchors.indexOf('5150'));
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const m of f.members) assert.equal(m.quote, byId.get(m.doc)?.text.slice(m.start, m.end));
});

test('the stored-state path finds the same cross-language rewrite', async () => {
  const docs = load(true).filter((d) => d.id === 'en-wire' || d.id === 'es-translation');
  const states = new Map(docs.map((d) => [d.id, reuseState(d, [])]));
  const ref = (d: Document): DocumentRef => ({ id: d.id, title: d.source.title ?? null, outlet: d.source.outlet ?? null, path: null, url: null, publishedAt: d.source.publishedAt ?? null });
  const state: CorpusState<ReuseState> = {
    size: docs.length,
    async *entries() {
      for (const d of docs) yield { doc: ref(d), state: states.get(d.id) ?? null };
    },
    get: async (id) => states.get(id) ?? null,
    slice: async (id, start, end) => docs.find((d) => d.id === id)?.text.slice(start, end) ?? '',
    of: () => {
      throw new Error('not used');
    },
  };
  const found = [];
  for await (const batch of reuseOf(state)) for (const f of batch) found.push(f);
  assert.deepEqual(found.map((f) => [f.label, (f.data as { crossLanguage?: boolean }).crossLanguage]), [['rewrite', true]]);
});

test('portable anchors: a country or month in any language, a number whatever its separators', () => {
  const tok = (s: string) => s.split(' ').map((text) => ({ text }));
  assert.equal(portableAnchor(tok('Russie'), 0)?.anchor, '@RU');
  assert.equal(portableAnchor(tok('Россия'), 0)?.anchor, '@RU');
  assert.equal(portableAnchor(tok('Estados Unidos'), 0)?.anchor, '@US');
  assert.equal(portableAnchor(tok('28 de abril'), 2)?.anchor, '@m4');
  assert.equal(portableAnchor(tok('the march began'), 1), null, 'a month only beside a number');
  assert.equal(portableAnchor(tok('russie'), 0), null, 'a country name is capitalised');
  assert.deepEqual(['1,800', '1.800', '4,8', '12'].map(portableNumber), ['1800', '1800', '4.8', '12']);
});
