import type { AnalysedDocument, CorpusAnalyzer, CorpusState } from '../../analysers/analyzer.js';
import { refName } from '../state.js';
import { extractDates } from '../../analysers/claims/dates.js';
import type { CorpusFindingDraft, CorpusMember } from '../../core/types.js';
import { docName, proseSentences } from './corpus-text.js';

/**
 * Dated events across the corpus: every absolute date in a body sentence (relative dates are
 * left out: publication dates are not always known), normalised to ISO 8601, with the sentence's
 * actors and places. Mentions of the same date sharing an entity are one event with several
 * sources (a hash map by date, then by entity: linear). Ordered by date; month-only dates
 * ("--03") come last.
 */

interface Mentioned {
  date: string;
  text: string;
  entities: string[];
  member: CorpusMember;
}

export function sortKey(date: string): string {
  return date.startsWith('--') ? `9999${date.slice(1)}` : date;
}

const byTimelineOrder = (a: string, b: string): number => sortKey(a).localeCompare(sortKey(b));

/** What the timeline keeps of one document: its dated mentions. */
export type DatedMention = Omit<Mentioned, 'member'> & { start: number; end: number; quote: string };

/** The per-document step: every absolute date in a prose sentence, with the sentence's entities. */
export function datedMentions(d: AnalysedDocument): DatedMention[] {
  const out: DatedMention[] = [];
  for (const s of proseSentences(d)) {
    for (const date of extractDates(s.text, s.start)) {
      if (!date.normalized || date.precision === 'relative') continue;
      out.push({ date: date.normalized, text: date.text, entities: [...new Set(s.mentions.map((m) => m.canonical))], start: s.start, end: s.end, quote: s.text });
    }
  }
  return out;
}

/** The timeline of analysed documents (tests; the analyser reads stored mentions). */
export function timelineFindings(documents: AnalysedDocument[]): CorpusFindingDraft[] {
  return timelineOf(
    documents.map((d) => ({ doc: d.doc.id, mentions: datedMentions(d) })),
    new Map(documents.map((d) => [d.doc.id, docName(d)])),
  );
}

/** The corpus step: mentions grouped by date, then into events by shared entities. */
export function timelineOf(perDocument: Iterable<{ doc: string; mentions: DatedMention[] }>, names: ReadonlyMap<string, string>): CorpusFindingDraft[] {
  const byDate = new Map<string, Mentioned[]>();
  for (const d of perDocument) {
    for (const m of d.mentions) {
      let list = byDate.get(m.date);
      if (!list) byDate.set(m.date, (list = []));
      list.push({ date: m.date, text: m.text, entities: m.entities, member: { doc: d.doc, start: m.start, end: m.end, quote: m.quote, role: m.text } });
    }
  }
  const out: CorpusFindingDraft[] = [];
  for (const [date, mentions] of [...byDate.entries()].sort((a, b) => byTimelineOrder(a[0], b[0]))) {
    // union mentions that share an entity
    const events: Mentioned[][] = [];
    for (const m of mentions) {
      const hit = events.find((e) => e.some((x) => x.entities.some((n) => m.entities.includes(n))));
      if (hit) hit.push(m);
      else events.push([m]);
    }
    for (const e of events) {
      const counts = new Map<string, number>();
      for (const m of e) for (const n of m.entities) counts.set(n, (counts.get(n) ?? 0) + 1);
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([n]) => n);
      const docs = [...new Set(e.map((m) => m.member.doc))];
      out.push({
        kind: 'event',
        label: `${date}: ${top.join(', ') || 'undated actors'}`,
        score: Math.min(1, 0.5 + 0.15 * docs.length),
        explanation: `${e[0].text} (${date}) — ${top.join(', ') || 'no named actor'} — in ${docs.map((x) => names.get(x)).join(', ')}.`,
        members: e.map((m) => m.member),
        data: { date, sortKey: sortKey(date), entities: top, documents: docs },
      });
    }
  }
  return out;
}

/**
 * Mentions held at once while combining. The corpus step counts mentions per date in a first
 * pass over the stored states, cuts the dates (in timeline order) into groups of at most this
 * many mentions, then reads the states once per group and keeps only that group's mentions:
 * memory is bounded by the group, not the corpus, and the events come out in the same order
 * as one pass over everything (a date is never split across groups).
 */
export const MENTIONS_PER_PASS = 100_000;

/** The corpus step over stored states, in bounded passes (see MENTIONS_PER_PASS); one batch of events per group of dates. */
export async function* timelineInPasses(state: CorpusState<DatedMention[]>, perPass = MENTIONS_PER_PASS): AsyncIterable<CorpusFindingDraft[]> {
  const perDate = new Map<string, number>();
  for await (const { state: mentions } of state.entries()) for (const m of mentions ?? []) perDate.set(m.date, (perDate.get(m.date) ?? 0) + 1);
  const dates = [...perDate.keys()].sort(byTimelineOrder);
  for (let from = 0; from < dates.length; ) {
    let to = from;
    let held = 0;
    while (to < dates.length && (to === from || held + (perDate.get(dates[to]) ?? 0) <= perPass)) held += perDate.get(dates[to++]) ?? 0;
    const wanted = new Set(dates.slice(from, to));
    from = to;
    const perDocument: Array<{ doc: string; mentions: DatedMention[] }> = [];
    const names = new Map<string, string>();
    for await (const { doc, state: mentions } of state.entries()) {
      const mine = (mentions ?? []).filter((m) => wanted.has(m.date));
      if (mine.length === 0) continue;
      names.set(doc.id, refName(doc));
      perDocument.push({ doc: doc.id, mentions: mine });
    }
    yield timelineOf(perDocument, names);
  }
}

/** Dated events across the corpus, normalised and ordered, each with its sources. Contract: docs/analysers/narratives.md. */
export const timelineAnalyzer: CorpusAnalyzer<DatedMention[]> = {
  scope: 'corpus',
  name: 'timeline',
  version: '1.0.0',
  kinds: ['event'],
  reads: ['entity'],
  description: 'Dated events mentioned across the corpus, normalised to ISO 8601 and ordered, each with the documents that mention it.',
  extract: (d) => {
    const mentions = datedMentions(d);
    return mentions.length ? mentions : null;
  },
  combine: (state) => timelineInPasses(state),
};
