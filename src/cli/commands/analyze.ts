import { Option, type Command } from 'commander';
import { loadResources } from '../../nlp/resources.js';
import { sourceMetadataFromCli, unmatchedEntries } from '../../ingest/manifest.js';
import { runPipeline, type RunResult } from '../../pipeline/run.js';
import { parseMinScore } from '../../report/thresholds.js';
import { defaultDbLocation, openStore } from '../../store/open.js';
import { withReferenceSource } from '../reference.js';
import { addLlmOptions, checkLlmOptions, type LlmCliOptions } from '../llm.js';
import type { Store } from '../../store/store.js';
import { countInputs, type IngestOptions } from '../../ingest/inputs.js';
import { createCountedProgress, type Progress } from '../progress.js';
import { DB_HELP, EXIT, checkOutPath, emitReport, parseBytes, parsePositiveInt, resourceOptions, storeSource } from '../shared.js';
import { DURATION_HINT, SIZE_HINT, parseDuration } from '../units.js';

interface AnalyzeOptions extends LlmCliOptions {
  db?: string;
  format?: string;
  out?: string;
  gazetteer?: string[];
  maxBytes?: string;
  allowPrivate?: boolean;
  timeout?: string;
  encoding?: string;
  force?: boolean;
  json?: boolean;
  minScore?: string;
  jobs?: string;
  outlet?: string;
  date?: string;
  manifest?: string;
}

/** Options shared by `analyze` and `ingest`: where to store, how to read inputs. */
export function addIngestOptions(command: Command): Command {
  return command
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--gazetteer <file...>', 'extra gazetteer files (JSON or YAML) of actors and aliases')
    .option('--max-bytes <size>', `refuse inputs larger than this (${SIZE_HINT})`, '50MB')
    .option('--allow-private', 'allow URLs that resolve to private or loopback addresses')
    .option('--timeout <duration>', `URL fetch timeout (${DURATION_HINT})`, '15s')
    .option('--encoding <name>', 'decode files with this encoding instead of detecting it (e.g. windows-1252)')
    .option('--force', 're-run every analyser even where stored results are current')
    .option('--jobs <n>', 'documents analysed at once in worker threads; auto: one per core (at most 4) once a batch passes 16 documents', 'auto')
    .option('--outlet <name>', 'the outlet of every input (a manifest entry wins; fills what stored documents lack)')
    .option('--date <date>', 'the publication date of every input: 2024-05-02, 2024-05 or an ISO timestamp')
    .option('--manifest <file>', 'CSV or JSON listing each file or URL with its title, outlet, date, author (docs/manifest.md)');
}

export function registerAnalyzeCommand(program: Command): void {
  const command = program
    .command('analyze')
    .description('ingest, analyse and report in one go')
    .argument('<inputs...>', 'files, folders (recursive), http(s) URLs, or - for standard input')
    .addOption(new Option('--format <format>', 'report format').choices(['md', 'json', 'jsonl', 'html']))
    .option('--out <file>', 'write the report to this file (format from the extension unless --format)')
    .option('--min-score <score>', 'show and count only findings scored at least this (0–1; default: each kind\'s threshold, docs/thresholds.md)');
  addLlmOptions(addIngestOptions(command))
    .addHelpText(
      'after',
      `
Examples:
  discern analyze examples/                                 summary in the terminal
  discern analyze examples/ --out report.html               self-contained HTML report
  discern analyze article.txt --format json > article.json  the JSON contract, for scripts
  discern analyze examples/ --min-score 0                   every finding, however weak
  discern analyze - < article.txt                           read standard input
  discern analyze statement.txt --encoding windows-1256     a legacy encoding that detection refused`,
    )
    .action(async (inputs: string[], options: AnalyzeOptions) => {
      checkOutPath(options.out);
      checkLlmOptions(options);
      const thresholds = parseMinScore(options.minScore);
      const result = await runFromCli('analyze', inputs, options, async (run, store) => {
        const source = storeSource(store, { runId: run.runId }, {
          corpusFindings: [],
          thresholds,
          header: {
            run: { id: run.runId, inputs },
            errors: run.errors,
            warnings: run.warnings,
            analyzerFailures: [...run.analyzerFailures, ...run.corpus.failures.map((f) => ({ doc: 'corpus', ...f }))],
          },
        });
        // the run's corpus findings stream from the store into the report
        await emitReport(await withReferenceSource({ ...source, corpusStream: () => store.iterateCorpusFindings(run.runId) }, store, options), options);
      });
      process.exitCode = result.errors.length > 0 ? EXIT.SOME_INPUTS_FAILED : EXIT.OK;
    });
}

/** Runs the pipeline on the inputs; `then` may read the still-open store (e.g. to build a report). */
export async function runFromCli(
  commandName: string,
  inputs: string[],
  options: AnalyzeOptions,
  then?: (result: RunResult, store: Store) => Promise<void>,
  skipCorpus = false,
): Promise<RunResult> {
  const metadata = await sourceMetadataFromCli(options);
  const ingest = { ...ingestOptionsOf(options), ...(metadata ? { metadata } : {}) };
  const resources = await loadResources(resourceOptions(options));
  const store = await openStore(options.db);
  const progress = createCountedProgress(commandName === 'ingest' ? 'Ingesting' : 'Analysing', () => countInputs(inputs));
  try {
    const result = await runPipeline({
      command: commandName,
      inputs,
      store,
      resources,
      ingest,
      force: options.force,
      skipCorpus,
      jobs: parseJobs(options.jobs),
      resourceOptions: resourceOptions(options),
      onProgress: reportProgress(progress),
    });
    progress.finish();
    if (metadata?.manifest) {
      for (const entry of unmatchedEntries(metadata, [...result.documents.map((d) => d.path ?? ''), ...result.errors.map((e) => e.input)])) {
        process.stderr.write(`discern: warning: ${metadata.manifest} lists ${entry}, which is not among the inputs read\n`);
      }
    }
    if (process.env.DISCERN_TIMING === '1') printTimings(result.timings);
    await then?.(result, store);
    return result;
  } finally {
    progress.finish();
    await store.close();
  }
}

/** How inputs are read (--max-bytes, --allow-private, --timeout, --encoding), units checked. */
export function ingestOptionsOf(options: Pick<AnalyzeOptions, 'maxBytes' | 'allowPrivate' | 'timeout' | 'encoding'>): IngestOptions {
  return {
    maxBytes: parseBytes(options.maxBytes ?? '50MB'),
    allowPrivate: options.allowPrivate ?? false,
    timeoutMs: parseDuration(options.timeout ?? '15s', '--timeout', { min: 1 }),
    encoding: options.encoding,
  };
}

/** A failed input is named on its own line (the progress line cleared first); every input advances the progress. */
export function reportProgress(progress: Progress): (event: { ok: boolean; input: string; message?: string; done: number }) => void {
  let failed = 0;
  return (event) => {
    if (!event.ok) {
      failed++;
      progress.finish();
      process.stderr.write(`discern: ${event.input}: ${event.message}\n`);
    }
    progress.update(event.done, event.input, failed);
  };
}

/** `--jobs`: a positive whole number or auto. */
export function parseJobs(value: string | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  return parsePositiveInt(value, '--jobs');
}

/** DISCERN_TIMING=1: where the time went, per analyser, on stderr. */
function printTimings(timings: Record<string, number>): void {
  const rows = Object.entries(timings).sort((a, b) => b[1] - a[1]);
  for (const [producer, ms] of rows) process.stderr.write(`${producer.padEnd(28)} ${ms.toFixed(1).padStart(10)} ms\n`);
}
