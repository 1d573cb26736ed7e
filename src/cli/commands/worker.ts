import type { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { loadResources } from '../../nlp/resources.js';
import { defaultDbLocation, describeDb } from '../../store/open.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { DB_HELP, EXIT, parsePositiveInt, resourceOptions, stopOnSignal } from '../shared.js';
import { DURATION_HINT, parseDuration, parseDurationSeconds } from '../units.js';

interface WorkerCliOptions {
  db: string;
  concurrency: string;
  exitWhenIdle?: boolean;
  poll: string;
  checkLeases: string;
  shutdownTimeout: string;
  gazetteer?: string[];
  json?: boolean;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('PostgreSQL: analyse queued documents (from `discern ingest --queue`) and run each run\'s corpus job')
    .option('--db <url>', DB_HELP, defaultDbLocation())
    .option('--concurrency <n>', 'jobs in progress at once in this process (they share one core: start more workers to use more cores)', '1')
    .option('--exit-when-idle', 'stop once no job is waiting, running or due for a retry')
    .option('--poll <duration>', `time between looks at an empty queue, at least 500ms (${DURATION_HINT})`, '2s')
    .option('--check-leases <duration>', `how often to look for jobs whose worker died, their lease expired (${DURATION_HINT})`, '60s')
    .option('--shutdown-timeout <duration>', `on SIGTERM, how long the jobs in hand may take before they are given back (${DURATION_HINT})`, '30s')
    .option('--gazetteer <file...>', 'extra gazetteer files for the analysers (give every worker the same)')
    .option('--json', 'print the summary as JSON when it stops')
    .addHelpText(
      'after',
      `
Examples:
  discern worker --db postgres://localhost/discern                   run until SIGTERM / Ctrl-C
  discern worker --db postgres://localhost/discern --exit-when-idle  drain the queue, then stop

Run as many workers, on as many machines, as you like. SIGTERM finishes the jobs in hand
(or gives them back after --shutdown-timeout); a killed worker's jobs are retried once their
lease (discern ingest --lease) expires. See docs/postgres.md.`,
    )
    .action(async (options: WorkerCliOptions) => {
      if (!isPostgresUrl(options.db)) throw new DiscernError('USAGE', 'workers need a PostgreSQL database: --db postgres://… (or DISCERN_DB)', '--db');
      const concurrency = parsePositiveInt(options.concurrency, '--concurrency');
      const pollSeconds = parseDuration(options.poll, '--poll', { min: 500 }) / 1000;
      const superviseSeconds = parseDurationSeconds(options.checkLeases, '--check-leases');
      const shutdownSeconds = parseDurationSeconds(options.shutdownTimeout, '--shutdown-timeout');
      const resources = await loadResources(resourceOptions(options));
      const { runWorker } = await import('../../queue/worker.js');
      const stop = stopOnSignal();
      process.stderr.write(`discern worker on ${describeDb(options.db)} (concurrency ${concurrency}${options.exitWhenIdle ? ', exits when idle' : ''})\n`);
      const summary = await runWorker({
        stopSignal: stop.requested,
        url: options.db,
        resources,
        concurrency,
        exitWhenIdle: options.exitWhenIdle ?? false,
        pollSeconds,
        superviseSeconds,
        shutdownSeconds,
        log: (line) => process.stderr.write(`discern worker: ${line}\n`),
      });
      stop.release();
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else process.stdout.write(`Worker stopped (${summary.reason}): ${summary.documents} documents, ${summary.corpus} corpus jobs, ${summary.failed} failed attempts.\n`);
      process.exitCode = EXIT.OK;
    });
}
