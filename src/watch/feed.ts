import { createHash } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DiscernError } from '../core/errors.js';
import type { SourceType } from './config.js';

/**
 * Feeds to items: RSS 2.0 (and RSS 1.0/RDF), Atom, JSON Feed and news sitemaps, read with
 * fast-xml-parser behind our own guards. XML documents that declare a DTD with an internal
 * subset or any <!ENTITY> are refused before parsing — entity expansion is how a
 * billion-laughs bomb exhausts memory and how an external entity reads local files — and the
 * parser runs with a nesting cap, so a hostile feed costs at most its (capped) size.
 */

export interface FeedItem {
  /** the feed's own id (RSS guid, Atom id, JSON Feed id); null when it gives none */
  guid: string | null;
  /** the article's absolute http(s) URL; null when the item has none (it cannot be fetched) */
  url: string | null;
  title: string | null;
  /** ISO 8601 when the feed gives a readable date */
  publishedAt: string | null;
  /**
   * The article itself, when the feed carries it and links nowhere (a JSON Feed item with
   * `content_html` or `content_text` and no http(s) `url`, `external_url` or `id`): it is
   * analysed from the feed, not fetched.
   */
  content?: { html: string | null; text: string | null };
}

export interface ParsedFeed {
  kind: Exclude<SourceType, 'auto'>;
  title: string | null;
  items: FeedItem[];
}

/** Items read from one feed at most (a feed is a window on recent articles, not an archive). */
export const MAX_FEED_ITEMS = 5000;
export const MAX_XML_DEPTH = 64;

const XML_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml'];
const JSON_TYPES = ['application/feed+json', 'application/json'];
/** What a feed URL may answer (some servers send feeds as text/plain or text/html). */
export const FEED_CONTENT_TYPES: readonly string[] = [...XML_TYPES, ...JSON_TYPES, 'text/plain', 'text/html'];

export function parseFeed(bytes: Buffer, source: string, options: { type?: SourceType; contentType?: string; baseUrl?: string } = {}): ParsedFeed {
  const text = decodeFeed(bytes, source);
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') throw malformed(source, 'the feed is empty');
  const base = options.baseUrl ?? source;
  const declaredJson = options.contentType !== undefined && JSON_TYPES.includes(options.contentType);
  const wantsJson = options.type === 'json' || (options.type !== 'rss' && options.type !== 'atom' && options.type !== 'sitemap' && (trimmed.startsWith('{') || declaredJson));
  if (wantsJson) return parseJsonFeed(trimmed, source, base);
  if (!trimmed.startsWith('<')) throw malformed(source, `the feed is neither XML nor JSON (it starts with ${JSON.stringify(trimmed.slice(0, 20))})`);
  return parseXmlFeed(trimmed, source, base, options.type ?? 'auto');
}

function decodeFeed(bytes: Buffer, source: string): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  let encoding = 'utf-8';
  if (declared) {
    try {
      encoding = new TextDecoder(declared).encoding;
    } catch {
      throw malformed(source, `the feed declares the encoding "${declared}", which cannot be decoded`);
    }
  }
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new DiscernError('INPUT_ENCODING', `the feed is not valid ${encoding} text`, source);
  }
}

/** The DTD guard: an internal subset or an entity declaration anywhere in the prolog is refused. */
export function refuseDtd(text: string, source: string): string {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (!doctype) {
    if (/<!ENTITY/i.test(text)) throw entityRefusal(source);
    return text;
  }
  // the prolog is everything before the root element; a DOCTYPE may only appear there
  const rest = text.slice(doctype.index);
  const subset = /^<!DOCTYPE[^>[]*\[/i.test(rest);
  if (subset || /<!ENTITY/i.test(text)) throw entityRefusal(source);
  // a DOCTYPE without a subset (an external DTD, never fetched) is cut out, so the parser never sees it
  const end = rest.indexOf('>');
  if (end < 0) throw malformed(source, 'the DOCTYPE declaration is not closed');
  return text.slice(0, doctype.index) + text.slice(doctype.index + end + 1);
}

function entityRefusal(source: string): DiscernError {
  return new DiscernError(
    'INPUT_MALFORMED',
    'the feed declares XML entities (a DTD with <!ENTITY> or an internal subset): refused, because entity expansion can exhaust memory (billion laughs) or read local files (external entities)',
    source,
  );
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // only the predefined XML entities and character references: no DTD ever reaches the parser
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_XML_DEPTH,
  isArray: (name) => ['item', 'entry', 'url', 'link', 'sitemap'].includes(name),
});

type Node = Record<string, unknown>;

function parseXmlFeed(text: string, source: string, base: string, type: SourceType): ParsedFeed {
  const xml = refuseDtd(text, source);
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) throw malformed(source, `the feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    const message = (error as Error).message;
    if (/nest/i.test(message)) throw malformed(source, `the feed nests elements deeper than ${MAX_XML_DEPTH} levels`);
    throw malformed(source, `the feed could not be parsed: ${message}`);
  }
  const feed = isNode(doc.rss) ? rss(doc.rss, base) : isNode(doc.RDF) ? rdf(doc.RDF, base) : isNode(doc.feed) ? atom(doc.feed, base) : isNode(doc.urlset) ? sitemap(doc.urlset, base) : null;
  if (feed) {
    if (type !== 'auto' && type !== 'json' && feed.kind !== type) throw malformed(source, `the source is configured as type ${type}, but the feed is ${feed.kind}`);
    return feed;
  }
  if (isNode(doc.sitemapindex)) {
    throw malformed(source, 'this is a sitemap index, not a news sitemap: list its news sitemaps as sources instead');
  }
  const root = Object.keys(doc)[0];
  throw malformed(source, `not a feed: the root element is <${root ?? 'none'}>, not <rss>, <feed>, <rdf:RDF> or <urlset>`);
}

function rss(node: Node, base: string): ParsedFeed {
  const channel = isNode(node.channel) ? node.channel : {};
  const items = list(channel.item).slice(0, MAX_FEED_ITEMS).map((item) => ({
    guid: textOf(item.guid),
    url: absolute(textOf(first(item.link)) ?? (permalinkGuid(item.guid) ? textOf(item.guid) : null), base),
    title: textOf(item.title),
    publishedAt: isoDate(textOf(item.pubDate) ?? textOf(item.date)),
  }));
  return { kind: 'rss', title: textOf(channel.title), items };
}

function rdf(node: Node, base: string): ParsedFeed {
  const channel = isNode(node.channel) ? node.channel : {};
  const items = list(node.item).slice(0, MAX_FEED_ITEMS).map((item) => ({
    guid: attr(item, 'about'),
    url: absolute(textOf(first(item.link)) ?? attr(item, 'about'), base),
    title: textOf(item.title),
    publishedAt: isoDate(textOf(item.date)),
  }));
  return { kind: 'rss', title: textOf(channel.title), items };
}

function atom(node: Node, base: string): ParsedFeed {
  const items = list(node.entry).slice(0, MAX_FEED_ITEMS).map((entry) => {
    const links = list(entry.link);
    const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ?? links[0];
    return {
      guid: textOf(entry.id),
      url: absolute(alternate ? attr(alternate, 'href') : null, base),
      title: textOf(entry.title),
      publishedAt: isoDate(textOf(entry.published) ?? textOf(entry.updated)),
    };
  });
  return { kind: 'atom', title: textOf(node.title), items };
}

function sitemap(node: Node, base: string): ParsedFeed {
  const items = list(node.url).slice(0, MAX_FEED_ITEMS).map((url) => {
    const news = isNode(url.news) ? url.news : {};
    const loc = absolute(textOf(url.loc), base);
    return { guid: loc, url: loc, title: textOf(news.title), publishedAt: isoDate(textOf(news.publication_date) ?? textOf(url.lastmod)) };
  });
  return { kind: 'sitemap', title: null, items };
}

function parseJsonFeed(text: string, source: string, base: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw malformed(source, `the feed is not valid JSON: ${(error as Error).message}`);
  }
  if (!isNode(doc) || typeof doc.version !== 'string' || !doc.version.startsWith('https://jsonfeed.org/version/')) {
    throw malformed(source, 'not a JSON Feed: it has no "version": "https://jsonfeed.org/version/1.1"');
  }
  if (!Array.isArray(doc.items)) throw malformed(source, 'the JSON Feed has no "items" list');
  const items = (doc.items as unknown[])
    .filter(isNode)
    .slice(0, MAX_FEED_ITEMS)
    .map((item): FeedItem => {
      const guid = typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : null;
      // `url` is the item's page; without it `external_url`, then an `id` that is itself an absolute http(s) URL
      const url =
        absolute(typeof item.url === 'string' ? item.url : null, base) ??
        absolute(typeof item.external_url === 'string' ? item.external_url : null, base) ??
        (guid && /^https?:\/\//i.test(guid) ? absolute(guid, base) : null);
      const html = typeof item.content_html === 'string' && item.content_html.trim() ? item.content_html : null;
      const plain = typeof item.content_text === 'string' && item.content_text.trim() ? item.content_text : null;
      const content = url === null && (html || plain) ? { content: { html, text: plain } } : {};
      return {
        // JSON Feed requires an id; an item carried without one is known by its content
        guid: guid ?? (content.content ? `sha256:${createHash('sha256').update(html ?? plain ?? '').digest('hex')}` : null),
        url,
        title: typeof item.title === 'string' ? item.title.trim() || null : null,
        publishedAt: isoDate(typeof item.date_published === 'string' ? item.date_published : null),
        ...content,
      };
    });
  return { kind: 'json', title: typeof doc.title === 'string' ? doc.title : null, items };
}

function malformed(source: string, why: string): DiscernError {
  return new DiscernError('INPUT_MALFORMED', why, source);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter(isNode);
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'].trim() || null;
  return null;
}

function attr(node: unknown, name: string): string | null {
  if (!isNode(node)) return null;
  const value = node[`@_${name}`];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** RSS: a guid is a link unless isPermaLink="false". */
function permalinkGuid(guid: unknown): boolean {
  return attr(guid, 'isPermaLink')?.toLowerCase() !== 'false';
}

/** Absolute http(s) URL without its fragment, resolved against the feed; null for anything else. */
function absolute(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
