import type { CorpusFinding, CorpusMember, Finding } from '../core/types.js';
import { passes, type ThresholdPolicy } from './thresholds.js';
import { clipText } from '../core/clip.js';

/**
 * Key findings: the few things an analyst acts on first, ranked, each one line that names its
 * documents and points at its evidence. One ranking for every consumer — the terminal summary,
 * the Markdown and HTML reports, the workbench overview and document view (GET /key-findings).
 *
 * Order (what needs acting on first): templated or machine-written comment sections, text
 * copied or rewritten across outlets, contradictions, who accuses whom (the edges most
 * documents take a stance on), camps and the propositions that divide them, provenance
 * chains, and the check-worthy claims with the weakest sourcing. Within a group, by score.
 * Nothing here knows a topic, an outlet or a side: it reads finding kinds and their data.
 */

export type KeyFindingKind = 'comments' | 'reuse' | 'contradiction' | 'accusation' | 'camp' | 'division' | 'provenance' | 'sourcing';

/** Where an item's evidence is: a document span, a document finding to select, or a comment section. */
export interface EvidenceRef {
  doc: string;
  start?: number;
  end?: number;
  /** a finding of the document to select (an accusation, a claim) */
  finding?: string;
  /** the corpus finding the item comes from */
  corpusFinding?: string;
  /** where the workbench shows it best: the document (span or finding) or the comment-section view */
  view: 'document' | 'comments';
}

export interface KeyFinding {
  kind: KeyFindingKind;
  /** a few words: "Templated comments", "Copied text", … */
  tag: string;
  /** one line, documents named by title, outlet and date */
  text: string;
  /** the passage it rests on, when one passage does */
  quote?: string;
  score: number;
  /** every document the item names */
  docs: string[];
  evidence: EvidenceRef;
}

/** A document finding with the id of its document. */
export type DocFinding = Finding & { doc: string };

export interface KeyFindingSources {
  corpus: readonly CorpusFinding[];
  /** document id → display name (src/document/names.ts) */
  names: ReadonlyMap<string, string>;
  accusations: Iterable<DocFinding>;
  claims: Iterable<DocFinding>;
  thresholds?: ThresholdPolicy;
}

/** At most this many items of a kind; the block stays short enough to read above the fold. */
export const KEY_FINDING_CAPS: Readonly<Record<KeyFindingKind, number>> = {
  comments: 3,
  reuse: 3,
  contradiction: 2,
  accusation: 3,
  camp: 3,
  division: 2,
  provenance: 2,
  sourcing: 3,
};

export const KEY_FINDING_ORDER: readonly KeyFindingKind[] = ['comments', 'reuse', 'contradiction', 'accusation', 'camp', 'division', 'provenance', 'sourcing'];

export function keyFindings(sources: KeyFindingSources): KeyFinding[] {
  const gatherer = new KeyFindingGatherer(sources.thresholds);
  for (const f of sources.accusations) gatherer.addFinding(f.doc, f);
  for (const f of sources.claims) gatherer.addFinding(f.doc, f);
  return gatherer.result(sources.corpus, sources.names);
}

/**
 * What the ranking keeps of the documents as they stream past (a report of any size): one
 * aggregate per accusation edge and each document's weakest-sourced claim — bounded by the
 * edges and the documents, never every finding.
 */
export class KeyFindingGatherer {
  private readonly edges = new Map<string, Edge>();
  private readonly weakest = new Map<string, WeakClaim>();

  /**
   * `maxWeakest`: keep the weakest-sourced claims of at most about this many documents (the
   * heaviest; a report shows 3), so a report streaming 100,000 documents does not hold one per
   * document. Without it (the API's per-document view) every document's is kept.
   */
  constructor(private readonly policy?: ThresholdPolicy, private readonly options: { maxWeakest?: number } = {}) {}

  addFinding(doc: string, f: Finding): void {
    if (f.kind !== 'accusation' && f.kind !== 'claim') return;
    if (!passes(f, this.policy) || (f as { review?: { status?: string } }).review?.status === 'rejected') return;
    if (f.kind === 'accusation') addEdge(this.edges, doc, f);
    else {
      addClaim(this.weakest, doc, f);
      const max = this.options.maxWeakest;
      if (max !== undefined && this.weakest.size > 2 * max) keepHeaviest(this.weakest, max);
    }
  }

  /** Every document the gathered findings come from (to look their names up). */
  documentIds(): Set<string> {
    const ids = new Set<string>(this.weakest.keys());
    for (const e of this.edges.values()) for (const docs of e.byStance.values()) for (const d of docs) ids.add(d);
    return ids;
  }

  add(doc: string, findings: Iterable<Finding>): void {
    for (const f of findings) this.addFinding(doc, f);
  }

  /** Ranked items, at most `caps` of each kind; with `doc`, only items naming that document (ranked over the corpus). */
  result(corpusFindings: readonly CorpusFinding[], names: ReadonlyMap<string, string>, options: { caps?: Readonly<Record<KeyFindingKind, number>>; doc?: string } = {}): KeyFinding[] {
    const caps = options.caps ?? KEY_FINDING_CAPS;
    const name = (id: string): string => names.get(id) ?? id.slice(0, 12);
    const corpus = corpusFindings.filter((f) => passes(f, this.policy));
    const groups: Record<KeyFindingKind, KeyFinding[]> = {
      comments: commentItems(corpus, name),
      reuse: reuseItems(corpus, name),
      contradiction: contradictionItems(corpus, name),
      accusation: accusationItems(this.edges, name),
      camp: campItems(corpus, name),
      division: divisionItems(corpus, name),
      provenance: provenanceItems(corpus, name),
      sourcing: sourcingItems(this.weakest, name),
    };
    const out: KeyFinding[] = [];
    for (const kind of KEY_FINDING_ORDER) {
      const list = groups[kind].filter((k) => !options.doc || k.docs.includes(options.doc)).sort((a, b) => b.score - a.score || a.text.localeCompare(b.text));
      for (const item of list.slice(0, caps[kind])) out.push(item);
    }
    return out;
  }
}

/** The key findings that name one document (the document view and its report section). */
export function keyFindingsOf(items: readonly KeyFinding[], doc: string): KeyFinding[] {
  return items.filter((k) => k.docs.includes(doc));
}

/** A comment section flagged as templated or partly templated: the banner of its document. */
export interface CommentBanner {
  doc: string;
  verdict: 'templated' | 'mixed';
  text: string;
  evidence: EvidenceRef;
}

export function commentBanners(corpus: readonly CorpusFinding[]): Map<string, CommentBanner> {
  const banners = new Map<string, CommentBanner>();
  for (const f of corpus) {
    if (f.kind !== 'comment-cluster' || (f.label !== 'templated' && f.label !== 'mixed')) continue;
    const doc = f.members[0]?.doc;
    if (!doc) continue;
    const verdict = f.label;
    const text = `${verdict === 'templated' ? 'Templated comment section' : 'Partly templated comment section'}: ${lowerFirst(f.explanation)}`;
    banners.set(doc, { doc, verdict, text, evidence: { doc, view: 'comments', corpusFinding: f.id, ...spanOf(f.members[0]) } });
  }
  return banners;
}

type Namer = (id: string) => string;

function spanOf(m: CorpusMember | undefined): { start?: number; end?: number } {
  return m && m.start !== undefined && m.end !== undefined ? { start: m.start, end: m.end } : {};
}

function docsOf(f: CorpusFinding): string[] {
  return [...new Set(f.members.map((m) => m.doc))];
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}


function commentItems(corpus: readonly CorpusFinding[], name: Namer): KeyFinding[] {
  const rank: Record<string, number> = { templated: 1, mixed: 0.6 };
  return corpus
    .filter((f) => f.kind === 'comment-cluster' && rank[f.label] !== undefined)
    .map((f) => {
      const doc = f.members[0]?.doc ?? '';
      const flagged = f.members.find((m) => m.role?.startsWith('inauthentic')) ?? f.members[0];
      return {
        kind: 'comments' as const,
        tag: f.label === 'templated' ? 'Templated comments' : 'Partly templated comments',
        text: `${name(doc)}: ${lowerFirst(f.explanation)}`,
        quote: flagged?.quote ? clipText(flagged.quote, 160) : undefined,
        score: rank[f.label] + f.score / 10,
        docs: [doc],
        evidence: { doc, view: 'comments' as const, corpusFinding: f.id, ...spanOf(flagged) },
      };
    });
}

function reuseItems(corpus: readonly CorpusFinding[], name: Namer): KeyFinding[] {
  return corpus
    .filter((f) => f.kind === 'reuse')
    .map((f) => {
      const docs = docsOf(f);
      const later = f.members.find((m) => m.role === 'later') ?? f.members[1] ?? f.members[0];
      const copy = f.label === 'copy';
      return {
        kind: 'reuse' as const,
        tag: copy ? 'Copied text' : 'Rewritten text',
        // a copy group may hold hundreds of documents: the first three are named, the explanation says more
        text: `${docs.length > 3 ? `${docs.slice(0, 3).map(name).join(', ')} and ${docs.length - 3} more` : docs.map(name).join(' and ')}: ${f.explanation}`,
        quote: later?.quote ? clipText(later.quote, 160) : undefined,
        score: (copy ? 1 : 0.9) * f.score,
        docs,
        evidence: { doc: later?.doc ?? docs[0], view: 'document' as const, corpusFinding: f.id, ...spanOf(later) },
      };
    });
}

function contradictionItems(corpus: readonly CorpusFinding[], _name: Namer): KeyFinding[] {
  return corpus
    .filter((f) => f.kind === 'contradiction')
    .map((f) => {
      const first = f.members[0];
      return {
        kind: 'contradiction' as const,
        tag: 'Contradiction',
        text: `${f.label} — ${f.explanation}`,
        quote: first?.quote ? clipText(first.quote, 160) : undefined,
        score: f.score,
        docs: docsOf(f),
        evidence: { doc: first?.doc ?? '', view: 'document' as const, corpusFinding: f.id, ...spanOf(first) },
      };
    });
}

/** What an item keeps of the finding it points at. */
interface Pointer {
  doc: string;
  id: string;
  start: number;
  end: number;
  quote: string;
  score: number;
}

function pointer(doc: string, f: Finding): Pointer {
  return { doc, id: f.id, start: f.start, end: f.end, quote: clipText(f.quote, 160), score: f.score };
}

interface Edge {
  accuser: string;
  accused: string;
  byStance: Map<string, Set<string>>;
  allegations: Map<string, number>;
  mentions: number;
  best: Pointer;
}

/** Documents named per stance of an edge at most (the rest are only counted). */
const MAX_EDGE_DOCS = 50;

function addEdge(edges: Map<string, Edge>, doc: string, f: Finding): void {
  const data = (f.data ?? {}) as { accuser?: unknown; accused?: unknown; allegation?: unknown; stance?: unknown };
  const accused = actor(data.accused);
  if (!accused) return;
  const accuser = actor(data.accuser) ?? 'unnamed sources';
  const stance = typeof data.stance === 'string' ? data.stance : 'asserts';
  const key = JSON.stringify([accuser, accused]);
  let edge = edges.get(key);
  if (!edge) edges.set(key, (edge = { accuser, accused, byStance: new Map(), allegations: new Map(), mentions: 0, best: pointer(doc, f) }));
  edge.mentions++;
  const docs = edge.byStance.get(stance) ?? new Set<string>();
  if (docs.size < MAX_EDGE_DOCS) docs.add(doc);
  edge.byStance.set(stance, docs);
  const allegation = typeof data.allegation === 'string' ? data.allegation : null;
  if (allegation && (edge.allegations.size < 50 || edge.allegations.has(allegation))) edge.allegations.set(allegation, (edge.allegations.get(allegation) ?? 0) + 1);
  if (f.score > edge.best.score) edge.best = pointer(doc, f);
}

/** Who accuses whom: one edge per (accuser, accused), ranked by how many documents take a stance on it. */
function accusationItems(edges: ReadonlyMap<string, Edge>, name: Namer): KeyFinding[] {
  return [...edges.values()].map((e) => {
    const docs = [...new Set([...e.byStance.values()].flatMap((s) => [...s]))];
    const allegations = [...e.allegations].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([a]) => a);
    const stances = ['asserts', 'denies', 'reports']
      .concat([...e.byStance.keys()].filter((s) => !['asserts', 'denies', 'reports'].includes(s)))
      .filter((s) => e.byStance.has(s))
      .map((s) => `${STANCE_WORDS[s] ?? s} in ${namesList([...(e.byStance.get(s) as Set<string>)], name)}`);
    const what = allegations.length ? `: ${allegations[0]}${allegations.length > 1 ? ` (+${allegations.length - 1} more)` : ''}` : '';
    return {
      kind: 'accusation' as const,
      tag: 'Accusation',
      text: `${e.accuser} → ${e.accused}${what} — ${stances.join('; ')}`,
      quote: e.best.quote,
      // documents first (a dispute across sources), then contested edges (several stances), then mentions
      score: docs.length + e.byStance.size * 0.5 + Math.min(e.mentions, 20) / 100,
      docs,
      evidence: { doc: e.best.doc, view: 'document' as const, finding: e.best.id, start: e.best.start, end: e.best.end },
    };
  });
}

const STANCE_WORDS: Record<string, string> = { asserts: 'asserted', denies: 'denied', reports: 'reported' };

function actor(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['canonical', 'name', 'label', 'text']) if (typeof v[key] === 'string' && (v[key] as string).trim()) return (v[key] as string).trim();
  }
  return null;
}

function namesList(ids: string[], name: Namer, max = 4): string {
  const names = ids.map(name).sort();
  return names.length > max + 1 ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}

interface CampData {
  documents?: string[];
  positions?: Array<{ text: string; stance: string; documents: number }>;
  dividing?: string[];
}

function campItems(corpus: readonly CorpusFinding[], name: Namer): KeyFinding[] {
  const stances = stanceIndex(corpus);
  return corpus
    .filter((f) => f.kind === 'camp')
    .map((f) => {
      const data = (f.data ?? {}) as CampData;
      const docs = data.documents?.length ? data.documents : docsOf(f);
      const positions = (data.positions ?? []).slice(0, 3).map((p) => `${p.stance} “${p.text}”`);
      // the evidence: where a member document takes the camp's first position
      const first = data.positions?.[0];
      const stance = first ? docs.map((d) => stances.get(`${first.text}\u0000${d}`)).find((s) => s) : undefined;
      const member = stance?.members[0];
      return {
        kind: 'camp' as const,
        tag: 'Camp',
        text: `${f.label} (${docs.length} document${docs.length === 1 ? '' : 's'}: ${namesList(docs, name)}) ${positions.join('; ')}`,
        quote: member?.quote ? clipText(member.quote, 160) : undefined,
        score: docs.length + f.score,
        docs,
        evidence: member ? { doc: member.doc, view: 'document' as const, corpusFinding: stance?.id, ...spanOf(member) } : { doc: docs[0] ?? '', view: 'document' as const, corpusFinding: f.id },
      };
    });
}

/** Stance findings by proposition text and document. */
function stanceIndex(corpus: readonly CorpusFinding[]): Map<string, CorpusFinding> {
  const index = new Map<string, CorpusFinding>();
  for (const f of corpus) {
    if (f.kind !== 'stance') continue;
    const data = (f.data ?? {}) as { text?: string; doc?: string };
    if (data.text && data.doc) index.set(`${data.text}\u0000${data.doc}`, f);
  }
  return index;
}

/** The propositions camps are divided on, each with who supports and who opposes it. */
function divisionItems(corpus: readonly CorpusFinding[], name: Namer): KeyFinding[] {
  const dividing = new Set<string>();
  for (const f of corpus) if (f.kind === 'camp') for (const d of ((f.data ?? {}) as CampData).dividing ?? []) dividing.add(d);
  const byText = new Map<string, CorpusFinding[]>();
  for (const f of corpus) {
    if (f.kind !== 'stance') continue;
    const text = ((f.data ?? {}) as { text?: string }).text;
    if (!text || !dividing.has(text)) continue;
    const list = byText.get(text) ?? [];
    list.push(f);
    byText.set(text, list);
  }
  return [...byText].map(([text, stances]) => {
    const side = (s: string) => stances.filter((f) => ((f.data ?? {}) as { stance?: string }).stance === s).map((f) => ((f.data ?? {}) as { doc: string }).doc);
    const supports = side('supports');
    const opposes = side('opposes');
    // the minority side's passage is the one worth reading first
    const minority = stances.find((f) => ((f.data ?? {}) as { stance?: string }).stance === (opposes.length <= supports.length ? 'opposes' : 'supports')) ?? stances[0];
    const member = minority.members[0];
    const parts = [supports.length ? `supported by ${namesList(supports, name)}` : null, opposes.length ? `opposed by ${namesList(opposes, name)}` : null].filter(Boolean);
    return {
      kind: 'division' as const,
      tag: 'Divides the camps',
      text: `“${text}” — ${parts.join('; ')}`,
      quote: member?.quote ? clipText(member.quote, 160) : undefined,
      score: Math.min(supports.length, opposes.length) + stances.length / 100,
      docs: [...new Set([...supports, ...opposes])],
      evidence: { doc: member?.doc ?? supports[0] ?? opposes[0] ?? '', view: 'document' as const, corpusFinding: minority.id, ...spanOf(member) },
    };
  });
}

function provenanceItems(corpus: readonly CorpusFinding[], name: Namer): KeyFinding[] {
  return corpus
    .filter((f) => f.kind === 'provenance')
    .map((f) => {
      const first = f.members[0];
      const docs = docsOf(f);
      return {
        kind: 'provenance' as const,
        tag: 'Provenance chain',
        text: `${f.label} — traced in ${namesList(docs, name)}`,
        quote: first?.quote ? clipText(first.quote, 160) : undefined,
        score: f.score + docs.length / 10,
        docs,
        evidence: { doc: first?.doc ?? '', view: 'document' as const, corpusFinding: f.id, ...spanOf(first) },
      };
    });
}

/** How weak a claim's sourcing is (1: no source at all). Named and verifiable sources are not weak. */
const WEAKNESS: Record<string, number> = { unsupported: 1, 'vague-appeal': 0.9, anonymous: 0.75 };
const WEAKNESS_WORDS: Record<string, string> = { unsupported: 'no source given', 'vague-appeal': 'a vague appeal ("experts say")', anonymous: 'an anonymous source' };

interface WeakClaim {
  claim: Pointer;
  strength: string;
  weight: number;
}

function addClaim(weakest: Map<string, WeakClaim>, doc: string, f: Finding): void {
  const strength = ((f.data ?? {}) as { evidence?: { strength?: string } }).evidence?.strength ?? 'unsupported';
  const weakness = WEAKNESS[strength];
  if (weakness === undefined) return;
  const weight = weakness * f.score;
  const current = weakest.get(doc);
  if (!current || weight > current.weight) weakest.set(doc, { claim: pointer(doc, f), strength, weight });
}

/** The `keep` heaviest weak claims (ties by document id: the same whatever order the documents came in). */
function keepHeaviest(weakest: Map<string, WeakClaim>, keep: number): void {
  const kept = [...weakest].sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, keep);
  weakest.clear();
  for (const [doc, claim] of kept) weakest.set(doc, claim);
}

/** The most check-worthy claims resting on the weakest sourcing, at most one per document. */
function sourcingItems(weakest: ReadonlyMap<string, WeakClaim>, name: Namer): KeyFinding[] {
  return [...weakest.values()].map(({ claim, strength, weight }) => ({
    kind: 'sourcing' as const,
    tag: 'Weakest sourcing',
    text: `${name(claim.doc)}: a check-worthy claim (${claim.score.toFixed(2)}) resting on ${WEAKNESS_WORDS[strength]}`,
    quote: claim.quote,
    score: weight,
    docs: [claim.doc],
    evidence: { doc: claim.doc, view: 'document' as const, finding: claim.id, start: claim.start, end: claim.end },
  }));
}
