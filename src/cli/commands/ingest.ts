import type { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { DEFAULT_JOB_SETTINGS, type JobSettings } from '../../queue/queue.js';
import { defaultDbLocation, describeDb } from '../../store/open.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { countInputs } from '../../ingest/inputs.js';
import { createCountedProgress } from '../progress.js';
import { EXIT } from '../shared.js';
import { DURATION_HINT, formatDuration, parseDurationSeconds } from '../units.js';
import { addIngestOptions, ingestOptionsOf, reportProgress, runFromCli } from './analyze.js';
import { sourceMetadataFromCli } from '../../ingest/manifest.js';

interface IngestCliOptions {
  json?: boolean;
  db?: string;
  queue?: boolean;
  lease?: string;
  retries?: string;
  retryDelay?: string;
  maxBytes?: string;
  allowPrivate?: boolean;
  timeout?: string;
  encoding?: string;
  outlet?: string;
  date?: string;
  manifest?: string;
}

export function registerIngestCommand(program: Command): void {
  const command = program
    .command('ingest')
    .description('read inputs into the database and run the document analysers, without a report')
    .argument('<inputs...>', 'files, folders (recursive), http(s) URLs, or - for standard input')
    .option('--json', 'print the outcome as JSON (run id, documents or jobs, errors)')
    .option('--queue', 'PostgreSQL only: send one job per input and return; `discern worker` processes them')
    .option('--lease <duration>', `with --queue: a job unfinished this long after it started (its worker died) is retried (${DURATION_HINT})`, formatDuration(DEFAULT_JOB_SETTINGS.leaseSeconds * 1000))
    .option('--retries <n>', 'with --queue: attempts after the first before a job is dead', String(DEFAULT_JOB_SETTINGS.retries))
    .option('--retry-delay <duration>', `with --queue: wait before the first retry, doubling after (${DURATION_HINT})`, formatDuration(DEFAULT_JOB_SETTINGS.retryDelaySeconds * 1000));
  addIngestOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  discern ingest examples/ --json          store the examples in discern.db, print the run as JSON
  discern report --out report.html         then report on everything stored

On PostgreSQL with workers (see docs/postgres.md):
  discern ingest examples/ --db postgres://localhost/discern --queue
  discern worker --db postgres://localhost/discern --exit-when-idle`,
    )
    .action(async (inputs: string[], options: IngestCliOptions) => {
      const db = options.db ?? defaultDbLocation();
      if (options.queue) {
        await enqueueFromCli(inputs, db, options);
        return;
      }
      const result = await runFromCli('ingest', inputs, options, undefined, true);
      const summary = {
        run: result.runId,
        db: describeDb(db),
        documents: result.documents.map((d) => ({ id: d.id, path: d.path })),
        ...result.stats,
        errors: result.errors,
        warnings: result.warnings,
      };
      for (const w of result.warnings) process.stderr.write(`discern: warning: ${w.input}: ${w.message}\n`);
      if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(`Stored ${result.documents.length} documents in ${describeDb(db)} (run ${result.runId}): ${result.stats.created} new, ${result.stats.updated} re-analysed, ${result.stats.unchanged} unchanged.\n`);
        for (const e of result.errors) process.stdout.write(`  failed: ${e.input}: ${e.message}\n`);
      }
      process.exitCode = result.errors.length > 0 ? EXIT.SOME_INPUTS_FAILED : EXIT.OK;
    });
}

export function jobSettingsOf(options: IngestCliOptions): JobSettings {
  const retries = Number(options.retries ?? DEFAULT_JOB_SETTINGS.retries);
  if (!Number.isInteger(retries) || retries < 0) throw new DiscernError('USAGE', `--retries needs a whole number from 0, not "${options.retries}"`, '--retries');
  return {
    leaseSeconds: parseDurationSeconds(options.lease ?? `${DEFAULT_JOB_SETTINGS.leaseSeconds}s`, '--lease'),
    retries,
    retryDelaySeconds: parseDurationSeconds(options.retryDelay ?? `${DEFAULT_JOB_SETTINGS.retryDelaySeconds}s`, '--retry-delay'),
  };
}

async function enqueueFromCli(inputs: string[], db: string, options: IngestCliOptions): Promise<void> {
  if (!isPostgresUrl(db)) throw new DiscernError('USAGE', '--queue needs a PostgreSQL database: --db postgres://… (or DISCERN_DB)', '--queue');
  const settings = jobSettingsOf(options);
  const metadata = await sourceMetadataFromCli(options);
  const { enqueueInputs } = await import('../../queue/enqueue.js');
  const progress = createCountedProgress('Queueing', () => countInputs(inputs));
  const result = await enqueueInputs({ url: db, inputs, settings, ingest: { ...ingestOptionsOf(options), ...(metadata ? { metadata } : {}) }, onProgress: reportProgress(progress) });
  progress.finish();
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ run: result.runId, db: describeDb(db), queued: result.jobs, errors: result.errors }, null, 2)}\n`);
  } else {
    process.stdout.write(`Queued ${result.jobs} jobs in ${describeDb(db)} (run ${result.runId}); start workers with: discern worker --db <url>\n`);
    for (const e of result.errors) process.stdout.write(`  failed: ${e.input}: ${e.message}\n`);
  }
  process.exitCode = result.errors.length > 0 ? EXIT.SOME_INPUTS_FAILED : EXIT.OK;
}
