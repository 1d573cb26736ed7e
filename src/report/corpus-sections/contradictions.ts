import type { CorpusSection } from './section.js';

/** Where documents contradict each other on facts, and what is corroborated across camps. */

export interface ContradictionsView {
  items: Array<{ kind: string; label: string; explanation: string; quotes: string[] }>;
}

export const contradictionsSection: CorpusSection<ContradictionsView> = {
  key: 'contradictions',
  title: 'Contradictions and corroborations',
  compute(findings) {
    const items = findings
      .filter((f) => f.kind === 'contradiction' || f.kind === 'corroboration')
      .map((f) => ({ kind: f.kind, label: f.label, explanation: f.explanation, quotes: f.members.filter((m) => m.quote).map((m) => m.quote as string).slice(0, 4) }));
    return items.length ? { items } : null;
  },
  markdown(v) {
    return v.items.map((i) => `- **${i.kind}: ${i.label}** — ${i.explanation}${i.quotes.map((q) => `\n  > ${q.replace(/\n/g, ' ')}`).join('')}`).join('\n');
  },
  html(v, escape) {
    return `<ul>${v.items.map((i) => `<li><strong>${escape(i.kind)}: ${escape(i.label)}</strong> — ${escape(i.explanation)}${i.quotes.map((q) => `<blockquote>${escape(q)}</blockquote>`).join('')}</li>`).join('')}</ul>`;
  },
};
