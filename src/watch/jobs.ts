import { DiscernError } from '../core/errors.js';
import type { Resources } from '../nlp/resources.js';
import { QUEUES } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import { computeAlerts } from './alerts.js';
import { DEFAULT_RULES, DEFAULT_SETTINGS, type AlertRules, type WatchSettings, type WatchSource } from './config.js';
import { PoliteFetcher } from './polite.js';
import { pollSource, type PollOutcome } from './poll.js';

/**
 * The watch on the job queue (PostgreSQL): `discern watch --db postgres://…` sends one
 * `watch-poll` job per source and round; any `discern worker` polls that source, analyses
 * its new articles and stores the alerts they raise. The scheduling process tails the
 * stored alerts to its sinks. A job run twice changes nothing: items are looked up before
 * they are fetched, documents have content ids, alerts have keys.
 */

export const WATCH_QUEUE = QUEUES.watch;

export interface WatchPollJob {
  kind: 'watch-poll';
  v: 1;
  /** the round it belongs to (ISO time the scheduler started it) */
  round: string;
  source: WatchSource;
  settings: WatchSettings;
  rules: AlertRules;
  allowPrivate: boolean;
}

export function parseWatchJob(data: unknown): WatchPollJob {
  const job = data as Partial<WatchPollJob> | null;
  if (!job || job.kind !== 'watch-poll' || job.v !== 1 || typeof job.source?.url !== 'string') throw new DiscernError('INPUT_MALFORMED', 'malformed job: not a Discern watch-poll job (version 1)');
  return { ...job, settings: { ...DEFAULT_SETTINGS, ...job.settings }, rules: { ...DEFAULT_RULES, ...job.rules } } as WatchPollJob;
}

/** One fetcher per worker process and settings, so per-host delays and robots.txt hold across its jobs. */
const fetchers = new Map<string, PoliteFetcher>();

function fetcherFor(job: WatchPollJob): PoliteFetcher {
  const key = JSON.stringify([job.settings.userAgent, job.settings.hostDelayMs, job.settings.timeoutMs, job.allowPrivate]);
  let fetcher = fetchers.get(key);
  if (!fetcher) {
    fetcher = new PoliteFetcher({ userAgent: job.settings.userAgent, hostDelayMs: job.settings.hostDelayMs, timeoutMs: job.settings.timeoutMs, allowPrivate: job.allowPrivate });
    fetchers.set(key, fetcher);
  }
  return fetcher;
}

export async function runWatchPollJob(data: unknown, ctx: { store: Store; resources: Resources }): Promise<{ source: string; status: PollOutcome['status']; created: number; alerts: number }> {
  const job = parseWatchJob(data);
  const { store, resources } = ctx;
  await store.watch.saveSource({ url: job.source.url, name: job.source.name, side: job.source.side, tags: job.source.tags, type: job.source.type });
  const outcome = await pollSource(job.source, { store, resources, fetcher: fetcherFor(job), settings: job.settings });
  const alerts = await store.watch.addAlerts(await computeAlerts(outcome.created, { store, resources, rules: job.rules }));
  return { source: job.source.url, status: outcome.status, created: outcome.created.length, alerts: alerts.length };
}

/** A poll job that failed on every attempt: recorded on its source, so the health view shows it. */
export async function recordDeadWatchJob(data: unknown, store: Store): Promise<boolean> {
  const job = data as Partial<WatchPollJob> | null;
  if (!job || job.kind !== 'watch-poll' || typeof job.source?.url !== 'string') return false;
  await store.watch.recordPoll({ url: job.source.url, at: new Date().toISOString(), status: 'error', error: 'the poll job failed on every attempt; see discern jobs for the error' });
  return true;
}
