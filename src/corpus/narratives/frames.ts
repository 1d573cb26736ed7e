import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { matchesIn, type NarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import type { CorpusFindingDraft, CorpusMember } from '../../core/types.js';
import { buildCamps, campLabel } from './camps.js';
import { docName, proseSentences, round } from './corpus-text.js';

/**
 * Narratives: frames from data/lexicons/narratives/frames.json found in several documents, in
 * different words. One pass over each document's sentences; a frame becomes a narrative when
 * at least `minDocuments` documents use it. Each lists which camps use it.
 */

const MAX_SPANS_PER_DOC = 3;

export function narrativeFindings(documents: AnalysedDocument[], lex: NarrativeLexicons, minDocuments = 2): CorpusFindingDraft[] {
  const uses = new Map<string, Map<string, CorpusMember[]>>();
  for (const d of documents) {
    for (const s of proseSentences(d)) {
      for (const frame of lex.frames) {
        const m = matchesIn(frame.re, d.doc.text, s.start, s.end)[0];
        if (!m) continue;
        let byDoc = uses.get(frame.frame);
        if (!byDoc) uses.set(frame.frame, (byDoc = new Map()));
        let spans = byDoc.get(d.doc.id);
        if (!spans) byDoc.set(d.doc.id, (spans = []));
        if (spans.length < MAX_SPANS_PER_DOC) spans.push({ doc: d.doc.id, start: s.start, end: s.end, quote: s.text, role: m.text });
      }
    }
  }
  const map = buildCamps(documents);
  const names = new Map(documents.map((d) => [d.doc.id, docName(d)]));
  const out: CorpusFindingDraft[] = [];
  for (const frame of lex.frames) {
    const byDoc = uses.get(frame.frame);
    if (!byDoc || byDoc.size < minDocuments) continue;
    const docs = [...byDoc.keys()];
    const camps = [...new Set(docs.filter((d) => map.campOf.has(d)).map((d) => campLabel(map.campOf.get(d) as number)))].sort();
    const wordings = [...new Set([...byDoc.values()].flat().map((m) => (m.role ?? '').toLowerCase()))];
    out.push({
      kind: 'narrative',
      label: frame.label,
      score: round(Math.min(1, byDoc.size / Math.max(2, documents.length))),
      explanation: `The frame "${frame.label}" appears in ${byDoc.size} documents (${docs.map((d) => names.get(d)).join(', ')}) in different words (${wordings.slice(0, 6).map((w) => `"${w}"`).join(', ')})${camps.length ? `; used by ${camps.join(' and ')}` : ''}.`,
      members: [...byDoc.values()].flat(),
      data: { frame: frame.frame, documents: docs, camps, wordings },
    });
  }
  return out;
}
