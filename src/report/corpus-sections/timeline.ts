import type { CorpusSection } from './section.js';

/** Dated events across the corpus, in order, each with its sources. */

export interface TimelineView {
  events: Array<{ date: string; label: string; sources: string[]; quote: string }>;
}

export const timelineSection: CorpusSection<TimelineView> = {
  key: 'timeline',
  title: 'Timeline',
  compute(findings, names) {
    const events = findings
      .filter((f) => f.kind === 'event')
      .map((f) => {
        const data = f.data as { date: string; sortKey: string; documents: string[] };
        return { date: data.date, key: data.sortKey, label: f.label, sources: data.documents.map((d) => names.get(d) ?? d), quote: f.members[0]?.quote ?? '' };
      })
      .sort((a, b) => a.key.localeCompare(b.key))
      .map(({ key: _key, ...rest }) => rest);
    return events.length ? { events } : null;
  },
  markdown(v) {
    return v.events.map((e) => `- **${e.date}** — ${e.label.slice(e.date.length + 2)} (${e.sources.join(', ')}): “${e.quote.replace(/\n/g, ' ').slice(0, 200)}”`).join('\n');
  },
  html(v, escape) {
    return `<ol>${v.events.map((e) => `<li><strong>${escape(e.date)}</strong> — ${escape(e.label.slice(e.date.length + 2))} (${escape(e.sources.join(', '))}): <q>${escape(e.quote.slice(0, 200))}</q></li>`).join('')}</ol>`;
  },
};
