import type { AnalysedDocument } from '../analysers/analyzer.js';
import { clipText } from '../core/clip.js';
import type { Finding, FindingDraft } from '../core/types.js';
import type { Gazetteer } from '../nlp/entities/gazetteer.js';
import { stampFindings } from '../pipeline/stamp.js';
import type { FactCheck, ReferenceIndex } from '../store/reference.js';
import { matcherFor, type FactCheckMatcher } from './factchecks/match.js';
import { sharedPhrase } from './factchecks/match-view.js';
import { groupReviews } from '../review/state.js';
import { COMPUTED_KINDS, type Review } from '../review/types.js';
import type { LlmAssist, LlmProposal } from './llm/assist.js';
import { factCheckFindingId, factCheckPart, parseReferenceId, verificationFindingId } from './reference-ids.js';
import { Verifier, type EvidenceQuote, type Verdict } from './verify.js';

/**
 * The reference stage: each stored claim finding checked against the reference index
 * (verdicts, kind `verification`) and against earlier fact-checks (kind `fact-check`).
 * It runs at `analyze`, `report` and API time, after the corpus analysers, and its findings
 * are never stored with the document: the reference corpus changes independently of the
 * articles, so a stored verdict would go stale the moment evidence is added or removed.
 * Asynchronous because it reads the store (full-text search over passages).
 */

export const referenceStage = {
  scope: 'reference' as const,
  name: 'verification',
  version: '1.0.0',
  kinds: COMPUTED_KINDS,
  reads: ['claim'],
  description: 'check-worthy claims against the reference corpus (supported / contradicted / not-enough-evidence, with the passages) and earlier fact-checks (ClaimReview)',
};
export const REFERENCE_PRODUCER = `${referenceStage.name}@${referenceStage.version}`;

export interface VerificationData extends Record<string, unknown> {
  verdict: Verdict;
  decidedBy: string;
  evidence: EvidenceQuote[];
  /** the part of the claim a conflict is about, in document offsets */
  claimFocus: { start: number; end: number } | null;
  /** the optional LLM assist's proposal on the same passages, beside the verdict (never instead) */
  llm?: LlmProposal;
}

export interface FactCheckData extends Record<string, unknown> {
  url: string | null;
  claimReviewed: string;
  rating: string | null;
  publisher: string | null;
  datePublished: string | null;
  similarity: number;
  /** content words the claim and the fact-check share, rarest first */
  shared: string[];
  /** the recorded appearance of the checked claim this one is worded like, when the match rests on it */
  appearance?: string;
}

export interface ReferenceStageOptions {
  /** fact-check matches reported per claim (default 3) */
  factCheckTop?: number;
  /** the optional LLM assist (off unless the user configured an endpoint) */
  llm?: LlmAssist | null;
  /**
   * The analysts' reviews: a confirmed fact-check match makes its claim's wording a recorded
   * appearance of that fact-check, so the same claim worded alike elsewhere is matched through it.
   */
  reviews?: () => Promise<Review[]>;
}

export class ReferenceStage {
  private matcher: FactCheckMatcher | null = null;
  private factChecks: FactCheck[] = [];
  private readonly verifier: Verifier;
  private loaded = false;

  constructor(
    private readonly reference: ReferenceIndex,
    gazetteer: Gazetteer,
    private readonly options: ReferenceStageOptions = {},
  ) {
    this.verifier = new Verifier(reference, gazetteer);
  }

  /** true when there is anything to check against (evidence or fact-checks) */
  async active(): Promise<boolean> {
    await this.load();
    return (await this.verifier.hasEvidence()) || this.factChecks.length > 0;
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.factChecks = await this.reference.listFactChecks();
    if (this.factChecks.length > 0) this.matcher = matcherFor(this.factChecks, undefined, await this.confirmedAppearances());
    this.loaded = true;
  }

  /** Per fact-check, the claims analysts confirmed as matching it (their quotes), oldest first. */
  private async confirmedAppearances(): Promise<string[][]> {
    const out: string[][] = this.factChecks.map(() => []);
    if (!this.options.reviews) return out;
    const byPart = new Map(this.factChecks.map((f, i) => [factCheckPart(f.id), i]));
    const reviews = (await this.options.reviews()).filter((r) => r.target.kind === 'fact-check');
    for (const { target, state } of groupReviews(reviews)) {
      if (state.status !== 'confirmed') continue;
      const id = [...state.history].reverse().find((r) => r.findingId)?.findingId;
      const index = id ? byPart.get(parseReferenceId(id)?.part ?? '') : undefined;
      if (index !== undefined && !out[index].includes(target.quote)) out[index].push(target.quote);
    }
    return out;
  }

  /** Verdicts and fact-check matches for the document's claim findings. */
  async findingsFor(analysed: AnalysedDocument): Promise<Finding[]> {
    if (!(await this.active())) return [];
    const drafts: FindingDraft[] = [];
    /** per draft, its id: named after the claim it sits on (reference-ids.ts) */
    const ids = new Map<FindingDraft, string>();
    const evidence = await this.verifier.hasEvidence();
    for (const claim of analysed.findings.filter((f) => f.kind === 'claim')) {
      if (evidence) {
        const r = await this.verifier.verify(claim.quote);
        const llm = this.options.llm ? await this.options.llm.proposeOnce(claim.quote, r.evidence) : null;
        const draft: FindingDraft = {
          kind: 'verification',
          label: r.verdict,
          start: claim.start,
          end: claim.end,
          score: r.score,
          explanation: r.explanation,
          data: {
            verdict: r.verdict,
            decidedBy: r.decidedBy,
            evidence: r.evidence,
            claimFocus: r.claimFocus ? { start: claim.start + r.claimFocus.start, end: claim.start + r.claimFocus.end } : null,
            ...(llm ? { llm } : {}),
          } satisfies VerificationData,
        };
        drafts.push(draft);
        ids.set(draft, verificationFindingId(claim.id));
      }
      if (this.matcher) {
        for (const m of this.matcher.match(claim.quote, this.options.factCheckTop ?? 3)) {
          const f = this.factChecks[m.index];
          const similarity = Math.round(m.score * 1000) / 1000;
          const draft: FindingDraft = {
            kind: 'fact-check',
            label: f.rating ?? 'fact-checked',
            start: claim.start,
            end: claim.end,
            score: similarity,
            explanation: `Already fact-checked${f.publisher ? ` by ${f.publisher}` : ''}${f.rating ? ` (rated "${f.rating}")` : ''}: "${f.claimReviewed}" — ${m.appearance ? `worded like a recorded appearance of that claim ("${clipText(m.appearance, 120)}"); ` : ''}both name ${sharedPhrase(m.shared)}; match probability ${similarity.toFixed(2)}.`,
            data: { url: f.url, claimReviewed: f.claimReviewed, rating: f.rating, publisher: f.publisher, datePublished: f.datePublished, similarity, shared: m.shared, ...(m.appearance ? { appearance: m.appearance } : {}) } satisfies FactCheckData,
          };
          drafts.push(draft);
          ids.set(draft, factCheckFindingId(claim.id, f.id));
        }
      }
    }
    // not the usual id (document, producer, kind, label, span): several fact-checks often share
    // a rating on one claim, and a review must find a computed finding again from its id alone
    return stampFindings(analysed.doc, REFERENCE_PRODUCER, drafts).map((finding, i) => ({ ...finding, id: ids.get(drafts[i]) ?? finding.id }));
  }

  /** The documents with their reference findings added (the input is not changed). */
  async addTo(documents: AnalysedDocument[]): Promise<AnalysedDocument[]> {
    if (!(await this.active())) return documents;
    const out: AnalysedDocument[] = [];
    for (const d of documents) out.push({ doc: d.doc, findings: [...d.findings, ...(await this.findingsFor(d))] });
    return out;
  }
}

