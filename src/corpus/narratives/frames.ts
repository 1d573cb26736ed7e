import type { AnalysedDocument, CorpusAnalyzer } from '../../analysers/analyzer.js';
import { loadNarrativeLexicons, matchesIn, type NarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import type { CorpusFindingDraft, CorpusMember } from '../../core/types.js';
import { accusationsInScope, accusationsOf, buildCamps, campLabel, type AccusationRecord, type CampMap } from './camps.js';
import { docName, proseSentences, round } from './corpus-text.js';
import { fillMemberQuotesFrom } from '../state.js';
import { clusterFrames, frameCandidates, type DiscoveredFrame, type FrameCandidate, type Rereadable } from './discover.js';

/**
 * Narratives: frames from data/lexicons/narratives/frames.json found in several documents, in
 * different words (one pass over each document's sentences; a frame becomes a narrative when
 * at least `minDocuments` documents use it), and frames discovered by clustering claim and
 * accusation sentences across documents (discover.ts). A discovered cluster most of whose
 * sentences already carry a lexicon frame is merged into that frame's narrative; the others
 * are narratives of their own, labelled by their most central sentence with names masked to
 * roles. Each narrative lists which camps use it.
 */

const MAX_SPANS_PER_DOC = 3;

/** What the narratives step keeps of one document. */
export interface NarrativeState {
  /** lexicon frames its sentences use (at most MAX_SPANS_PER_DOC per frame) */
  uses: Array<{ frame: string; start: number; end: number; wording: string }>;
  /** its sentences worth clustering */
  candidates: FrameCandidate[];
}

/** The per-document step. */
export function narrativeState(d: AnalysedDocument, lex: NarrativeLexicons): NarrativeState {
  const uses: NarrativeState['uses'] = [];
  const perFrame = new Map<string, number>();
  for (const s of proseSentences(d)) {
    for (const frame of lex.frames) {
      const m = matchesIn(frame.re, d.doc.text, s.start, s.end)[0];
      if (!m) continue;
      const n = perFrame.get(frame.frame) ?? 0;
      if (n >= MAX_SPANS_PER_DOC) continue;
      perFrame.set(frame.frame, n + 1);
      uses.push({ frame: frame.frame, start: s.start, end: s.end, wording: m.text });
    }
  }
  return { uses, candidates: frameCandidates(d, lex) };
}

/** Narratives among analysed documents (tests and evaluation; the analyser reads stored state). */
export async function narrativeFindings(documents: AnalysedDocument[], lex: NarrativeLexicons, minDocuments = 2): Promise<CorpusFindingDraft[]> {
  const names = new Map(documents.map((d) => [d.doc.id, docName(d)]));
  const perDocument = documents.map((d) => ({ doc: d.doc.id, source: d.doc.source.outlet ?? d.doc.id, state: narrativeState(d, lex) }));
  const texts = new Map(documents.map((d) => [d.doc.id, d.doc.text]));
  // members carry spans only (quotes are cut from the texts)
  return fillMemberQuotesFrom(await narrativesOf(perDocument, buildCamps(accusationsOf(documents)), names, lex, minDocuments), texts);
}

type PerDocument = { doc: string; source: string; state: NarrativeState | null };

/**
 * The corpus step: frames used in several documents, and frames discovered by clustering.
 * `perDocument` is read several times (an array, or a fresh stream of the stored states per
 * call): once for the lexicon frames' uses, three times by discovery (clusterFrames), so no
 * pass holds every document's state. Members carry spans, not quotes.
 */
export async function narrativesOf(
  perDocument: readonly PerDocument[] | Rereadable<PerDocument>,
  map: CampMap,
  names: ReadonlyMap<string, string>,
  lex: NarrativeLexicons,
  minDocuments = 2,
): Promise<CorpusFindingDraft[]> {
  const read: Rereadable<PerDocument> = typeof perDocument === 'function' ? perDocument : () => perDocument;
  const uses = new Map<string, Map<string, CorpusMember[]>>();
  let documentCount = 0;
  for await (const d of read()) {
    documentCount++;
    for (const u of d.state?.uses ?? []) {
      let byDoc = uses.get(u.frame);
      if (!byDoc) uses.set(u.frame, (byDoc = new Map()));
      let spans = byDoc.get(d.doc);
      if (!spans) byDoc.set(d.doc, (spans = []));
      spans.push({ doc: d.doc, start: u.start, end: u.end, role: u.wording });
    }
  }
  const campsOf = (docs: string[]): string[] => [...new Set(docs.filter((d) => map.campOf.has(d)).map((d) => campLabel(map.campOf.get(d) as number)))].sort();
  const discovered = await clusterFrames(() => candidatesOf(read()));
  // sentence → lexicon frame, to merge discovered clusters that repeat a known frame
  const frameAt = new Map<string, string>();
  for (const [frame, byDoc] of uses) for (const spans of byDoc.values()) for (const m of spans) frameAt.set(`${m.doc}:${m.start}`, frame);
  const extra = new Map<string, DiscoveredFrame[]>();
  const own: DiscoveredFrame[] = [];
  for (const c of discovered) {
    const votes = new Map<string, number>();
    for (const m of c.members) {
      const f = frameAt.get(`${m.doc}:${m.start}`);
      if (f) votes.set(f, (votes.get(f) ?? 0) + 1);
    }
    const top = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
    if (top && top[1] * 2 >= c.members.length) {
      const list = extra.get(top[0]) ?? [];
      list.push(c);
      extra.set(top[0], list);
    } else own.push(c);
  }
  const out: CorpusFindingDraft[] = [];
  for (const frame of lex.frames) {
    const byDoc = uses.get(frame.frame) ?? new Map<string, CorpusMember[]>();
    const merged = extra.get(frame.frame) ?? [];
    for (const c of merged) {
      for (const m of c.members) {
        let spans = byDoc.get(m.doc);
        if (!spans) byDoc.set(m.doc, (spans = []));
        if (spans.length < MAX_SPANS_PER_DOC && !spans.some((x) => x.start === m.start)) spans.push({ ...m, role: 'similar sentence' });
      }
    }
    if (byDoc.size < minDocuments) continue;
    const docs = [...byDoc.keys()];
    const camps = campsOf(docs);
    const wordings = [...new Set([...byDoc.values()].flat().filter((m) => m.role !== 'similar sentence').map((m) => (m.role ?? '').toLowerCase()))];
    out.push({
      kind: 'narrative',
      label: frame.label,
      score: round(Math.min(1, byDoc.size / Math.max(2, documentCount))),
      explanation: `The frame "${frame.label}" appears in ${byDoc.size} documents (${docs.map((d) => names.get(d)).join(', ')}) in different words (${wordings.slice(0, 6).map((w) => `"${w}"`).join(', ')})${merged.length ? `, and sentence clustering found ${merged.length === 1 ? 'a group' : `${merged.length} groups`} of similar sentences around it` : ''}${camps.length ? `; used by ${camps.join(' and ')}` : ''}.`,
      members: [...byDoc.values()].flat(),
      data: { frame: frame.frame, source: merged.length ? 'lexicon+discovered' : 'lexicon', documents: docs, camps, wordings, keywords: [...new Set(merged.flatMap((c) => c.keywords))] },
    });
  }
  for (const c of own) {
    const perDoc = new Map<string, number>();
    const members = c.members.filter((m) => {
      const k = perDoc.get(m.doc) ?? 0;
      perDoc.set(m.doc, k + 1);
      return k < MAX_SPANS_PER_DOC;
    });
    const camps = campsOf(c.documents);
    out.push({
      kind: 'narrative',
      label: c.label,
      score: round(Math.min(1, c.documents.length / Math.max(2, documentCount)) * c.cohesion),
      explanation: `Similar sentences recur in ${c.documents.length} documents (${c.documents.map((d) => names.get(d)).join(', ')}), sharing the words ${c.keywords.map((w) => `"${w}"`).join(', ')} once names are read as roles; the most central: "${c.label}"${camps.length ? `; used by ${camps.join(' and ')}` : ''}.`,
      members,
      data: { frame: `discovered:${c.keywords.slice(0, 3).join('-')}`, source: 'discovered', documents: c.documents, camps, keywords: c.keywords, cohesion: round(c.cohesion) },
    });
  }
  return out;
}

async function* candidatesOf(documents: Iterable<PerDocument> | AsyncIterable<PerDocument>): AsyncIterable<{ doc: string; source: string; candidates: FrameCandidate[] }> {
  for await (const d of documents) yield { doc: d.doc, source: d.source, candidates: d.state?.candidates ?? [] };
}

/** Frames recurring across documents in different words, and the camps that use them. Contract: docs/analysers/narratives.md. */
export const narrativesAnalyzer: CorpusAnalyzer<NarrativeState> = {
  scope: 'corpus',
  name: 'narratives',
  // 1.2.1: the state keeps words and spans, not stems and sentence texts (same findings)
  // 1.3.0: lexicon uses keep spans, not quotes; combine streams the states in passes (same findings up to DISCOVERY_SAMPLE candidates)
  version: '1.3.0',
  kinds: ['narrative'],
  reads: ['entity', 'accusation', 'claim'],
  uses: ['stances'],
  description: 'Recurring frames across documents: lexicon frames (e.g. "the accusations are a diversion") in different words, and frames discovered by clustering claim and accusation sentences with names masked to roles; with the camps that use them.',
  extract: (d) => {
    const state = narrativeState(d, loadNarrativeLexicons());
    return state.uses.length || state.candidates.length ? state : null;
  },
  async combine(state) {
    const { documents, names } = await accusationsInScope(state.of<AccusationRecord[]>('stances'));
    async function* stored(): AsyncIterable<PerDocument> {
      for await (const { doc, state: kept } of state.entries()) yield { doc: doc.id, source: doc.outlet ?? doc.id, state: kept };
    }
    return narrativesOf(stored, buildCamps(documents), names, loadNarrativeLexicons());
  },
};
