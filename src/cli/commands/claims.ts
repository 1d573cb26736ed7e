import { parseLines, readLineInput } from '../json-lines.js';
import type { Command } from 'commander';
import { findAttributions, newMemory } from '../../analysers/claims/attribution.js';
import { claimType } from '../../analysers/claims/claim-type.js';
import { extractDates } from '../../analysers/claims/dates.js';
import { loadClaimLexicons } from '../../analysers/claims/lexicons.js';
import { decisionThreshold, loadClaimModel, scoreInContext, scoreSentence } from '../../analysers/claims/model.js';
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

const example = (): string => `
Examples:
  $ printf 'Unemployment rose 4 percent in 2023.\\nThank you all for coming.\\n' | discern claims score
  {"text":"Unemployment rose 4 percent in 2023.","score":0.998,"label":"statistic"}
  {"text":"Thank you all for coming.","score":0.015,"label":"not-check-worthy"}
  $ discern claims score sentences.jsonl > scored.jsonl     # lines like {"text": "…", "id": 7}
  $ discern claims score --in-context sentences.jsonl        # the lines are one text, in order

A score of ${decisionThreshold()} or more (the model's decision threshold, chosen out of fold;
docs/thresholds.md) means check-worthy; the label is then the claim type (statistic, event,
attribution, causal, prediction, other-factual). Each line is scored alone
unless --in-context: then the lines are consecutive sentences of one text and each score is
moved by its neighbours, as the analyser does for an article's sentences.`;

/** The input's sentences, in order; throws INPUT_MALFORMED naming the line that is wrong. */
export function parseSentences(input: string, name: string): string[] {
  return parseLines<string>(input, name, {
    text: (line) => line,
    json: ({ text }, fail) => (typeof text === 'string' ? text : fail('a JSON line needs a string "text" field')),
  });
}

/** Scores lines alone, or (`inContext`) as consecutive sentences of one text. */
export function scoreLines(texts: readonly string[], inContext = false): ScoredLine[] {
  const model = loadClaimModel();
  const alone = texts.map((text) => scoreSentence(text, model));
  const scores = inContext ? scoreInContext(alone, model) : alone;
  return texts.map((text, i) => scoreText(text, scores[i]));
}

export function scoreText(text: string, probability = scoreSentence(text, loadClaimModel())): ScoredLine {
  const score = Math.round(probability * 10000) / 10000;
  if (score < decisionThreshold()) return { text, score, label: 'not-check-worthy' };
  const attributions = findAttributions(text, { start: 0, end: text.length }, [], loadClaimLexicons(), newMemory());
  const reported = attributions.some((a) => a.label !== 'vague' && a.label !== 'document' && a.speechKind !== null && a.speechKind !== 'suggest');
  return { text, score, label: claimType({ text, numbers: extractNumbers(text), dates: extractDates(text), reported }) };
}


export function registerClaimsCommand(program: Command): void {
  const claims = program.command('claims').description('Check-worthy claims: score sentences with the trained model');
  claims
    .command('score')
    .argument('[file]', 'sentences, one a line, or JSON Lines with a "text" field; "-" or nothing: standard input')
    .description('Score sentences for check-worthiness (0..1) and write JSON Lines {"text","score","label"} in the same order')
    .option('--in-context', 'the lines are consecutive sentences of one text: neighbours move each score (as in `analyze`)')
    .addHelpText('after', example)
    .exitOverride()
    .action(async (file: string | undefined, options: { inContext?: boolean }) => {
      // unreadable or malformed input: named on stderr, exit 1, nothing written
      const sentences = await readLineInput(file, 'discern claims score', 'sentences', parseSentences);
      if (!sentences) return;
      const lines = scoreLines(sentences, options.inContext === true).map((row) => JSON.stringify(row));
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    });
}
