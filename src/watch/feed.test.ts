import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atom, billionLaughs, externalEntity, jsonFeed, newsSitemap, rss } from '../../test/support/watch-fixtures.js';
import { DiscernError } from '../core/errors.js';
import { MAX_XML_DEPTH, parseFeed } from './feed.js';

const items = [
  { title: 'First & foremost', url: 'https://news.example/a?x=1#top', guid: 'g-1', date: '2026-04-02' },
  { title: 'Second', url: '/relative/b', guid: 'g-2' },
];
const parse = (text: string, type?: 'rss' | 'atom' | 'json' | 'sitemap') => parseFeed(Buffer.from(text), 'https://news.example/feed', { type });

test('RSS 2.0, Atom, JSON Feed and news sitemaps give the same items: absolute URLs without fragments, GUIDs, titles, dates', () => {
  for (const [kind, text] of [['rss', rss('Example', items)], ['atom', atom('Example', items)], ['json', jsonFeed('Example', items)], ['sitemap', newsSitemap(items)]] as const) {
    const feed = parse(text);
    assert.equal(feed.kind, kind);
    assert.deepEqual(feed.items.map((i) => i.url), ['https://news.example/a?x=1', 'https://news.example/relative/b'], kind);
    assert.equal(feed.items[0].title, 'First & foremost', `${kind}: entities of XML itself are decoded`);
    if (kind !== 'sitemap') assert.deepEqual(feed.items.map((i) => i.guid), kind === 'atom' || kind === 'json' ? ['g-1', 'g-2'] : ['g-1', 'g-2']);
    if (kind !== 'sitemap') assert.equal(feed.title, 'Example');
    assert.equal(feed.items[0].publishedAt?.slice(0, 10), '2026-04-02', kind);
  }
});

test('RSS 1.0 (RDF) items and an RSS guid that is a permalink are read', () => {
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>R</title></channel><item rdf:about="https://news.example/r1"><title>One</title><link>https://news.example/r1</link></item></rdf:RDF>`;
  assert.deepEqual(parse(rdf).items.map((i) => i.url), ['https://news.example/r1']);
  const permalink = `<rss version="2.0"><channel><title>P</title><item><title>T</title><guid>https://news.example/p1</guid></item></channel></rss>`;
  assert.equal(parse(permalink).items[0].url, 'https://news.example/p1');
  const js = `<rss version="2.0"><channel><item><title>T</title><link>javascript:alert(1)</link></item></channel></rss>`;
  assert.equal(parse(js).items[0].url, null, 'only http(s) links are kept');
});

const refused = (text: string, pattern: RegExp) =>
  assert.throws(() => parse(text), (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_MALFORMED' && e.input === 'https://news.example/feed' && pattern.test(e.message));

test('hostile XML is refused before parsing: billion laughs, external entities, deep nesting', () => {
  const started = process.memoryUsage().heapUsed;
  refused(billionLaughs(), /declares XML entities.*billion laughs/);
  assert.ok(process.memoryUsage().heapUsed - started < 50 * 1024 * 1024, 'nothing was expanded');
  refused(externalEntity(), /external entities/);
  refused('<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://evil.example/x.dtd" [ ]><rss/>', /declares XML entities/);
  refused(`<rss version="2.0"><channel><title>&ent;</title></channel></rss><!ENTITY ent "x">`, /declares XML entities/);
  refused(`<rss version="2.0"><channel>${'<x>'.repeat(MAX_XML_DEPTH + 10)}${'</x>'.repeat(MAX_XML_DEPTH + 10)}</channel></rss>`, new RegExp(`deeper than ${MAX_XML_DEPTH}|could not be parsed`));
  // an external DTD without a subset is never fetched: it is cut out and the feed is read
  const legacy = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title><item><title>T</title><link>https://news.example/o</link></item></channel></rss>`;
  assert.equal(parse(legacy).items[0].url, 'https://news.example/o');
});

test('malformed and wrong feeds are refused with what is wrong', () => {
  refused('<rss><channel><item><title>broken</channel></rss>', /not well-formed XML \(line 1/);
  refused('', /empty/);
  refused('hello world', /neither XML nor JSON/);
  refused('{"items": []}', /not a JSON Feed/);
  refused('{"version": "https://jsonfeed.org/version/1.1", "items": [', /not valid JSON/);
  refused('<html><body>Not a feed</body></html>', /root element is <html>/);
  refused('<sitemapindex><sitemap><loc>https://news.example/s1.xml</loc></sitemap></sitemapindex>', /sitemap index/);
  assert.throws(() => parse(rss('x', items), 'atom'), /configured as type atom, but the feed is rss/);
  assert.throws(() => parseFeed(Buffer.from([0x3c, 0x72, 0x73, 0x73, 0xff, 0xfe, 0x3e]), 'f'), (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_ENCODING');
});

test('JSON Feed: an item without `url` is found by `external_url`, then by an `id` that is an http(s) URL, else carried as its content', () => {
  const feed = parse(
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Carried',
      items: [
        { id: 'a-1', url: '/posts/1', external_url: 'https://elsewhere.example/x', title: 'Own page' },
        { id: 'a-2', external_url: 'https://elsewhere.example/story', title: 'Linked story' },
        { id: 'https://news.example/posts/3#top', title: 'Id is the link' },
        { id: 'post-4', title: 'Carried HTML', content_html: '<p>The whole <b>article</b> is here.</p>' },
        { title: 'Carried text, no id', content_text: 'Plain words of the article.' },
        { id: 'javascript:alert(1)', title: 'Neither a link nor content' },
        { id: 'post-7', url: 'ftp://news.example/file', content_text: 'Only content can be read.' },
      ],
    }),
    'json',
  );
  assert.deepEqual(feed.items.map((i) => i.url), ['https://news.example/posts/1', 'https://elsewhere.example/story', 'https://news.example/posts/3', null, null, null, null]);
  assert.equal(feed.items[0].content, undefined, 'an item with a link is fetched, not read from the feed');
  assert.deepEqual(feed.items[3].content, { html: '<p>The whole <b>article</b> is here.</p>', text: null });
  assert.equal(feed.items[3].guid, 'post-4');
  assert.deepEqual(feed.items[4].content, { html: null, text: 'Plain words of the article.' });
  assert.match(feed.items[4].guid ?? '', /^sha256:[0-9a-f]{64}$/, 'an item without an id is known by its content');
  assert.equal(feed.items[5].content, undefined, 'an item with neither is left out (nothing to read)');
  assert.deepEqual(feed.items[6].content, { html: null, text: 'Only content can be read.' }, 'a non-http(s) url is no link');
});
