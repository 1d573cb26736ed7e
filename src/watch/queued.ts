import type { Resources } from '../nlp/resources.js';
import { jobId, openQueue } from '../queue/queue.js';
import { openPostgresStore } from '../store/postgres.js';
import type { WatchConfig } from './config.js';
import { WATCH_QUEUE, type WatchPollJob } from './jobs.js';
import type { AlertSink } from './sinks.js';
import { sleepUnless } from './watcher.js';

/**
 * `discern watch --db postgres://…`: this process schedules, workers poll. Each round sends
 * one watch-poll job per source (a stable id per source and round: sent twice, it is one job),
 * waits for the round's jobs while writing the alerts workers store to the sinks, and with
 * `once` exits when the round is done. Exit codes as in the embedded watch.
 */

export interface QueuedWatchOptions {
  url: string;
  config: WatchConfig;
  resources: Resources;
  sinks: AlertSink[];
  once: boolean;
  allowPrivate: boolean;
  log: (line: string) => void;
  /** seconds between looks at the round's jobs */
  pollSeconds?: number;
  stopSignal?: Promise<void>;
}

const DONE_STATES = new Set(['completed', 'failed', 'cancelled']);

export async function runQueuedWatch(options: QueuedWatchOptions): Promise<number> {
  const store = await openPostgresStore(options.url, { maxConnections: 3 });
  const boss = await openQueue(options.url, { supervise: false, maxConnections: 2 });
  let stopRequested: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => (stopRequested = resolve));
  const onSignal = () => stopRequested();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  void options.stopSignal?.then(onSignal);
  const pollMs = (options.pollSeconds ?? 1) * 1000;
  try {
    const { config } = options;
    for (const s of config.sources) await store.watch.saveSource({ url: s.url, name: s.name, side: s.side, tags: s.tags, type: s.type });
    let lastAlert = (await store.watch.listAlerts({ limit: 1 }))[0]?.id ?? 0;
    const drain = async () => {
      for (;;) {
        const batch = await store.watch.listAlerts({ afterId: lastAlert, limit: 200 });
        for (const alert of batch) for (const sink of options.sinks) await sink.send(alert);
        if (batch.length === 0) return;
        lastAlert = batch[batch.length - 1].id;
      }
    };
    for (;;) {
      const round = new Date().toISOString();
      const ids: string[] = [];
      for (const source of config.sources) {
        const job: WatchPollJob = { kind: 'watch-poll', v: 1, round, source, settings: config.settings, rules: config.alerts, allowPrivate: options.allowPrivate };
        const id = jobId(`watch:${source.url}:${round}`);
        await boss.send(WATCH_QUEUE, job, { id, retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 });
        ids.push(id);
      }
      options.log(`round ${round}: ${ids.length} poll jobs sent to the workers (discern worker --db …)`);
      let pending = ids;
      let stopped = false;
      while (pending.length > 0 && !stopped) {
        stopped = await sleepUnless(pollMs, stop);
        await drain();
        const left: string[] = [];
        for (const id of pending) {
          const job = await boss.getJobById(WATCH_QUEUE, id);
          if (!job || !DONE_STATES.has(String(job.state))) left.push(id);
        }
        pending = left;
      }
      await drain();
      const sources = await Promise.all(config.sources.map((s) => store.watch.getSource(s.url)));
      const failed = sources.filter((s) => s && s.lastStatus === 'error' && s.lastPollAt && s.lastPollAt >= round).length;
      options.log(`round ${round} done: ${config.sources.length - failed} sources polled, ${failed} failed`);
      for (const s of sources) if (s?.lastStatus === 'error' && s.lastPollAt && s.lastPollAt >= round) options.log(`${s.name ?? s.url}: ${s.lastError}`);
      if (options.once || stopped) return failed === 0 ? 0 : failed === config.sources.length ? 3 : 1;
      if (await sleepUnless(config.settings.intervalMs, stop)) return 0;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await boss.stop({ graceful: false, wait: true, close: true });
    await store.close();
  }
}
