import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { articleHtml, send, startFeedServer } from '../../test/support/watch-fixtures.js';
import { DiscernError } from '../core/errors.js';
import { parseRetryAfter } from '../ingest/url.js';
import { parseWatchConfig } from './config.js';
import { parseDuration } from './duration.js';
import { PoliteFetcher } from './polite.js';
import { backoffMs } from './poll.js';
import { parseRobots } from './robots.js';
import { signature, WebhookSink } from './sinks.js';

test('robots.txt: our group over *, longest match wins, Allow wins a tie, * and $ patterns, Crawl-delay', () => {
  const rules = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: discern-watch\nUser-agent: other\nDisallow: /private/\nAllow: /private/open$\nDisallow: /*.pdf$\nCrawl-delay: 3\n', 'Discern-watch');
  assert.equal(rules.allows('/news/1.html'), true);
  assert.equal(rules.allows('/private/x'), false);
  assert.equal(rules.allows('/private/open'), true);
  assert.equal(rules.allows('/private/open/more'), false);
  assert.equal(rules.allows('/files/report.pdf'), false);
  assert.equal(rules.allows('/files/report.pdf?x=1'), true);
  assert.equal(rules.crawlDelaySeconds, 3);
  const star = parseRobots('User-agent: *\nDisallow: /admin\n# comment\nDisallow:\n', 'Discern-watch');
  assert.equal(star.allows('/admin/panel'), false);
  assert.equal(star.allows('/news'), true);
  assert.equal(parseRobots('', 'Discern-watch').allows('/anything'), true);
  assert.equal(parseRobots('User-agent: *\nDisallow: /\n', 'Discern-watch').allows('/robots.txt'), true);
});

test('durations, Retry-After and backoff', () => {
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('2'), 2000);
  assert.equal(parseDuration('soon'), null);
  assert.equal(parseRetryAfter('120'), 120);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:00 GMT')), 60);
  assert.equal(parseRetryAfter('whenever'), null);
  const settings = { backoffMs: 60_000, maxBackoffMs: 600_000 };
  assert.deepEqual([1, 2, 3, 10].map((n) => backoffMs(new Error('x'), n, settings)), [60_000, 120_000, 240_000, 600_000]);
});

test('config errors name the file and the wrong value', () => {
  const bad = (text: string, pattern: RegExp) => assert.throws(() => parseWatchConfig(text, 'w.yaml'), (e: unknown) => e instanceof DiscernError && e.input === 'w.yaml' && pattern.test(e.message));
  bad('sources: []', /sources: must be a non-empty list/);
  bad('sources:\n  - url: file:///etc/passwd', /sources\[0\]\.url: must be an absolute http\(s\) URL/);
  bad('sources:\n  - https://a.example/f\n  - https://a.example/f', /sources\[1\]\.url: .* listed twice/);
  bad('sources: [https://a.example/f]\nsettings: { intervall: 5m }', /settings\.intervall: unknown setting/);
  bad('sources: [https://a.example/f]\nsettings: { hostDelay: fast }', /settings\.hostDelay: must be a duration/);
  bad('sources: [https://a.example/f]\nalerts: { reuse: { outlets: 1 } }', /alerts\.reuse\.outlets: must be a whole number of at least 2/);
  bad('sources: [{url: https://a.example/f, type: html}]', /sources\[0\]\.type: must be auto, rss/);
  bad('{"sources": [', /not valid YAML or JSON/);
  const ok = parseWatchConfig('{"sources": ["https://a.example/f"], "alerts": {"watchlist": ["X"], "reuse": false, "comments": "templated"}, "settings": {"interval": "1h", "maxFeedBytes": "2MB"}}', 'w.json');
  assert.equal(ok.sources[0].type, 'auto');
  assert.deepEqual(ok.alerts.watchlist, ['X']);
  assert.equal(ok.alerts.reuse, null);
  assert.equal(ok.alerts.comments, 'templated');
  assert.equal(ok.settings.intervalMs, 3_600_000);
  assert.equal(ok.settings.maxFeedBytes, 2 * 1024 * 1024);
});

test('one host is asked one request at a time, hostDelay apart; robots.txt is read once per host', async () => {
  const server = await startFeedServer();
  try {
    server.route('/robots.txt', send('text/plain', 'User-agent: *\nAllow: /\n'));
    for (const p of ['/1', '/2', '/3']) server.route(p, send('text/html', articleHtml({ title: p, outlet: 'O', author: 'A', date: '2026-01-01', paragraphs: ['Text.'] })));
    const fetcher = new PoliteFetcher({ userAgent: 'Discern-watch', hostDelayMs: 250, timeoutMs: 5000, allowPrivate: true });
    await Promise.all(['/1', '/2', '/3'].map((p) => fetcher.fetch(`${server.base}${p}`, { maxBytes: 1 << 20 })));
    const times = server.log.map((l) => l.at);
    assert.deepEqual(server.log.map((l) => l.path).slice(0, 1), ['/robots.txt']);
    assert.equal(server.hits.get('/robots.txt'), 1);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 240, `request ${i} came ${times[i] - times[i - 1]} ms after the one before`);
    assert.equal(server.lastHeaders.get('/2')?.['user-agent'], 'Discern-watch');
    const privateRefused = new PoliteFetcher({ userAgent: 'Discern-watch', hostDelayMs: 0, timeoutMs: 5000, allowPrivate: false });
    await assert.rejects(privateRefused.fetch(`${server.base}/1`, { maxBytes: 1 << 20 }), (e: unknown) => e instanceof DiscernError && e.code === 'URL_PRIVATE');
  } finally {
    await server.close();
  }
});

test('the webhook gets each alert signed (HMAC-SHA256 of timestamp.body) and is retried after a 5xx, not after a 4xx', async () => {
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let answers = [503, 200, 400];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d)).on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  try {
    const failures: string[] = [];
    const sink = new WebhookSink({ url, secret: 's3cret', allowPrivate: true, retryDelayMs: 10, onFailure: (a, e) => failures.push(`${a.id}: ${e.message}`) });
    const alert = { id: 1, key: 'k', type: 'reuse-burst', time: '2026-01-01T00:00:00.000Z', summary: 'S', documents: [], evidence: [{ doc: 'd', start: 0, end: 1, quote: 'x' }] };
    await sink.send(alert);
    assert.equal(received.length, 2, 'retried once after the 503');
    const { headers, body } = received[1];
    assert.equal(headers['x-discern-signature'], signature('s3cret', String(headers['x-discern-timestamp']), body));
    assert.deepEqual(JSON.parse(body).evidence, alert.evidence);
    await sink.send({ ...alert, id: 2 });
    assert.equal(received.length, 3, 'a 400 is not retried');
    assert.deepEqual(failures, ['2: the webhook answered HTTP 400']);
    answers = [];
    const refused: string[] = [];
    await new WebhookSink({ url, secret: null, allowPrivate: false, retryDelayMs: 10, onFailure: (_a, e) => refused.push(e.message) }).send(alert);
    assert.match(refused[0], /private, loopback or link-local/);
    assert.equal(received.length, 3, 'a private webhook is never contacted without --allow-private');
  } finally {
    hook.closeAllConnections();
    await new Promise((resolve) => hook.close(resolve));
  }
});
