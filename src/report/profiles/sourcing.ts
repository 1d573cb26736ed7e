import type { Document, Finding } from '../../core/types.js';
import type { DocumentProfile } from './profile.js';

/**
 * How an article sources its claims: check-worthy claims by evidence strength, the share
 * with verifiable evidence, the sources it leans on most, and how sure it sounds. Computed
 * from the `claims` analyser's findings only (kinds claim, attribution, certainty).
 */

export const EVIDENCE_STRENGTHS = ['verifiable', 'named', 'anonymous', 'vague-appeal', 'unsupported'] as const;
export type Strength = (typeof EVIDENCE_STRENGTHS)[number];

export interface SourcingSource {
  name: string;
  /** attribution label: named-person, organisation, document, social-media, anonymous, vague */
  label: string;
  /** how many attributions name it */
  count: number;
}

export interface Sourcing {
  claims: number;
  byStrength: Record<Strength, number>;
  /** 0..1: claims with verifiable evidence / claims */
  verifiableShare: number;
  byType: Record<string, number>;
  /** most-cited sources first (at most five); ties by first appearance */
  topSources: SourcingSource[];
  certainty: { hedged: number; neutral: number; boosted: number; hedges: number; boosters: number };
}

const TOP = 5;

function strengthOf(finding: Finding): Strength {
  const evidence = (finding.data as { evidence?: { strength?: string } } | undefined)?.evidence;
  const s = evidence?.strength;
  return (EVIDENCE_STRENGTHS as readonly string[]).includes(s ?? '') ? (s as Strength) : 'unsupported';
}

export function computeSourcing(findings: Finding[]): Sourcing | null {
  const claims = findings.filter((f) => f.kind === 'claim');
  const attributions = findings.filter((f) => f.kind === 'attribution' && f.label !== 'none');
  const markers = findings.filter((f) => f.kind === 'certainty');
  if (claims.length === 0 && attributions.length === 0) return null;

  const byStrength = Object.fromEntries(EVIDENCE_STRENGTHS.map((s) => [s, 0])) as Record<Strength, number>;
  const byType: Record<string, number> = {};
  const certainty = { hedged: 0, neutral: 0, boosted: 0, hedges: 0, boosters: 0 };
  for (const claim of claims) {
    byStrength[strengthOf(claim)]++;
    byType[claim.label] = (byType[claim.label] ?? 0) + 1;
    const level = (claim.data as { certainty?: string } | undefined)?.certainty;
    if (level === 'hedged' || level === 'boosted' || level === 'neutral') certainty[level]++;
  }
  for (const m of markers) {
    if (m.label === 'hedge') certainty.hedges++;
    else if (m.label === 'booster') certainty.boosters++;
  }

  const sources = new Map<string, SourcingSource>();
  for (const a of [...attributions].sort((x, y) => x.start - y.start)) {
    const name = ((a.data as { sourceName?: string | null } | undefined)?.sourceName ?? a.quote).trim();
    const key = `${a.label}\u0000${name.toLowerCase()}`;
    const entry = sources.get(key) ?? { name, label: a.label, count: 0 };
    entry.count++;
    sources.set(key, entry);
  }
  const topSources = [...sources.values()].sort((a, b) => b.count - a.count).slice(0, TOP);
  const verifiableShare = claims.length === 0 ? 0 : Math.round((byStrength.verifiable / claims.length) * 1000) / 1000;
  return { claims: claims.length, byStrength, verifiableShare, byType, topSources, certainty };
}

const STRENGTH_WORDS: Record<Strength, string> = {
  verifiable: 'verifiable',
  named: 'named source',
  anonymous: 'anonymous',
  'vague-appeal': 'vague appeal',
  unsupported: 'unsupported',
};

const percent = (share: number): string => `${Math.round(share * 100)}%`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function sourcingLine(value: Sourcing): string {
  const vague = value.byStrength.anonymous + value.byStrength['vague-appeal'];
  return `${plural(value.claims, 'claim')}: ${value.byStrength.verifiable} verifiable, ${value.byStrength.named} named, ${vague} anonymous/vague, ${value.byStrength.unsupported} unsupported`;
}

function markdownEscape(text: string): string {
  return text.replace(/[\\`*_[\]|<>#]/g, '\\$&').replace(/\s+/g, ' ');
}

function sourceText(s: SourcingSource, escape: (t: string) => string): string {
  return `${escape(s.name)} (${escape(s.label)}, ${s.count})`;
}

export const sourcingProfile: DocumentProfile<Sourcing> = {
  key: 'sourcing',
  title: 'Sourcing',
  compute(_doc: Document, findings: Finding[]) {
    return computeSourcing(findings);
  },
  markdown(value) {
    const rows = EVIDENCE_STRENGTHS.map((s) => `| ${STRENGTH_WORDS[s]} | ${value.byStrength[s]} |`);
    const sources = value.topSources.length > 0 ? value.topSources.map((s) => sourceText(s, markdownEscape)).join('; ') : 'none';
    const c = value.certainty;
    return [
      `**${sourcingLine(value)}** — ${percent(value.verifiableShare)} with verifiable evidence.`,
      '',
      '| evidence | claims |',
      '|---|---|',
      ...rows,
      '',
      `Sources relied on most: ${sources}.`,
      '',
      `Certainty: ${c.hedged} hedged, ${c.neutral} neutral, ${c.boosted} boosted claims; ${plural(c.hedges, 'hedge')} and ${plural(c.boosters, 'booster')} in the text.`,
    ].join('\n');
  },
  html(value, escape) {
    const rows = EVIDENCE_STRENGTHS.map((s) => `<tr><td>${escape(STRENGTH_WORDS[s])}</td><td>${value.byStrength[s]}</td></tr>`).join('');
    const sources = value.topSources.map((s) => `<li>${sourceText(s, escape)}</li>`).join('');
    const c = value.certainty;
    return [
      `<p class="sourcing-summary"><strong>${escape(sourcingLine(value))}</strong> — ${percent(value.verifiableShare)} with verifiable evidence.</p>`,
      `<table class="sourcing"><thead><tr><th>evidence</th><th>claims</th></tr></thead><tbody>${rows}</tbody></table>`,
      `<p>Sources relied on most:</p>${sources ? `<ol class="sourcing-sources">${sources}</ol>` : '<p>none</p>'}`,
      `<p>Certainty: ${c.hedged} hedged, ${c.neutral} neutral, ${c.boosted} boosted claims; ${escape(plural(c.hedges, 'hedge'))} and ${escape(plural(c.boosters, 'booster'))} in the text.</p>`,
    ].join('\n');
  },
  terminal(value) {
    return value.claims === 0 ? null : sourcingLine(value);
  },
};
