import type { HostResolver } from '../ingest/url.js';
import type { Resources } from '../nlp/resources.js';
import type { AnalysisPool } from '../pipeline/pool.js';
import type { Store } from '../store/store.js';
import type { StoredAlert } from '../store/watch.js';
import { computeAlerts } from './alerts.js';
import type { WatchConfig, WatchSource } from './config.js';
import { PoliteFetcher } from './polite.js';
import { pollSource, type PollOutcome } from './poll.js';
import type { AlertSink } from './sinks.js';

/**
 * The embedded watch (one process, SQLite or PostgreSQL without workers): each round polls
 * every source — several hosts at once, one request at a time per host — then computes the
 * alerts of what the round stored, stores them (each key once) and hands the new ones to the
 * sinks. `once` runs one round; otherwise rounds repeat on the interval until stopped.
 */

export interface WatchRuntime {
  config: WatchConfig;
  store: Store;
  resources: Resources;
  allowPrivate: boolean;
  sinks: AlertSink[];
  /** analyse new articles in these worker threads (discern watch: --workers) */
  pool?: AnalysisPool | null;
  log?: (line: string) => void;
  resolveHost?: HostResolver;
}

export interface RoundSummary {
  startedAt: string;
  finishedAt: string;
  sources: PollOutcome[];
  created: string[];
  alerts: StoredAlert[];
  /** time spent computing and storing the alerts (ms) */
  alertMs: number;
}

export class Watcher {
  readonly fetcher: PoliteFetcher;

  constructor(private readonly runtime: WatchRuntime) {
    const s = runtime.config.settings;
    this.fetcher = new PoliteFetcher({ userAgent: s.userAgent, hostDelayMs: s.hostDelayMs, timeoutMs: s.timeoutMs, allowPrivate: runtime.allowPrivate, resolveHost: runtime.resolveHost });
  }

  /** Registers the config's sources (names, sides, tags) in the store. */
  async register(): Promise<void> {
    for (const s of this.runtime.config.sources) await this.runtime.store.watch.saveSource({ url: s.url, name: s.name, side: s.side, tags: s.tags, type: s.type });
  }

  async round(): Promise<RoundSummary> {
    const { store, resources, config } = this.runtime;
    const startedAt = new Date().toISOString();
    await this.register();
    const ctx = { store, resources, fetcher: this.fetcher, settings: config.settings, pool: this.runtime.pool ?? null, log: this.runtime.log };
    const outcomes = await mapLimit(config.sources, config.settings.concurrency, (source: WatchSource) => pollSource(source, ctx));
    const created = outcomes.flatMap((o) => o.created);
    const alertsFrom = Date.now();
    const alerts = await store.watch.addAlerts(await computeAlerts(created, { store, resources, rules: config.alerts }));
    const alertMs = Date.now() - alertsFrom;
    for (const alert of alerts) for (const sink of this.runtime.sinks) await sink.send(alert);
    return { startedAt, finishedAt: new Date().toISOString(), sources: outcomes, created, alerts, alertMs };
  }
}

/** Runs `fn` over the items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

/** Resolves after `ms`, or earlier when `stop` resolves; true when stopped. */
export function sleepUnless(ms: number, stop: Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void stop.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
