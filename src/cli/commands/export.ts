import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { EXPORT_FORMATS, exportChunks, isExportFormat } from '../../export/index.js';
import { loadExportReport } from '../../export/load.js';
import { parseMinScore } from '../../report/thresholds.js';
import { defaultDbLocation } from '../../store/open.js';
import { DB_HELP, checkOutPath, openExistingStore, parsePositiveInt, resourceOptions } from '../shared.js';
import { createProgress } from '../progress.js';

interface ExportCliOptions {
  format?: string;
  db?: string;
  run?: string;
  minScore?: string;
  out?: string;
  showRejected?: boolean;
  baseUrl?: string;
  gazetteer?: string[];
}

async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export findings and reviews: STIX 2.1 (with DISARM), ClaimReview JSON-LD, CSV, JSON Lines, GraphML')
    .requiredOption('--format <format>', `one of ${Object.keys(EXPORT_FORMATS).join(', ')}`)
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--run <id>', 'only the documents of this run')
    .option('--min-score <x>', 'only findings scoring at least this (0..1), for every kind (default: each kind\'s display threshold, docs/thresholds.md)')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--show-rejected', 'keep findings analysts rejected (left out by default)')
    .option('--base-url <url>', 'claimreview: where reviewed findings are read (default the workbench, http://127.0.0.1:8080/)')
    .option('--gazetteer <file...>', 'extra gazetteer files for the corpus analysers')
    .addHelpText(
      'after',
      `
Formats:
  stix         STIX 2.1 bundle: a report per document, actors, accusations as relationships,
               techniques and comment signals as DISARM attack-patterns, reviews as opinions
  claimreview  schema.org ClaimReview JSON-LD for every claim with an analyst verdict
  csv          one row per finding (spreadsheet-safe: formulas neutralised)
  jsonl        one finding per line, with its data
  graphml      the actors-and-accusations graph (Gephi, Cytoscape, networkx)

Reviews are honoured: rejected findings are left out, corrections applied.

Examples:
  discern export --format stix --out corpus.stix.json
  discern export --format claimreview --base-url https://factcheck.example.org/ > reviews.jsonld
  discern export --format csv --min-score 0.6 --out findings.csv
  discern export --format graphml --run 1 --out accusations.graphml`,
    )
    .action(async (options: ExportCliOptions) => {
      const format = options.format ?? '';
      if (!isExportFormat(format)) throw new DiscernError('USAGE', `unknown format "${format}": use ${Object.keys(EXPORT_FORMATS).join(', ')}`, '--format');
      const thresholds = parseMinScore(options.minScore);
      const run = options.run === undefined ? undefined : parsePositiveInt(options.run, '--run');
      if (options.baseUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(options.baseUrl)) throw new DiscernError('USAGE', `needs an http(s) URL, not "${options.baseUrl}"`, '--base-url');
      checkOutPath(options.out);
      const store = await openExistingStore(options.db);
      let report;
      const progress = createProgress('Reading');
      try {
        report = await loadExportReport(store, {
          run,
          thresholds,
          includeRejected: options.showRejected,
          resources: resourceOptions(options),
          onDocument: (done, total) => {
            progress.setTotal(total);
            progress.update(done, 'documents and findings', 0);
          },
        });
      } finally {
        progress.finish();
        await store.close();
      }
      const chunks = exportChunks(report, format, { baseUrl: options.baseUrl });
      if (!options.out) {
        await writeChunks(process.stdout, chunks);
        return;
      }
      // written beside the target and renamed, so a failed export never leaves half a file
      const partial = `${options.out}.partial-${process.pid}`;
      const stream = createWriteStream(partial, { encoding: 'utf8' });
      try {
        await writeChunks(stream, chunks);
        stream.end();
        await once(stream, 'finish');
        await rename(partial, options.out);
      } catch (error) {
        stream.destroy();
        await rm(partial, { force: true });
        throw new DiscernError('USAGE', `cannot write the export: ${(error as Error).message}`, options.out, { cause: error });
      }
      const documents = report.documents.length;
      process.stderr.write(`${format} export of ${documents} document${documents === 1 ? '' : 's'} written to ${options.out}\n`);
    });
}
