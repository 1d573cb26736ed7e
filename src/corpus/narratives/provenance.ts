import type { AnalysedDocument, CorpusAnalyzer } from '../../analysers/analyzer.js';
import { refName } from '../state.js';
import { loadNarrativeLexicons, matchesIn, type NarrativeLexicons } from '../../analysers/accusations/lexicon.js';
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

/** One chain of one document: its links and the claim sentence. */
export interface Chain {
  links: Link[];
  claim: CorpusMember;
}

/** The per-document step: the chains a document tells. */
export function provenanceChains(d: AnalysedDocument, lex: NarrativeLexicons): Chain[] {
  const chains: Chain[] = [];
  const sentences = proseSentences(d);
  let pending: { links: Link[]; claim: CorpusMember; index: number } | null = null;
  sentences.forEach((s, i) => {
    const links: Link[] = [];
    for (const rule of lex.provenance) {
      for (const cue of matchesIn(rule.re, d.doc.text, s.start, s.end)) {
        const m = s.mentions.find((x) => x.start >= cue.end && (d.doc.text.slice(cue.end, x.start).match(/[\p{L}\p{N}]+/gu) ?? []).length <= 4);
        if (!m) continue;
        links.push({ role: rule.role, entity: m.canonical, member: { doc: d.doc.id, start: cue.start, end: m.end, quote: d.doc.text.slice(cue.start, m.end), role: rule.role } });
      }
    }
    if (links.length === 0) return;
    const claim: CorpusMember = { doc: d.doc.id, start: s.start, end: s.end, quote: s.text, role: 'claim' };
    if (pending && pending.index === i - 1) {
      for (const l of links) pending.links.push(l);
      pending.index = i;
    } else {
      if (pending) chains.push({ links: pending.links, claim: pending.claim });
      pending = { links, claim, index: i };
    }
  });
  const last = pending as { links: Link[]; claim: CorpusMember } | null;
  if (last) chains.push({ links: last.links, claim: last.claim });
  return chains.filter((c) => new Set(c.links.map((l) => l.role)).size >= 2);
}

export function provenanceFindings(documents: AnalysedDocument[], lex: NarrativeLexicons): CorpusFindingDraft[] {
  return provenanceOf(documents.map((d) => ({ doc: d.doc.id, name: docName(d), chains: provenanceChains(d, lex) })));
}

/** The corpus step: each chain as a finding, its links in role order. */
export function provenanceOf(perDocument: Iterable<{ doc: string; name: string; chains: Chain[] }>): CorpusFindingDraft[] {
  const chains: Array<Chain & { doc: string; name: string }> = [];
  for (const d of perDocument) for (const c of d.chains) chains.push({ ...c, doc: d.doc, name: d.name });
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
      explanation: `${c.name} traces a claim: ${links.map((l) => `${l.role} ${l.entity} ("${l.member.quote}")`).join(', ')}.`,
      members: [c.claim, ...links.map((l) => l.member)],
      data: { chain: links.map((l) => ({ role: l.role, entity: l.entity })), doc: c.doc },
    });
  }
  return out;
}

/** Where a claim is said to originate, who amplified it and where it found its audience. Contract: docs/analysers/narratives.md. */
export const provenanceAnalyzer: CorpusAnalyzer<Chain[]> = {
  scope: 'corpus',
  name: 'provenance',
  version: '1.0.0',
  kinds: ['provenance'],
  reads: ['entity'],
  description: 'Origin → amplifier → audience chains of a claim, as canonical entities with roles.',
  extract: (d) => {
    const chains = provenanceChains(d, loadNarrativeLexicons());
    return chains.length ? chains : null;
  },
  async combine(state) {
    const perDocument: Array<{ doc: string; name: string; chains: Chain[] }> = [];
    for await (const { doc, state: chains } of state.entries()) if (chains) perDocument.push({ doc: doc.id, name: refName(doc), chains });
    return provenanceOf(perDocument);
  },
};
