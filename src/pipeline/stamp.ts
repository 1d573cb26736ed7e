import { createHash } from 'node:crypto';
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

export function stampCorpusFindings(docs: Map<string, Document>, producer: string, drafts: CorpusFindingDraft[]): CorpusFinding[] {
  return drafts.map((draft) => {
    checkScore(draft.score, producer);
    const members = draft.members.map((member) => {
      const doc = docs.get(member.doc);
      if (!doc) throw new Error(`${producer}: member refers to unknown document ${member.doc}`);
      if (member.start === undefined || member.end === undefined) return member;
      checkSpan(doc, member.start, member.end, producer);
      return { ...member, quote: doc.text.slice(member.start, member.end) };
    });
    const key = members.map((m) => `${m.doc}:${m.start ?? ''}:${m.end ?? ''}`).join('|');
    return { id: findingId('corpus', producer, draft.kind, draft.label, key), analyzer: producer, ...draft, members };
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

function findingId(...parts: Array<string | number>): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}
