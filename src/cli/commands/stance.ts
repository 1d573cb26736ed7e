import { parseLines, readLineInput } from '../json-lines.js';
import type { Command } from 'commander';
import { classifyStance, loadStanceModel, type StanceResult } from '../../corpus/narratives/stance/model.js';

/**
 * `discern stance score [FILE|-]`: the stance of each text towards its claim, so anyone can
 * measure the model on their own labelled pairs. Input: JSON Lines {"claim","text"}; output:
 * JSON Lines {"label","score"} in the same order (label: agree, disagree, discuss, unrelated).
 */

const EXAMPLE = `
Examples:
  $ echo '{"claim":"Mayor resigns after housing scandal","text":"The mayor resigned on Tuesday after weeks of pressure over the housing scandal, his office confirmed."}' | discern stance score
  {"label":"agree","score":0.785}
  $ echo '{"claim":"Mayor resigns after housing scandal","text":"Unconfirmed reports say the mayor may resign over the housing scandal, sources claimed."}' | discern stance score
  {"label":"discuss","score":0.855}
  $ echo '{"claim":"Mayor resigns after housing scandal","text":"The football club announced a new coach after a disappointing season."}' | discern stance score
  {"label":"unrelated","score":0.973}
  $ discern stance score pairs.jsonl > stances.jsonl

Labels follow FNC-1: agree, disagree, discuss (reports without taking sides), unrelated.
The score is the calibrated probability that the label is right (Platt-scaled on held-out
FNC-1 stories): about 8 in 10 labels scored 0.8 are right there.
The model is trained on FNC-1 (news headlines vs article bodies); disagree is its weakest
label (F1 0.08 on held-out FNC-1 stories, as for most FNC-1 systems): a denial is often
labelled agree or discuss. See docs/accuracy.md and docs/analysers/narratives.md.`;

export interface StancePair {
  claim: string;
  text: string;
}

/** The input's pairs, in order; throws INPUT_MALFORMED naming the line that is wrong. */
export function parsePairs(input: string, name: string): StancePair[] {
  return parseLines<StancePair>(input, name, {
    json: ({ claim, text }, fail) =>
      typeof claim === 'string' && typeof text === 'string' ? { claim, text } : fail('each line needs string "claim" and "text" fields'),
  });
}

export function scorePairs(pairs: StancePair[]): StanceResult[] {
  const model = loadStanceModel();
  return pairs.map((p) => classifyStance(p.claim, p.text, model));
}


export function registerStanceCommand(program: Command): void {
  const stance = program.command('stance').description('Stance of a text towards a claim (agree, disagree, discuss, unrelated)');
  stance
    .command('score')
    .argument('[file]', 'JSON Lines {"claim","text"}; "-" or nothing: standard input')
    .description('Classify the stance of each text towards its claim and write JSON Lines {"label","score"} in the same order')
    .addHelpText('after', EXAMPLE)
    .exitOverride()
    .action(async (file: string | undefined) => {
      const pairs = await readLineInput(file, 'discern stance score', 'JSON Lines', parsePairs);
      if (!pairs) return;
      const lines = scorePairs(pairs).map((r) => JSON.stringify({ label: r.label, score: r.score }));
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    });
}
