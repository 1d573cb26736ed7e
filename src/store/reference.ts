/**
 * The reference index: what the user trusts (evidence documents cut into passages) and what
 * was already fact-checked (ClaimReview records), plus the audit trail of optional LLM calls.
 * Kept apart from the article Store so that interface stays small; every backend implements
 * both, and the one contract suite (reference.contract.ts) runs against each.
 */

export type EvidenceFormat = 'text' | 'markdown' | 'html' | 'pdf';

export interface EvidenceMeta {
  title: string | null;
  issuer: string | null;
  /** ISO 8601 where known */
  publishedAt: string | null;
  url: string | null;
}

export interface PassageDraft {
  start: number;
  end: number;
  /** canonical entity names in the passage */
  entities: string[];
  /** every alias of those entities, indexed for search so one alias finds the others */
  aliases: string[];
}

export interface EvidenceDocumentInput extends EvidenceMeta {
  /** content-derived id */
  id: string;
  format: EvidenceFormat;
  origin: string;
  text: string;
  passages: PassageDraft[];
}

export interface EvidenceSummary extends EvidenceMeta {
  id: string;
  format: EvidenceFormat;
  origin: string;
  addedAt: string;
  chars: number;
  passages: number;
}

export interface Passage {
  /** backend row id, stable while the passage is stored */
  id: number;
  doc: string;
  idx: number;
  start: number;
  end: number;
  /** = the evidence text [start, end) */
  text: string;
  entities: string[];
}

export interface PassageHit extends Passage {
  /** lexical relevance from the backend's full-text engine, larger is better, > 0 */
  lexical: number;
}

export interface FactCheckInput {
  id: string;
  claimReviewed: string;
  /** the review's own headline (ClaimReview headline or name), often the claim in other words */
  headline: string | null;
  rating: string | null;
  ratingValue: number | null;
  bestRating: number | null;
  worstRating: number | null;
  url: string | null;
  publisher: string | null;
  datePublished: string | null;
  /** itemReviewed as published (JSON-compatible) */
  itemReviewed: unknown;
  origin: string;
}

export interface FactCheck extends FactCheckInput {
  importedAt: string;
}

export interface LlmAuditEntry {
  endpoint: string;
  model: string;
  purpose: string;
  prompt: string;
  response: string | null;
  status: 'ok' | 'malformed' | 'refused' | 'failed' | 'timeout' | 'budget';
  tokens: number;
}

export interface ReferenceIndex {
  /** stores the document and its passages in one transaction; the same id again changes only its metadata */
  addEvidence(doc: EvidenceDocumentInput): Promise<{ created: boolean }>;
  listEvidence(): Promise<EvidenceSummary[]>;
  getEvidence(id: string): Promise<(EvidenceSummary & { text: string }) | null>;
  /** removes the documents whose id starts with the prefix (at least 8 characters) or whose origin equals it; returns the removed ids */
  removeEvidence(idOrOrigin: string): Promise<string[]>;
  countPassages(): Promise<number>;
  /** the best `limit` passages for any of these terms (OR), by the backend's full-text ranking */
  searchPassages(terms: string[], limit: number): Promise<PassageHit[]>;

  /** inserts or replaces by id; returns how many were new */
  addFactChecks(records: FactCheckInput[]): Promise<{ added: number; updated: number }>;
  listFactChecks(): Promise<FactCheck[]>;
  countFactChecks(): Promise<number>;

  recordLlmCall(entry: LlmAuditEntry): Promise<number>;
  llmCalls(limit?: number): Promise<Array<LlmAuditEntry & { id: number; at: string }>>;
}
