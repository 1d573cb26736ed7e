import { DiscernError, describeError } from '../core/errors.js';
import type { Source } from '../core/types.js';
import type { ExtractedDocument } from '../document/extracted.js';
import { extractHtml } from '../ingest/html.js';
import { extractFetched } from '../ingest/inputs.js';
import { extractPlainText } from '../ingest/plain-text/index.js';
import { HttpStatusError, type FetchedResource } from '../ingest/url.js';
import type { Resources } from '../nlp/resources.js';
import type { AnalysisPool } from '../pipeline/pool.js';
import { ingestOne } from '../pipeline/ingest-one.js';
import type { Store } from '../store/store.js';
import type { WatchItem, WatchSourceRecord } from '../store/watch.js';
import type { WatchSettings, WatchSource } from './config.js';
import { FEED_CONTENT_TYPES, parseFeed, type FeedItem } from './feed.js';
import type { PoliteFetcher } from './polite.js';

/**
 * One poll of one source: the feed fetched with a conditional request (a 304 stores nothing),
 * parsed, its items looked up (each is fetched once: by URL from any source, by GUID within
 * the source), at most `maxItems` new articles fetched, extracted and analysed like `analyze
 * URL` does, and the outcome recorded on the source (health, validators, backoff). An article
 * that fails is recorded and tried again on a later poll, up to MAX_ATTEMPTS.
 */

export const MAX_ATTEMPTS = 3;

export interface PollContext {
  store: Store;
  resources: Resources;
  fetcher: PoliteFetcher;
  settings: WatchSettings;
  /** analyse in these worker threads, so fetch timers and other sources are not held up by analysis */
  pool?: AnalysisPool | null;
  log?: (line: string) => void;
}

export interface PollOutcome {
  url: string;
  name: string;
  status: 'ok' | 'not-modified' | 'error' | 'skipped';
  error: string | null;
  /** items the feed listed */
  listed: number;
  /** documents stored for the first time */
  created: string[];
  /** items whose content was already stored (another URL, another source) */
  duplicates: number;
  /** articles that could not be fetched or read, with why */
  failed: Array<{ url: string; error: string }>;
  /** new items left for the next poll (over maxItems) */
  deferred: number;
}

export async function pollSource(source: WatchSource, ctx: PollContext): Promise<PollOutcome> {
  const { store } = ctx;
  const record = await store.watch.getSource(source.url);
  const name = source.name ?? record?.feedTitle ?? new URL(source.url).host;
  const outcome: PollOutcome = { url: source.url, name, status: 'ok', error: null, listed: 0, created: [], duplicates: 0, failed: [], deferred: 0 };
  const at = new Date().toISOString();
  if (record?.nextPollAt && Date.parse(record.nextPollAt) > Date.now()) {
    outcome.status = 'skipped';
    outcome.error = `backing off until ${record.nextPollAt} after ${record.failures} failed polls${record.lastError ? ` (${record.lastError})` : ''}`;
    return outcome;
  }

  let fetched: FetchedResource;
  let items: FeedItem[];
  let feedTitle: string | null;
  try {
    fetched = await ctx.fetcher.fetch(source.url, {
      acceptTypes: FEED_CONTENT_TYPES,
      maxBytes: ctx.settings.maxFeedBytes,
      allowNotModified: true,
      headers: conditionalHeaders(record),
    });
    if (fetched.notModified) {
      outcome.status = 'not-modified';
      await store.watch.recordPoll({ url: source.url, at, status: 'not-modified', nextPollAt: null });
      return outcome;
    }
    const feed = parseFeed(fetched.bytes, source.url, { type: source.type, contentType: fetched.contentType, baseUrl: fetched.finalUrl });
    items = feed.items;
    feedTitle = feed.title;
  } catch (error) {
    outcome.status = 'error';
    outcome.error = describeError(error);
    const failures = (record?.failures ?? 0) + 1;
    // a refusal of ours (a private address, robots.txt, a bad URL) is no fault of the server: no backoff
    const ours = error instanceof DiscernError && ['URL_PRIVATE', 'URL_INVALID', 'URL_ROBOTS'].includes(error.code);
    await store.watch.recordPoll({ url: source.url, at, status: 'error', error: outcome.error, nextPollAt: ours ? null : new Date(Date.now() + backoffMs(error, failures, ctx.settings)).toISOString() });
    return outcome;
  }

  outcome.listed = items.length;
  const fetchable = dedupeWithinFeed(items.filter((i) => i.url !== null || i.content !== undefined));
  const known = await store.watch.findItems(source.url, fetchable.map((i) => ({ guid: i.guid, url: i.url })));
  const fresh = fetchable.filter((_, k) => isToFetch(known[k]));
  outcome.deferred = Math.max(0, fresh.length - ctx.settings.maxItems);
  for (const item of fresh.slice(0, ctx.settings.maxItems)) {
    await fetchItem(source, name, item, ctx, outcome);
  }
  await store.watch.recordPoll({ url: source.url, at, status: 'ok', etag: fetched.etag ?? null, lastModified: fetched.lastModified ?? null, feedTitle, nextPollAt: null });
  return outcome;
}

/** An article carried in the feed itself (no link to fetch): read from the feed's HTML or text. */
function carried(item: FeedItem): { extracted: ExtractedDocument; origin: Source } {
  const content = item.content as NonNullable<FeedItem['content']>;
  return { extracted: content.html ? extractHtml(content.html) : extractPlainText(content.text ?? ''), origin: { url: null } };
}

async function fetchItem(source: WatchSource, name: string, item: FeedItem, ctx: PollContext, outcome: PollOutcome): Promise<void> {
  // an item carried in the feed is named by the feed and its id (it has no URL of its own)
  const url = item.url ?? `${source.url}#${item.guid ?? ''}`;
  const base = { sourceUrl: source.url, guid: item.guid, url: item.url, title: item.title, publishedAt: item.publishedAt };
  try {
    const { extracted, origin } = item.url === null ? carried(item) : extractFetched(await ctx.fetcher.fetch(url, { maxBytes: ctx.settings.maxArticleBytes }), url);
    const result = await ingestOne({
      extracted,
      // what the feed says fills in what the page does not (the page's own values win)
      origin: { ...origin, outlet: name, title: item.title, publishedAt: item.publishedAt },
      input: url,
      store: ctx.store,
      resources: ctx.resources,
      pool: ctx.pool ?? null,
    });
    if (result.state === 'created') outcome.created.push(result.id);
    else outcome.duplicates++;
    await ctx.store.watch.saveItem({ ...base, docId: result.id, status: result.state === 'created' ? 'stored' : 'duplicate' });
    ctx.log?.(`${name}: ${url} → ${result.id} (${result.state})`);
  } catch (error) {
    const message = describeError(error);
    outcome.failed.push({ url, error: message });
    // robots.txt says no: recorded once and never asked again
    const status = error instanceof DiscernError && error.code === 'URL_ROBOTS' ? 'skipped' : 'failed';
    await ctx.store.watch.saveItem({ ...base, docId: null, status, error: message });
    ctx.log?.(`${name}: ${url} failed: ${message}`);
  }
}

function isToFetch(known: WatchItem | null): boolean {
  return known === null || (known.status === 'failed' && known.attempts < MAX_ATTEMPTS);
}

/** A feed that lists one article twice (same URL or GUID) fetches it once. */
function dedupeWithinFeed(items: FeedItem[]): FeedItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const keys = [i.url ? `u:${i.url}` : null, i.guid ? `g:${i.guid}` : null].filter((k): k is string => k !== null);
    if (keys.some((k) => seen.has(k))) return false;
    for (const k of keys) seen.add(k);
    return true;
  });
}

function conditionalHeaders(record: WatchSourceRecord | null): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1' };
  if (record?.etag) headers['if-none-match'] = record.etag;
  if (record?.lastModified) headers['if-modified-since'] = record.lastModified;
  return headers;
}

/** Doubling backoff per failed poll, at least the server's Retry-After, at most maxBackoffMs. */
export function backoffMs(error: unknown, failures: number, settings: Pick<WatchSettings, 'backoffMs' | 'maxBackoffMs'>): number {
  const doubling = Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** Math.max(0, failures - 1));
  const retryAfter = error instanceof HttpStatusError && error.retryAfterSeconds !== null ? Math.min(error.retryAfterSeconds * 1000, settings.maxBackoffMs) : 0;
  return Math.max(doubling, retryAfter);
}
