import type { Command } from 'commander';
import { loadResources } from '../../nlp/resources.js';
import { Verifier, type VerifyResult } from '../../reference/verify.js';
import { defaultDbLocation } from '../../store/open.js';
import { addLlmOptions, llmAssistFrom, type LlmCliOptions } from '../llm.js';
import { parseLines, readLineInput } from '../json-lines.js';
import { DB_HELP, openExistingStore, parsePositiveInt, resourceOptions } from '../shared.js';

/**
 * `discern verify [FILE|-]`: each claim against the reference corpus. Input: JSON Lines
 * {"claim"} (or one claim a line); output: JSON Lines {"claim","verdict","score",
 * "explanation","evidence":[{"source","title","quote","start","end","score"}]} in order.
 */

const EXAMPLE = `
Examples:
  $ discern evidence add reports/ --issuer "Monitoring Team"
  $ echo '{"claim":"The Serin River Basin Commission was founded in 2012."}' | discern verify
  {"claim":"The Serin River Basin Commission was founded in 2012.","verdict":"contradicted","score":1,"explanation":"Contradicted: the reference gives founded in 2015, the claim says 2012 (…).","evidence":[…],"decidedBy":"date"}
  $ discern verify claims.jsonl --top 5 > verdicts.jsonl

(reports/ holding a review that says the commission was founded in 2015.)

Verdicts: supported, contradicted, not-enough-evidence. Every evidence quote is the passage's
exact text: the evidence document's text.slice(start, end). A hedged claim ("reportedly") or one
the passages only partly cover is never "supported". See docs/verification.md.`;

const LLM_HELP = `

Optional LLM assist (off unless --llm-url is given): an OpenAI-compatible endpoint proposes a
decomposition and a verdict on the same passages, in an "llm" field beside the explainable one;
quotes it makes that are not in the passages are dropped; every prompt and raw answer is stored
for audit (table llm_audit). Example:
  DISCERN_LLM_KEY=… discern verify claims.jsonl --llm-url http://127.0.0.1:11434/v1 --llm-model llama3.1`;

export interface ClaimLine {
  claim: string;
  id?: unknown;
}

/** The input's claims in order; throws INPUT_MALFORMED naming the line that is wrong. */
export function parseClaimLines(input: string, name: string): ClaimLine[] {
  return parseLines<ClaimLine>(input, name, {
    text: (claim) => ({ claim }),
    json: ({ claim, text, id }, fail) => {
      const c = typeof claim === 'string' ? claim : typeof text === 'string' ? text : null;
      if (c === null || c.trim() === '') return fail('a JSON line needs a non-empty string "claim" field');
      return id === undefined ? { claim: c } : { claim: c, id };
    },
  });
}

export function verifyLine(line: ClaimLine, r: VerifyResult): Record<string, unknown> {
  return {
    ...(line.id !== undefined ? { id: line.id } : {}),
    claim: line.claim,
    verdict: r.verdict,
    score: r.score,
    explanation: r.explanation,
    evidence: r.evidence.map((e) => ({ source: e.source, title: e.title, issuer: e.issuer, date: e.date, url: e.url, quote: e.quote, start: e.start, end: e.end, score: e.score, stance: e.stance })),
    decidedBy: r.decidedBy,
  };
}

export function registerVerifyCommand(program: Command): void {
  const command = program
    .command('verify')
    .argument('[file]', 'JSON Lines {"claim"} or one claim a line; "-" or nothing: standard input')
    .description('check claims against the reference corpus: supported, contradicted or not-enough-evidence, with the passages')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--top <k>', 'passages to quote per claim', '3')
    .option('--gazetteer <file...>', 'extra gazetteer files of actors and aliases');
  addLlmOptions(command)
    .addHelpText('after', EXAMPLE + LLM_HELP)
    .exitOverride()
    .action(async (file: string | undefined, options: { db: string; top: string; gazetteer?: string[] } & LlmCliOptions) => {
      const top = parsePositiveInt(options.top, '--top');
      const lines = await readLineInput(file, 'discern verify', 'JSON Lines', parseClaimLines);
      if (!lines) return;
      const { gazetteer } = await loadResources(resourceOptions(options));
      const store = await openExistingStore(options.db);
      try {
        const verifier = new Verifier(store.reference, gazetteer);
        const assist = llmAssistFrom(options, store.reference);
        if (!(await verifier.hasEvidence())) process.stderr.write('discern verify: the reference corpus is empty; every claim is not-enough-evidence (add documents with `discern evidence add`)\n');
        for (const line of lines) {
          const result = await verifier.verify(line.claim, { top });
          const out = verifyLine(line, result);
          // the LLM's proposal is shown beside the explainable verdict, never instead of it
          if (assist) out.llm = await assist.propose(line.claim, result.evidence);
          process.stdout.write(`${JSON.stringify(out)}\n`);
        }
      } finally {
        await store.close();
      }
    });
}
