#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { describeError, isDiscernError } from '../core/errors.js';
import { TOOL_VERSION } from '../version.js';
import { registerAnalyzeCommand } from './commands/analyze.js';
import { registerAnalyzersCommand } from './commands/analyzers.js';
import { registerClaimsCommand } from './commands/claims.js';
import { registerExportCommand } from './commands/export.js';
import { registerEvidenceCommand } from './commands/evidence.js';
import { registerFactchecksCommand } from './commands/factchecks.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerPostsCommand } from './commands/posts.js';
import { registerReportCommand } from './commands/report.js';
import { registerReviewCommands } from './commands/review.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStanceCommand } from './commands/stance.js';
import { registerWorkerCommand } from './commands/worker.js';
import { registerVerifyCommand } from './commands/verify.js';
import { registerWatchCommand } from './commands/watch.js';
import { addExitCodesHelp } from './help.js';
import { EXIT } from './shared.js';

export function buildProgram(): Command {
  const program = new Command()
    .name('discern')
    .description('Take apart disinformation in news articles and their comment sections.\nEvery finding points at exact characters and says why.')
    .version(TOOL_VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAnalyzeCommand(program);
  registerIngestCommand(program);
  registerReportCommand(program);
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerWatchCommand(program);
  registerJobsCommand(program);
  registerClaimsCommand(program);
  registerStanceCommand(program);
  registerPostsCommand(program);
  registerReviewCommands(program);
  registerExportCommand(program);
  registerEvidenceCommand(program);
  registerVerifyCommand(program);
  registerFactchecksCommand(program);
  registerAnalyzersCommand(program);
  program.addHelpText(
    'after',
    `
Examples:
  discern analyze examples/ --out report.html   analyse the bundled examples: summary here, HTML report in report.html
  discern report --format md --out report.md    report again on what discern.db holds
  discern serve --port 0                        the web workbench on that database (prints its URL)

Docs: README.md and docs/ in the package.`,
  );
  addExitCodesHelp(program);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; real usage errors are 2.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    process.stderr.write(`discern: ${describeError(error)}\n`);
    if (isDiscernError(error) && error.code === 'USAGE') return EXIT.USAGE;
    return EXIT.FAILED;
  }
}

/** Run only as the program itself (bin symlink, tsx, node dist/…), not when a test imports buildProgram. */
function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
