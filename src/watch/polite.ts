import { DiscernError } from '../core/errors.js';
import { fetchUrl, HttpStatusError, type FetchedResource, type HostResolver } from '../ingest/url.js';
import { ALLOW_ALL, DISALLOW_ALL, MAX_ROBOTS_BYTES, parseRobots, type RobotsRules } from './robots.js';

/**
 * Polite fetching on the safe URL fetcher (src/ingest/url.ts: private addresses refused at
 * connect time, redirects bounded, size and time capped): one request at a time per host with
 * a delay between them (raised by the host's Crawl-delay), robots.txt read once per host and
 * obeyed, and a host that answers 429 or 503 left alone until its Retry-After has passed.
 */

export interface PoliteOptions {
  userAgent: string;
  /** the product token robots.txt groups are matched against */
  robotsToken?: string;
  hostDelayMs: number;
  timeoutMs: number;
  allowPrivate: boolean;
  resolveHost?: HostResolver;
  /** a Crawl-delay above this is capped (a hostile robots.txt must not stall the watch) */
  maxCrawlDelayMs?: number;
}

export interface PoliteRequest {
  acceptTypes?: readonly string[];
  headers?: Record<string, string>;
  maxBytes: number;
  allowNotModified?: boolean;
}

interface HostState {
  /** the end of the previous request's turn: the next one starts after it */
  queue: Promise<void>;
  nextAt: number;
  robots: Promise<RobotsRules> | null;
  /** when the cached robots.txt answer is to be read again */
  robotsExpiry: number;
  delayMs: number;
  /** no request before this time (Retry-After) */
  blockedUntil: number;
}

export class PoliteFetcher {
  private readonly hosts = new Map<string, HostState>();
  /** requests sent (robots.txt included), for the benchmark and tests */
  requests = 0;

  constructor(private readonly options: PoliteOptions) {}

  async fetch(url: string, request: PoliteRequest): Promise<FetchedResource> {
    const target = new URL(url);
    const host = this.host(target.host);
    const rules = await this.robots(target, host);
    if (!rules.allows(`${target.pathname}${target.search}`)) {
      throw new DiscernError('URL_ROBOTS', `robots.txt of ${target.host} disallows ${target.pathname}${target.search} for ${this.token()}`, url);
    }
    return this.turn(host, url, () =>
      fetchUrl(url, {
        allowPrivate: this.options.allowPrivate,
        timeoutMs: this.options.timeoutMs,
        maxBytes: request.maxBytes,
        userAgent: this.options.userAgent,
        resolveHost: this.options.resolveHost,
        headers: request.headers,
        acceptTypes: request.acceptTypes,
        allowNotModified: request.allowNotModified,
      }),
    );
  }

  /** When the host may next be asked (epoch ms), for a source's next poll after a 429. */
  blockedUntil(url: string): number {
    return this.hosts.get(new URL(url).host)?.blockedUntil ?? 0;
  }

  private token(): string {
    return this.options.robotsToken ?? this.options.userAgent.split(/[\s/]/)[0];
  }

  private host(name: string): HostState {
    let state = this.hosts.get(name);
    if (!state) {
      state = { queue: Promise.resolve(), nextAt: 0, robots: null, robotsExpiry: 0, delayMs: this.options.hostDelayMs, blockedUntil: 0 };
      this.hosts.set(name, state);
    }
    return state;
  }

  /** Runs the request in the host's turn: after the previous one and the delay. */
  private turn<T>(host: HostState, url: string, send: () => Promise<T>): Promise<T> {
    const run = host.queue.then(async () => {
      const now = Date.now();
      if (host.blockedUntil > now) {
        throw new DiscernError('URL_FETCH_FAILED', `${new URL(url).host} asked to wait (Retry-After) until ${new Date(host.blockedUntil).toISOString()}; not asked again before then`, url);
      }
      if (host.nextAt > now) await sleep(host.nextAt - now);
      this.requests++;
      try {
        return await send();
      } catch (error) {
        if (error instanceof HttpStatusError && (error.status === 429 || error.status === 503)) {
          host.blockedUntil = Date.now() + (error.retryAfterSeconds ?? 60) * 1000;
        }
        throw error;
      } finally {
        host.nextAt = Date.now() + host.delayMs;
      }
    });
    host.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private robots(target: URL, host: HostState): Promise<RobotsRules> {
    if (host.robots && Date.now() < host.robotsExpiry) return host.robots;
    host.robotsExpiry = Number.POSITIVE_INFINITY;
    host.robots = this.turn(host, `${target.origin}/robots.txt`, () => this.readRobots(target.origin)).then((rules) => {
      // a robots.txt is kept a day; a failure to read it (everything disallowed) ten minutes
      host.robotsExpiry = Date.now() + (rules === DISALLOW_ALL ? 10 * 60_000 : 24 * 3_600_000);
      if (rules.crawlDelaySeconds !== null) {
        host.delayMs = Math.max(host.delayMs, Math.min(rules.crawlDelaySeconds * 1000, this.options.maxCrawlDelayMs ?? 60_000));
      }
      return rules;
    }, (error: unknown) => {
      host.robotsExpiry = 0;
      throw error;
    });
    return host.robots;
  }

  /**
   * RFC 9309: a robots.txt that does not exist (4xx) allows everything; one the server fails to
   * give (5xx, network) disallows everything for now.
   */
  private async readRobots(origin: string): Promise<RobotsRules> {
    try {
      const fetched = await fetchUrl(`${origin}/robots.txt`, {
        allowPrivate: this.options.allowPrivate,
        timeoutMs: this.options.timeoutMs,
        maxBytes: MAX_ROBOTS_BYTES,
        userAgent: this.options.userAgent,
        resolveHost: this.options.resolveHost,
        acceptTypes: ['text/plain', 'text/html', 'application/octet-stream', ''],
      });
      return parseRobots(fetched.bytes.toString('utf8'), this.token());
    } catch (error) {
      if (error instanceof HttpStatusError && error.status >= 400 && error.status < 500) return ALLOW_ALL;
      if (error instanceof DiscernError && (error.code === 'INPUT_TOO_LARGE' || error.code === 'URL_CONTENT_TYPE')) return ALLOW_ALL;
      if (error instanceof DiscernError && error.code === 'URL_PRIVATE') throw error;
      return DISALLOW_ALL;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
