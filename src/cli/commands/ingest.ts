import type { Command } from 'commander';
import { EXIT } from '../shared.js';
import { addIngestOptions, runFromCli } from './analyze.js';

export function registerIngestCommand(program: Command): void {
  const command = program
    .command('ingest')
    .description('read inputs into the database and run the document analysers, without a report')
    .argument('<inputs...>', 'files, folders (recursive), http(s) URLs, or - for standard input')
    .option('--json', 'print the outcome as JSON (run id, documents, errors)');
  addIngestOptions(command)
    .addHelpText('after', '\nThen: discern report --db <file> --out report.html\nExit codes: 0 all stored, 1 some inputs failed, 2 usage error.')
    .action(async (inputs: string[], options: { json?: boolean; db?: string }) => {
      const result = await runFromCli('ingest', inputs, options, undefined, true);
      const summary = {
        run: result.runId,
        db: options.db,
        documents: result.documents.map((d) => ({ id: d.id, path: d.path })),
        ...result.stats,
        errors: result.errors,
        warnings: result.warnings,
      };
      for (const w of result.warnings) process.stderr.write(`discern: warning: ${w.input}: ${w.message}\n`);
      if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(`Stored ${result.documents.length} documents in ${options.db} (run ${result.runId}): ${result.stats.created} new, ${result.stats.updated} re-analysed, ${result.stats.unchanged} unchanged.\n`);
        for (const e of result.errors) process.stdout.write(`  failed: ${e.input}: ${e.message}\n`);
      }
      process.exitCode = result.errors.length > 0 ? EXIT.SOME_INPUTS_FAILED : EXIT.OK;
    });
}
