import type { CorpusFindingDraft, CorpusMember } from '../core/types.js';
import { DisjointSet } from '../corpus/minhash.js';
import { buildCamps } from '../corpus/narratives/camps.js';
import { contradictionFindings, type Fact } from '../corpus/narratives/facts.js';
import { narrativesOf, type NarrativeState } from '../corpus/narratives/frames.js';
import { loadNarrativeLexicons } from '../analysers/accusations/lexicon.js';
import { prepareReuse, reuseBetween, reuseKeyCap, reuseNeedsText, withReuseText, type PreparedReuse, type ReuseState } from '../corpus/reuse.js';
import { refName } from '../corpus/state.js';
import type { Store } from '../store/store.js';
import type { AlertInput } from '../store/watch.js';
import type { AlertRules } from './config.js';
import { describe, docRef, docRefs, evidenceOf, MAX_EVIDENCE, quoteMembers, unique, type DocInfo, type InfoCache } from './alert-docs.js';
import { candidateStems, documentStances, factKey, frameKey, PRODUCERS, stanceKey, wordKey, type StateOf } from './alert-index.js';

/**
 * The corpus-level alert rules, incremental: each reads the stored states of the poll's new
 * documents and, through the watch index, of the few earlier documents they relate to — never
 * the whole corpus. Work and memory grow with the poll's new documents and their neighbours,
 * not with the corpus. Each rule judges with the corpus analyser's own code (reuse pairs,
 * fact contradictions, narratives, per-document stances), so an alert says what the corpus
 * stage would find involving the new documents.
 */

export interface CorpusAlertContext {
  store: Store;
  rules: AlertRules;
  fresh: readonly string[];
  freshSet: ReadonlySet<string>;
  infos: InfoCache;
  time: string;
  /** documents stored (for the reuse document-frequency caps) */
  corpusSize: number;
  /** a document's corpus state, reviews applied (alert-index.ts stateReader) */
  state: StateOf;
}

/** Earlier documents compared with one new document for reuse, at most (those sharing the most keys). */
export const MAX_REUSE_CANDIDATES = 100;
/** Documents sharing a fact slot looked at, at most (a slot in more documents: only the new ones and the listed ones). */
export const FACT_SLOT_CAP = 500;
/** Frame-candidate words shared by more documents than this are too common to find neighbours. */
const WORD_CAP = 40;
/** Earlier documents clustered with each new one for discovered narratives, and in all. */
const WORD_NEIGHBOURS = 8;
const MAX_NEIGHBOURS = 400;
const MIN_SHARED_WORDS = 3;

const isCopyKey = (key: number) => (key & 2) !== 0;
/** decoded reuse states kept while comparing */
const PREPARED_CACHE = 4096;

/** A bounded cache of states read for comparisons (earlier documents are read again by many new ones). */
class StateCache<S> {
  private readonly cache = new Map<string, S | null>();
  constructor(private readonly state: StateOf, private readonly producer: string, private readonly capacity = 512) {}
  async get(doc: string): Promise<S | null> {
    if (this.cache.has(doc)) return this.cache.get(doc) ?? null;
    const state = (await this.state(this.producer, doc)) as S | null;
    this.cache.set(doc, state);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
    return state;
  }
}

export async function commentAlerts(ctx: CorpusAlertContext): Promise<AlertInput[]> {
  const out: AlertInput[] = [];
  const mode = ctx.rules.comments;
  if (mode === 'off') return out;
  for (const doc of ctx.fresh) {
    const f = (await ctx.state(PRODUCERS.comments, doc)) as CorpusFindingDraft | null;
    if (!f || !(f.label === 'templated' || (mode === 'mixed' && f.label === 'mixed'))) continue;
    const info = await ctx.infos.get(doc);
    if (!info) continue;
    const flagged = f.members.filter((m) => m.role && m.role !== 'comment');
    out.push({
      key: `comment-section:${doc}`,
      type: 'comment-section',
      time: ctx.time,
      summary: `The comment section of ${describe(info)} looks ${f.label === 'templated' ? 'templated' : 'partly templated or machine-written'}: ${f.explanation}`,
      documents: [docRef(info)],
      evidence: evidenceOf(flagged.length > 0 ? flagged : f.members),
      data: { verdict: f.label, score: f.score, comments: (f.data as { comments?: number } | undefined)?.comments ?? null, flagged: (f.data as { flagged?: number } | undefined)?.flagged ?? null },
    });
  }
  return out;
}

/**
 * Reuse pairs with a new member: each new document's blocking keys looked up in the index
 * (keys over their document-frequency cap are boilerplate, as in the corpus step), the
 * documents sharing at least two keys compared with the reuse analyser's pair comparison.
 */
/** A reuse pair as a burst reads it: its two documents and the aligned spans (no quotes yet). */
export interface ReusePair {
  docs: string[];
  /** the aligned spans, kept for the first few pairs of each new document (the evidence shown) */
  members: CorpusMember[];
}

/** Pairs per new document whose spans are kept for evidence (the others keep their documents only). */
const PAIRS_WITH_SPANS = 4;

export async function reusePairs(ctx: CorpusAlertContext): Promise<ReusePair[]> {
  const states = new StateCache<ReuseState>(ctx.state, PRODUCERS.reuse, 0);
  // decoded states with their keys: earlier documents are compared with many new ones
  const prepared = new Map<string, PreparedReuse | null>();
  const prepare = async (doc: string): Promise<PreparedReuse | null> => {
    if (prepared.has(doc)) return prepared.get(doc) ?? null;
    const [state, info] = [await states.get(doc), await ctx.infos.get(doc)];
    const p = state && info ? prepareReuse(info.ref, state) : null;
    prepared.set(doc, p);
    if (prepared.size > PREPARED_CACHE) prepared.delete(prepared.keys().next().value as string);
    return p;
  };
  // pairs compared, as numbers over interned ids (a round may compare hundreds of thousands)
  const interned = new Map<string, number>();
  const idOf = (doc: string): number => {
    let n = interned.get(doc);
    if (n === undefined) interned.set(doc, (n = interned.size));
    return n;
  };
  const compared = new Set<number>();
  const out: ReusePair[] = [];
  for (const doc of ctx.fresh) {
    const own = await prepare(doc);
    if (!own) continue;
    const keys = [...own.keys.keys()];
    const boilerplate = new Set<number>();
    const allowed: number[] = [];
    for (const group of [keys.filter(isCopyKey), keys.filter((k) => !isCopyKey(k))]) {
      if (group.length === 0) continue;
      const cap = reuseKeyCap(group[0], ctx.corpusSize);
      // counts only (cap 0 lists nobody): keys over the cap are boilerplate
      for (const [key, hit] of await ctx.store.watch.keyDocuments('reuse', group, 0)) {
        if (hit.count > cap) boilerplate.add(key);
        else allowed.push(key);
      }
    }
    // the database counts the shared keys: the new document itself shares them all
    const candidates = (await ctx.store.watch.documentsSharingKeys('reuse', allowed, { minShared: 2, limit: MAX_REUSE_CANDIDATES + 1 }))
      .filter((c) => c.doc !== doc)
      .slice(0, MAX_REUSE_CANDIDATES)
      .map((c) => [c.doc, c.shared] as const);
    let withSpans = 0;
    for (const [other] of candidates) {
      const [x, y] = [idOf(doc), idOf(other)];
      const pair = Math.min(x, y) * 2 ** 26 + Math.max(x, y);
      if (compared.has(pair)) continue;
      compared.add(pair);
      const theirs = await prepare(other);
      if (!theirs) continue;
      // reuse 2.x states keep blocking keys: copied sentences are compared on their texts' shingles, read only when they share a copy key
      if (reuseNeedsText(own, theirs, boilerplate)) {
        withReuseText(own, await ctx.store.documentText(doc));
        withReuseText(theirs, await ctx.store.documentText(other));
      }
      // the earlier document first, as in corpus order
      const earlierFirst = !ctx.freshSet.has(other) || other < doc;
      const finding = earlierFirst ? reuseBetween(theirs, own, boilerplate) : reuseBetween(own, theirs, boilerplate);
      // a burst needs the pair's documents and spans only (quotes are cut for the evidence shown)
      if (finding) out.push({ docs: unique(finding.members.map((m) => m.doc)), members: withSpans++ < PAIRS_WITH_SPANS ? finding.members : [] });
    }
  }
  return out;
}

/**
 * A reuse burst: the documents linked by text reuse to a new document (this poll's pairs
 * joined into groups) come from at least `outlets` different outlets within `hours` of each other.
 */
export async function reuseBursts(ctx: CorpusAlertContext, pairs: ReusePair[], rule: { outlets: number; hours: number }): Promise<AlertInput[]> {
  const ids = unique(pairs.flatMap((p) => p.docs));
  const index = new Map(ids.map((id, i) => [id, i]));
  const sets = new DisjointSet(ids.length);
  for (const p of pairs) for (let i = 1; i < p.docs.length; i++) sets.union(index.get(p.docs[0]) as number, index.get(p.docs[i]) as number);
  // each group's pairs, found once (not a scan of every pair per group)
  const pairsOf = new Map<number, ReusePair[]>();
  for (const p of pairs) {
    const root = sets.find(index.get(p.docs[0]) as number);
    const list = pairsOf.get(root);
    if (list) list.push(p);
    else pairsOf.set(root, [p]);
  }
  const out: AlertInput[] = [];
  for (const group of sets.groups(2)) {
    const members = group.map((i) => ids[i]);
    if (!members.some((d) => ctx.freshSet.has(d))) continue;
    const docs: DocInfo[] = [];
    for (const d of members) {
      const info = await ctx.infos.get(d);
      if (info) docs.push(info);
    }
    // the window around each new document: the outlets that carried the text within T hours of it
    let best: DocInfo[] = [];
    for (const anchor of docs.filter((d) => ctx.freshSet.has(d.ref.id))) {
      const near = docs.filter((d) => anchor.time === null || d.time === null || Math.abs(d.time - anchor.time) <= rule.hours * 3_600_000);
      if (outlets(near).size > outlets(best).size) best = near;
    }
    const carried = outlets(best);
    if (carried.size < rule.outlets) continue;
    const inBurst = new Set(best.map((d) => d.ref.id));
    const shown: CorpusMember[] = [];
    for (const p of pairsOf.get(sets.find(group[0])) ?? []) {
      if (shown.length >= 2 * MAX_EVIDENCE) break;
      if (p.docs.some((d) => ctx.freshSet.has(d)) && p.docs.every((d) => inBurst.has(d))) for (const m of p.members) shown.push({ ...m });
    }
    await quoteMembers(ctx.store, shown);
    const sorted = [...inBurst].sort();
    out.push({
      key: `reuse-burst:${sorted[0]}:${carried.size}`,
      type: 'reuse-burst',
      time: ctx.time,
      summary: `The same text appears in ${carried.size} outlets within ${rule.hours} hours: ${[...carried].join(', ')}.`,
      documents: best.map(docRef),
      evidence: evidenceOf(shown),
      data: { outlets: [...carried], hours: rule.hours, documents: sorted.length },
    });
  }
  return out;
}

function outlets(docs: DocInfo[]): Set<string> {
  return new Set(docs.map((d) => d.source ?? d.ref.outlet ?? d.ref.id));
}

/**
 * New contradictions: the facts of the new documents and of the documents sharing their fact
 * slots (subject and attribute, from the index), judged by the contradictions analyser; those
 * with a new member are new by construction.
 */
export async function contradictionAlerts(ctx: CorpusAlertContext): Promise<AlertInput[]> {
  const factsOf = (doc: string) => ctx.state(PRODUCERS.facts, doc) as Promise<Array<Omit<Fact, 'doc'>> | null>;
  const slots = new Set<number>();
  for (const doc of ctx.fresh) for (const f of (await factsOf(doc)) ?? []) slots.add(factKey(f));
  if (slots.size === 0) return [];
  const docs = new Set<string>(ctx.fresh);
  for (const hit of (await ctx.store.watch.keyDocuments('fact', [...slots], FACT_SLOT_CAP)).values()) for (const d of hit.docs) docs.add(d);
  const facts: Fact[] = [];
  const names = new Map<string, string>();
  for (const doc of docs) {
    const kept = ((await factsOf(doc)) ?? []).filter((f) => slots.has(factKey(f)));
    if (kept.length === 0) continue;
    const info = await ctx.infos.get(doc);
    if (!info) continue;
    names.set(doc, refName(info.ref));
    for (const f of kept) facts.push({ doc, ...f });
  }
  const out: AlertInput[] = [];
  for (const f of contradictionFindings(facts, buildCamps([]), names)) {
    if (f.kind !== 'contradiction' || !f.members.some((m) => ctx.freshSet.has(m.doc))) continue;
    const members = unique(f.members.map((m) => m.doc));
    if (members.length < 2) continue;
    out.push({
      key: `new-contradiction:${f.label}:${members.slice().sort().join(',')}`,
      type: 'new-contradiction',
      time: ctx.time,
      summary: `New contradiction on "${f.label}": ${f.explanation}`,
      documents: await docRefs(ctx.infos, members),
      evidence: evidenceOf(f.members),
      data: { label: f.label, values: (f.data as { values?: unknown } | undefined)?.values ?? null },
    });
  }
  return out;
}

/**
 * New narratives: the narratives analyser run over the new documents and their neighbours —
 * the earlier documents using the same lexicon frames (when few do) and those sharing the
 * most frame-candidate words. A lexicon frame is new when fewer than two earlier documents
 * used it (it was no narrative before); a discovered frame when its earlier members come from
 * fewer than two sources (it could not have been found before).
 */
export async function narrativeAlerts(ctx: CorpusAlertContext): Promise<AlertInput[]> {
  const states = new StateCache<NarrativeState>(ctx.state, PRODUCERS.narratives, 4096);
  const freshUsers = new Map<string, number>();
  const neighbours = new Set<string>();
  for (const doc of ctx.fresh) {
    const state = await states.get(doc);
    if (!state) continue;
    for (const frame of new Set(state.uses.map((u) => u.frame))) freshUsers.set(frame, (freshUsers.get(frame) ?? 0) + 1);
    const words = [...candidateStems(state)].map(wordKey);
    if (words.length === 0) continue;
    const rare: number[] = [];
    for (const [key, hit] of await ctx.store.watch.keyDocuments('word', words, 0)) if (hit.count <= WORD_CAP) rare.push(key);
    // new documents of this poll are clustered anyway: ask for enough to find earlier ones among them
    const near = (await ctx.store.watch.documentsSharingKeys('word', rare, { minShared: MIN_SHARED_WORDS, limit: WORD_NEIGHBOURS + 32 }))
      .filter((c) => !ctx.freshSet.has(c.doc))
      .slice(0, WORD_NEIGHBOURS)
      .map((c) => [c.doc, c.shared] as const);
    for (const [other] of near) if (neighbours.size < MAX_NEIGHBOURS) neighbours.add(other);
  }
  // lexicon frames: how many earlier documents used each, and who when it is one
  const newFrames = new Set<string>();
  for (const [frame, users] of freshUsers) {
    const hit = (await ctx.store.watch.keyDocuments('frame', [frameKey(frame)], users + 1)).get(frameKey(frame));
    const earlier = hit ? hit.count - users : 0;
    if (earlier >= 2) continue;
    newFrames.add(frame);
    for (const d of hit?.docs ?? []) if (!ctx.freshSet.has(d)) neighbours.add(d);
  }
  const perDocument: Array<{ doc: string; source: string; state: NarrativeState | null }> = [];
  const names = new Map<string, string>();
  const sources = new Map<string, string>();
  for (const doc of [...ctx.fresh, ...neighbours]) {
    const state = await states.get(doc);
    const info = await ctx.infos.get(doc);
    if (!state || !info) continue;
    const source = info.source ?? info.ref.outlet ?? doc;
    perDocument.push({ doc, source, state });
    names.set(doc, refName(info.ref));
    sources.set(doc, source);
  }
  if (perDocument.length < 2) return [];
  const out: AlertInput[] = [];
  for (const f of await narrativesOf(perDocument, buildCamps([]), names, loadNarrativeLexicons())) {
    if (!f.members.some((m) => ctx.freshSet.has(m.doc))) continue;
    const data = (f.data ?? {}) as { frame?: string; source?: string };
    const frame = String(data.frame ?? f.label);
    const earlierSources = new Set(f.members.filter((m) => !ctx.freshSet.has(m.doc)).map((m) => sources.get(m.doc) ?? m.doc));
    const isNew = data.source === 'discovered' ? earlierSources.size < 2 : newFrames.has(frame);
    if (!isNew) continue;
    await quoteMembers(ctx.store, f.members);
    const docs = unique(f.members.map((m) => m.doc));
    out.push({
      key: `new-narrative:${frame}`,
      type: 'new-narrative',
      time: ctx.time,
      summary: `New narrative: "${f.label}". ${f.explanation}`,
      documents: await docRefs(ctx.infos, docs),
      evidence: evidenceOf(f.members.filter((m) => ctx.freshSet.has(m.doc)).concat(f.members.filter((m) => !ctx.freshSet.has(m.doc)))),
      data: { frame, label: f.label, documents: docs.length },
    });
  }
  return out;
}

/**
 * An outlet changes camp when its new document opposes a proposition one of its earlier
 * documents supported (or the reverse): the earlier documents of the same outlet on the
 * other side are one index look-up per new stance. Stances are each document's own (the
 * stance analyser's rule on its accusations), so earlier documents are judged as the new one.
 */
export async function campChangeAlerts(ctx: CorpusAlertContext): Promise<AlertInput[]> {
  const stancesOf = async (doc: string) => documentStances(doc, (await ctx.state(PRODUCERS.stances, doc)) as Parameters<typeof documentStances>[1]);
  const out: AlertInput[] = [];
  for (const doc of ctx.fresh) {
    const info = await ctx.infos.get(doc);
    if (!info?.source) continue;
    for (const now of await stancesOf(doc)) {
      const opposite = now.stance === 'supports' ? 'opposes' : 'supports';
      const key = stanceKey(info.source, now.proposition, opposite);
      const hit = (await ctx.store.watch.keyDocuments('stance', [key], 1000)).get(key);
      for (const other of hit?.docs ?? []) {
        if (ctx.freshSet.has(other)) continue;
        const earlier = await ctx.infos.get(other);
        const before = earlier?.source === info.source ? (await stancesOf(other)).find((s) => s.proposition === now.proposition && s.stance === opposite) : undefined;
        if (!earlier || !before) continue;
        const tag = (members: CorpusMember[], role: string) => members.slice(0, 3).map((m) => ({ ...m, role }));
        out.push({
          key: `camp-change:${info.source}:${now.proposition}:${doc}`,
          type: 'camp-change',
          time: ctx.time,
          summary: `${info.source} changes side on "${now.text}": it ${before.stance === 'supports' ? 'supported' : 'opposed'} it in ${describe(earlier)} and now ${now.stance === 'supports' ? 'supports' : 'opposes'} it in ${describe(info)}.`,
          documents: [docRef(earlier), docRef(info)],
          evidence: evidenceOf([...tag(before.members, `before: ${before.stance}`), ...tag(now.members, `now: ${now.stance}`)]),
          data: { outlet: info.source, proposition: now.proposition, text: now.text, before: before.stance, now: now.stance },
        });
        break;
      }
    }
  }
  return out;
}
