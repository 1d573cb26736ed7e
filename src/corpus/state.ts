import type { AnalysedDocument, CorpusAnalyzer, CorpusState, DocumentRef } from '../analysers/analyzer.js';
import type { CorpusFindingDraft, CorpusMember, Document } from '../core/types.js';
import type { Resources } from '../nlp/resources.js';
import { documentName } from '../document/names.js';

/**
 * Corpus states: what each corpus analyser kept of each document (see `CorpusAnalyzer`).
 * Two sources give the same view — the store (the real pipeline: states were written with
 * the documents) and memory (tests, and a document list analysed on the spot).
 */

export function documentRef(doc: Document): DocumentRef {
  const s = doc.source;
  return { id: doc.id, title: s.title ?? null, outlet: s.outlet ?? null, path: s.path ?? null, url: s.url ?? null, publishedAt: s.publishedAt ?? null };
}

/** A document's name in explanations: title, outlet and date, else its file name (src/document/names.ts). */
export function refName(doc: DocumentRef): string {
  return documentName(doc);
}

/** Each corpus analyser's state for one document (`name` → state); an analyser that throws keeps nothing. */
export function extractStates(
  analysed: AnalysedDocument,
  resources: Resources,
  analyzers: readonly CorpusAnalyzer[],
  onFailure?: (analyzer: CorpusAnalyzer, error: unknown) => void,
): Map<string, unknown> {
  const states = new Map<string, unknown>();
  for (const analyzer of analyzers) {
    try {
      states.set(analyzer.name, analyzer.extract(analysed, resources));
    } catch (error) {
      onFailure?.(analyzer, error);
    }
  }
  return states;
}

/** Every entry of a state, collected: for combine steps whose state is small per document. */
export async function collect<S>(state: CorpusState<S>): Promise<Array<{ doc: DocumentRef; state: S | null }>> {
  const out: Array<{ doc: DocumentRef; state: S | null }> = [];
  for await (const entry of state.entries()) out.push(entry);
  return out;
}

/** Document id → display name, for explanations. */
export function namesOf(entries: ReadonlyArray<{ doc: DocumentRef }>): Map<string, string> {
  return new Map(entries.map((e) => [e.doc.id, refName(e.doc)]));
}

/**
 * States of documents held in memory: `states` maps analyser name → document id → state.
 */
export function memoryState<S>(documents: readonly Document[], states: ReadonlyMap<string, ReadonlyMap<string, unknown>>, analyzer: string): CorpusState<S> {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const own = states.get(analyzer) ?? new Map<string, unknown>();
  return {
    size: documents.length,
    async *entries() {
      for (const doc of documents) yield { doc: documentRef(doc), state: (own.get(doc.id) ?? null) as S | null };
    },
    async get(docId) {
      return (own.get(docId) ?? null) as S | null;
    },
    async slice(docId, start, end) {
      const doc = byId.get(docId);
      if (!doc) throw new Error(`unknown document ${docId}`);
      return doc.text.slice(start, end);
    },
    of<T>(other: string): CorpusState<T> {
      return memoryState<T>(documents, states, other);
    },
  };
}

/** Members that carry a span but no quote (states keep spans, not sentence texts). */
function* unquoted(drafts: readonly CorpusFindingDraft[]): Generator<CorpusMember & { start: number; end: number }> {
  for (const d of drafts) {
    for (const m of d.members) if (m.quote === undefined && m.start !== undefined && m.end !== undefined) yield m as CorpusMember & { start: number; end: number };
  }
}

/** Gives every unquoted member the exact text of its span: the corpus stage does this for every analyser. */
export async function fillMemberQuotes(drafts: CorpusFindingDraft[], slice: (doc: string, start: number, end: number) => Promise<string>): Promise<CorpusFindingDraft[]> {
  for (const m of unquoted(drafts)) m.quote = await slice(m.doc, m.start, m.end);
  return drafts;
}

/** The same from documents held in memory (in-memory helpers for tests and evaluation). */
export function fillMemberQuotesFrom(drafts: CorpusFindingDraft[], texts: ReadonlyMap<string, string>): CorpusFindingDraft[] {
  for (const m of unquoted(drafts)) m.quote = (texts.get(m.doc) ?? '').slice(m.start, m.end);
  return drafts;
}
