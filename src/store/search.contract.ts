import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import type { Document, Finding } from '../core/types.js';
import type { ServableStore } from './queries.js';
import { HIT_END, HIT_START } from './search-text.js';
import { expandQuery, type AliasLookup } from './search-expand.js';
import { groupedSearch } from './search-groups.js';

/**
 * The corpus-aware search every backend must answer alike: expanded queries (aliases,
 * spelling variants, inflections) over documents and findings, matches with what facets
 * need, snippets and finding hits per document, the corpus's entity forms, and the grouped
 * answer built on them. Run from each backend's test file with a factory for a fresh store.
 */
export function searchContract(name: string, open: () => Promise<ServableStore>, options: { skip?: string | false } = {}): void {
  const test = (title: string, body: () => Promise<void>) => nodeTest(title, { skip: options.skip ?? false }, body);

  const docs: Array<{ doc: Document; findings: Array<Omit<Finding, 'quote' | 'id' | 'analyzer' | 'score'> & { analyzer?: string }> }> = [
    {
      doc: document('d-gb', 'Minister says the border town is harbouring militants', 'Lakeside Courier', '2025-02-10', 'The minister said the valley was harbouring fighters of the Grey Hand (GHM), and that the organisation had grown.'),
      findings: [
        { kind: 'entity', label: 'Grey Hand Movement', start: 0, end: 0, explanation: 'a group', data: { type: 'group' } },
        { kind: 'claim', label: 'statement', start: 0, end: 0, explanation: 'a check-worthy claim', data: {} },
      ],
    },
    {
      doc: document('d-us', 'Officials deny harboring the group', 'Daskor Daily', '2025-03-02', 'Officials denied harboring GHM members and called the organization a foreign invention.'),
      findings: [{ kind: 'entity', label: 'Grey Hand Movement', start: 0, end: 0, explanation: 'a group', data: { type: 'group' } }],
    },
    {
      doc: document('d-ur', 'سرحدی علاقے میں کشیدگی', null, null, 'حکام نے کہا کہ سرحد پر کشیدگی بڑھ گئی ہے، اور harbour کا ذکر نہیں کیا۔'),
      findings: [],
    },
  ];
  // spans: found by the quote each finding marks
  const quotes: Record<string, string[]> = { 'd-gb': ['Grey Hand', 'the valley was harbouring fighters of the Grey Hand'], 'd-us': ['GHM'] };

  async function filled(): Promise<ServableStore> {
    const store = await open();
    for (const { doc, findings } of docs) {
      const marks = quotes[doc.id] ?? [];
      const produced: Finding[] = findings.map((f, i) => {
        const quote = marks[i];
        const start = doc.text.indexOf(quote);
        assert.ok(start >= 0, `${quote} in ${doc.id}`);
        return { id: `${doc.id}-${i}`, analyzer: 'test@1.0.0', kind: f.kind, label: f.label, start, end: start + quote.length, quote, score: 0.8, explanation: f.explanation, data: f.data };
      });
      await store.saveAnalysis({ doc, origin: doc.id, produced: new Map([['test@1.0.0', produced]]), failures: [], runId: null });
    }
    return store;
  }

  const aliases: AliasLookup = (phrase) => (phrase.toLowerCase() === 'ghm' ? ['Grey Hand Movement', 'Grey Hand'] : null);

  test(`${name}: spelling variants and inflections find both spellings; the typed word alone finds one`, async () => {
    const store = await filled();
    try {
      const expanded = await store.queries.searchMatches(expandQuery('harbouring'), 100);
      assert.deepEqual(expanded.documents.map((d) => d.id).sort(), ['d-gb', 'd-ur', 'd-us']);
      const exact = expandQuery('harbouring');
      for (const g of exact.groups) g.alternatives = g.alternatives.slice(0, 1);
      assert.deepEqual((await store.queries.searchMatches(exact, 100)).documents.map((d) => d.id), ['d-gb']);
      // -ise / -ize
      assert.deepEqual((await store.queries.searchMatches(expandQuery('organization'), 100)).documents.map((d) => d.id).sort(), ['d-gb', 'd-us']);
      // the flat lists take the expanded query too
      assert.equal((await store.queries.searchDocuments(expandQuery('harbored'), { limit: 10, offset: 0 })).total, 3);
    } finally {
      await store.close();
    }
  });

  test(`${name}: an alias finds the documents that use another name for the entity; non-Latin text is searched as typed`, async () => {
    const store = await filled();
    try {
      const ids = (await store.queries.searchMatches(expandQuery('GHM', aliases), 100)).documents.map((d) => d.id).sort();
      assert.deepEqual(ids, ['d-gb', 'd-us']);
      assert.deepEqual((await store.queries.searchMatches(expandQuery('کشیدگی'), 100)).documents.map((d) => d.id), ['d-ur']);
      assert.deepEqual(await store.queries.entityForms(10), [
        { label: 'Grey Hand Movement', surface: 'GHM', count: 1 },
        { label: 'Grey Hand Movement', surface: 'Grey Hand', count: 1 },
      ]);
    } finally {
      await store.close();
    }
  });

  test(`${name}: matches carry outlet, date and finding kinds; snippets and finding hits mark what matched`, async () => {
    const store = await filled();
    try {
      const q = expandQuery('harbouring');
      const matches = await store.queries.searchMatches(q, 100);
      const gb = matches.documents.find((d) => d.id === 'd-gb')!;
      assert.equal(gb.outlet, 'Lakeside Courier');
      assert.equal(gb.publishedAt, '2025-02-10');
      assert.equal(gb.title, 'Minister says the border town is harbouring militants');
      assert.deepEqual(gb.kinds, { claim: 1 });
      assert.ok(gb.textRank !== null);
      const snippets = await store.queries.searchSnippets(q, ['d-gb', 'd-us']);
      assert.match(snippets.get('d-us') ?? '', new RegExp(`${HIT_START}harboring${HIT_END}`));
      assert.match(snippets.get('d-gb') ?? '', new RegExp(`${HIT_START}harbouring${HIT_END}`));
      const hits = await store.queries.searchFindingsIn(q, ['d-gb', 'd-us'], 50);
      assert.deepEqual(hits.map((f) => [f.doc, f.kind]), [['d-gb', 'claim']]);
      assert.equal(hits[0].quote, 'the valley was harbouring fighters of the Grey Hand');
      assert.match(hits[0].snippet, new RegExp(`${HIT_START}harbouring${HIT_END}`));
    } finally {
      await store.close();
    }
  });

  test(`${name}: the grouped answer: one group per document, facets counted with the other filters, filters applied`, async () => {
    const store = await filled();
    try {
      const camps = (doc: string) => (doc === 'd-us' ? ['camp B'] : doc === 'd-gb' ? ['camp A'] : []);
      const all = await groupedSearch(store.queries, expandQuery('GHM', aliases), {}, { limit: 10, offset: 0 }, camps);
      assert.equal(all.total, 2);
      assert.deepEqual(all.groups.map((g) => g.doc.id).sort(), ['d-gb', 'd-us']);
      const gb = all.groups.find((g) => g.doc.id === 'd-gb')!;
      assert.deepEqual(gb.camps, ['camp A']);
      assert.equal(gb.mentions?.count, 1);
      assert.deepEqual(gb.mentions?.forms, [{ text: 'Grey Hand', count: 1 }]);
      assert.deepEqual(all.facets.outlet.map((v) => [v.value, v.documents]).sort(), [['Daskor Daily', 1], ['Lakeside Courier', 1]]);
      assert.deepEqual(all.facets.date.map((v) => v.value), ['2025-02', '2025-03']);
      assert.deepEqual(all.facets.camp.map((v) => v.value).sort(), ['camp A', 'camp B']);
      const byOutlet = await groupedSearch(store.queries, expandQuery('GHM', aliases), { outlet: 'Daskor Daily' }, { limit: 10, offset: 0 }, camps);
      assert.deepEqual(byOutlet.groups.map((g) => g.doc.id), ['d-us']);
      // the outlet facet still offers the other outlet; the camp facet follows the filter
      assert.equal(byOutlet.facets.outlet.length, 2);
      assert.deepEqual(byOutlet.facets.camp.map((v) => v.value), ['camp B']);
      const byMonth = await groupedSearch(store.queries, expandQuery('GHM', aliases), { from: '2025-02', to: '2025-02' }, { limit: 10, offset: 0 }, camps);
      assert.deepEqual(byMonth.groups.map((g) => g.doc.id), ['d-gb']);
      const byKind = await groupedSearch(store.queries, expandQuery('harbouring'), { kind: 'claim' }, { limit: 10, offset: 0 }, camps);
      assert.deepEqual(byKind.groups.map((g) => g.doc.id), ['d-gb']);
    } finally {
      await store.close();
    }
  });

  test(`${name}: stored camps are the newest finished run's, read without the other corpus findings`, async () => {
    const store = await filled();
    try {
      assert.equal(await store.queries.storedCamps(), null);
      const camp = (label: string, member: string, listed: string[]) => ({
        id: `camp ${label}`, analyzer: 'camps@1.0.0', kind: 'camp', label, score: 0.5, explanation: 'one side',
        members: [{ doc: member, start: 0, end: 8, quote: 'Minister' }], data: { documents: listed },
      });
      const other = { id: 'n1', analyzer: 'narratives@1.0.0', kind: 'narrative', label: 'a story', score: 0.5, explanation: 'told twice', members: [{ doc: 'd-us' }] };
      const first = await store.startRun({ command: 'analyze', toolVersion: '0', inputs: [], optionsHash: '' });
      await store.finishRun(first, 'done', [camp('camp A', 'd-gb', ['d-us']), other]);
      const second = await store.startRun({ command: 'analyze', toolVersion: '0', inputs: [], optionsHash: '' });
      await store.finishRun(second, 'partial', [camp('camp C', 'd-us', []), camp('camp B', 'd-gb', ['d-gb', 'd-ur'])]);
      const running = await store.startRun({ command: 'analyze', toolVersion: '0', inputs: [], optionsHash: '' });
      await store.addCorpusFindings(running, [camp('camp D', 'd-gb', [])]);
      assert.deepEqual(await store.queries.storedCamps(), {
        runId: second,
        camps: [
          { label: 'camp B', documents: ['d-gb', 'd-ur'] },
          { label: 'camp C', documents: ['d-us'] },
        ],
      });
    } finally {
      await store.close();
    }
  });
}

function document(id: string, title: string, outlet: string | null, publishedAt: string | null, body: string): Document {
  const text = `${title}\n\n${body}`;
  return {
    id,
    format: 'text',
    source: { path: `${id}.txt`, url: null, title, author: null, outlet, publishedAt },
    text,
    sections: [
      { kind: 'title', start: 0, end: title.length },
      { kind: 'body', start: title.length + 2, end: text.length },
    ],
    lang: null,
  };
}
