import type { Command } from 'commander';
import { DiscernError, isDiscernError } from '../../core/errors.js';
import { loadResources } from '../../nlp/resources.js';
import { createAnalysisPool } from '../../pipeline/pool.js';
import { defaultDbLocation, describeDb, openStore } from '../../store/open.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { loadWatchConfig, type WatchConfig } from '../../watch/config.js';
import { formatDuration, parseDuration } from '../../watch/duration.js';
import type { PollOutcome } from '../../watch/poll.js';
import { JsonLinesSink, WebhookSink, type AlertSink } from '../../watch/sinks.js';
import { sleepUnless, Watcher, type RoundSummary } from '../../watch/watcher.js';
import { DB_HELP, EXIT, resourceOptions, stopOnSignal } from '../shared.js';

interface WatchCliOptions {
  once?: boolean;
  db: string;
  interval?: string;
  alerts: string;
  webhook?: string;
  allowPrivate?: boolean;
  gazetteer?: string[];
  queue?: boolean;
  workers: string;
}

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('poll RSS, Atom, JSON Feed and news-sitemap sources, analyse new articles, raise alerts')
    .argument('<config>', 'YAML or JSON file listing the sources and alert rules (see docs/watch.md)')
    .option('--once', 'poll every source once, analyse what is new, print the alerts and exit (for cron and tests)')
    .option('--db <file>', DB_HELP, defaultDbLocation())
    .option('--interval <duration>', 'time between polls, e.g. 15m, 1h (default: the config\'s, else 15m)')
    .option('--alerts <file|->', 'write alerts as JSON Lines to this file (appended), or - for standard output', '-')
    .option('--webhook <url>', 'POST each alert as JSON to this URL (signed with DISCERN_WEBHOOK_SECRET when set)')
    .option('--allow-private', 'allow sources and webhooks on private or loopback addresses (refused by default)')
    .option('--gazetteer <file...>', 'extra actors and aliases for the analysers')
    .option('--workers <n>', 'threads that analyse new articles while this one keeps fetching (0: analyse here)', '1')
    .option('--queue', 'PostgreSQL only: send the polls to `discern worker` as jobs instead of running them here (the default with a postgres:// --db)')
    .addHelpText(
      'after',
      `
Examples:
  discern watch sources.yaml --once                      poll once, alerts as JSON Lines on stdout
  discern watch sources.yaml --interval 30m --alerts alerts.jsonl
  discern watch sources.yaml --webhook https://hooks.example.org/discern

A minimal sources.yaml:
  sources:
    - url: https://news.example.org/rss.xml
      name: Example News
      side: north
  alerts:
    watchlist: [Example Ministry]

With --db postgres://… the polls and the analysis are jobs for \`discern worker\`; this
process schedules them and writes the alerts the workers raise. See docs/watch.md.
Exit codes below: 1 and 3 with --once (2 also for a config error).`,
    )
    .action(async (configPath: string, options: WatchCliOptions) => {
      let config: WatchConfig;
      try {
        config = await loadWatchConfig(configPath);
      } catch (error) {
        if (isDiscernError(error) && error.code === 'INPUT_MALFORMED') throw new DiscernError('USAGE', error.message, error.input);
        throw error;
      }
      if (options.interval !== undefined) {
        const ms = parseDuration(options.interval);
        if (ms === null || ms < 1000) throw new DiscernError('USAGE', `--interval needs a duration like 15m or 1h (at least 1s), not "${options.interval}"`, '--interval');
        config.settings.intervalMs = ms;
      }
      const sinks: AlertSink[] = [new JsonLinesSink(options.alerts)];
      if (options.webhook) {
        sinks.push(
          new WebhookSink({
            url: options.webhook,
            secret: process.env.DISCERN_WEBHOOK_SECRET || null,
            allowPrivate: options.allowPrivate ?? false,
            onFailure: (alert, error) => process.stderr.write(`discern watch: webhook: alert ${alert.id} not delivered: ${error.message}\n`),
          }),
        );
      }
      const resources = await loadResources(resourceOptions(options));
      if (isPostgresUrl(options.db)) {
        const { runQueuedWatch } = await import('../../watch/queued.js');
        process.exitCode = await runQueuedWatch({ url: options.db, config, resources, sinks, once: options.once ?? false, allowPrivate: options.allowPrivate ?? false, log: logLine });
        for (const sink of sinks) await sink.close();
        return;
      }
      const workers = Number(options.workers);
      if (!Number.isInteger(workers) || workers < 0 || workers > 16) throw new DiscernError('USAGE', `--workers needs a whole number from 0 to 16, not "${options.workers}"`, '--workers');
      const store = await openStore(options.db);
      const pool = workers > 0 ? createAnalysisPool({ size: workers, resourceOptions: resourceOptions(options), store: options.db }) : null;
      try {
        const watcher = new Watcher({ config, store, resources, allowPrivate: options.allowPrivate ?? false, sinks, pool, log: process.env.DISCERN_WATCH_VERBOSE ? logLine : undefined });
        // handlers first: a SIGTERM right after the start line stops the watch cleanly
        const stopSignal = options.once ? null : stopOnSignal();
        process.stderr.write(`discern watch: ${config.sources.length} sources into ${describeDb(options.db)}${options.once ? ' (once)' : `, every ${formatDuration(config.settings.intervalMs)}`}\n`);
        if (options.once) {
          process.exitCode = exitCodeOf(report(await watcher.round()));
          return;
        }
        const stop = stopSignal?.requested ?? new Promise<void>(() => undefined);
        for (;;) {
          report(await watcher.round());
          if (await sleepUnless(config.settings.intervalMs, stop)) break;
        }
        process.stderr.write('discern watch: stopped\n');
        process.exitCode = EXIT.OK;
      } finally {
        for (const sink of sinks) await sink.close();
        await pool?.close();
        await store.close();
      }
    });
}

function logLine(line: string): void {
  process.stderr.write(`discern watch: ${line}\n`);
}

/** One line per source that needs attention and a summary line, on stderr (stdout carries the alerts). */
export function report(round: RoundSummary): RoundSummary {
  for (const s of round.sources) {
    if (s.status === 'error') logLine(`${s.name}: ${s.error}`);
    else if (s.status === 'skipped') logLine(`${s.name}: skipped: ${s.error}`);
    for (const f of s.failed) logLine(`${s.name}: ${f.url}: ${f.error}`);
    if (s.deferred > 0) logLine(`${s.name}: ${s.deferred} new items left for the next poll (settings.maxItems)`);
  }
  const count = (status: PollOutcome['status']) => round.sources.filter((s) => s.status === status).length;
  logLine(
    `polled ${round.sources.length} sources (${count('ok')} ok, ${count('not-modified')} not modified, ${count('skipped')} backing off, ${count('error')} failed): ` +
      `${round.created.length} new documents, ${round.alerts.length} alerts`,
  );
  return round;
}

export function exitCodeOf(round: RoundSummary): number {
  const failedSources = round.sources.filter((s) => s.status === 'error').length;
  if (round.sources.length > 0 && failedSources === round.sources.length) return EXIT.FAILED;
  if (failedSources > 0 || round.sources.some((s) => s.failed.length > 0)) return EXIT.SOME_INPUTS_FAILED;
  return EXIT.OK;
}
