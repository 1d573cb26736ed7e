import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadResources, type Resources } from '../../src/nlp/resources.js';
import { openQueue } from '../../src/queue/queue.js';
import { runWorker } from '../../src/queue/worker.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { StoredAlert } from '../../src/store/watch.js';
import { parseWatchConfig } from '../../src/watch/config.js';
import { runQueuedWatch } from '../../src/watch/queued.js';
import type { AlertSink } from '../../src/watch/sinks.js';
import { postgresForTests, postgresSkip, type TestCluster } from '../support/postgres.js';
import { articleHtml, rss, send, startFeedServer, type FeedServer } from '../support/watch-fixtures.js';

/**
 * discern watch on PostgreSQL: the watch process sends one poll job per source, a worker
 * polls and analyses, stores the alerts, and the watch process writes them to its sinks;
 * a second round stores and raises nothing; a feed that fails is recorded on its source.
 */

const skip = postgresSkip();
let cluster: TestCluster;
let resources: Resources;
let server: FeedServer;

before(async () => {
  if (skip) return;
  cluster = (await postgresForTests())!;
  resources = await loadResources();
  server = await startFeedServer();
  const topics = ['the tram', 'the tunnel', 'the budget', 'the mayor', 'the depot'];
  server.route('/feed.xml', send('application/rss+xml', rss('Metro Voice', [{ title: 'Tram line delayed', url: `${server.base}/1.html`, guid: 'mv-1' }])));
  server.route('/bad.xml', send('application/rss+xml', '<rss><channel><item></channel>'));
  server.route('/1.html', send('text/html', articleHtml({
    title: 'Tram line delayed by a year', outlet: 'Metro Voice', author: 'Ria Holm', date: '2026-04-04',
    paragraphs: ['The new tram line to the eastern districts will open a year later than planned, the transport office said on Monday.', 'Engineers found soft ground under the planned depot, and the tunnel design has to change.'],
    comments: [...topics.map((t, i) => ({ author: `voter${i}`, text: `Excellent reporting! The city must finally act on ${t}. Please share this with everyone you know.` })), { author: 'Oda K', text: 'I take line 4 every day and nobody told us anything about the depot.' }],
  })));
});
after(async () => {
  await server?.close();
  cluster?.stop();
});

test('processes opening the queue at once on a new database all succeed (the set-up is serialised, never a deadlock)', { skip }, async () => {
  for (let round = 0; round < 2; round++) {
    const url = await cluster.createDatabase();
    const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openQueue(url)));
    const failures = opened.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => String(o.reason));
    for (const o of opened) if (o.status === 'fulfilled') await o.value.stop({ graceful: false, wait: true, close: true });
    assert.deepEqual(failures, []);
    const boss = await openQueue(url);
    try {
      for (const name of ['discern-document', 'discern-corpus', 'discern-watch', 'discern-dead']) assert.ok(await boss.getQueue(name), `queue ${name} exists`);
    } finally {
      await boss.stop({ graceful: false, wait: true, close: true });
    }
  }
});

test('on PostgreSQL, polls are worker jobs: the worker stores the articles and alerts, the watch process writes them', { skip }, async () => {
  const url = await cluster.createDatabase();
  const config = parseWatchConfig(`sources:\n  - { url: ${server.base}/feed.xml, name: Metro Voice }\n  - { url: ${server.base}/bad.xml, name: Broken }\nsettings: { hostDelay: 0 }\n`, 'w.yaml');
  // a brand-new database: the worker and the watch create pg-boss's schema and queues at the same time
  let stopWorker: () => void = () => undefined;
  const worker = runWorker({ url, resources, pollSeconds: 0.5, superviseSeconds: 5, stopSignal: new Promise<void>((resolve) => (stopWorker = resolve)) });
  const received: StoredAlert[] = [];
  const sink: AlertSink = { send: async (a) => void received.push(a), close: async () => undefined };
  const lines: string[] = [];
  try {
    const code = await runQueuedWatch({ url, config, resources, sinks: [sink], once: true, allowPrivate: true, log: (l) => lines.push(l), pollSeconds: 0.5 });
    assert.equal(code, 1, 'one of two sources failed');
    assert.ok(received.some((a) => a.type === 'comment-section' && a.documents[0].source === 'Metro Voice'), `alerts: ${received.map((a) => a.type).join(', ')}`);
    assert.ok(lines.some((l) => /Broken: .*bad\.xml: the feed is not well-formed XML/.test(l)), lines.join('\n'));
    const store = await openPostgresStore(url);
    try {
      assert.equal(await store.countDocuments(), 1);
      const sources = await store.watch.listSources();
      assert.deepEqual(sources.map((s) => [s.name, s.lastStatus, s.items]), [['Broken', 'error', 0], ['Metro Voice', 'ok', 1]]);
    } finally {
      await store.close();
    }
    received.length = 0;
    const again = await runQueuedWatch({ url, config: parseWatchConfig(`sources:\n  - { url: ${server.base}/feed.xml, name: Metro Voice }\nsettings: { hostDelay: 0 }\n`, 'w.yaml'), resources, sinks: [sink], once: true, allowPrivate: true, log: () => undefined, pollSeconds: 0.5 });
    assert.equal(again, 0);
    assert.deepEqual(received, [], 'nothing new, no alert');
    assert.equal(server.hits.get('/1.html'), 1, 'the article was fetched once');
  } finally {
    stopWorker();
    const summary = await worker;
    assert.ok(summary.failed === 0, `worker failures: ${summary.failed}`);
  }
});
