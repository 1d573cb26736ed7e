import type { LlmAuditEntry, ReferenceIndex } from '../../store/reference.js';
import type { EvidenceQuote, Verdict } from '../verify.js';
import type { LlmAnswer, LlmBackend, LlmRequest } from './backend.js';

/**
 * The optional LLM assist: proposes a decomposition of a claim and a verdict on the passages
 * the explainable checks retrieved, shown BESIDE the explainable verdict, never replacing it.
 * Its verdict must quote the passages it was given: a quote that is not an exact substring of
 * one of them is dropped, and a verdict other than not-enough-evidence without any valid quote
 * is marked malformed. Every call — prompt and raw answer — is written to the audit table.
 */

export interface LlmQuote {
  /** evidence document id */
  source: string;
  /** document offsets: the evidence text.slice(start, end) === quote */
  start: number;
  end: number;
  quote: string;
}

export interface LlmProposal {
  status: LlmAuditEntry['status'];
  model: string;
  verdict: Verdict | null;
  explanation: string | null;
  quotes: LlmQuote[];
  subclaims: string[];
  /** ids of the audit rows of this proposal's calls */
  audit: number[];
  reason: string | null;
}

const VERDICTS: readonly Verdict[] = ['supported', 'contradicted', 'not-enough-evidence'];

const VERDICT_SYSTEM = `You check a claim against passages from documents the user trusts. Use ONLY the passages.
Answer with one JSON object and nothing else:
{"verdict": "supported" | "contradicted" | "not-enough-evidence", "explanation": "one sentence", "quotes": ["exact words copied from the passages"]}
A hedged or only partly covered claim is "not-enough-evidence". Every quote must be copied exactly from a passage.`;

const DECOMPOSE_SYSTEM = `Split the claim into the separate factual statements it makes (who, what, when, where, how many).
Answer with one JSON object and nothing else: {"subclaims": ["...", "..."]}`;

/** The first JSON object in a model's text (code fences and chatter around it ignored). */
export function extractJson(text: string): Record<string, unknown> | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const value = JSON.parse(text.slice(start, end + 1)) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** proposals remembered per process, so a report or a server asks once per claim and passages */
const REMEMBERED = 2000;

export class LlmAssist {
  private readonly remembered = new Map<string, LlmProposal>();

  constructor(
    private readonly backend: LlmBackend,
    private readonly audit: ReferenceIndex,
  ) {}

  private async call(request: LlmRequest): Promise<{ answer: LlmAnswer; id: number }> {
    const answer = await this.backend.complete(request);
    const id = await this.audit.recordLlmCall({
      endpoint: this.backend.endpoint,
      model: this.backend.model,
      purpose: request.purpose,
      prompt: `${request.system}\n\n${request.user}`,
      response: answer.raw,
      status: answer.status,
      tokens: answer.tokens,
    });
    return { answer, id };
  }

  /**
   * propose(), asked once per claim text and passage set for the life of this assist: reports
   * and document views recompute verdicts on every read, and each call costs tokens. Answers
   * that failed for a passing reason (timeout, budget, network) are not remembered.
   */
  async proposeOnce(claim: string, passages: EvidenceQuote[]): Promise<LlmProposal> {
    const key = `${claim}\u0000${passages.map((p) => `${p.source}:${p.start}-${p.end}`).join(',')}`;
    const known = this.remembered.get(key);
    if (known) return known;
    const proposal = await this.propose(claim, passages);
    if (proposal.status === 'ok' || proposal.status === 'malformed' || proposal.status === 'refused') {
      if (this.remembered.size >= REMEMBERED) this.remembered.delete(this.remembered.keys().next().value as string);
      this.remembered.set(key, proposal);
    }
    return proposal;
  }

  async propose(claim: string, passages: EvidenceQuote[]): Promise<LlmProposal> {
    const proposal: LlmProposal = { status: 'ok', model: this.backend.model, verdict: null, explanation: null, quotes: [], subclaims: [], audit: [], reason: null };
    const decomposition = await this.call({ purpose: 'decomposition', system: DECOMPOSE_SYSTEM, user: `Claim: ${claim}`, maxTokens: 300 });
    proposal.audit.push(decomposition.id);
    if (decomposition.answer.status === 'ok') {
      const parsed = extractJson(decomposition.answer.text ?? '');
      const list = parsed?.subclaims;
      if (Array.isArray(list)) proposal.subclaims = list.filter((s): s is string => typeof s === 'string' && s.trim() !== '').slice(0, 10);
    }
    if (passages.length === 0) {
      proposal.status = 'ok';
      proposal.verdict = 'not-enough-evidence';
      proposal.explanation = 'No passage was retrieved, so the model was not asked for a verdict.';
      return proposal;
    }
    const numbered = passages.map((p, i) => `[${i + 1}] (${p.title ?? p.source}) ${p.quote}`).join('\n');
    const verdict = await this.call({ purpose: 'verdict', system: VERDICT_SYSTEM, user: `Claim: ${claim}\n\nPassages:\n${numbered}`, maxTokens: 400 });
    proposal.audit.push(verdict.id);
    if (verdict.answer.status !== 'ok') {
      proposal.status = verdict.answer.status;
      proposal.reason = verdict.answer.reason;
      return proposal;
    }
    const parsed = extractJson(verdict.answer.text ?? '');
    const v = parsed?.verdict;
    if (!parsed || typeof v !== 'string' || !VERDICTS.includes(v as Verdict)) {
      proposal.status = /\b(?:can(?:no|')t|unable to|won't|will not) (?:help|assist|comply|answer)/i.test(verdict.answer.text ?? '') ? 'refused' : 'malformed';
      proposal.reason = proposal.status === 'refused' ? 'the model declined to answer' : 'the answer is not the JSON verdict asked for';
      return proposal;
    }
    proposal.verdict = v as Verdict;
    proposal.explanation = typeof parsed.explanation === 'string' ? parsed.explanation : null;
    const quotes = Array.isArray(parsed.quotes) ? parsed.quotes.filter((q): q is string => typeof q === 'string' && q.trim().length >= 3) : [];
    for (const q of quotes) {
      const text = q.trim();
      const p = passages.find((x) => x.quote.includes(text));
      if (!p) continue;
      const at = p.start + p.quote.indexOf(text);
      proposal.quotes.push({ source: p.source, start: at, end: at + text.length, quote: text });
    }
    if (proposal.verdict !== 'not-enough-evidence' && proposal.quotes.length === 0) {
      proposal.status = 'malformed';
      proposal.reason = 'the verdict quotes nothing from the passages it was given';
    }
    return proposal;
  }
}
