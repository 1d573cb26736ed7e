import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import type { Document } from '../core/types.js';
import type { Store } from './store.js';
import type { AlertInput } from './watch.js';

/**
 * The behaviour every backend's watch tables must show (store.watch); run from each
 * backend's test file with a factory that gives a fresh, empty store.
 */
export function watchContract(name: string, open: () => Promise<Store>, options: { skip?: string | false } = {}): void {
  const test = (title: string, body: () => Promise<void>) => nodeTest(title, { skip: options.skip ?? false }, body);
  const feed = 'https://news.example/feed.xml';

  test(`${name}: watch sources keep their health across definition updates; polls count failures and reset them`, async () => {
    const store = await open();
    try {
      const w = store.watch;
      await w.saveSource({ url: feed, name: 'Example News', side: 'north', tags: ['wire'], type: 'rss' });
      await w.recordPoll({ url: feed, at: '2026-01-01T00:00:00.000Z', status: 'ok', etag: '"v1"', lastModified: 'Thu, 01 Jan 2026 00:00:00 GMT', feedTitle: 'Example feed' });
      await w.recordPoll({ url: feed, at: '2026-01-01T00:15:00.000Z', status: 'error', error: 'HTTP 500', nextPollAt: '2026-01-01T00:16:00.000Z' });
      await w.recordPoll({ url: feed, at: '2026-01-01T00:30:00.000Z', status: 'error', error: 'HTTP 502' });
      await w.saveSource({ url: feed, name: 'Example News (renamed)', side: null, tags: [], type: 'auto' });
      let [s] = await w.listSources();
      assert.equal(s.name, 'Example News (renamed)');
      assert.equal(s.side, null);
      assert.equal(s.failures, 2);
      assert.equal(s.lastStatus, 'error');
      assert.equal(s.lastError, 'HTTP 502');
      assert.equal(s.lastOkAt, '2026-01-01T00:00:00.000Z');
      assert.equal(s.etag, '"v1"', 'validators stay when a poll does not bring new ones');
      assert.equal(s.feedTitle, 'Example feed');
      await w.recordPoll({ url: feed, at: '2026-01-01T00:45:00.000Z', status: 'not-modified' });
      s = (await w.getSource(feed))!;
      assert.equal(s.failures, 0);
      assert.equal(s.lastError, null);
      assert.equal(s.lastOkAt, '2026-01-01T00:45:00.000Z');
      assert.equal(await w.getSource('https://other.example/'), null);
    } finally {
      await store.close();
    }
  });

  test(`${name}: watch items are found by URL from any source or by GUID in their source; failed ones count attempts`, async () => {
    const store = await open();
    try {
      const w = store.watch;
      await w.saveSource({ url: feed, name: null, side: null, tags: [], type: 'auto' });
      await w.saveItem({ sourceUrl: feed, guid: 'g-1', url: 'https://news.example/a', title: 'A', publishedAt: null, docId: 'doc-a', status: 'stored' });
      await w.saveItem({ sourceUrl: feed, guid: 'g-2', url: null, title: 'B', publishedAt: null, docId: null, status: 'failed', error: 'timeout' });
      await w.saveItem({ sourceUrl: feed, guid: 'g-2', url: null, title: null, publishedAt: null, docId: null, status: 'failed', error: 'timeout again' });
      const found = await w.findItems('https://elsewhere.example/rss', [
        { guid: null, url: 'https://news.example/a' },
        { guid: 'g-1', url: null },
        { guid: 'g-9', url: 'https://news.example/new' },
      ]);
      assert.equal(found[0]?.docId, 'doc-a', 'the same URL from another source is the same item');
      assert.equal(found[1], null, 'a GUID is only unique within its source');
      assert.equal(found[2], null);
      const [byGuid] = await w.findItems(feed, [{ guid: 'g-2', url: null }]);
      assert.equal(byGuid?.attempts, 2);
      assert.equal(byGuid?.error, 'timeout again');
      assert.equal(byGuid?.title, 'B', 'a later save without a title keeps it');
      const sources = await w.sourcesOfDocuments(['doc-a', 'doc-none']);
      assert.equal(sources.get('doc-a')?.url, feed);
      assert.equal(sources.has('doc-none'), false);
      const [s] = await w.listSources();
      assert.equal(s.items, 1, 'only stored items count');
      assert.equal(s.itemsLastDay, 1);
      assert.equal(s.itemsPerDay, 1);
    } finally {
      await store.close();
    }
  });

  test(`${name}: alerts are stored once per key, listed newest first or tailed after an id; state round-trips`, async () => {
    const store = await open();
    try {
      const w = store.watch;
      const alert = (key: string, type = 'reuse-burst'): AlertInput => ({
        key,
        type,
        time: '2026-01-01T00:00:00.000Z',
        summary: `alert ${key}`,
        documents: [{ id: 'd1', title: 'T', source: 'Example News', url: 'https://news.example/a' }],
        evidence: [{ doc: 'd1', start: 0, end: 4, quote: 'Text', role: 'copy' }],
        data: { outlets: 3 },
      });
      const first = await w.addAlerts([alert('k1'), alert('k2', 'new-contradiction')]);
      assert.deepEqual(first.map((a) => a.key), ['k1', 'k2']);
      const again = await w.addAlerts([alert('k2'), alert('k3')]);
      assert.deepEqual(again.map((a) => a.key), ['k3'], 'a key raised before is not raised again');
      const newest = await w.listAlerts({ limit: 2 });
      assert.deepEqual(newest.map((a) => a.key), ['k3', 'k2']);
      assert.deepEqual(newest[1].evidence, [{ doc: 'd1', start: 0, end: 4, quote: 'Text', role: 'copy' }]);
      assert.deepEqual(newest[1].data, { outlets: 3 });
      const tail = await w.listAlerts({ afterId: first[0].id });
      assert.deepEqual(tail.map((a) => a.key), ['k2', 'k3']);
      assert.deepEqual((await w.listAlerts({ type: 'new-contradiction' })).map((a) => a.key), ['k2']);
      assert.equal(await w.getState('narratives'), null);
      await w.setState('narratives', { keys: ['a', 'b'] });
      await w.setState('narratives', { keys: ['c'] });
      assert.deepEqual(await w.getState('narratives'), { keys: ['c'] });
    } finally {
      await store.close();
    }
  });

  test(`${name}: index keys are replaced per document, counted per key, listed only under the cap; unindexed documents are listed`, async () => {
    const store = await open();
    try {
      const w = store.watch;
      const doc = (id: string): Document => ({ id, format: 'text', source: { path: `${id}.txt`, url: null, title: id, author: null, outlet: null, publishedAt: null }, text: `Text of ${id}.`, sections: [{ kind: 'body', start: 0, end: 8 + id.length }], lang: 'en' });
      for (const id of ['d1', 'd2', 'd3']) await store.saveAnalysis({ doc: doc(id), origin: `${id}.txt`, produced: new Map(), failures: [], runId: null });
      assert.deepEqual(await w.documentsToIndex('v1', 10), ['d1', 'd2', 'd3']);
      // keys beyond 2^31 (unsigned 32-bit hashes) round-trip on both backends
      const big = 0xfffffff0;
      await w.indexDocument('d1', 'v1', [{ kind: 'reuse', key: 7 }, { kind: 'reuse', key: big }, { kind: 'fact', key: 7 }, { kind: 'reuse', key: 7 }]);
      await w.indexDocument('d2', 'v1', [{ kind: 'reuse', key: 7 }, { kind: 'reuse', key: 8 }]);
      await w.indexDocument('d3', 'v1', [{ kind: 'reuse', key: 7 }]);
      assert.deepEqual(await w.documentsToIndex('v1', 10), []);
      assert.deepEqual(await w.documentsToIndex('v2', 2), ['d1', 'd2'], 'another version lists every document again, `limit` at a time');
      let keys = await w.keyDocuments('reuse', [7, 8, big, 99], 5);
      assert.deepEqual(keys.get(7), { count: 3, docs: ['d1', 'd2', 'd3'] });
      assert.deepEqual(keys.get(8), { count: 1, docs: ['d2'] });
      assert.deepEqual(keys.get(big), { count: 1, docs: ['d1'] });
      assert.equal(keys.has(99), false, 'a key nobody carries is absent');
      keys = await w.keyDocuments('reuse', [7, 8], 2);
      assert.deepEqual(keys.get(7), { count: 3, docs: [] }, 'a key over the cap is counted, not listed');
      assert.deepEqual((await w.keyDocuments('fact', [7], 5)).get(7), { count: 1, docs: ['d1'] }, 'kinds are apart');
      await w.indexDocument('d1', 'v2', [{ kind: 'reuse', key: 8 }]);
      keys = await w.keyDocuments('reuse', [7, 8, big], 5);
      assert.deepEqual(keys.get(7)?.docs, ['d2', 'd3'], 're-indexing replaces the document\'s keys');
      assert.deepEqual(keys.get(8)?.docs, ['d1', 'd2']);
      assert.equal(keys.has(big), false);
      assert.equal((await w.keyDocuments('fact', [7], 5)).has(7), false);
      assert.deepEqual(await w.documentsToIndex('v2', 10), ['d2', 'd3']);
      await w.indexDocument('d3', 'v2', [{ kind: 'word', key: 1 }, { kind: 'word', key: 2 }, { kind: 'word', key: 3 }]);
      await w.indexDocument('d2', 'v2', [{ kind: 'word', key: 1 }, { kind: 'word', key: 2 }, { kind: 'reuse', key: 3 }]);
      await w.indexDocument('d1', 'v2', [{ kind: 'word', key: 3 }]);
      assert.deepEqual(await w.documentsSharingKeys('word', [1, 2, 3, 4], { minShared: 1, limit: 10 }), [{ doc: 'd3', shared: 3 }, { doc: 'd2', shared: 2 }, { doc: 'd1', shared: 1 }]);
      assert.deepEqual(await w.documentsSharingKeys('word', [1, 2, 3], { minShared: 2, limit: 10 }), [{ doc: 'd3', shared: 3 }, { doc: 'd2', shared: 2 }], 'at least minShared keys');
      assert.deepEqual(await w.documentsSharingKeys('word', [1, 2, 3], { minShared: 1, limit: 1 }), [{ doc: 'd3', shared: 3 }], 'most shared first, at most limit');
      assert.deepEqual(await w.documentsSharingKeys('word', [1, 2], { minShared: 1, limit: 5 }), [{ doc: 'd2', shared: 2 }, { doc: 'd3', shared: 2 }], 'ties by id');
      assert.deepEqual(await w.documentsSharingKeys('word', [], { minShared: 1, limit: 5 }), []);
      // more keys than one statement takes: the counts are summed across statements
      const many = Array.from({ length: 4500 }, (_, i) => 100 + i);
      await w.indexDocument('d1', 'v2', many.map((key) => ({ kind: 'word', key })));
      await w.indexDocument('d2', 'v2', many.filter((k) => k % 3 === 0).map((key) => ({ kind: 'word', key })));
      assert.deepEqual(await w.documentsSharingKeys('word', many, { minShared: 1000, limit: 5 }), [{ doc: 'd1', shared: 4500 }, { doc: 'd2', shared: 1500 }]);
    } finally {
      await store.close();
    }
  });
}
