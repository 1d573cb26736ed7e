import type { Command } from 'commander';
import { EXIT } from './shared.js';

/**
 * The exit codes, printed at the end of the main help and of every command's help, from
 * one table, so a script author reads the same meanings everywhere. What 1 means depends on
 * the command (which inputs may fail one by one); 0, 2 and 3 mean the same everywhere.
 */

const USAGE_MEANING = 'usage error, nothing done: a wrong option or argument (a value without its unit,\n     a --db file that does not exist, an --out folder that is missing or read-only, …)';
const FAILED_MEANING = 'nothing could be done: the database cannot be opened or is not a Discern database,\n     PostgreSQL cannot be reached, a gazetteer file is broken, no watched source could be\n     polled, or an unexpected error (see stderr)';

/** What exit code 1 means per command (full command path); commands not listed never exit 1. */
const PARTIAL_FAILURE: Record<string, string> = {
  analyze: 'some inputs failed (each named on stderr with its reason; the others are stored and reported)',
  ingest: 'some inputs failed (each named on stderr with its reason; the others are stored or queued)',
  'evidence add': 'some inputs failed (each named on stderr; the others are indexed)',
  'evidence remove': 'some ids matched no reference document (each named on stderr; the others were removed)',
  'factchecks import': 'some records or files failed (each named on stderr; the others are imported)',
  'factchecks match': 'the input could not be read or a line is malformed (named on stderr; nothing written)',
  'claims score': 'the input could not be read or a line is malformed (named on stderr; nothing written)',
  'stance score': 'the input could not be read or a line is malformed (named on stderr; nothing written)',
  verify: 'the input could not be read or a line is malformed (named on stderr; nothing written)',
  watch: 'with --once: some sources or articles failed (each named on stderr; the others are stored)',
};

export function exitCodesHelp(path: string | null): string {
  const one = path === null ? 'some inputs failed, the others were done (what counts as an input: see each command\'s help)' : PARTIAL_FAILURE[path];
  const lines = [
    'Exit codes:',
    `  ${EXIT.OK}  success${path === null ? '' : ' (everything asked was done)'}`,
    ...(one ? [`  ${EXIT.SOME_INPUTS_FAILED}  ${one}`] : []),
    `  ${EXIT.USAGE}  ${USAGE_MEANING}`,
    `  ${EXIT.FAILED}  ${FAILED_MEANING}`,
  ];
  return `\n${lines.join('\n')}`;
}

/** The command's path below the program: "analyze", "evidence add". */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Appends the exit codes to the program's help and to every runnable command's (leaf) help. */
export function addExitCodesHelp(program: Command): void {
  program.addHelpText('after', exitCodesHelp(null));
  const visit = (command: Command) => {
    const runnable = command.commands.filter((c) => c.name() !== 'help');
    command.addHelpText('after', exitCodesHelp(runnable.length === 0 ? commandPath(command) : null));
    for (const sub of runnable) visit(sub);
  };
  for (const command of program.commands) visit(command);
}
