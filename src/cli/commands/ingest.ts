import type { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { DEFAULT_JOB_SETTINGS, type JobSettings } from '../../queue/queue.js';
import { defaultDbLocation, describeDb } from '../../store/open.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { createProgress } from '../progress.js';
import { EXIT, parseBytes, parsePositiveInt } from '../shared.js';
import { addIngestOptions, runFromCli } from './analyze.js';

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
}

export function registerIngestCommand(program: Command): void {
  const command = program
    .command('ingest')
    .description('read inputs into the database and run the document analysers, without a report')
    .argument('<inputs...>', 'files, folders (recursive), http(s) URLs, or - for standard input')
    .option('--json', 'print the outcome as JSON (run id, documents or jobs, errors)')
    .option('--queue', 'PostgreSQL only: send one job per input and return; `discern worker` processes them')
    .option('--lease <seconds>', 'with --queue: a job unfinished this long after it started (its worker died) is retried', String(DEFAULT_JOB_SETTINGS.leaseSeconds))
    .option('--retries <n>', 'with --queue: attempts after the first before a job is dead', String(DEFAULT_JOB_SETTINGS.retries))
    .option('--retry-delay <seconds>', 'with --queue: wait before the first retry (doubling after)', String(DEFAULT_JOB_SETTINGS.retryDelaySeconds));
  addIngestOptions(command)
    .addHelpText(
      'after',
      `
Then: discern report --db <file> --out report.html

On PostgreSQL with workers (see docs/postgres.md):
  discern ingest examples/ --db postgres://localhost/discern --queue
  discern worker --db postgres://localhost/discern --exit-when-idle

Exit codes: 0 all stored (or queued), 1 some inputs failed, 2 usage error.`,
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

function seconds(value: string, name: string): number {
  return parsePositiveInt(value, name);
}

export function jobSettingsOf(options: IngestCliOptions): JobSettings {
  const retries = Number(options.retries ?? DEFAULT_JOB_SETTINGS.retries);
  if (!Number.isInteger(retries) || retries < 0) throw new DiscernError('USAGE', `--retries needs a whole number from 0, not "${options.retries}"`, '--retries');
  return {
    leaseSeconds: seconds(options.lease ?? String(DEFAULT_JOB_SETTINGS.leaseSeconds), '--lease'),
    retries,
    retryDelaySeconds: seconds(options.retryDelay ?? String(DEFAULT_JOB_SETTINGS.retryDelaySeconds), '--retry-delay'),
  };
}

async function enqueueFromCli(inputs: string[], db: string, options: IngestCliOptions): Promise<void> {
  if (!isPostgresUrl(db)) throw new DiscernError('USAGE', '--queue needs a PostgreSQL database: --db postgres://… (or DISCERN_DB)', '--queue');
  const settings = jobSettingsOf(options);
  const { enqueueInputs } = await import('../../queue/enqueue.js');
  const progress = createProgress('Queueing');
  let failed = 0;
  const result = await enqueueInputs({
    url: db,
    inputs,
    settings,
    ingest: {
      maxBytes: parseBytes(options.maxBytes ?? '50MB'),
      allowPrivate: options.allowPrivate ?? false,
      timeoutMs: parsePositiveInt(options.timeout ?? '15000', '--timeout'),
      encoding: options.encoding,
    },
    onProgress: (event) => {
      if (!event.ok) {
        failed++;
        progress.finish();
        process.stderr.write(`discern: ${event.input}: ${event.message}\n`);
      }
      progress.update(event.done, event.input, failed);
    },
  });
  progress.finish();
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ run: result.runId, db: describeDb(db), queued: result.jobs, errors: result.errors }, null, 2)}\n`);
  } else {
    process.stdout.write(`Queued ${result.jobs} jobs in ${describeDb(db)} (run ${result.runId}); start workers with: discern worker --db <url>\n`);
    for (const e of result.errors) process.stdout.write(`  failed: ${e.input}: ${e.message}\n`);
  }
  process.exitCode = result.errors.length > 0 ? EXIT.SOME_INPUTS_FAILED : EXIT.OK;
}
