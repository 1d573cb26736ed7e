import type { Command } from 'commander';
import { corpusAnalyzers, documentAnalyzers } from '../../analysers/index.js';

export function registerAnalyzersCommand(program: Command): void {
  program
    .command('analyzers')
    .description('list the analysers, their versions and the finding kinds they produce')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  discern analyzers\n  discern analyzers --json > analyzers.json')
    .action((options: { json?: boolean }) => {
      const all = [...documentAnalyzers, ...corpusAnalyzers].map((a) => ({ name: a.name, version: a.version, scope: a.scope, kinds: a.kinds, description: a.description }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        return;
      }
      for (const a of all) process.stdout.write(`${a.name}@${a.version}  [${a.scope}] ${a.kinds.join(', ')}\n    ${a.description}\n`);
    });
}
