import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
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
}
