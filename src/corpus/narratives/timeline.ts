import type { AnalysedDocument } from '../../analysers/analyzer.js';
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

export function timelineFindings(documents: AnalysedDocument[]): CorpusFindingDraft[] {
  const byDate = new Map<string, Mentioned[]>();
  for (const d of documents) {
    for (const s of proseSentences(d)) {
      for (const date of extractDates(s.text, s.start)) {
        if (!date.normalized || date.precision === 'relative') continue;
        const entities = [...new Set(s.mentions.map((m) => m.canonical))];
        let list = byDate.get(date.normalized);
        if (!list) byDate.set(date.normalized, (list = []));
        list.push({ date: date.normalized, text: date.text, entities, member: { doc: d.doc.id, start: s.start, end: s.end, quote: s.text, role: date.text } });
      }
    }
  }
  const names = new Map(documents.map((d) => [d.doc.id, docName(d)]));
  const out: CorpusFindingDraft[] = [];
  for (const [date, mentions] of [...byDate.entries()].sort((a, b) => sortKey(a[0]).localeCompare(sortKey(b[0])))) {
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
