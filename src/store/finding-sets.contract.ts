import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import type { ServableStore } from './queries.js';
import { expandQuery } from './search-expand.js';
import type { ScoreThresholds } from './finding-sets.js';

/**
 * Migration 010 (findings as packed sets) on a database written by the previous schema:
 * every finding, quote, payload, id lookup, label count, alias and search hit survives, and
 * corpus states stay readable. The old rows are written with plain SQL literals, so the same
 * statements seed both backends.
 */

const TEXT = 'Dam 🙂 talks: the Serin reservoir is low, said Ana Reyes. Reyes blamed the Serin Basin Authority.';

const span = (s: string, from = 0): [number, number] => {
  const start = TEXT.indexOf(s, from);
  return [start, start + s.length];
};

interface OldFinding {
  id: string;
  analyzer: string;
  kind: string;
  label: string;
  span: [number, number];
  surface: string | null;
  explanation: string;
  data: string | null;
}

export const OLD_FINDINGS: OldFinding[] = [
  { id: '0a1b2c3d4e5f6071', analyzer: 'entities', kind: 'entity', label: 'Ana Reyes', span: span('Ana Reyes'), surface: 'Ana Reyes', explanation: 'a person', data: '{"type":"person","via":"pattern"}' },
  { id: '0a1b2c3d99999999', analyzer: 'entities', kind: 'entity', label: 'Ana Reyes', span: span('Reyes', 52), surface: 'Reyes', explanation: 'a person, by surname', data: '{"type":"person","via":"surname"}' },
  { id: 'ffee000011112222', analyzer: 'claims', kind: 'claim', label: 'statistic', span: span('the Serin reservoir is low'), surface: null, explanation: 'a claim about the reservoir', data: '{"evidence":{"strength":"named-source"},"numbers":[]}' },
  { id: 'c1', analyzer: 'claims', kind: 'claim', label: 'event', span: span('Reyes blamed the Serin Basin Authority'), surface: null, explanation: 'an accusing claim', data: null },
  { id: '5e0000000000aaaa', analyzer: 'sentences', kind: 'sentence', label: 'body', span: [0, TEXT.length], surface: null, explanation: 'a sentence', data: '{"index":0}' },
];

const sql = (value: string | number | null) => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);

/** Rows as the store before migration 010 wrote them (findings with spans, surface forms, JSON states). */
export function oldSchemaRows(): string[] {
  return [
    `INSERT INTO documents (id, format, title, outlet, text, ingested_at, updated_at) VALUES ('d1', 'text', 'Dam talks', 'Herald', ${sql(TEXT)}, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ...OLD_FINDINGS.map(
      (f) => `INSERT INTO findings (doc_id, id, analyzer, analyzer_version, kind, label, start, "end", surface, score, explanation, data)
        VALUES ('d1', ${sql(f.id)}, ${sql(f.analyzer)}, '1.0.0', ${sql(f.kind)}, ${sql(f.label)}, ${f.span[0]}, ${f.span[1]}, ${sql(f.surface)}, 0.5, ${sql(f.explanation)}, ${sql(f.data)})`,
    ),
    `INSERT INTO analyzer_results (doc_id, analyzer, version, status, message, analysed_at) VALUES ('d1', 'reuse', '1.0.0', 'ok', NULL, 'then')`,
    `INSERT INTO reviews (doc_id, kind, label, start, "end", quote, finding_id, analyzer, status, correction, verdict, note, reviewer, created_at)
      VALUES ('d1', 'claim', 'statistic', ${span('the Serin reservoir is low').join(', ')}, 'the Serin reservoir is low', 'ffee000011112222', 'claims@1.0.0', 'corrected', '{"label":"event"}', 'misleading', 'checked ''twice''', 'ana', '2026-01-02T03:04:05.000Z')`,
    `INSERT INTO corpus_states (doc_id, analyzer, version, state) VALUES ('d1', 'reuse', '1.0.0', '{"sentences":[{"start":0,"end":5}]}')`,
  ];
}

export function migration010Contract(name: string, openMigrated: () => Promise<ServableStore>, options: { skip?: string | false } = {}): void {
  nodeTest(`${name}: a database of the previous schema migrates to finding sets without losing a finding, quote or search hit`, { skip: options.skip ?? false }, async () => {
    const store = await openMigrated();
    try {
      const findings = await store.getFindings('d1');
      assert.equal(findings.length, OLD_FINDINGS.length);
      for (const old of OLD_FINDINGS) {
        const f = findings.find((x) => x.id === old.id);
        assert.ok(f, old.id);
        assert.equal(f.analyzer, `${old.analyzer}@1.0.0`);
        assert.equal(f.quote, TEXT.slice(...old.span));
        assert.deepEqual([f.start, f.end], old.span);
        assert.equal(f.explanation, old.explanation);
        assert.deepEqual(f.data, old.data === null ? undefined : JSON.parse(old.data));
        assert.equal(f.score, 0.5);
        const found = await store.findFinding(old.id);
        assert.equal(found?.doc, 'd1', `findFinding(${old.id})`);
        assert.equal(found?.finding.quote, f.quote);
      }
      assert.equal(await store.findFinding('0a1b2c3d00000000'), null, 'a key shared by another id finds nothing');
      const q = store.queries;
      assert.deepEqual((await q.findingLabels('entity')).map((l) => [l.label, l.count, l.documents]), [['Ana Reyes', 2, 1]]);
      const entity = await q.getEntity('Ana Reyes');
      assert.equal(entity?.type, 'person');
      assert.deepEqual(entity?.aliases, [{ text: 'Ana Reyes', count: 1 }, { text: 'Reyes', count: 1 }]);
      const listed = await q.listDocumentSummaries({ limit: 10, offset: 0 });
      assert.deepEqual(listed.items[0].findings, { entity: 2, claim: 2, sentence: 1 });
      const overview = await q.corpusOverview();
      assert.deepEqual(overview.outlets[0].evidence, { 'named-source': 1, unsupported: 1 });
      const claims = await q.listFindings({ kind: 'claim', limit: 10, offset: 0 });
      assert.deepEqual(claims.items.map((f) => f.label), ['event', 'statistic']);
      assert.equal(claims.total, 2);
      const hits = await q.searchFindings('reservoir', { limit: 10, offset: 0 });
      assert.deepEqual(hits.items.map((h) => h.id), ['ffee000011112222'], 'the claim is found; the sentence (not searched) is not');
      assert.match(hits.items[0].snippet, /\uE000reservoir\uE001/);
      assert.deepEqual(await store.corpusState('reuse@1.0.0', 'd1'), { sentences: [{ start: 0, end: 5 }] });
      // score counts were computed by the migration's SQL: thresholds are counted from them
      assert.equal((await q.listFindings({ limit: 10, offset: 0, minScores: { byKind: {}, otherwise: 0.6 } })).total, 0);
      assert.deepEqual((await q.listFindings({ limit: 10, offset: 0, minScores: { byKind: { sentence: 0.6 }, otherwise: 0.5 } })).items.map((f) => f.kind).sort(), ['claim', 'claim', 'entity', 'entity']);
      // the corpus-aware search reads the migrated findings too
      const matches = await q.searchMatches(expandQuery('reservoir'), 100);
      assert.deepEqual(matches.documents.map((d) => [d.id, d.kinds]), [['d1', { claim: 1 }]]);
      assert.deepEqual((await q.searchFindingsIn(expandQuery('reyes'), ['d1'], 10)).map((h) => h.id), ['0a1b2c3d4e5f6071', '0a1b2c3d99999999', 'c1']);
      assert.deepEqual(await q.entityForms(10), [
        { label: 'Ana Reyes', surface: 'Ana Reyes', count: 1 },
        { label: 'Ana Reyes', surface: 'Reyes', count: 1 },
      ]);
      // the review reads back as written, and its finding is still found by id
      const reviews = await store.listReviews({ doc: 'd1' });
      assert.equal(reviews.length, 1);
      const [review] = reviews;
      assert.deepEqual(
        { ...review, id: 0 },
        {
          id: 0,
          target: { doc: 'd1', kind: 'claim', label: 'statistic', start: span('the Serin reservoir is low')[0], end: span('the Serin reservoir is low')[1], quote: 'the Serin reservoir is low' },
          findingId: 'ffee000011112222',
          analyzer: 'claims@1.0.0',
          status: 'corrected',
          correction: { label: 'event' },
          verdict: 'misleading',
          note: "checked 'twice'",
          reviewer: 'ana',
          createdAt: '2026-01-02T03:04:05.000Z',
        },
      );
      assert.equal((await store.findFinding(review.findingId!))?.finding.quote, review.target.quote);
      // re-analysis replaces one analyser's set and leaves the others
      const doc = (await store.getDocument('d1'))!;
      const claim = { ...findings.find((f) => f.id === 'ffee000011112222')!, analyzer: 'claims@2.0.0' };
      await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['claims@2.0.0', [claim]]]), failures: [], runId: null });
      assert.equal((await store.getFindings('d1')).length, OLD_FINDINGS.length - 1);
      assert.equal((await q.searchFindings('reservoir', { limit: 10, offset: 0 })).total, 1);
      await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['claims@3.0.0', []]]), failures: [], runId: null });
      assert.equal((await q.searchFindings('reservoir', { limit: 10, offset: 0 })).total, 0, 'no hit outlives its finding');
      assert.equal(await store.findFinding('ffee000011112222'), null);
      assert.equal((await q.listFindings({ kind: 'claim', limit: 10, offset: 0 })).total, 0);
    } finally {
      await store.close();
    }
  });
}

/** The API's finding queries over packed sets: pages across documents, limits, id lookups. */
export function findingQueriesContract(name: string, open: () => Promise<ServableStore>, options: { skip?: string | false } = {}): void {
  nodeTest(`${name}: findings are paged across documents in (kind, label, document, span) order from the label counts`, { skip: options.skip ?? false }, async () => {
    const store = await open();
    try {
      const expected: string[] = [];
      for (const d of ['d3', 'd1', 'd2']) {
        const text = `${d}: alpha beta gamma delta epsilon zeta eta theta`;
        const doc = { id: d, format: 'text' as const, source: { title: d }, text, sections: [{ kind: 'body' as const, start: 0, end: text.length }], lang: 'en' };
        const words = [...text.matchAll(/[a-z]+/g)].slice(1);
        const findings = words.map((m, i) => ({
          id: `${d}-w${i}`,
          analyzer: 'techniques@1.0.0',
          kind: 'technique',
          label: i % 3 === 0 ? 'Loaded_Language' : 'Doubt',
          start: m.index,
          end: m.index + m[0].length,
          quote: m[0],
          score: 0.5,
          explanation: `word ${i}`,
        }));
        await store.saveAnalysis({ doc, origin: d, produced: new Map([['techniques@1.0.0', findings]]), failures: [], runId: null });
      }
      for (const label of ['Doubt', 'Loaded_Language']) for (const d of ['d1', 'd2', 'd3']) for (let i = 0; i < 8; i++) if ((i % 3 === 0) === (label === 'Loaded_Language')) expected.push(`${d}-w${i}`);
      for (const limit of [1, 3, 5, 24]) {
        const seen: string[] = [];
        for (let offset = 0; offset < expected.length; offset += limit) {
          const page = await store.queries.listFindings({ kind: 'technique', limit, offset });
          assert.equal(page.total, expected.length);
          for (const f of page.items) {
            assert.equal(f.quote, `${f.doc}: alpha beta gamma delta epsilon zeta eta theta`.slice(f.start, f.end));
            seen.push(f.id);
          }
        }
        assert.deepEqual(seen, expected, `limit ${limit}`);
      }
      const labelled = await store.queries.listFindings({ label: 'Loaded_Language', doc: 'd2', limit: 10, offset: 1 });
      assert.deepEqual(labelled.items.map((f) => f.id), ['d2-w3', 'd2-w6']);
      assert.equal(labelled.total, 3);
      assert.deepEqual((await store.queries.findingsOfKind('technique', 10)).map((f) => f.id), [...['d1', 'd2'].flatMap((d) => [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `${d}-w${i}`))].slice(0, 10));
      assert.equal((await store.findFinding('d3-w7'))?.finding.quote, 'theta');
      const hits = await store.queries.searchFindings('loaded', { limit: 100, offset: 0 });
      assert.equal(hits.total, 9, 'a word of the label finds its findings although the text lacks it');
      assert.deepEqual((await store.queries.searchFindings('"gamma delta"', { limit: 100, offset: 0 })).items, [], 'a phrase must lie within one finding');
      assert.deepEqual((await store.queries.searchFindings('gamm', { limit: 100, offset: 0 })).items.map((h) => h.id).sort(), ['d1-w2', 'd2-w2', 'd3-w2']);
    } finally {
      await store.close();
    }
  });

  nodeTest(`${name}: score thresholds are counted and paged in SQL, per kind, and agree with filtering every finding`, { skip: options.skip ?? false }, async () => {
    const store = await open();
    try {
      const all: Array<{ id: string; kind: string; score: number }> = [];
      for (const d of ['s2', 's1']) {
        const text = `${d}: one two three four five six seven eight nine ten eleven twelve`;
        const doc = { id: d, format: 'text' as const, source: { title: d }, text, sections: [{ kind: 'body' as const, start: 0, end: text.length }], lang: 'en' };
        const words = [...text.matchAll(/[a-z]+/g)];
        const scores = [0.05, 0.2, 0.199, 0.5, 0.73, 1, 0.2, 0.499, 0.5001, 0.95, 0.2, 0.5, 0.3];
        const findings = words.map((m, i) => ({
          id: `${d}-${i}`,
          analyzer: 'mixed@1.0.0',
          kind: i % 2 === 0 ? 'technique' : 'claim',
          label: i % 4 < 2 ? 'Doubt' : 'statement',
          start: m.index,
          end: m.index + m[0].length,
          quote: m[0],
          score: scores[i],
          explanation: `word ${i}`,
        }));
        await store.saveAnalysis({ doc, origin: d, produced: new Map([['mixed@1.0.0', findings]]), failures: [], runId: null });
        for (const f of findings) all.push(f);
      }
      const q = store.queries;
      const unfiltered = await q.listFindings({ limit: 1000, offset: 0 });
      assert.equal(unfiltered.total, all.length);
      const policies: ScoreThresholds[] = [
        { byKind: { technique: 0.2, claim: 0.5 }, otherwise: 0 },
        { byKind: {}, otherwise: 0.5 },
        { byKind: { claim: 0.5001 }, otherwise: 0.95 },
        { byKind: {}, otherwise: 0 },
      ];
      for (const minScores of policies) {
        const threshold = (kind: string) => (Object.hasOwn(minScores.byKind, kind) ? minScores.byKind[kind] : minScores.otherwise);
        const expected = unfiltered.items.filter((f) => f.score >= threshold(f.kind)).map((f) => f.id);
        for (const limit of [1, 2, 5, 100]) {
          const seen: string[] = [];
          for (let offset = 0; offset < expected.length + limit; offset += limit) {
            const page = await q.listFindings({ limit, offset, minScores });
            assert.equal(page.total, expected.length, `total at ${JSON.stringify(minScores)}`);
            for (const f of page.items) seen.push(f.id);
          }
          assert.deepEqual(seen, expected, `${JSON.stringify(minScores)}, limit ${limit}`);
        }
        const claims = await q.listFindings({ kind: 'claim', doc: 's1', limit: 100, offset: 0, minScores });
        assert.deepEqual(claims.items.map((f) => f.id), expected.filter((id) => id.startsWith('s1-') && Number(id.slice(3)) % 2 === 1).sort((a, b) => {
          const fa = unfiltered.items.find((f) => f.id === a)!;
          const fb = unfiltered.items.find((f) => f.id === b)!;
          return fa.label.localeCompare(fb.label) || fa.start - fb.start;
        }));
      }
    } finally {
      await store.close();
    }
  });
}
