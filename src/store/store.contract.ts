import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import type { CorpusFinding, Document, Finding } from '../core/types.js';
import { reviewsContract } from './reviews.contract.js';
import type { Store } from './store.js';

/**
 * The behaviour every Store backend must show. Run it from each backend's test file with
 * a factory that gives a fresh, empty store.
 */
export function storeContract(name: string, open: () => Promise<Store>, options: { skip?: string | false } = {}): void {
  const test = (title: string, body: () => Promise<void>) => nodeTest(title, { skip: options.skip ?? false }, body);
  const doc: Document = {
    id: 'doc-1',
    format: 'text',
    source: { path: 'a.txt', url: null, title: 'A title', author: 'Jo Bloggs', outlet: null, publishedAt: '2025-01-02' },
    text: 'A title\n\nBody text here.\n\n1 Comment\n\n  1. Nice.\n    • Al on\n      Reply.',
    sections: [
      { kind: 'title', start: 0, end: 7 },
      { kind: 'body', start: 9, end: 24 },
      { kind: 'boilerplate', start: 26, end: 35 },
      { kind: 'comment', start: 42, end: 47, author: null, parent: null },
      { kind: 'comment', start: 66, end: 72, author: 'Al', parent: 3 },
    ],
    lang: 'en',
  };
  const finding = (analyzer: string, label: string, start: number, end: number): Finding => ({
    id: `${analyzer}-${label}-${start}`,
    analyzer,
    kind: 'entity',
    label,
    start,
    end,
    quote: doc.text.slice(start, end),
    score: 0.5,
    explanation: 'because',
    data: { type: 'organisation' },
  });

  test(`${name}: a document round-trips with sections, comment threads and findings`, async () => {
    const store = await open();
    try {
      const produced = new Map([['entities@1.0.0', [finding('entities@1.0.0', 'Body', 9, 13)]]]);
      assert.deepEqual(await store.saveAnalysis({ doc, origin: 'a.txt', produced, failures: [], runId: null }), { created: true });
      const back = await store.getDocument('doc-1');
      assert.ok(back);
      assert.equal(back.text, doc.text);
      assert.deepEqual(back.sections, doc.sections);
      assert.deepEqual(back.source, doc.source);
      assert.equal(back.lang, 'en');
      assert.deepEqual(await store.getFindings('doc-1'), produced.get('entities@1.0.0'));
      assert.equal(await store.countDocuments(), 1);
    } finally {
      await store.close();
    }
  });

  test(`${name}: the same document twice is stored once; a new analyser version replaces its findings`, async () => {
    const store = await open();
    try {
      await store.saveAnalysis({ doc, origin: 'a.txt', produced: new Map([['entities@1.0.0', [finding('entities@1.0.0', 'Old', 0, 1)]]]), failures: [], runId: null });
      const again = await store.saveAnalysis({
        doc,
        origin: 'copy-of-a.txt',
        produced: new Map([['entities@2.0.0', [finding('entities@2.0.0', 'New', 2, 7)]]]),
        failures: [{ analyzer: 'claims@1.0.0', message: 'boom' }],
        runId: null,
      });
      assert.deepEqual(again, { created: false });
      assert.equal(await store.countDocuments(), 1);
      assert.deepEqual((await store.getFindings('doc-1')).map((f) => [f.label, f.analyzer]), [['New', 'entities@2.0.0']]);
      const results = await store.analyzerResults('doc-1');
      assert.deepEqual(results.get('entities'), { version: '2.0.0', status: 'ok', message: null });
      assert.deepEqual(results.get('claims'), { version: '1.0.0', status: 'failed', message: 'boom' });
      assert.equal((await store.analyzerResults('unknown')).size, 0);
    } finally {
      await store.close();
    }
  });

  test(`${name}: runs record their documents, errors and corpus findings`, async () => {
    const store = await open();
    try {
      const runId = await store.startRun({ command: 'analyze', toolVersion: '0.0.0', inputs: ['x'], optionsHash: 'h' });
      await store.saveAnalysis({ doc, origin: 'a.txt', produced: new Map(), failures: [], runId });
      await store.addRunDocument(runId, 'doc-1', 1);
      await store.addRunError(runId, { input: 'missing.txt', code: 'INPUT_NOT_FOUND', message: 'missing.txt: no such file' });
      assert.equal(await store.latestRun(), null, 'a running run is not the latest finished one');
      const corpus: CorpusFinding = { id: 'c1', analyzer: 'reuse@1.0.0', kind: 'reuse', label: 'copy', score: 0.9, explanation: 'shared', members: [{ doc: 'doc-1', start: 9, end: 13, quote: 'Body' }] };
      await store.finishRun(runId, 'partial', [corpus]);
      const run = await store.getRun(runId);
      assert.equal(run?.status, 'partial');
      assert.ok(run?.finishedAt);
      assert.equal((await store.latestRun())?.id, runId);
      assert.deepEqual(await store.runDocumentIds(runId), ['doc-1']);
      assert.deepEqual(await store.runErrors(runId), [{ input: 'missing.txt', code: 'INPUT_NOT_FOUND', message: 'missing.txt: no such file' }]);
      assert.deepEqual(await store.corpusFindings(runId), [corpus]);
      assert.equal(await store.getRun(9999), null);
    } finally {
      await store.close();
    }
  });

  reviewsContract(name, open, options);

  test(`${name}: the change token moves with every commit, from this connection or another`, async () => {
    const store = await open();
    try {
      const first = await store.changeToken();
      assert.equal(await store.changeToken(), first, 'reads do not move it');
      await store.saveAnalysis({ doc, origin: 'a.txt', produced: new Map(), failures: [], runId: null });
      const second = await store.changeToken();
      assert.notEqual(second, first);
      const runId = await store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
      assert.notEqual(await store.changeToken(), second);
      await store.finishRun(runId, 'done', []);
    } finally {
      await store.close();
    }
  });

  test(`${name}: quotes are derived from the stored text (UTF-16 spans, also after characters outside the BMP)`, async () => {
    const store = await open();
    try {
      const text = 'Crowd 🙂🙂 cheers: "Ministry lied" says Ana Reyes 🇺🇦 today.';
      const emojiDoc: Document = { id: 'doc-emoji', format: 'text', source: {}, text, sections: [{ kind: 'body', start: 0, end: text.length }], lang: 'en' };
      const at = (s: string) => text.indexOf(s);
      const mk = (kind: string, label: string, start: number, end: number): Finding => ({ ...finding('claims@1.0.0', label, start, end), kind, id: `${kind}-${start}` });
      const findings = [mk('claim', 'claim', at('"Ministry'), at(' says')), mk('entity', 'Ana Reyes', at('Ana'), at(' 🇺🇦')), mk('language', 'en', 0, text.length)];
      await store.saveAnalysis({ doc: emojiDoc, origin: 'e.txt', produced: new Map([['claims@1.0.0', findings]]), failures: [], runId: null });
      const back = await store.getFindings('doc-emoji');
      assert.deepEqual(back.map((f) => f.quote).sort(), ['"Ministry lied"', 'Ana Reyes', text].sort());
      for (const f of back) assert.equal(text.slice(f.start, f.end), f.quote);
      assert.deepEqual(await store.getFindings('no-such-doc'), []);
    } finally {
      await store.close();
    }
  });

  test(`${name}: concurrent writes of one document store it once; finishing a run twice keeps one copy of its corpus findings`, async () => {
    const store = await open();
    try {
      const produced = new Map([['entities@1.0.0', [finding('entities@1.0.0', 'Body', 9, 13)]]]);
      const results = await Promise.all([1, 2, 3, 4].map((i) => store.saveAnalysis({ doc, origin: `copy-${i}.txt`, produced, failures: [], runId: null })));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(await store.countDocuments(), 1);
      assert.equal((await store.getFindings('doc-1')).length, 1);
      const runId = await store.startRun({ command: 'worker', toolVersion: '0', inputs: [], optionsHash: 'h' });
      const corpus: CorpusFinding = { id: 'c1', analyzer: 'reuse@1.0.0', kind: 'reuse', label: 'copy', score: 0.9, explanation: 'shared', members: [{ doc: 'doc-1' }], data: { b: 1, a: [2] } };
      await store.finishRun(runId, 'done', [corpus]);
      await store.finishRun(runId, 'done', [corpus]);
      assert.deepEqual(await store.corpusFindings(runId), [corpus]);
    } finally {
      await store.close();
    }
  });

  test(`${name}: corpus findings are added as the corpus stage produces them and stream back in that order, a page at a time`, async () => {
    const store = await open();
    try {
      await store.saveAnalysis({ doc, origin: 'a.txt', produced: new Map(), failures: [], runId: null });
      const runId = await store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
      const other = await store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
      const made = (i: number, analyzer: string): CorpusFinding => ({
        id: `c${i}`, analyzer, kind: 'event', label: 'said', score: i / 2000, explanation: `event ${i}`, members: [{ doc: 'doc-1', start: 9, end: 13, quote: 'Body' }], ...(i % 2 ? { data: { i } } : {}),
      });
      const first = Array.from({ length: 700 }, (_, i) => made(i, 'timeline@1.0.0'));
      const second = Array.from({ length: 600 }, (_, i) => made(700 + i, 'reuse@1.0.0'));
      await store.addCorpusFindings(runId, first);
      await store.addCorpusFindings(other, [made(9999, 'x@1')]);
      await store.addCorpusFindings(runId, second);
      await store.addCorpusFindings(runId, [first[3]]);
      await store.finishRun(runId, 'done', []);
      const streamed: CorpusFinding[] = [];
      for await (const f of store.iterateCorpusFindings(runId)) streamed.push(f);
      assert.equal(streamed.length, 1300, 'a finding added again replaces itself');
      assert.deepEqual(streamed.map((f) => f.id), [...first, ...second].map((f) => f.id));
      assert.deepEqual(streamed[1], first[1]);
      assert.deepEqual(streamed[1299], second[599]);
      assert.deepEqual(await store.corpusFindings(runId), streamed);
      assert.equal((await store.getRun(runId))?.status, 'done');
      assert.deepEqual((await store.corpusFindings(other)).map((f) => f.id), ['c9999']);
      const none: CorpusFinding[] = [];
      for await (const f of store.iterateCorpusFindings(12345)) none.push(f);
      assert.deepEqual(none, []);
    } finally {
      await store.close();
    }
  });

  test(`${name}: documents list in ingest order, paged`, async () => {
    const store = await open();
    try {
      for (const id of ['d-b', 'd-a', 'd-c']) {
        await store.saveAnalysis({ doc: { ...doc, id, text: `${id} text` , sections: [] }, origin: id, produced: new Map(), failures: [], runId: null });
      }
      const all = (await store.listDocuments()).map((d) => d.id);
      assert.equal(all.length, 3);
      assert.deepEqual((await store.listDocuments({ limit: 2, offset: 1 })).map((d) => d.id), all.slice(1, 3));
      assert.deepEqual((await store.listDocuments({ ids: ['d-c', 'missing', 'd-a'] })).map((d) => d.id), ['d-c', 'd-a']);
    } finally {
      await store.close();
    }
  });

  test(`${name}: corpus states are stored with the document, walked in corpus order a page at a time, and replaced per version`, async () => {
    const store = await open();
    try {
      const ids = Array.from({ length: 600 }, (_, i) => `s-${String(i).padStart(4, '0')}`);
      const runId = await store.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
      let position = 0;
      for (const id of ids) {
        const states = new Map<string, unknown>([['facts@1.0.0', id.endsWith('7') ? null : { id, values: [1, 'two'] }]]);
        await store.saveAnalysis({ doc: { ...doc, id, text: `${id} text`, sections: [] }, origin: id, produced: new Map(), failures: [], runId, states });
        if (id > 's-0299') await store.addRunDocument(runId, id, ++position);
      }
      assert.equal(await store.countScope({}), 600);
      assert.equal(await store.countScope({ runId }), 300);
      const walked: Array<{ id: string; state: unknown }> = [];
      for await (const e of store.iterateCorpusStates('facts@1.0.0', {})) walked.push({ id: e.doc.id, state: e.state });
      assert.deepEqual(walked.map((w) => w.id), (await store.listDocuments()).map((d) => d.id), 'corpus order is ingest order, across pages');
      assert.deepEqual(walked[1].state, { id: ids[1], values: [1, 'two'] });
      assert.equal(walked[7].state, null, 'a document whose analyser kept nothing has a null state');
      const inRun: string[] = [];
      for await (const e of store.iterateCorpusStates('facts@1.0.0', { runId })) inRun.push(e.doc.id);
      assert.deepEqual(inRun, ids.slice(300));
      assert.deepEqual(await store.corpusState('facts@1.0.0', ids[3]), { id: ids[3], values: [1, 'two'] });
      assert.equal(await store.corpusState('facts@2.0.0', ids[3]), null, 'a state of another version is not current');
      assert.equal(await store.documentText(ids[3]), `${ids[3]} text`);
      assert.equal(await store.documentText('missing'), null);

      const lacking: string[] = [];
      for await (const id of store.documentsLackingStates(['facts@1.0.0'], {})) lacking.push(id);
      assert.equal(lacking.length, 0, "every document has the current state");
      await store.saveCorpusStates(ids[0], new Map([['facts@2.0.0', { v: 2 }]]));
      for await (const id of store.documentsLackingStates(['facts@2.0.0'], { runId })) lacking.push(id);
      assert.equal(lacking.length, 300, 'every run document lacks the new version');
      const first: string[] = [];
      for await (const id of store.documentsLackingStates(['facts@2.0.0'], {})) first.push(id);
      assert.ok(!first.includes(ids[0]) && first.length === 599);
      assert.deepEqual(await store.corpusState('facts@2.0.0', ids[0]), { v: 2 });
      await store.saveCorpusStates(ids[1], new Map([['facts@2.0.0', { v: 2 }]]), [{ analyzer: 'claimsets@1.0.0', message: 'boom' }]);
      assert.deepEqual((await store.analyzerResults(ids[1])).get('claimsets'), { version: '1.0.0', status: 'failed', message: 'boom' });
      const stillLacking: string[] = [];
      for await (const id of store.documentsLackingStates(['claimsets@1.0.0'], {})) stillLacking.push(id);
      assert.ok(stillLacking.includes(ids[1]), 'a failed extract leaves the state lacking');
      const docs: string[] = [];
      for await (const d of store.iterateDocuments({ runId })) docs.push(d.id);
      assert.deepEqual(docs, ids.slice(300));
    } finally {
      await store.close();
    }
  });
}
