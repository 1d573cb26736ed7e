import type { CorpusSection } from './section.js';

/** Camps and the propositions that divide them, with each document's stance. */

export interface CampsView {
  camps: Array<{ label: string; explanation: string; documents: string[]; dividing: string[] }>;
  propositions: Array<{ text: string; stances: Array<{ doc: string; stance: string; camp: string | null }> }>;
  /** `discovered`: found by clustering sentences (label = the most central one, names read as roles) */
  narratives: Array<{ label: string; documents: number; camps: string[]; discovered: boolean; keywords: string[] }>;
}

export const campsSection: CorpusSection<CampsView> = {
  key: 'camps',
  title: 'Camps, propositions and narratives',
  compute(findings, names) {
    const camps = findings.filter((f) => f.kind === 'camp').map((f) => {
      const data = f.data as { documents: string[]; dividing: string[] };
      return { label: f.label, explanation: f.explanation, documents: data.documents.map((d) => names.get(d) ?? d), dividing: data.dividing };
    });
    const byProp = new Map<string, CampsView['propositions'][number]>();
    for (const f of findings) {
      if (f.kind !== 'stance') continue;
      const data = f.data as { text: string; doc: string; stance: string; camp: string | null };
      let p = byProp.get(data.text);
      if (!p) byProp.set(data.text, (p = { text: data.text, stances: [] }));
      p.stances.push({ doc: names.get(data.doc) ?? data.doc, stance: data.stance, camp: data.camp });
    }
    const narratives = findings.filter((f) => f.kind === 'narrative').map((f) => {
      const data = f.data as { documents: string[]; camps: string[]; source?: string; keywords?: string[] };
      return { label: f.label, documents: data.documents.length, camps: data.camps, discovered: data.source === 'discovered', keywords: data.keywords ?? [] };
    });
    if (camps.length === 0 && byProp.size === 0 && narratives.length === 0) return null;
    return { camps, propositions: [...byProp.values()], narratives };
  },
  markdown(v) {
    const out: string[] = [];
    for (const c of v.camps) out.push(`- **${c.label}** (${c.documents.join(', ')})${c.dividing.length ? ` — divided from the others on: ${c.dividing.join('; ')}` : ''}`);
    if (v.propositions.length) {
      out.push('', '| proposition | stances |', '|---|---|');
      for (const p of v.propositions) out.push(`| ${p.text.replace(/\|/g, '\\|')} | ${p.stances.map((s) => `${s.doc}: ${s.stance}${s.camp ? ` (${s.camp})` : ''}`).join('; ').replace(/\|/g, '\\|')} |`);
    }
    if (v.narratives.length) {
      out.push('', 'Narratives:');
      for (const n of v.narratives) out.push(`- ${narrativeText(n)} — ${n.documents} documents${n.camps.length ? `, used by ${n.camps.join(' and ')}` : ''}`);
    }
    return out.join('\n');
  },
  html(v, escape) {
    const camps = `<ul>${v.camps.map((c) => `<li><strong>${escape(c.label)}</strong> (${escape(c.documents.join(', '))})${c.dividing.length ? ` — divided from the others on: ${escape(c.dividing.join('; '))}` : ''}</li>`).join('')}</ul>`;
    const props = v.propositions.length
      ? `<table><thead><tr><th>proposition</th><th>stances</th></tr></thead><tbody>${v.propositions.map((p) => `<tr><td>${escape(p.text)}</td><td>${escape(p.stances.map((s) => `${s.doc}: ${s.stance}${s.camp ? ` (${s.camp})` : ''}`).join('; '))}</td></tr>`).join('')}</tbody></table>`
      : '';
    const narr = v.narratives.length ? `<p>Narratives:</p><ul>${v.narratives.map((n) => `<li>${escape(narrativeText(n))} — ${n.documents} documents${n.camps.length ? `, used by ${escape(n.camps.join(' and '))}` : ''}</li>`).join('')}</ul>` : '';
    return camps + props + narr;
  },
};

/** A lexicon frame reads as its gist; a discovered one as its words and its most central sentence. */
function narrativeText(n: CampsView['narratives'][number]): string {
  return n.discovered ? `(discovered; words: ${n.keywords.join(', ')}) “${n.label}”` : n.label;
}
