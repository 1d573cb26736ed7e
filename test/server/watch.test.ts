import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildWeb } from '../../scripts/build-web.js';
import { loadResources } from '../../src/nlp/resources.js';
import { createApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { LOOPBACK_HOSTS } from '../../src/server/security.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import type { AlertInput, StoredAlert } from '../../src/store/watch.js';

/**
 * The watch in the server: alerts and source health over the API, new alerts over
 * server-sent events, and the workbench's Alerts page updating live and Sources page, in
 * Chromium (skipped with a message when /usr/bin/chromium is absent).
 */

const CHROMIUM = '/usr/bin/chromium';
const feed = 'https://north-courier.example/rss.xml';

const alert = (n: number, type = 'comment-section'): AlertInput => ({
  key: `test:${n}`,
  type,
  time: `2026-04-02T09:0${n}:00.000Z`,
  summary: `Alert number ${n}: the comment section of "Border posts" (North Courier) looks templated.`,
  documents: [{ id: 'doc-1', title: 'Border posts', source: 'North Courier', url: 'https://north-courier.example/a/2.html' }],
  evidence: [{ doc: 'doc-1', start: 10, end: 30, quote: `Great article number ${n}`, role: 'inauthentic: templated' }],
});

describe('watch alerts and sources in the server', () => {
  let dir: string;
  let store: SqliteStore;
  let server: RunningServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'discern-watch-server-'));
    await buildWeb(join(dir, 'web'));
    store = openSqliteStore(join(dir, 'w.db'));
    await store.watch.saveSource({ url: feed, name: 'North Courier', side: 'north', tags: ['daily'], type: 'rss' });
    await store.watch.saveSource({ url: 'https://closed.example/feed.xml', name: 'Closed Site', side: null, tags: [], type: 'auto' });
    await store.watch.recordPoll({ url: feed, at: new Date().toISOString(), status: 'ok' });
    await store.watch.recordPoll({ url: 'https://closed.example/feed.xml', at: new Date().toISOString(), status: 'error', error: 'robots.txt of closed.example disallows /feed.xml' });
    await store.watch.saveItem({ sourceUrl: feed, guid: 'g1', url: 'https://north-courier.example/a/2.html', title: 'Border posts', publishedAt: null, docId: 'doc-1', status: 'stored' });
    await store.watch.addAlerts([alert(1)]);
    server = await listen(createApp({ store, resources: await loadResources(), webRoot: join(dir, 'web'), rateLimit: null, allowedHosts: LOOPBACK_HOSTS }), '127.0.0.1', 0);
  });

  after(async () => {
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('GET /alerts and /watch/sources: the stored alerts and each source\'s health; bad parameters are 400', async () => {
    const alerts = (await (await fetch(`${server.url}/api/v1/alerts`)).json()) as { items: StoredAlert[] };
    assert.deepEqual(alerts.items.map((a) => a.key), ['test:1']);
    assert.equal(alerts.items[0].evidence[0].quote, 'Great article number 1');
    const filtered = (await (await fetch(`${server.url}/api/v1/alerts?type=reuse-burst`)).json()) as { items: StoredAlert[] };
    assert.deepEqual(filtered.items, []);
    assert.equal((await fetch(`${server.url}/api/v1/alerts?limit=0`)).status, 400);
    const sources = (await (await fetch(`${server.url}/api/v1/watch/sources`)).json()) as { items: Array<{ name: string; lastStatus: string; lastError: string | null; itemsLastDay: number }> };
    assert.deepEqual(sources.items.map((s) => [s.name, s.lastStatus, s.itemsLastDay]), [['Closed Site', 'error', 0], ['North Courier', 'ok', 1]]);
    assert.match(String(sources.items[0].lastError), /robots\.txt/);
  });

  test('GET /alerts/stream sends new alerts as server-sent events and resumes after an id', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/v1/alerts/stream?after=0`, { signal: controller.signal });
    assert.equal(response.headers.get('content-type')?.split(';')[0], 'text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      const deadline = Date.now() + 30_000;
      while (!pattern.test(text) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      assert.match(text, pattern);
    };
    await until(/event: alert\ndata: .*"key":"test:1"/);
    await store.watch.addAlerts([alert(2, 'reuse-burst')]);
    await until(/event: alert\ndata: .*"type":"reuse-burst".*\nid: 2\n/);
    controller.abort();
  });

  test('the Alerts page shows the alerts and puts a new one on top as it is raised; the Sources page shows health', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed; browser test skipped` }, async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/#/alerts`);
      await page.waitForSelector('#alert-list li[data-alert]');
      await page.waitForFunction(() => document.getElementById('alerts-live')?.textContent?.startsWith('Live'));
      const before = await page.locator('#alert-list li[data-alert]').count();
      await store.watch.addAlerts([alert(3, 'new-contradiction')]);
      await page.waitForSelector('#alert-list li[data-alert="3"]', { timeout: 30_000 });
      assert.equal(await page.locator('#alert-list li[data-alert]').count(), before + 1);
      assert.equal(await page.locator('#alert-list li[data-alert]').first().getAttribute('data-alert'), '3', 'the new alert is on top');
      assert.match(String(await page.locator('#alert-list li[data-alert="3"] .alert-summary').textContent()), /Alert number 3/);
      assert.equal(await page.locator('#alert-list li[data-alert="3"] blockquote').first().textContent(), 'Great article number 3');
      const link = await page.locator('#alert-list li[data-alert="3"] .evidence a').first().getAttribute('href');
      assert.equal(link, '#/doc/doc-1?at=10-30', 'evidence links to its place in the document');

      await page.goto(`${server.url}/#/sources`);
      await page.waitForSelector('#source-table tbody tr');
      const rows = await page.locator('#source-table tbody tr').allTextContents();
      assert.equal(rows.length, 2);
      assert.match(rows[0], /Closed Site.*error.*robots\.txt/);
      assert.match(rows[1], /North Courier.*north.*daily.*ok/);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
