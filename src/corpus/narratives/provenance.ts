import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { matchesIn, type NarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import type { CorpusFindingDraft, CorpusMember } from '../../core/types.js';
import { docName, proseSentences } from './corpus-text.js';

/**
 * Provenance chains: "originating from an X report and amplified by figures like Y … gained
 * traction among Z-affiliated accounts". Each role cue takes the first entity after it (within a
 * few words); a chain needs at least two roles in one sentence or two adjacent sentences.
 * Chains naming the same origin in several documents are one finding.
 */

interface Link {
  role: 'origin' | 'amplifier' | 'audience';
  entity: string;
  member: CorpusMember;
}

const ORDER = { origin: 0, amplifier: 1, audience: 2 } as const;

export function provenanceFindings(documents: AnalysedDocument[], lex: NarrativeLexicons): CorpusFindingDraft[] {
  const chains: Array<{ doc: AnalysedDocument; links: Link[]; claim: CorpusMember }> = [];
  for (const d of documents) {
    const sentences = proseSentences(d);
    let pending: { links: Link[]; claim: CorpusMember; index: number } | null = null;
    sentences.forEach((s, i) => {
      const links: Link[] = [];
      for (const rule of lex.provenance) {
        for (const cue of matchesIn(rule.re, d.doc.text, s.start, s.end)) {
          const words = d.doc.text.slice(cue.end, cue.end + 60);
          const m = s.mentions.find((x) => x.start >= cue.end && (d.doc.text.slice(cue.end, x.start).match(/[\p{L}\p{N}]+/gu) ?? []).length <= 4);
          if (!m) continue;
          void words;
          links.push({ role: rule.role, entity: m.canonical, member: { doc: d.doc.id, start: cue.start, end: m.end, quote: d.doc.text.slice(cue.start, m.end), role: rule.role } });
        }
      }
      if (links.length === 0) return;
      const claim: CorpusMember = { doc: d.doc.id, start: s.start, end: s.end, quote: s.text, role: 'claim' };
      if (pending && pending.index === i - 1) {
        pending.links.push(...links);
        pending.index = i;
      } else {
        if (pending) chains.push({ doc: d, links: pending.links, claim: pending.claim });
        pending = { links, claim, index: i };
      }
    });
    if (pending) chains.push({ doc: d, links: (pending as { links: Link[] }).links, claim: (pending as { claim: CorpusMember }).claim });
  }
  const out: CorpusFindingDraft[] = [];
  for (const c of chains) {
    const roles = new Set(c.links.map((l) => l.role));
    if (roles.size < 2) continue;
    const links = [...c.links].sort((a, b) => ORDER[a.role] - ORDER[b.role] || (a.member.start ?? 0) - (b.member.start ?? 0));
    const label = links.map((l) => l.entity).join(' → ');
    out.push({
      kind: 'provenance',
      label,
      score: roles.size === 3 ? 0.85 : 0.7,
      explanation: `${docName(c.doc)} traces a claim: ${links.map((l) => `${l.role} ${l.entity} ("${l.member.quote}")`).join(', ')}.`,
      members: [c.claim, ...links.map((l) => l.member)],
      data: { chain: links.map((l) => ({ role: l.role, entity: l.entity })), doc: c.doc.doc.id },
    });
  }
  return out;
}
