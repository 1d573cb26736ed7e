import { maxOf } from '../core/arrays.js';
import type { Span } from '../core/types.js';
import type { Gazetteer } from '../nlp/entities/gazetteer.js';
import type { EvidenceSummary, PassageHit, ReferenceIndex } from '../store/reference.js';
import { assess, type Assessment, type CheckKind } from './checks.js';
import { aliasesOf } from './evidence/passages.js';
import { claimCore, queryTerms, textFacts, type TextFacts } from './facts.js';
import { claimLeaning, scorePair } from './model/verdict-model.js';

/**
 * A claim against the reference corpus: retrieve candidate passages (the backend's full-text
 * ranking over words and entity aliases), re-rank them by the explainable checks (shared
 * words, actors, numbers, dates), and give a verdict that quotes the passages it rests on.
 * No passage, no verdict: without one the answer is `not-enough-evidence`, saying why.
 */

export type Verdict = 'supported' | 'contradicted' | 'not-enough-evidence';

export interface EvidenceQuote {
  /** evidence document id */
  source: string;
  title: string | null;
  issuer: string | null;
  date: string | null;
  url: string | null;
  /** offsets of the passage in the evidence document's text; quote = text.slice(start, end) */
  start: number;
  end: number;
  quote: string;
  /** 0..1: retrieval and check score */
  score: number;
  stance: Assessment['stance'];
  /** the part of the passage the verdict points at (a conflicting number, a date), in document offsets */
  focus: Span | null;
  /** the trained model's probabilities that the passage supports / refutes the claim (shown, never decisive) */
  model: { supports: number; refutes: number };
}

export interface VerifyResult {
  claim: string;
  verdict: Verdict;
  score: number;
  explanation: string;
  evidence: EvidenceQuote[];
  /** which check decided, for filters and audits */
  decidedBy: CheckKind | 'agreement' | 'hedge' | 'partial' | 'no-evidence' | 'empty-reference';
  /** the claim span the conflict is about, offsets into the claim */
  claimFocus: Span | null;
}

export interface VerifyOptions {
  /** passages to quote (default 3) */
  top?: number;
  /** candidates to fetch from full text before re-ranking (default 30) */
  candidates?: number;
}

interface Ranked {
  hit: PassageHit;
  facts: TextFacts;
  assessment: Assessment;
  score: number;
  model: { supports: number; refutes: number };
}

export class Verifier {
  private readonly meta = new Map<string, EvidenceSummary | null>();
  private passageCount: number | null = null;

  constructor(
    private readonly reference: ReferenceIndex,
    private readonly gazetteer: Gazetteer,
  ) {}

  async hasEvidence(): Promise<boolean> {
    this.passageCount ??= await this.reference.countPassages();
    return this.passageCount > 0;
  }

  async verify(claim: string, options: VerifyOptions = {}): Promise<VerifyResult> {
    const top = options.top ?? 3;
    const text = claim.trim();
    if (!(await this.hasEvidence())) {
      return noVerdict(claim, 'the reference corpus is empty: add trusted documents with `discern evidence add`', 'empty-reference');
    }
    // a reported claim is checked on what it reports, not on who reported it or where
    const core = claimCore(text);
    const lead0 = claim.indexOf(text) + core.start;
    const facts = textFacts(text.slice(core.start, core.end), this.gazetteer, 'claim');
    if (facts.stemSet.size === 0) return noVerdict(claim, 'the claim has no content words to look up', 'no-evidence');
    const hits = await this.reference.searchPassages(queryTerms(facts, (c) => aliasesOf(c, this.gazetteer)), options.candidates ?? 30);
    if (hits.length === 0) return noVerdict(claim, 'no passage in the reference corpus shares a word or an actor with the claim', 'no-evidence');
    const maxLexical = maxOf(hits.map((h) => h.lexical));
    const ranked: Ranked[] = hits
      .map((hit) => {
        const passageFacts = textFacts(hit.text, this.gazetteer, 'passage');
        const assessment = assess(facts, passageFacts);
        const model = scorePair(facts, passageFacts, assessment);
        return { hit, facts: passageFacts, assessment, model, score: 0.35 * (hit.lexical / maxLexical) + 0.65 * assessment.relevance };
      })
      .sort((a, b) => b.score - a.score || a.hit.id - b.hit.id);

    const conflicting = ranked.filter((r) => r.assessment.stance === 'contradicts').sort((a, b) => b.assessment.relevance - a.assessment.relevance)[0];
    const supporting = ranked.filter((r) => r.assessment.stance === 'supports').sort((a, b) => b.assessment.relevance - a.assessment.relevance)[0];
    const lead = conflicting ?? supporting ?? ranked[0];
    // the passage the verdict rests on first, then one that disagrees with it, then the best others
    const other = conflicting && supporting ? supporting : undefined;
    const shown = [lead, ...(other ? [other] : []), ...ranked.filter((r) => r !== lead && r !== other)].slice(0, Math.max(top, other ? 2 : 1));
    const evidence = await Promise.all(shown.map((r) => this.quote(r, r === lead)));
    const cite = citation(evidence[0]);

    if (conflicting) {
      const c = conflicting.assessment.conflicts[0];
      return {
        claim,
        verdict: 'contradicted',
        score: round(0.5 + 0.5 * conflicting.assessment.relevance),
        explanation: `Contradicted: ${c.reason} (${cite})${supporting ? `; another passage agrees (${citation(evidence.find((e) => e.stance === 'supports'))}), so the sources disagree` : ''}.`,
        evidence,
        decidedBy: c.kind,
        claimFocus: { start: lead0 + c.claim.start, end: lead0 + c.claim.end },
      };
    }
    if (supporting) {
      const a = supporting.assessment;
      const agreed = a.agreements.length > 0 ? ` (${a.agreements.slice(0, 4).join(', ')})` : '';
      if (a.claimHedge) {
        return { claim, verdict: 'not-enough-evidence', score: round(a.relevance * 0.5), explanation: `The reference agrees${agreed} (${cite}), but the claim is hedged ("${a.claimHedge}"), so it is not marked supported.`, evidence, decidedBy: 'hedge', claimFocus: null };
      }
      if (a.passageHedge) {
        return { claim, verdict: 'not-enough-evidence', score: round(a.relevance * 0.5), explanation: `The passage only reports it as unconfirmed ("${a.passageHedge}") (${cite}), so the claim is not marked supported.`, evidence, decidedBy: 'hedge', claimFocus: null };
      }
      return {
        claim,
        verdict: 'supported',
        score: round(0.5 + 0.5 * a.relevance),
        explanation: `Supported: the reference states the same${agreed} (${cite}).`,
        evidence,
        decidedBy: 'agreement',
        claimFocus: null,
      };
    }
    const a = lead.assessment;
    const why =
      a.missing.length > 0
        ? `the closest passage (${cite}) does not give ${a.missing.slice(0, 4).map((m) => `"${m}"`).join(', ')}`
        : `the closest passage (${cite}) shares only ${Math.round(a.coverage * 100)} % of the claim's words`;
    // the trained model may lean one way; it is said, never turned into a verdict
    const leaning = claimLeaning(ranked.slice(0, top).filter((r) => r.assessment.relevance >= 0.3).map((r) => r.model));
    const lean = leaning === 'NOT_ENOUGH_INFO' ? '' : `; the trained model leans to ${leaning === 'REFUTES' ? 'refuted' : 'supported'}, but no explainable check confirms it`;
    return { claim, verdict: 'not-enough-evidence', score: round(Math.max(0, 0.5 - 0.5 * a.relevance)), explanation: `Not enough evidence: ${why}${lean}.`, evidence, decidedBy: 'partial', claimFocus: null };
  }

  private async quote(r: Ranked, lead: boolean): Promise<EvidenceQuote> {
    const meta = await this.metaOf(r.hit.doc);
    const c = lead ? r.assessment.conflicts[0] : undefined;
    return {
      source: r.hit.doc,
      title: meta?.title ?? meta?.origin ?? null,
      issuer: meta?.issuer ?? null,
      date: meta?.publishedAt ?? null,
      url: meta?.url ?? null,
      start: r.hit.start,
      end: r.hit.end,
      quote: r.hit.text,
      score: round(r.score),
      stance: r.assessment.stance,
      focus: c ? { start: r.hit.start + c.passage.start, end: r.hit.start + c.passage.end } : null,
      model: { supports: round(r.model.supports), refutes: round(r.model.refutes) },
    };
  }

  private async metaOf(doc: string): Promise<EvidenceSummary | null> {
    if (!this.meta.has(doc)) {
      const found = await this.reference.getEvidence(doc);
      if (found) {
        const { text, ...summary } = found;
        void text; // the summary is cached, not the whole text
        this.meta.set(doc, summary);
      } else this.meta.set(doc, null);
    }
    return this.meta.get(doc) ?? null;
  }
}

function citation(e: EvidenceQuote | undefined): string {
  if (!e) return 'no passage';
  const who = [e.issuer, e.title].filter(Boolean).join(', ') || e.source;
  return e.date ? `${who}, ${e.date}` : who;
}

function noVerdict(claim: string, reason: string, decidedBy: VerifyResult['decidedBy']): VerifyResult {
  return { claim, verdict: 'not-enough-evidence', score: 0, explanation: `Not enough evidence: ${reason}.`, evidence: [], decidedBy, claimFocus: null };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
