import type { Command } from 'commander';
import { DiscernError, describeError, isDiscernError } from '../../core/errors.js';
import { parseClaimReviews } from '../../reference/factchecks/claimreview.js';
import { matcherFor, loadMatchModel } from '../../reference/factchecks/match.js';
import { matchView } from '../../reference/factchecks/match-view.js';
import { defaultDbLocation, openStore } from '../../store/open.js';
import { parseLines, readLineInput } from '../json-lines.js';
import { readTextInput } from '../read-input.js';
import { DB_HELP, EXIT, openExistingStore, parsePositiveInt } from '../shared.js';

/**
 * `discern factchecks import FILE...` reads schema.org ClaimReview records (JSON-LD: one
 * object, an array, an @graph; or JSON Lines) into the store; `discern factchecks match`
 * finds the earlier fact-checks a text repeats: JSON Lines {"id"?, "text"} → {"id","text",
 * "matches":[{"url","claimReviewed","rating","publisher","score","shared"}]}, best first.
 */



export interface TextLine {
  id: unknown;
  text: string;
}

export function parseTextLines(input: string, name: string): TextLine[] {
  return parseLines<TextLine>(input, name, {
    text: (text, index) => ({ id: index + 1, text }),
    json: ({ id, text, claim }, fail, index) => {
      const t = typeof text === 'string' ? text : typeof claim === 'string' ? claim : null;
      if (t === null || t.trim() === '') return fail('a JSON line needs a non-empty string "text" field');
      return { id: id ?? index + 1, text: t };
    },
  });
}

export function registerFactchecksCommand(program: Command): void {
  const factchecks = program.command('factchecks').description('earlier fact-checks (schema.org ClaimReview): import them, match texts against them');

  factchecks
    .command('import')
    .argument('<files...>', 'JSON-LD (an object, an array or an @graph) or JSON Lines of ClaimReview records')
    .description('import ClaimReview records (claimReviewed, reviewRating, url, author, datePublished, itemReviewed)')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .addHelpText(
      'after',
      `
Examples:
  discern factchecks import claimreviews.jsonl
  discern factchecks import page-jsonld.json aggregator-dump.json

A record without claimReviewed, or that is not a ClaimReview, is named on stderr (file and line or
item) and skipped; the others are imported. Re-importing a record (same url and claim) updates it.`,
    )
    .exitOverride()
    .action(async (files: string[], options: { db: string }) => {
      const store = await openStore(options.db);
      let failed = 0;
      try {
        for (const file of files) {
          let parsed;
          try {
            const input = await readTextInput(file, 'discern factchecks import', 'ClaimReview JSON');
            parsed = parseClaimReviews(input.text, input.name);
          } catch (error) {
            if (isDiscernError(error) && error.code === 'USAGE') throw error;
            failed++;
            process.stderr.write(`discern: ${describeError(error)}\n`);
            continue;
          }
          for (const e of parsed.errors) process.stderr.write(`discern: ${e.record}: ${e.message}\n`);
          failed += parsed.errors.length;
          const { added, updated } = await store.reference.addFactChecks(parsed.records);
          process.stdout.write(`${file}: ${added} fact-checks added, ${updated} updated, ${parsed.errors.length} skipped\n`);
        }
      } finally {
        await store.close();
      }
      process.exitCode = failed > 0 ? EXIT.SOME_INPUTS_FAILED : EXIT.OK;
    });

  factchecks
    .command('match')
    .argument('[file]', 'JSON Lines {"id"?, "text"} or one text a line; "-" or nothing: standard input')
    .description('find the imported fact-checks each text repeats, best first')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--top <k>', 'matches per text', '3')
    .option('--min-score <p>', "report matches with at least this probability (0..1; default: the model's threshold)")
    .addHelpText(
      'after',
      `
Examples:
  $ echo '{"id":1,"text":"Vaccines contain microchips to track people"}' | discern factchecks match
  {"id":1,"text":"Vaccines contain microchips to track people","matches":[{"url":"https://…","claimReviewed":"…","rating":"False","publisher":"…","datePublished":"…","score":0.94,"shared":["contain","microchips","people","track","vaccines"]}]}

(after importing a fact-check of "Vaccines contain microchips that track people", rated False.)
The score is the re-ranker's probability that the text repeats the fact-checked claim (trained
on CheckThat! 2020 task 2; see docs/verification.md).`,
    )
    .exitOverride()
    .action(async (file: string | undefined, options: { db: string; top: string; minScore: string }) => {
      const top = parsePositiveInt(options.top, '--top');
      const minScore = options.minScore === undefined ? loadMatchModel().threshold : Number(options.minScore);
      if (!(minScore >= 0 && minScore <= 1)) throw new DiscernError('USAGE', `--min-score needs a number from 0 to 1, not "${options.minScore}"`, '--min-score');
      const lines = await readLineInput(file, 'discern factchecks match', 'JSON Lines', parseTextLines);
      if (!lines) return;
      const store = await openExistingStore(options.db);
      try {
        const checks = await store.reference.listFactChecks();
        if (checks.length === 0) process.stderr.write('discern factchecks match: no fact-checks imported yet (discern factchecks import FILE); every text has no match\n');
        const matcher = checks.length > 0 ? matcherFor(checks) : null;
        for (const line of lines) {
          const matches = (matcher?.match(line.text, top, minScore) ?? []).map((m) => matchView(checks[m.index], m));
          process.stdout.write(`${JSON.stringify({ id: line.id, text: line.text, matches })}\n`);
        }
      } finally {
        await store.close();
      }
    });
}
