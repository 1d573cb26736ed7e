import type { AnalysedDocument, CorpusAnalyzer, CorpusState } from '../../analysers/analyzer.js';
import { documentRef, refName } from '../state.js';
import type { CorpusFindingDraft, CorpusMember } from '../../core/types.js';
import { round } from './corpus-text.js';
import { stateOfParty } from '../../analysers/accusations/actors.js';
import { speakerState, voiceRecords } from './voices.js';
import { append } from '../../core/arrays.js';

/**
 * Propositions, stances and camps from the accusation findings.
 * A proposition is "<accused> <relation>" (e.g. "X harbours armed groups"): accusations against
 * the same actor of the same kind of wrongdoing, whatever the named group, are one proposition.
 * A document supports it when it asserts such allegations more than it denies them, opposes it
 * when it denies more, and is neutral when it only reports them — unless its reporting is
 * one-sided: it reports accusations against the accused and gives the accused no voice
 * (no accusation of the document has the accused as its accuser). Such a document still
 * reports (its stance stays neutral) but leans towards the proposition, and the lean places it
 * in a camp; a wire that reports both sides' accusations leans nowhere. Camps: documents are joined by
 * a signed union-find (same side of a proposition: same camp; opposite sides: opposite camps),
 * one pass over the propositions, most contested first — linear in stances, no pairwise scan.
 */

export type DocStance = 'supports' | 'opposes' | 'neutral';

/** What the stance and camp steps keep of one accusation finding. */
export interface AccusationRecord {
  accused: string;
  relation: string;
  target: string | null;
  stance: 'asserts' | 'denies' | 'reports';
  accuser: string | null;
  start: number;
  end: number;
  quote: string;
  /** the article keeps its distance from this reported charge ("the alleged …", "X claimed …"): no lean */
  distanced?: boolean;
  /** the state the text ties the accuser (or the voice's speaker) to ("Peru's Foreign Minister Ana Ruiz": Peru) */
  accuserState?: string;
  /**
   * Not a charge: a relayed denial ("X rejected the allegations as absurd") whose speaker the text
   * ties to `accuserState`. Kept beside the charges so that a charge against that state relayed on
   * the same page is not counted one-sided; propositions skip it.
   */
  voice?: true;
  /** of a voice: how it was said (deny, as the attribution layer read the verb) */
  speechKind?: string;
}

/** One document's accusations, as kept in the corpus state. */
export interface DocumentAccusations {
  doc: string;
  accusations: AccusationRecord[];
}

/** The per-document step: a document's accusation findings, reduced to what propositions need. */
export function accusationRecords(d: AnalysedDocument): AccusationRecord[] {
  const out: AccusationRecord[] = [];
  const rejections: AccusationRecord[] = [];
  for (const f of d.findings) {
    if (f.kind !== 'accusation') continue;
    const a = f.data as { accused: string; relation: string; target?: string | null; stance: AccusationRecord['stance']; accuser?: string | null; distanced?: boolean; rejectedByAccused?: boolean };
    const accuserState = a.accuser ? speakerState(d.doc.text, a.accuser, stateOfParty(a.accused)) : null;
    out.push({ accused: a.accused, relation: a.relation, target: a.target ?? null, stance: a.stance, accuser: a.accuser ?? null, start: f.start, end: f.end, quote: f.quote, ...(a.distanced ? { distanced: true } : {}), ...(accuserState ? { accuserState } : {}) });
    // "X rejected allegations made by Y": the charge is relayed with X's rejection, X has a voice
    if (a.rejectedByAccused) rejections.push({ accused: '', relation: '', target: null, stance: 'reports', accuser: a.accused, accuserState: stateOfParty(a.accused) ?? a.accused, start: f.start, end: f.end, quote: f.quote, voice: true, speechKind: 'deny' });
  }
  append(out, rejections);
  // only documents with a charge take part in camps; of their relayed statements, the denials
  // are kept: a denial relayed beside the charge gives the denier a voice (no one-sided relay)
  if (out.length === 0) return out;
  for (const v of voiceRecords(d.doc.text, d.findings, accusedStates(out))) {
    if (v.speechKind !== 'deny') continue;
    out.push({ accused: '', relation: '', target: null, stance: 'reports', accuser: v.speaker, accuserState: v.state, start: v.start, end: v.end, quote: d.doc.text.slice(v.start, v.end), voice: true, speechKind: v.speechKind });
  }
  return out;
}

/** The states a document's charges accuse. */
function accusedStates(records: readonly AccusationRecord[]): Set<string> {
  const states = new Set<string>();
  for (const a of records) {
    const state = a.voice ? null : stateOfParty(a.accused);
    if (state) states.add(state);
  }
  return states;
}

/** The charges of a document's records (its relayed voices left out). */
export function chargesOf(records: readonly AccusationRecord[]): AccusationRecord[] {
  return records.filter((a) => !a.voice);
}

/** The state of an accuser: as the text ties it, else as its name says. */
function accuserStateOf(a: AccusationRecord): string | null {
  return a.accuserState ?? (a.accuser ? stateOfParty(a.accuser) : null);
}

/** Analysed documents as the camp steps read them (tests and evaluation). */
export function accusationsOf(documents: readonly AnalysedDocument[]): DocumentAccusations[] {
  return documents.map((d) => ({ doc: d.doc.id, accusations: accusationRecords(d) }));
}

export interface Proposition {
  key: string;
  text: string;
  targets: string[];
  /** doc id → stance and the deciding spans */
  stances: Map<string, { stance: DocStance; members: CorpusMember[]; asserts: number; denies: number; reports: number; amplifies: number; leans: DocStance }>;
}

export interface Camp {
  id: number;
  documents: string[];
}

export interface CampMap {
  propositions: Proposition[];
  camps: Camp[];
  campOf: Map<string, number>;
}

export function buildPropositions(documents: Iterable<DocumentAccusations>): Proposition[] {
  const byKey = new Map<string, Proposition>();
  for (const d of documents) {
    // who speaks in this document: an accused who is also an accuser here has a voice
    // (by name, and by state: the charges of its officials, and a relayed denial — "X rejected the
    // allegations as absurd" — give X a voice; which side's speakers a page merely quotes does not
    // place it: an outlet of one side interviewing the other side's ambassador is common)
    const speaking = new Set<string>();
    for (const a of d.accusations) {
      if (a.voice && a.speechKind !== 'deny') continue;
      if (a.accuser && !a.voice) speaking.add(a.accuser);
      const state = accuserStateOf(a);
      if (state) speaking.add(state);
    }
    for (const a of chargesOf(d.accusations)) {
      const f = a;
      const key = `${a.accused}|${a.relation}`;
      let p = byKey.get(key);
      if (!p) byKey.set(key, (p = { key, text: `${a.accused} ${a.relation}${a.relation === 'harbours' || a.relation === 'supports' || a.relation === 'engages with' ? ' armed groups' : ''}`, targets: [], stances: new Map() }));
      if (a.target && !p.targets.includes(a.target)) p.targets.push(a.target);
      let s = p.stances.get(d.doc);
      if (!s) p.stances.set(d.doc, (s = { stance: 'neutral', members: [], asserts: 0, denies: 0, reports: 0, amplifies: 0, leans: 'neutral' }));
      s[a.stance]++;
      if (a.stance === 'reports' && a.accuser !== null && !speaking.has(a.accused) && !speaking.has(stateOfParty(a.accused) ?? a.accused) && !a.distanced) s.amplifies++;
      // the deciding spans shown are capped: counts carry the rest
      if (s.members.length < MAX_MEMBERS) s.members.push({ doc: d.doc, start: f.start, end: f.end, quote: f.quote, role: a.stance });
    }
  }
  for (const p of byKey.values()) {
    for (const s of p.stances.values()) {
      s.stance = s.asserts > s.denies ? 'supports' : s.denies > s.asserts ? 'opposes' : 'neutral';
      s.leans = s.stance !== 'neutral' ? s.stance : s.amplifies > 0 && s.denies === 0 ? 'supports' : 'neutral';
    }
  }
  return [...byKey.values()].sort((a, b) => taking(b) - taking(a) || a.key.localeCompare(b.key));
}

function taking(p: Proposition): number {
  let n = 0;
  for (const s of p.stances.values()) if (s.stance !== 'neutral') n++;
  return n;
}

function leaning(p: Proposition): number {
  let n = 0;
  for (const s of p.stances.values()) if (s.leans !== 'neutral') n++;
  return n;
}

const MAX_MEMBERS = 8;

/** Camps of the documents, in the given order (a document with no stance is in no camp). */
/**
 * One lean per accused party and document: a document that leans towards some charge against the
 * party and towards none of its denials leans against the party. (Kept out of the propositions
 * shown; used only to place documents.)
 */
/**
 * Documents whose one-sided reporting leans against two states (or their bodies: "China Coast
 * Guard", "Philippine Navy") that accuse each other somewhere in the corpus report both sides of
 * that dispute: their leans place them nowhere. (Leaning against allies — "Ukraine, the US and
 * the UK" — is still one side.)
 */
/** Pairs of states (from|to) where one accuses the other somewhere in the corpus. */
function adversaryPairs(documents: readonly DocumentAccusations[]): Set<string> {
  const adversaries = new Set<string>();
  for (const d of documents) {
    for (const a of chargesOf(d.accusations)) {
      const from = accuserStateOf(a);
      const to = stateOfParty(a.accused);
      if (from && to && from !== to) adversaries.add(`${from}|${to}`);
    }
  }
  return adversaries;
}

function leansAgainstBothSides(documents: readonly DocumentAccusations[], propositions: readonly Proposition[]): Set<string> {
  const adversaries = adversaryPairs(documents);
  const states = new Map<string, Set<string>>();
  const against = (doc: string, state: string): void => {
    let set = states.get(doc);
    if (!set) states.set(doc, (set = new Set()));
    set.add(state);
  };
  for (const p of propositions) {
    const state = stateOfParty(p.key.split('|')[0]);
    if (!state) continue;
    for (const [doc, s] of p.stances) if (s.stance === 'neutral' && s.leans !== 'neutral') against(doc, state);
  }
  // a charge relayed against a state that has a voice on the page leans nowhere, but it is still
  // a charge against that side reported: with one against its adversary, the page reports both
  for (const d of documents) {
    for (const a of chargesOf(d.accusations)) {
      const to = stateOfParty(a.accused);
      if (to && a.stance === 'reports' && a.accuser !== null && !a.distanced) against(d.doc, to);
    }
  }
  const out = new Set<string>();
  // a document relaying each of two states' charges against the other (through their bodies or
  // officials: "Tajikistan Ministry of Foreign Affairs" and "Kyrgyz authorities") reports both sides
  for (const d of documents) {
    const pairs = new Set<string>();
    for (const a of chargesOf(d.accusations)) {
      const from = accuserStateOf(a);
      const to = stateOfParty(a.accused);
      if (from && to && from !== to) pairs.add(`${from}|${to}`);
    }
    for (const pair of pairs) {
      const [from, to] = pair.split('|');
      if (pairs.has(`${to}|${from}`)) out.add(d.doc);
    }
  }
  for (const [doc, set] of states) {
    const list = [...set];
    if (list.some((a, i) => list.slice(i + 1).some((b) => adversaries.has(`${a}|${b}`) || adversaries.has(`${b}|${a}`)))) out.add(doc);
  }
  return out;
}

function partyLeans(propositions: readonly Proposition[], minDocuments = 2): Proposition[] {
  const byParty = new Map<string, Map<string, { supports: number; opposes: number }>>();
  for (const p of propositions) {
    // a state's bodies are the state here ("Philippine Coast Guard" leans with "Philippines")
    const named = p.key.split('|')[0];
    const party = stateOfParty(named) ?? named;
    let docs = byParty.get(party);
    if (!docs) byParty.set(party, (docs = new Map()));
    for (const [doc, s] of p.stances) {
      if (s.leans === 'neutral') continue;
      const c = docs.get(doc) ?? { supports: 0, opposes: 0 };
      docs.set(doc, c);
      c[s.leans === 'supports' ? 'supports' : 'opposes']++;
    }
  }
  const out: Proposition[] = [];
  for (const [party, docs] of [...byParty].sort((a, b) => a[0].localeCompare(b[0]))) {
    const stances: Proposition['stances'] = new Map();
    for (const [doc, c] of docs) {
      if (c.supports > 0 && c.opposes > 0) continue;
      const leans: DocStance = c.supports > 0 ? 'supports' : 'opposes';
      stances.set(doc, { stance: 'neutral', members: [], asserts: 0, denies: 0, reports: 0, amplifies: 0, leans });
    }
    if (stances.size >= minDocuments) out.push({ key: `${party}|*`, text: `${party} (any charge)`, targets: [], stances });
  }
  return out;
}

/**
 * Leans across the two states of a dispute: where two states accuse each other in the corpus, a
 * page leaning against one (towards charges on it) and a page leaning for the other (against
 * charges on it: "the statement packed with distortions, claiming that X …") are on one side.
 * Without it an op-ed rebutting the other side's charge and a page relaying its own side's charge
 * fell into two camps. Both directions of the charge must be in the corpus: the same for every pair.
 */
function disputeLeans(documents: readonly DocumentAccusations[], parties: readonly Proposition[]): Proposition[] {
  const pairs = adversaryPairs(documents);
  const byParty = new Map(parties.map((p) => [p.key.split('|')[0], p]));
  const out: Proposition[] = [];
  for (const pair of [...pairs].sort()) {
    const [a, b] = pair.split('|');
    if (a >= b || !pairs.has(`${b}|${a}`)) continue;
    // supports: with a (against charges on a, or towards charges on b); opposes: with b
    const side = new Map<string, Set<DocStance>>();
    const put = (doc: string, stance: DocStance): void => {
      let set = side.get(doc);
      if (!set) side.set(doc, (set = new Set()));
      set.add(stance);
    };
    for (const [doc, s] of byParty.get(a)?.stances ?? []) put(doc, s.leans === 'supports' ? 'opposes' : 'supports');
    for (const [doc, s] of byParty.get(b)?.stances ?? []) put(doc, s.leans === 'supports' ? 'supports' : 'opposes');
    const stances: Proposition['stances'] = new Map();
    for (const [doc, set] of side) {
      if (set.size !== 1) continue; // leaning both ways in this dispute: no side
      stances.set(doc, { stance: 'neutral', members: [], asserts: 0, denies: 0, reports: 0, amplifies: 0, leans: [...set][0] });
    }
    if (stances.size >= 2) out.push({ key: `${a}~${b}|*`, text: `${a} or ${b} (the dispute)`, targets: [], stances });
  }
  return out;
}

export function buildCamps(documents: readonly DocumentAccusations[]): CampMap {
  const propositions = buildPropositions(documents);
  const parent = new Map<string, string>();
  const parity = new Map<string, number>(); // parity relative to parent
  const find = (x: string): { root: string; parity: number } => {
    let p = 0;
    let r = x;
    const path: string[] = [];
    while (parent.get(r) !== r) {
      path.push(r);
      p ^= parity.get(r) ?? 0;
      r = parent.get(r) as string;
    }
    // path compression with parities
    let acc = p;
    for (const node of path) {
      const own = parity.get(node) ?? 0;
      parent.set(node, r);
      parity.set(node, acc);
      acc ^= own;
    }
    return { root: r, parity: p };
  };
  const add = (x: string): void => {
    if (!parent.has(x)) {
      parent.set(x, x);
      parity.set(x, 0);
    }
  };
  // stances first, then leans (one-sided reporting), each most contested first; last, leans
  // against the same party whatever the charge ("X shells" in one text, "X violates the truce" in another)
  const ordered = [
    ...propositions.map((p) => ({ p, lean: false })),
    ...[...propositions].sort((a, b) => leaning(b) - leaning(a) || a.key.localeCompare(b.key)).map((p) => ({ p, lean: true })),
    ...partyLeans(propositions).map((p) => ({ p, lean: true })),
    ...disputeLeans(documents, partyLeans(propositions, 1)).map((p) => ({ p, lean: true })),
  ];
  const bothWays = leansAgainstBothSides(documents, propositions);
  for (const { p, lean } of ordered) {
    if ((lean ? leaning(p) : taking(p)) < 2) continue;
    let anchor: { doc: string; side: number } | null = null;
    for (const [doc, s] of p.stances) {
      const stance = lean ? (s.stance === 'neutral' && bothWays.has(doc) ? 'neutral' : s.leans) : s.stance;
      if (stance === 'neutral') continue;
      add(doc);
      const side = stance === 'supports' ? 0 : 1;
      if (!anchor) {
        anchor = { doc, side };
        continue;
      }
      const a = find(anchor.doc);
      const b = find(doc);
      const want = anchor.side ^ side;
      if (a.root === b.root) continue; // already placed (a contradiction with earlier evidence is outvoted)
      parent.set(b.root, a.root);
      parity.set(b.root, a.parity ^ b.parity ^ want);
    }
  }
  const groups = new Map<string, string[]>();
  const docs = documents.map((d) => d.doc).filter((id) => parent.has(id));
  for (const id of docs) {
    const { root, parity: side } = find(id);
    const key = `${root}|${side}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(id);
  }
  const camps: Camp[] = [...groups.values()].sort((a, b) => b.length - a.length || a[0].localeCompare(b[0])).map((documents, id) => ({ id, documents }));
  const campOf = new Map<string, number>();
  for (const c of camps) for (const d of c.documents) campOf.set(d, c.id);
  return { propositions, camps, campOf };
}

export function campLabel(id: number): string {
  return `camp ${String.fromCharCode(65 + (id % 26))}${id >= 26 ? Math.floor(id / 26) : ''}`;
}

/** `stance` and `camp` corpus findings. */
/** Stances and camps of analysed documents (tests and evaluation). */
export function stanceAndCampFindings(documents: readonly AnalysedDocument[]): CorpusFindingDraft[] {
  return stancesOf(accusationsOf(documents), new Map(documents.map((d) => [d.doc.id, refName(documentRef(d.doc))])));
}

/** The corpus step: propositions, each document's stance on them, and the camps. */
export function stancesOf(documents: readonly DocumentAccusations[], names: ReadonlyMap<string, string>): CorpusFindingDraft[] {
  const map = buildCamps(documents);
  const out: CorpusFindingDraft[] = [];
  const recurring = map.propositions.filter((p) => taking(p) >= 2 || p.stances.size >= 2);
  for (const p of recurring) {
    for (const [doc, s] of p.stances) {
      out.push({
        kind: 'stance',
        label: s.stance,
        score: round(Math.min(1, 0.5 + 0.1 * (s.asserts + s.denies))),
        explanation: `${names.get(doc)} ${s.stance === 'neutral' ? 'reports without taking sides on' : s.stance} the proposition "${p.text}": ${s.asserts} assertion(s), ${s.denies} denial(s), ${s.reports} report(s)${s.stance === 'neutral' && s.leans !== 'neutral' ? `, ${s.amplifies} of them one-sided (the accused is given no voice), so it leans to ${s.leans === 'supports' ? 'support' : 'oppose'} it` : ''}.`,
        members: s.members.slice(0, 8),
        data: { proposition: p.key, text: p.text, targets: p.targets, doc, stance: s.stance, leans: s.leans, asserts: s.asserts, denies: s.denies, reports: s.reports, amplifies: s.amplifies, camp: map.campOf.has(doc) ? campLabel(map.campOf.get(doc) as number) : null },
      });
    }
  }
  for (const camp of map.camps) {
    const inCamp = new Set(camp.documents);
    const positions: Array<{ proposition: string; text: string; stance: DocStance; documents: number }> = [];
    const dividing: string[] = [];
    for (const p of recurring) {
      let sup = 0;
      let opp = 0;
      let outSup = 0;
      let outOpp = 0;
      for (const [doc, s] of p.stances) {
        if (inCamp.has(doc)) {
          if (s.stance === 'supports') sup++;
          if (s.stance === 'opposes') opp++;
        } else {
          if (s.stance === 'supports') outSup++;
          if (s.stance === 'opposes') outOpp++;
        }
      }
      if (sup === 0 && opp === 0) continue;
      const stance: DocStance = sup > opp ? 'supports' : opp > sup ? 'opposes' : 'neutral';
      positions.push({ proposition: p.key, text: p.text, stance, documents: Math.max(sup, opp) });
      if ((stance === 'supports' && outOpp > 0) || (stance === 'opposes' && outSup > 0)) dividing.push(p.text);
    }
    const label = campLabel(camp.id);
    const summary = positions.slice(0, 3).map((x) => `${x.stance} "${x.text}"`).join('; ');
    out.push({
      kind: 'camp',
      label,
      score: round(Math.min(1, 0.4 + 0.15 * positions.length)),
      explanation: `${label}: ${camp.documents.map((d) => names.get(d)).join(', ')} — ${summary}${dividing.length ? `; divided from the others on ${dividing.map((d) => `"${d}"`).join(', ')}` : ''}.`,
      members: camp.documents.map((doc) => ({ doc, role: 'member' })),
      data: { camp: label, documents: camp.documents, positions, dividing },
    });
  }
  return out;
}

/** The documents in scope that have accusations, with them, and every document's name. */
export async function accusationsInScope(state: CorpusState<AccusationRecord[]>): Promise<{ documents: DocumentAccusations[]; names: Map<string, string> }> {
  const documents: DocumentAccusations[] = [];
  const names = new Map<string, string>();
  for await (const { doc, state: records } of state.entries()) {
    // a document without accusations takes no side and joins no camp: not held
    if (records?.length) documents.push({ doc: doc.id, accusations: records });
    names.set(doc.id, refName(doc));
  }
  return { documents, names };
}

/** Propositions documents take sides on (from accusations), each document's stance, and the camps. Contract: docs/analysers/narratives.md. */
export const stancesAnalyzer: CorpusAnalyzer<AccusationRecord[]> = {
  scope: 'corpus',
  name: 'stances',
  version: '1.6.0',
  kinds: ['stance', 'camp'],
  reads: ['accusation', 'attribution'],
  description: "Propositions the documents fight over, each document's stance (supports, opposes, neutral) with the deciding spans, and the camps their stances form.",
  extract: (d) => {
    const records = accusationRecords(d);
    return records.length ? records : null;
  },
  async combine(state) {
    const { documents, names } = await accusationsInScope(state);
    return stancesOf(documents, names);
  },
};
