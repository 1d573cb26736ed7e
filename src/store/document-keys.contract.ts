import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import { findingId } from '../core/finding-id.js';
import type { Document, Finding, FindingData } from '../core/types.js';
import type { ServableStore } from './queries.js';
import { expandQuery } from './search-expand.js';
import { findingKeys, kindCounts, labelCounts, packFindings, packJson } from './finding-sets.js';
import type { Store } from './store.js';

/**
 * Migration 012 (integer document keys, explicit full-text keys, signed finding keys) on a
 * database written at migration level 011: the same corpus written through today's store and
 * written as the 011 schema held it (packed sets, labels, unsigned keys keyed by text ids), then
 * migrated, answers every query the same — documents, findings, id look-ups, filters,
 * min_score, entities, search, analyser results, corpus states, reviews — and keeps taking
 * writes. The 011 rows are SQL literals, so one set of statements seeds both backends.
 */

const TEXTS: Record<string, string> = {
  d1: 'Dam talks: the Serin reservoir is low, said Ana Reyes. Reyes blamed the Serin Basin Authority.\n\nComments\n\nLow water again.',
  d2: 'Officials in Tarn denied that the reservoir was low. The Basin Authority published new figures on Monday.',
  d3: 'A 🙂 smear campaign, said the ministry: Ana Reyes is lying about the reservoir.',
  d4: 'Nothing to see: weather report for the coast, with rain on Tuesday.',
};

function docOf(id: string, i: number): Document {
  const text = TEXTS[id];
  const comments = text.indexOf('Low water');
  return {
    id,
    format: 'text',
    source: { path: `${id}.txt`, url: i === 1 ? 'https://example.org/d2' : null, title: `Title ${id}`, author: null, outlet: i % 2 === 0 ? 'Herald' : 'Courier', publishedAt: `2026-01-0${i + 1}` },
    text,
    sections:
      comments > 0
        ? [
            { kind: 'body', start: 0, end: comments - 12 },
            { kind: 'comment', start: comments, end: text.length, author: 'Kim', parent: null, postedAt: '2026-01-01T10:00:00Z' },
          ]
        : [{ kind: 'body', start: 0, end: text.length }],
    lang: 'en',
  };
}

function finding(docId: string, producer: string, kind: string, label: string, quote: string, score: number, explanation: string, data?: FindingData, from = 0): Finding {
  const text = TEXTS[docId];
  const start = text.indexOf(quote, from);
  assert.ok(start >= 0, quote);
  const end = start + quote.length;
  return { id: findingId(docId, producer, kind, label, start, end), analyzer: producer, kind, label, start, end, quote, score, explanation, ...(data ? { data } : {}) };
}

/** Findings of each document by producer: entities with types and written forms, claims with evidence, techniques, sentences. */
function corpus(): Array<{ doc: Document; produced: Map<string, Finding[]>; failures: Array<{ analyzer: string; message: string }>; states: Map<string, unknown> }> {
  return Object.keys(TEXTS).map((id, i) => {
    const doc = docOf(id, i);
    const text = doc.text;
    const produced = new Map<string, Finding[]>();
    const entities: Finding[] = [];
    for (const [name, type] of [['Ana Reyes', 'person'], ['Serin Basin Authority', 'organisation'], ['Basin Authority', 'organisation'], ['Tarn', 'place']] as const) {
      if (text.includes(name)) entities.push(finding(id, 'entities@1.1.0', 'entity', name === 'Basin Authority' ? 'Serin Basin Authority' : name, name, 0.9, `a ${type}`, { type }));
    }
    if (text.includes('Reyes blamed')) entities.push(finding(id, 'entities@1.1.0', 'entity', 'Ana Reyes', 'Reyes', 0.7, 'a person, by surname', { type: 'person' }, text.indexOf('Reyes blamed')));
    if (entities.length > 0) produced.set('entities@1.1.0', entities);
    const claims: Finding[] = [];
    if (text.includes('reservoir is low')) claims.push(finding(id, 'claims@1.3.0', 'claim', 'statistic', 'the Serin reservoir is low', 0.8, 'a claim about the reservoir', { evidence: { strength: 'named-source' } }));
    if (text.includes('denied')) claims.push({ ...finding(id, 'claims@1.3.0', 'claim', 'event', 'denied that the reservoir was low', 0.55, 'a denial'), id: `custom-${id}` });
    if (claims.length > 0) produced.set('claims@1.3.0', claims);
    if (text.includes('smear campaign')) {
      produced.set('techniques@1.2.0', [
        finding(id, 'techniques@1.2.0', 'technique', 'Loaded_Language', 'smear campaign', 0.65, 'a loaded phrase'),
        finding(id, 'techniques@1.2.0', 'technique', 'Name_Calling', 'lying', 0.4, 'calls someone a liar'),
      ]);
    }
    const first = text.indexOf('.') + 1;
    produced.set('sentences@1.0.0', [finding(id, 'sentences@1.0.0', 'sentence', 'body', text.slice(0, first), 1, 'a sentence', { index: 0 })]);
    const failures = i === 3 ? [{ analyzer: 'claims@1.3.0', message: 'model missing' }] : [];
    const states = new Map<string, unknown>([['reuse@1.1.0', i === 2 ? null : { sentences: [{ start: 0, end: first }] }]]);
    return { doc, produced, failures, states };
  });
}

const STAMP = (i: number) => `2026-02-01T00:00:00.00${i}Z`;

/** The corpus as the store at migration 011 held it. `blob` writes a byte string literal in the backend's dialect. */
export function level011Rows(blob: (bytes: Buffer) => string): string[] {
  const q = (v: string | number | null | undefined) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);
  const out: string[] = [];
  corpus().forEach(({ doc, produced, failures, states }, i) => {
    const s = doc.source;
    out.push(`INSERT INTO documents (id, format, path, url, title, author, outlet, published_at, lang, text, ingested_at, updated_at)
      VALUES (${q(doc.id)}, 'text', ${q(s.path)}, ${q(s.url)}, ${q(s.title)}, NULL, ${q(s.outlet)}, ${q(s.publishedAt)}, 'en', ${q(doc.text)}, ${q(STAMP(i))}, ${q(STAMP(i))})`);
    out.push(`INSERT INTO document_origins (doc_id, origin, first_seen_at) VALUES (${q(doc.id)}, ${q(`${doc.id}.txt`)}, ${q(STAMP(i))})`);
    doc.sections.forEach((x, idx) => {
      out.push(`INSERT INTO sections (doc_id, idx, kind, start, "end", author, parent, posted_at) VALUES (${q(doc.id)}, ${idx}, ${q(x.kind)}, ${x.start}, ${x.end}, ${q(x.author)}, ${q(x.parent)}, ${q(x.postedAt)})`);
    });
    for (const [producer, findings] of produced) {
      const [name, version] = producer.split('@');
      out.push(`INSERT INTO finding_sets (doc_id, analyzer, version, counts, findings) VALUES (${q(doc.id)}, ${q(name)}, ${q(version)}, ${q(kindCounts(findings))}, ${blob(packFindings(doc.id, findings))})`);
      for (const c of labelCounts(findings)) {
        out.push(`INSERT INTO finding_labels (kind, label, doc_id, analyzer, facet, surface, n, scores) VALUES (${q(c.kind)}, ${q(c.label)}, ${q(doc.id)}, ${q(name)}, ${q(c.facet)}, ${q(c.surface)}, ${c.n}, ${q(JSON.stringify(c.scores))})`);
      }
      // 011 stored the key unsigned
      for (const key of findingKeys(findings)) out.push(`INSERT INTO finding_keys (key, doc_id) VALUES (${key >>> 0}, ${q(doc.id)})`);
      out.push(`INSERT INTO analyzer_results (doc_id, analyzer, version, status, message, analysed_at) VALUES (${q(doc.id)}, ${q(name)}, ${q(version)}, 'ok', NULL, ${q(STAMP(i))})`);
    }
    for (const f of failures) {
      const [name, version] = f.analyzer.split('@');
      out.push(`INSERT INTO analyzer_results (doc_id, analyzer, version, status, message, analysed_at) VALUES (${q(doc.id)}, ${q(name)}, ${q(version)}, 'failed', ${q(f.message)}, ${q(STAMP(i))})`);
    }
    for (const [producer, state] of states) {
      const [name, version] = producer.split('@');
      if (state !== null) out.push(`INSERT INTO corpus_states (doc_id, analyzer, version, state) VALUES (${q(doc.id)}, ${q(name)}, ${q(version)}, ${blob(packJson(state))})`);
      out.push(`INSERT INTO analyzer_results (doc_id, analyzer, version, status, message, analysed_at) VALUES (${q(doc.id)}, ${q(name)}, ${q(version)}, 'ok', NULL, ${q(STAMP(i))})`);
    }
  });
  return out;
}

async function writeCorpus(store: Store): Promise<void> {
  for (const { doc, produced, failures, states } of corpus()) {
    await store.saveAnalysis({ doc, origin: `${doc.id}.txt`, produced, failures, runId: null, states });
  }
}

/** Every read a user makes, as plain data (ingestion times left out: the two stores were written at different times). */
async function answers(store: ServableStore): Promise<Record<string, unknown>> {
  const q = store.queries;
  const ids = Object.keys(TEXTS);
  const out: Record<string, unknown> = {};
  const findings = new Map<string, Finding[]>();
  for (const id of ids) {
    findings.set(id, await store.getFindings(id));
    out[`document ${id}`] = await store.getDocument(id);
    out[`findings ${id}`] = findings.get(id);
    out[`results ${id}`] = [...(await store.analyzerResults(id))].sort();
    out[`state ${id}`] = await store.corpusState('reuse@1.1.0', id);
  }
  const lookups: unknown[] = [];
  for (const list of findings.values()) for (const f of list) lookups.push(await store.findFinding(f.id));
  out.lookups = lookups;
  out.missing = await store.findFinding('ffffffffffffffff');
  out.documents = (await store.listDocuments()).map((d) => d.id);
  const summaries = await q.listDocumentSummaries({ limit: 10, offset: 0 });
  out.summaries = { ...summaries, items: summaries.items.map(({ ingestedAt: _t, ...rest }) => rest) };
  out.byOutlet = (await q.listDocumentSummaries({ limit: 10, offset: 0, outlet: 'Herald', from: '2026-01-02' })).items.map((d) => d.id);
  out.overview = await q.corpusOverview();
  out.outlets = await q.outlets();
  out.labels = await q.findingLabels();
  out.entityLabels = await q.findingLabels('entity');
  for (const [name, filter] of Object.entries({
    all: {},
    claims: { kind: 'claim' },
    reyes: { kind: 'entity', label: 'Ana Reyes' },
    d3: { doc: 'd3' },
    page: { offset: 2 },
  })) {
    out[`list ${name}`] = await q.listFindings({ limit: 3, offset: 0, ...filter });
  }
  out.minScore = await q.listFindings({ limit: 20, offset: 0, minScores: { byKind: { technique: 0.6 }, otherwise: 0.75 } });
  out.minScorePage = await q.listFindings({ limit: 2, offset: 1, minScores: { byKind: {}, otherwise: 0.6 } });
  out.ofKind = await q.findingsOfKind('entity', 4);
  out.entities = await q.listEntities({ limit: 10, offset: 0 });
  out.entitiesQ = await q.listEntities({ limit: 10, offset: 0, q: 'reyes', type: 'person' });
  out.entity = await q.getEntity('Serin Basin Authority');
  out.entityTypes = [...(await q.entityTypes(['Ana Reyes', 'Tarn', 'nobody']))].sort();
  out.forms = await q.entityForms(10);
  out.searchDocuments = await q.searchDocuments('reservoir', { limit: 10, offset: 0 });
  out.searchFindings = await q.searchFindings('reservoir', { limit: 10, offset: 0 });
  out.searchLabel = await q.searchFindings('loaded', { limit: 10, offset: 0 });
  out.searchKind = await q.searchFindings('reyes', { limit: 10, offset: 0, kind: 'entity' });
  const expanded = expandQuery('reservoir');
  out.matches = await q.searchMatches(expanded, 100);
  out.snippets = [...(await q.searchSnippets(expanded, ids))].sort();
  out.findingsIn = await q.searchFindingsIn(expandQuery('authority'), ids, 10);
  const lacking: string[] = [];
  for await (const id of store.documentsLackingStates(['reuse@1.1.0', 'claims@1.3.0'], {})) lacking.push(id);
  out.lacking = lacking;
  return out;
}

export function migration012Contract(
  name: string,
  backends: { fresh: () => Promise<ServableStore>; fromLevel011: (rows: string[]) => Promise<ServableStore>; blob: (bytes: Buffer) => string },
  options: { skip?: string | false } = {},
): void {
  nodeTest(`${name}: a database at migration 011 migrates to integer document keys and answers every query as a database written today`, { skip: options.skip ?? false }, async () => {
    const fresh = await backends.fresh();
    const migrated = await backends.fromLevel011(level011Rows(backends.blob));
    try {
      await writeCorpus(fresh);
      const expected = await answers(fresh);
      const got = await answers(migrated);
      for (const key of Object.keys(expected)) assert.deepEqual(got[key], expected[key], key);
      // the corpus is not trivially empty: the comparison compared something
      assert.equal((expected.lookups as unknown[]).filter((l) => l !== null).length, [...corpus()].reduce((n, c) => n + [...c.produced.values()].flat().length, 0));
      assert.ok((expected.searchFindings as { total: number }).total >= 2);
      assert.ok((expected.minScore as { total: number }).total > 0);
      // found through its label alone ('loaded' is not in the text): the finding_names index
      assert.deepEqual((expected.searchLabel as { items: Array<{ label: string }> }).items.map((h) => h.label), ['Loaded_Language']);

      // the migrated store keeps taking writes: a re-analysis replaces one set, a new document gets its own key
      const d1 = (await migrated.getDocument('d1'))!;
      const claims = corpus()[0].produced.get('claims@1.3.0')!.map((f) => ({ ...f, analyzer: 'claims@2.0.0', id: findingId('d1', 'claims@2.0.0', f.kind, f.label, f.start, f.end), label: 'event' }));
      await migrated.saveAnalysis({ doc: d1, origin: 'again', produced: new Map([['claims@2.0.0', claims]]), failures: [], runId: null });
      assert.deepEqual((await migrated.queries.listFindings({ kind: 'claim', limit: 10, offset: 0 })).items.map((f) => [f.doc, f.label]), [['d1', 'event'], ['d2', 'event']]);
      assert.equal((await migrated.findFinding(claims[0].id))?.doc, 'd1');
      const d5: Document = { ...docOf('d4', 3), id: 'd5', text: 'The Serin reservoir rose again, said Ana Reyes.', sections: [] };
      await migrated.saveAnalysis({ doc: d5, origin: 'new', produced: new Map([['entities@1.1.0', [{ ...finding('d3', 'entities@1.1.0', 'entity', 'Ana Reyes', 'Ana Reyes', 0.9, 'a person', { type: 'person' }), id: 'e5', start: 37, end: 46 }]]]), failures: [], runId: null });
      assert.deepEqual((await migrated.queries.searchDocuments('rose', { limit: 10, offset: 0 })).items.map((d) => d.id), ['d5']);
      assert.equal((await migrated.findFinding('e5'))?.finding.quote, 'Ana Reyes');
      assert.equal((await migrated.queries.getEntity('Ana Reyes'))?.documents, 3);
      assert.deepEqual((await migrated.listDocuments()).map((d) => d.id), ['d1', 'd2', 'd3', 'd4', 'd5']);
    } finally {
      await fresh.close();
      await migrated.close();
    }
  });
}

/** finding_names (migration 012), the index of labels finding search reads: kept in step with writes, also after a failed one. */
export function findingNamesContract(name: string, open: () => Promise<ServableStore>, options: { skip?: string | false } = {}): void {
  nodeTest(`${name}: a finding is found by a word of its label alone; a write that fails leaves the label index able to take it again`, { skip: options.skip ?? false }, async () => {
    const store = await open();
    try {
      const [, , third] = corpus();
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      // the corpus state cannot be stored: the whole write is rolled back, names included
      await assert.rejects(store.saveAnalysis({ doc: third.doc, origin: 'x', produced: third.produced, failures: [], runId: null, states: new Map([['reuse@1.1.0', cyclic]]) }));
      assert.equal(await store.getDocument('d3'), null);
      assert.equal((await store.queries.searchFindings('loaded', { limit: 10, offset: 0 })).total, 0);
      await store.saveAnalysis({ doc: third.doc, origin: 'x', produced: third.produced, failures: [], runId: null });
      const hits = await store.queries.searchFindings('loaded', { limit: 10, offset: 0 });
      assert.deepEqual(hits.items.map((h) => [h.doc, h.label, h.quote]), [['d3', 'Loaded_Language', 'smear campaign']]);
      const grouped = await store.queries.searchMatches(expandQuery('name calling'), 100);
      assert.deepEqual(grouped.documents.map((d) => [d.id, d.kinds]), [['d3', { technique: 1 }]]);
      // a re-analysis without the technique: the label stays indexed but leads to no document
      await store.saveAnalysis({ doc: third.doc, origin: 'x', produced: new Map([['techniques@1.3.0', []]]), failures: [], runId: null });
      assert.equal((await store.queries.searchFindings('loaded', { limit: 10, offset: 0 })).total, 0);
      assert.deepEqual((await store.queries.searchMatches(expandQuery('loaded'), 100)).documents, []);
    } finally {
      await store.close();
    }
  });
}
