import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { send, startFeedServer } from '../../test/support/watch-fixtures.js';
import { loadResources } from '../nlp/resources.js';
import { openSqliteStore } from '../store/sqlite.js';
import { parseWatchConfig } from './config.js';
import { Watcher } from './watcher.js';

/** A JSON Feed that carries its articles (content_html / content_text, no url): analysed from the feed, once. */
test('JSON Feed items carried in the feed are analysed from their content, stored once, and raise alerts like fetched ones', async () => {
  const server = await startFeedServer();
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-carried-')), 'w.db'));
  try {
    const comments = ['Great article! Share this everywhere now!!!', 'Great article! Share this everywhere today!!!', 'Great article! Share this everywhere please!!!', 'Great article! Share this everywhere friends!!!', 'Great article! Share this everywhere at once!!!'];
    const html = `<article><h1>Harbour cranes stand idle</h1><p>Dock workers at the northern harbour stopped the cranes on Tuesday after a dispute over night shifts, the port authority said.</p><p>The authority said talks would resume next week.</p><script>alert(1)</script></article>`;
    server.route(
      '/feed.json',
      send(
        'application/feed+json',
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'Harbour Wire',
          items: [
            { id: 'hw-1', title: 'Harbour cranes stand idle', date_published: '2026-04-02T08:00:00Z', content_html: html },
            { id: 'hw-2', title: 'Readers react', content_text: `Readers react to the strike\n\nThe strike divided readers of the harbour wire this week.\n\n${comments.length} Comments\n\n${comments.map((c, i) => `  ${i + 1}. ${c}\n    • reader${i} on\n      Reply.`).join('\n\n')}` },
          ],
        }),
      ),
    );
    const config = parseWatchConfig(`sources:\n  - { url: ${server.base}/feed.json, name: Harbour Wire, type: json }\nsettings: { hostDelay: 0 }\n`, 'w.yaml');
    const watcher = new Watcher({ config, store, resources: await loadResources(), allowPrivate: true, sinks: [] });
    const first = await watcher.round();
    assert.equal(first.sources[0].status, 'ok', String(first.sources[0].error));
    assert.equal(first.created.length, 2);
    const docs = await store.listDocuments();
    const cranes = docs.find((d) => d.source.title === 'Harbour cranes stand idle');
    assert.ok(cranes, `the carried HTML article is stored, got ${docs.map((d) => d.source.title).join(', ')}`);
    assert.match(cranes.text, /Dock workers at the northern harbour stopped the cranes/);
    assert.doesNotMatch(cranes.text, /alert\(1\)/, 'scripts in carried HTML are not text');
    assert.equal(cranes.source.outlet, 'Harbour Wire');
    assert.equal(cranes.source.publishedAt?.slice(0, 10), '2026-04-02');
    assert.equal(cranes.source.url ?? null, null, 'a carried article has no URL of its own');
    assert.equal(server.hits.size, 1 + (server.hits.has('/robots.txt') ? 1 : 0), 'nothing but the feed (and robots.txt) is requested');
    const sources = await store.watch.sourcesOfDocuments([cranes.id]);
    assert.equal(sources.get(cranes.id)?.name, 'Harbour Wire', 'the item is recorded under its source');
    const templated = first.alerts.find((a) => a.type === 'comment-section');
    assert.ok(templated, `the carried templated comment section raises its alert, got ${first.alerts.map((a) => a.type).join(', ')}`);
    assert.equal(templated.documents[0].source, 'Harbour Wire');
    for (const e of templated.evidence) assert.equal((await store.documentText(e.doc))?.slice(e.start, e.end), e.quote);
    const second = await watcher.round();
    assert.deepEqual(second.created, [], 'a carried item is stored once');
    assert.equal(second.sources[0].duplicates, 0, 'and not read again');
  } finally {
    await store.close();
    await server.close();
  }
});
