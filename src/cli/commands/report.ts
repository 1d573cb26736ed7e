import { Option, type Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { loadResources } from '../../nlp/resources.js';
import { analyzeStoredCorpus } from '../../pipeline/corpus-stage.js';
import { CorpusSpool } from '../../pipeline/corpus-spool.js';
import { parseMinScore } from '../../report/thresholds.js';
import { defaultDbLocation, describeDb } from '../../store/open.js';
import type { CorpusScope } from '../../store/store.js';
import { DB_HELP, checkOutPath, emitReport, openExistingStore, parsePositiveInt, resourceOptions, storeSource } from '../shared.js';
import { withReferenceSource } from '../reference.js';
import { addLlmOptions, checkLlmOptions, type LlmCliOptions } from '../llm.js';

interface ReportOptions extends LlmCliOptions {
  db?: string;
  run?: string;
  format?: string;
  out?: string;
  gazetteer?: string[];
  showRejected?: boolean;
  minScore?: string;
}

export function registerReportCommand(program: Command): void {
  const command = program
    .command('report')
    .description('report on what the database holds: every document, or the documents of one run')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--run <id>', 'only the documents of this run (see `discern ingest --json`)')
    .addOption(new Option('--format <format>', 'report format').choices(['md', 'json', 'jsonl', 'html']))
    .option('--out <file>', 'write the report to this file')
    .option('--gazetteer <file...>', 'extra gazetteer files for the corpus analysers')
    .option('--min-score <score>', 'show and count only findings scored at least this (0–1; default: each kind\'s threshold, docs/thresholds.md)')
    .option('--show-rejected', 'keep findings analysts rejected (left out by default)');
  addLlmOptions(command)
    .addHelpText(
      'after',
      '\nCorpus findings are recomputed on the reported documents, so they always match the current analysers.\n' +
        'Analysts\' reviews are honoured: rejected findings are left out, corrections (e.g. a corrected accuser) are applied\n' +
        'before the corpus analysers run, and each reviewed finding carries its review.\n\n' +
        'Examples:\n' +
        '  discern report                               summary of everything in discern.db\n' +
        '  discern report --run 1 --out run-1.html      the documents of run 1 as an HTML report\n' +
        '  discern report --format json > report.json   the JSON contract, for scripts\n' +
        '  discern report --out report.jsonl            JSON Lines: one record per line, for any size',
    )
    .action(async (options: ReportOptions) => {
      checkOutPath(options.out);
      checkLlmOptions(options);
      const thresholds = parseMinScore(options.minScore);
      const store = await openExistingStore(options.db);
      const spool = new CorpusSpool();
      try {
        const scope: CorpusScope = {};
        if (options.run) {
          const runId = parsePositiveInt(options.run, '--run');
          if (!(await store.getRun(runId))) throw new DiscernError('USAGE', `there is no run ${runId} in ${describeDb(options.db ?? defaultDbLocation())}`, '--run');
          scope.runId = runId;
        }
        // corpus findings go to a spool file as each analyser produces them and stream into the report
        const corpus = await analyzeStoredCorpus(store, await loadResources(resourceOptions(options)), scope, undefined, { includeRejected: options.showRejected, sink: (found) => spool.append(found) });
        const source = storeSource(store, scope, {
          corpusFindings: [],
          thresholds,
          header: { run: options.run ? { id: Number(options.run), inputs: [] } : null, errors: [], warnings: [], analyzerFailures: corpus.failures.map((f) => ({ doc: 'corpus', ...f })) },
        }, { includeRejected: options.showRejected });
        await emitReport(await withReferenceSource({ ...source, corpusStream: () => spool.findings() }, store, options), options);
      } finally {
        spool.close();
        await store.close();
      }
    });
}
