import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { articleHtml, atom, billionLaughs, externalEntity, hugeBody, jsonFeed, newsSitemap, rss, send, startFeedServer, type FeedServer } from '../../test/support/watch-fixtures.js';
import { loadResources, type Resources } from '../nlp/resources.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import type { StoredAlert } from '../store/watch.js';
import { parseWatchConfig, type WatchConfig } from './config.js';
import { JsonLinesSink } from './sinks.js';
import { Watcher, type RoundSummary } from './watcher.js';

/**
 * The watch end to end against a local HTTP server: valid feeds of every kind (RSS, Atom,
 * JSON Feed, news sitemap), a redirecting feed and article, malformed and hostile feeds
 * (billion laughs, external entity, 100 MB), a slow one, a 429 with Retry-After, a host whose
 * robots.txt disallows everything and an article robots.txt disallows; conditional requests
 * on the second poll. Every article is written for this test (fictional outlets and actors).
 */

const WIRE = [
  'Engineers from the regional water authority finished inspecting the spillway of the Orsk reservoir on Monday and reported hairline cracks in two of its five concrete gates, according to an inspection summary seen by several newsrooms.',
  'The summary recommends lowering the reservoir by four metres before the snowmelt begins in May and asks the provincial council to fund repairs estimated at eleven million crowns over the next two years.',
  'Farmers downstream have complained for months that irregular releases from the reservoir flooded their fields in autumn and left irrigation canals dry in early spring, and two farming cooperatives have filed complaints with the council.',
];

const article = (title: string, outlet: string, paragraphs: string[], comments?: Array<{ author: string; text: string }>) =>
  articleHtml({ title, outlet, author: 'Staff reporter', date: '2026-04-02', paragraphs, comments });

let server: FeedServer;
let closedHost: FeedServer;
let busyHost: FeedServer;
let resources: Resources;
const huge = { bytes: 0 };

before(async () => {
  resources = await loadResources();
  server = await startFeedServer();
  closedHost = await startFeedServer();
  busyHost = await startFeedServer();
  const b = server.base;
  server.route('/robots.txt', send('text/plain', 'User-agent: *\nDisallow: /private/\n'));
  closedHost.route('/robots.txt', send('text/plain', 'User-agent: Discern-watch\nDisallow: /\n\nUser-agent: *\nAllow: /\n'));
  closedHost.route('/feed.xml', send('application/rss+xml', rss('Closed', [])));

  // North Courier: RSS with an ETag
  server.route('/a/rss.xml', (req, res) => {
    if (req.headers['if-none-match'] === '"a-v1"') return void res.writeHead(304, { etag: '"a-v1"' }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"a-v1"' }).end(
      rss('North Courier', [
        { title: 'Ministry accuses Freedom Front', url: `${b}/a/1.html`, guid: 'nc-1', date: '2026-04-02' },
        { title: 'Border posts reinforced', url: `${b}/a/2.html`, guid: 'nc-2', date: '2026-04-02' },
        { title: 'Border posts reinforced (again listed)', url: `${b}/a/2.html`, guid: 'nc-2', date: '2026-04-02' },
      ]),
    );
  });
  server.route('/a/1.html', send('text/html', article('Norland ministry accuses Freedom Front over raids', 'North Courier', [
    'The Interior Ministry of Norland on Tuesday accused the Freedom Front of sheltering armed fighters in the hills along the border.',
    'Minister Karl Vesten told reporters that two police posts had been attacked in the past week and that more patrols would follow.',
    ...WIRE,
  ])));
  const topics = ['the border', 'the raids', 'the militants', 'the Front', 'the hills'];
  server.route('/a/2.html', send('text/html', article('Border posts reinforced after raids', 'North Courier', [
    'Police in the northern province reinforced three border posts on Wednesday after two raids last week left four officers wounded.',
    'The provincial governor, Lena Osk, said new patrols would start on Friday and that the posts would receive night-vision equipment.',
  ], [...topics.map((t, i) => ({ author: `user${1000 + i}`, text: `Great article! Norland is finally telling the truth about ${t}. Everyone must share this now.` })), { author: 'Tomas B', text: 'My cousin serves at the second post; they still have no working radio, whatever the governor says.' }])));

  // Eastern Ledger: Atom with Last-Modified; one article robots.txt disallows
  const modified = 'Thu, 02 Apr 2026 08:00:00 GMT';
  server.route('/b/atom.xml', (req, res) => {
    if (req.headers['if-modified-since'] === modified) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': modified }).end(
      atom('Eastern Ledger', [
        { title: 'Reservoir gates cracked', url: `${b}/b/1.html`, guid: 'urn:el:1' },
        { title: 'Members only', url: `${b}/private/b2.html`, guid: 'urn:el:2' },
      ]),
    );
  });
  server.route('/b/1.html', send('text/html', article('Cracks found in reservoir gates', 'Eastern Ledger', ['Our correspondent in the valley reports the following.', ...WIRE])));
  server.route('/private/b2.html', send('text/html', article('Private', 'Eastern Ledger', ['Not for crawlers.'])));

  // Valley Post: JSON Feed whose item link redirects
  server.route('/c/feed.json', send('application/feed+json', jsonFeed('Valley Post', [{ title: 'Spillway inspection', url: `${b}/c/go/1`, guid: 'vp-1', date: '2026-04-02' }])));
  server.route('/c/go/1', (_req, res) => void res.writeHead(301, { location: '/c/1.html' }).end());
  server.route('/c/1.html', send('text/html', article('Spillway inspection finds damage', 'Valley Post', ['From the wires, with local reporting.', ...WIRE])));

  // Harbor Times: news sitemap; its article repeats a claim that was fact-checked
  server.route('/d/news-sitemap.xml', send('application/xml', newsSitemap([{ title: 'Dam gates claim', url: `${b}/d/1.html`, date: '2026-04-01' }])));
  server.route('/d/1.html', send('text/html', article('Activists repeat dam claim', 'Harbor Times', [
    'Activists said on Sunday that the Orsk dam gates were closed for ten days in March, cutting the river flow by half.',
    'The water authority did not respond to a request for comment by the time of publication.',
  ])));

  // a feed that moved (301) to its new address
  server.route('/moved.xml', (_req, res) => void res.writeHead(301, { location: '/a2/rss.xml' }).end());
  server.route('/a2/rss.xml', send('application/rss+xml', rss('Moved Gazette', [{ title: 'Harvest fair', url: `${b}/a2/1.html` }])));
  server.route('/a2/1.html', send('text/html', article('Harvest fair draws crowds', 'Moved Gazette', ['The autumn harvest fair in the river town drew about three thousand visitors on Saturday, the organisers said.'])));

  // the bad ones
  server.route('/bad/malformed.xml', send('application/rss+xml', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>broken</channel></rss>'));
  server.route('/bad/laughs.xml', send('application/rss+xml', billionLaughs()));
  server.route('/bad/xxe.xml', send('application/rss+xml', externalEntity()));
  server.route('/bad/huge.xml', hugeBody('application/rss+xml', 100 * 1024 * 1024, huge));
  server.route('/bad/slow.xml', (_req, res) => {
    const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Slow', [])), 4000);
    res.on('close', () => clearTimeout(timer));
  });
  // a 429 holds back its whole host, so it has a host of its own here
  busyHost.route('/bad/busy.xml', (_req, res) => void res.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' }).end('slow down'));
});

after(async () => {
  await server?.close();
  await closedHost?.close();
  await busyHost?.close();
});

function config(): WatchConfig {
  const b = server.base;
  const yaml = `
sources:
  - { url: ${b}/a/rss.xml, name: North Courier, side: north, tags: [daily] }
  - { url: ${b}/b/atom.xml, name: Eastern Ledger, side: east }
  - { url: ${b}/c/feed.json, name: Valley Post, type: json }
  - { url: ${b}/d/news-sitemap.xml, name: Harbor Times, type: sitemap }
  - { url: ${b}/moved.xml, name: Moved Gazette }
  - { url: ${b}/bad/malformed.xml, name: Malformed }
  - { url: ${b}/bad/laughs.xml, name: Laughs }
  - { url: ${b}/bad/xxe.xml, name: XXE }
  - { url: ${b}/bad/huge.xml, name: Huge }
  - { url: ${b}/bad/slow.xml, name: Slow }
  - { url: ${busyHost.base}/bad/busy.xml, name: Busy }
  - { url: ${closedHost.base}/feed.xml, name: Closed }
alerts:
  watchlist: [Freedom Front]
  reuse: { outlets: 3, hours: 48 }
settings:
  hostDelay: 0
  timeout: 3s
  maxFeedBytes: 1MB
  backoff: 1m
  # one source at a time: analysis on this thread must not eat into another request's timeout
  concurrency: 1
`;
  return parseWatchConfig(yaml, 'watch.yaml');
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'discern-watch-'));

let store: SqliteStore;
let first: RoundSummary;
let second: RoundSummary;
let alertsFile: string;

const byName = (round: RoundSummary, name: string) => {
  const s = round.sources.find((o) => o.name === name);
  assert.ok(s, `no outcome for ${name}`);
  return s;
};

test('a first poll stores every valid feed\'s articles and reports each bad feed with its reason; the others go on', async () => {
  const dir = tempDir();
  store = openSqliteStore(join(dir, 'watch.db'));
  await store.reference.addFactChecks([
    {
      id: 'fc-1',
      claimReviewed: 'The Orsk dam gates were closed for ten days in March, cutting the river flow by half.',
      headline: null,
      rating: 'False',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
      url: 'https://checks.example/orsk-gates',
      publisher: 'Valley Fact Desk',
      datePublished: '2026-03-20',
      itemReviewed: null,
      origin: 'test',
    },
    // the matcher ranks fact-checks against each other: unrelated ones make a realistic index
    ...[
      'A new airport will open in the capital next year with six runways.',
      'The health ministry banned the sale of raw milk in all provinces.',
      'The national football team was disqualified from the regional cup for doping.',
      'Electricity prices tripled in January after the coal plant closed.',
      'The central bank printed a billion crowns to pay for the election campaign.',
      'Schools in the south will teach only in the official language from September.',
      'A famous singer was arrested at the border carrying forged passports.',
    ].map((claimReviewed, i) => ({ id: `fc-x${i}`, claimReviewed, headline: null, rating: 'False', ratingValue: 1, bestRating: 5, worstRating: 1, url: `https://checks.example/x${i}`, publisher: 'Other Desk', datePublished: '2026-01-01', itemReviewed: null, origin: 'test' })),
  ]);
  alertsFile = join(dir, 'alerts.jsonl');
  const sink = new JsonLinesSink(alertsFile);
  const watcher = new Watcher({ config: config(), store, resources, allowPrivate: true, sinks: [sink] });
  first = await watcher.round();
  await sink.close();

  for (const name of ['North Courier', 'Eastern Ledger', 'Valley Post', 'Harbor Times', 'Moved Gazette']) assert.equal(byName(first, name).status, 'ok', `${name}: ${byName(first, name).error}`);
  assert.equal(byName(first, 'North Courier').created.length, 2, 'the item listed twice is fetched once');
  assert.equal(server.hits.get('/a/2.html'), 1);
  assert.equal(byName(first, 'Moved Gazette').created.length, 1, 'a redirected feed is followed');
  assert.equal(byName(first, 'Valley Post').created.length, 1, 'a redirected article is followed');

  const error = (name: string) => {
    const s = byName(first, name);
    assert.equal(s.status, 'error', `${name} should fail`);
    return String(s.error);
  };
  assert.match(error('Malformed'), /bad\/malformed\.xml: the feed is not well-formed XML \(line \d+/);
  assert.match(error('Laughs'), /bad\/laughs\.xml: the feed declares XML entities.*billion laughs/);
  assert.match(error('XXE'), /bad\/xxe\.xml: the feed declares XML entities.*external entities/);
  assert.match(error('Huge'), /bad\/huge\.xml: the page is larger than the limit of 1048576 bytes/);
  assert.ok(huge.bytes < 20 * 1024 * 1024, `the 100 MB feed is cut off early (the server wrote ${huge.bytes} bytes before the client left)`);
  assert.match(error('Slow'), /bad\/slow\.xml: no complete answer within 3000 ms/);
  assert.match(error('Busy'), /HTTP 429/);
  assert.match(error('Closed'), /robots\.txt of 127\.0\.0\.1:\d+ disallows \/feed\.xml/);
  assert.equal(closedHost.hits.get('/feed.xml'), undefined, 'a disallowed feed is never requested');

  const ledger = byName(first, 'Eastern Ledger');
  assert.equal(ledger.failed.length, 1);
  assert.match(ledger.failed[0].error, /robots\.txt .* disallows \/private\/b2\.html/);
  assert.equal(server.hits.get('/private/b2.html'), undefined, 'a disallowed article is never requested');

  const busy = await store.watch.getSource(`${busyHost.base}/bad/busy.xml`);
  assert.ok(busy?.nextPollAt && Date.parse(busy.nextPollAt) >= Date.now() + 100_000, 'Retry-After: 120 holds the source back two minutes');
  assert.equal(await store.countDocuments(), 6);
});

test('the first poll raises the alerts the new articles add, each with quoted spans', async () => {
  const types = first.alerts.map((a) => a.type).sort();
  for (const type of ['comment-section', 'fact-check', 'reuse-burst', 'watchlist-accusation']) assert.ok(types.includes(type), `expected a ${type} alert, got ${types.join(', ')}`);
  const find = (type: string): StoredAlert => first.alerts.find((a) => a.type === type) as StoredAlert;

  const accusation = find('watchlist-accusation');
  assert.equal(accusation.data?.accuser, 'Ministry of Norland');
  assert.equal(accusation.data?.accused, 'Freedom Front');
  assert.match(accusation.evidence[0].quote, /accused the Freedom Front/);
  assert.match(accusation.summary, /Ministry of Norland accuses Freedom Front/);

  const comments = find('comment-section');
  assert.equal(comments.data?.verdict, 'templated');
  assert.equal(comments.documents[0].source, 'North Courier');
  assert.ok(comments.evidence.length >= 5 && comments.evidence.every((e) => /Great article!/.test(e.quote)));

  const burst = find('reuse-burst');
  assert.deepEqual([...(burst.data?.outlets as string[])].sort(), ['Eastern Ledger', 'North Courier', 'Valley Post']);
  assert.ok(burst.evidence.some((e) => e.quote.includes('hairline cracks')));

  const check = find('fact-check');
  assert.equal(check.data?.publisher, 'Valley Fact Desk');
  assert.match(check.evidence[0].quote, /gates were closed for ten days/);

  for (const alert of first.alerts) {
    assert.ok(alert.time && alert.summary && alert.documents.length > 0 && alert.evidence.length > 0, `${alert.type} is complete`);
    for (const e of alert.evidence) assert.equal((await store.documentText(e.doc))?.slice(e.start, e.end), e.quote, `${alert.type}: the quote is the span`);
  }
  const lines = readFileSync(alertsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; time: string; summary: string; documents: unknown[]; evidence: unknown[] });
  assert.deepEqual(lines.map((l) => l.type), first.alerts.map((a) => a.type), 'every alert is one JSON line');
  assert.ok(lines.every((l) => l.time && l.summary && Array.isArray(l.documents) && Array.isArray(l.evidence)));
});

test('a second poll stores nothing twice: conditional requests get 304, known items are not fetched again, no alert repeats', async () => {
  const before = { docs: await store.countDocuments(), hits: new Map(server.hits), items: (await store.watch.listSources()).map((s) => s.items) };
  const watcher = new Watcher({ config: config(), store, resources, allowPrivate: true, sinks: [] });
  second = await watcher.round();
  assert.equal(byName(second, 'North Courier').status, 'not-modified');
  assert.equal(server.lastHeaders.get('/a/rss.xml')?.['if-none-match'], '"a-v1"');
  assert.equal(byName(second, 'Eastern Ledger').status, 'not-modified', 'If-Modified-Since from Last-Modified');
  assert.equal(byName(second, 'Valley Post').status, 'ok');
  assert.equal(byName(second, 'Busy').status, 'skipped', 'still inside its Retry-After');
  assert.equal(busyHost.hits.get('/bad/busy.xml'), 1, 'and not asked again');
  for (const path of ['/a/1.html', '/a/2.html', '/b/1.html', '/c/1.html', '/d/1.html', '/a2/1.html']) assert.equal(server.hits.get(path), 1, `${path} fetched once`);
  assert.equal(second.created.length, 0);
  assert.equal(second.alerts.length, 0);
  assert.equal(await store.countDocuments(), before.docs);
  assert.deepEqual((await store.watch.listSources()).map((s) => s.items), before.items);
  const health = await store.watch.getSource(`${server.base}/bad/laughs.xml`);
  assert.equal(health?.failures, 1, 'the hostile feed waits out its backoff instead of being asked again at once');
  assert.equal(byName(second, 'Laughs').status, 'skipped');
  await store.close();
});
