import { findingId } from '../core/finding-id.js';
import type { CorpusFinding, CorpusFindingDraft, Document, Finding, FindingDraft } from '../core/types.js';

/**
 * Checks an analyser's drafts and stamps them: quote from the exact span, a stable id,
 * and the producer `name@version`. A draft with a bad span is an analyser bug; it throws,
 * and the pipeline records the analyser as failed on that document.
 */
export function stampFindings(doc: Document, producer: string, drafts: FindingDraft[]): Finding[] {
  return drafts.map((draft) => {
    checkSpan(doc, draft.start, draft.end, producer);
    checkScore(draft.score, producer);
    const id = findingId(doc.id, producer, draft.kind, draft.label, draft.start, draft.end);
    return { id, analyzer: producer, ...draft, quote: doc.text.slice(draft.start, draft.end) };
  });
}

/** A corpus draft's members must carry whole spans with their quotes (the stage fills quotes in). */
export function checkCorpusDraft(draft: CorpusFindingDraft, producer: string): void {
  checkScore(draft.score, producer);
  for (const m of draft.members) {
    if (m.start === undefined && m.end === undefined) continue;
    const { start, end } = m;
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
      throw new Error(`${producer}: invalid member span [${start}, ${end}) in ${m.doc}`);
    }
    if (typeof m.quote !== 'string' || m.quote.length !== (end as number) - (start as number)) {
      throw new Error(`${producer}: member [${start}, ${end}) of ${m.doc} has no exact quote`);
    }
  }
}

export function stampCorpusFindings(producer: string, drafts: CorpusFindingDraft[]): CorpusFinding[] {
  return drafts.map((draft) => {
    const key = draft.members.map((m) => `${m.doc}:${m.start ?? ''}:${m.end ?? ''}`).join('|');
    return { id: findingId('corpus', producer, draft.kind, draft.label, key), analyzer: producer, ...draft };
  });
}

function checkSpan(doc: Document, start: number, end: number, producer: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > doc.text.length || end <= start) {
    throw new Error(`${producer}: invalid span [${start}, ${end}) in a text of ${doc.text.length} characters`);
  }
}

function checkScore(score: number, producer: string): void {
  if (!(score >= 0 && score <= 1)) throw new Error(`${producer}: score ${score} is outside 0..1`);
}

