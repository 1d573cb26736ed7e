import { readTextInput } from '../read-input.js';
import type { Command } from 'commander';
import { DiscernError, describeError, isDiscernError } from '../../core/errors.js';
import { CHECKWORTHY_THRESHOLD } from '../../analysers/claims.js';
import { findAttributions, newMemory } from '../../analysers/claims/attribution.js';
import { claimType } from '../../analysers/claims/claim-type.js';
import { extractDates } from '../../analysers/claims/dates.js';
import { loadClaimLexicons } from '../../analysers/claims/lexicons.js';
import { loadClaimModel, scoreSentence } from '../../analysers/claims/model.js';
import { extractNumbers } from '../../analysers/claims/numbers.js';

/**
 * `discern claims score [FILE|-]`: the check-worthiness model on your own sentences, so anyone
 * can measure it on their labelled data. Input: one sentence a line, or JSON Lines with a
 * "text" field (decided per line: a line starting with "{" is JSON). Output: JSON Lines
 * {"text","score","label"} in input order; blank lines are skipped.
 */

export interface ScoredLine {
  text: string;
  score: number;
  label: string;
}

const EXAMPLE = `
Examples:
  $ printf 'Unemployment rose 4 percent in 2023.\\nThank you all for coming.\\n' | discern claims score
  {"text":"Unemployment rose 4 percent in 2023.","score":0.998,"label":"statistic"}
  {"text":"Thank you all for coming.","score":0.015,"label":"not-check-worthy"}
  $ discern claims score sentences.jsonl > scored.jsonl     # lines like {"text": "…", "id": 7}

A score of 0.5 or more means check-worthy; the label is then the claim type
(statistic, event, attribution, causal, prediction, other-factual).`;

/** The input's sentences, in order; throws INPUT_MALFORMED naming the line that is wrong. */
export function parseSentences(input: string, name: string): string[] {
  const sentences: string[] = [];
  input.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (!trimmed.startsWith('{')) {
      sentences.push(trimmed);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new DiscernError('INPUT_MALFORMED', `line ${i + 1} starts with "{" but is not valid JSON`, name);
    }
    const text = (value as { text?: unknown }).text;
    if (typeof text !== 'string') throw new DiscernError('INPUT_MALFORMED', `line ${i + 1}: a JSON line needs a string "text" field`, name);
    sentences.push(text);
  });
  return sentences;
}

export function scoreText(text: string): ScoredLine {
  const score = Math.round(scoreSentence(text, loadClaimModel()) * 10000) / 10000;
  if (score < CHECKWORTHY_THRESHOLD) return { text, score, label: 'not-check-worthy' };
  const attributions = findAttributions(text, { start: 0, end: text.length }, [], loadClaimLexicons(), newMemory());
  const reported = attributions.some((a) => a.label !== 'vague' && a.label !== 'document' && a.speechKind !== null && a.speechKind !== 'suggest');
  return { text, score, label: claimType({ text, numbers: extractNumbers(text), dates: extractDates(text), reported }) };
}

function readInput(file: string | undefined): Promise<{ text: string; name: string }> {
  return readTextInput(file, 'discern claims score', 'sentences');
}

export function registerClaimsCommand(program: Command): void {
  const claims = program.command('claims').description('Check-worthy claims: score sentences with the trained model');
  claims
    .command('score')
    .argument('[file]', 'sentences, one a line, or JSON Lines with a "text" field; "-" or nothing: standard input')
    .description('Score sentences for check-worthiness (0..1) and write JSON Lines {"text","score","label"} in the same order')
    .addHelpText('after', EXAMPLE)
    .exitOverride()
    .action(async (file: string | undefined) => {
      let input: { text: string; name: string };
      let sentences: string[];
      try {
        input = await readInput(file);
        sentences = parseSentences(input.text, input.name);
      } catch (error) {
        if (isDiscernError(error) && error.code === 'USAGE') throw error;
        // unreadable or malformed input: say which, exit 1, write nothing
        process.stderr.write(`discern claims score: ${describeError(error)}\n`);
        process.exitCode = 1;
        return;
      }
      const lines = sentences.map((text) => JSON.stringify(scoreText(text)));
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    });
}
