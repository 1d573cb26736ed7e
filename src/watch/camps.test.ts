import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { articleHtml, rss, send, startFeedServer } from '../../test/support/watch-fixtures.js';
import { loadResources } from '../nlp/resources.js';
import { openSqliteStore } from '../store/sqlite.js';
import { parseWatchConfig } from './config.js';
import { Watcher } from './watcher.js';

/** An outlet that changes side between two polls raises a camp-change alert quoting both sides. */
test('an outlet whose new article opposes what its earlier one supported raises a camp-change alert', async () => {
  const server = await startFeedServer();
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-camps-')), 'w.db'));
  try {
    const page = (title: string, outlet: string, paragraphs: string[]) => send('text/html', articleHtml({ title, outlet, author: 'Desk', date: '2026-04-05', paragraphs }));
    server.route('/g/1.html', page('Front shelters fighters', 'Hill Gazette', ['The Freedom Front shelters armed fighters in the northern hills, according to documents seen by this newspaper. The Freedom Front supports militants who attacked two police posts.']));
    server.route('/g/2.html', page('Ministry claims about the Front are false', 'Hill Gazette', ['The ministry falsely claimed that the Freedom Front shelters armed fighters. There is no evidence that the Freedom Front supports militants, and the accusation has been debunked.']));
    server.route('/p/1.html', page('Police posts attacked', 'Plain Times', ['The Freedom Front shelters armed fighters near the border, officials said. The Freedom Front supports militants in the region, the interior minister said.']));
    let gazette = [{ title: 'Front shelters fighters', url: `${server.base}/g/1.html`, guid: 'g1' }];
    server.route('/g/rss.xml', (req, res) => send('application/rss+xml', rss('Hill Gazette', gazette))(req, res));
    server.route('/p/rss.xml', send('application/rss+xml', rss('Plain Times', [{ title: 'Police posts attacked', url: `${server.base}/p/1.html`, guid: 'p1' }])));
    const config = parseWatchConfig(`sources:\n  - { url: ${server.base}/g/rss.xml, name: Hill Gazette }\n  - { url: ${server.base}/p/rss.xml, name: Plain Times }\nsettings: { hostDelay: 0, concurrency: 1 }\n`, 'w.yaml');
    const watcher = new Watcher({ config, store, resources: await loadResources(), allowPrivate: true, sinks: [] });
    const first = await watcher.round();
    assert.equal(first.created.length, 2);
    assert.deepEqual(first.alerts.filter((a) => a.type === 'camp-change'), []);

    gazette = [{ title: 'Ministry claims about the Front are false', url: `${server.base}/g/2.html`, guid: 'g2' }, ...gazette];
    const second = await watcher.round();
    const change = second.alerts.find((a) => a.type === 'camp-change');
    assert.ok(change, `a camp-change alert, got ${second.alerts.map((a) => a.type).join(', ')}`);
    assert.equal(change.data?.outlet, 'Hill Gazette');
    assert.deepEqual([change.data?.before, change.data?.now], ['supports', 'opposes']);
    assert.match(change.summary, /Hill Gazette changes side on/);
    assert.ok(change.evidence.some((e) => e.role?.startsWith('before') && e.quote.includes('shelters armed fighters')));
    assert.ok(change.evidence.some((e) => e.role?.startsWith('now') && /falsely claimed|no evidence/.test(e.quote)));
    for (const e of change.evidence) assert.equal((await store.documentText(e.doc))?.slice(e.start, e.end), e.quote);
  } finally {
    await store.close();
    await server.close();
  }
});
