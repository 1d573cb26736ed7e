import type { CorpusAnalyzer } from '../analysers/analyzer.js';
import { commentSectionsAnalyzer } from '../corpus/comment-sections.js';
import { hashString } from '../corpus/minhash.js';
import { buildPropositions, stancesAnalyzer, type AccusationRecord } from '../corpus/narratives/camps.js';
import { contradictionsAnalyzer, type Fact } from '../corpus/narratives/facts.js';
import { narrativesAnalyzer, type NarrativeState } from '../corpus/narratives/frames.js';
import { stem } from '../corpus/narratives/stance/features.js';
import { prepareReuse, reuseAnalyzer, type ReuseState } from '../corpus/reuse.js';
import type { Resources } from '../nlp/resources.js';
import { producerOf } from '../pipeline/analyze.js';
import { applyReviews } from '../review/apply.js';
import type { Review } from '../review/types.js';
import type { Store } from '../store/store.js';

/**
 * The watch index (migration 011): per document, hashed keys derived from its stored corpus
 * states, so the alert step finds the earlier documents a new one relates to by indexed
 * look-ups — the documents sharing a reuse blocking key, a fact slot, a narrative frame or
 * rare frame words, and the earlier articles of the same outlet on the other side of a
 * proposition — instead of recombining the whole corpus every poll. Keys are 32-bit hashes:
 * a collision only adds a candidate, which the states then rule out.
 */

/** The corpus analysers whose states the alert rules read. */
export const ALERT_ANALYZERS: readonly CorpusAnalyzer[] = [commentSectionsAnalyzer, reuseAnalyzer, stancesAnalyzer, narrativesAnalyzer, contradictionsAnalyzer] as CorpusAnalyzer[];
export const PRODUCERS = {
  comments: producerOf(commentSectionsAnalyzer),
  reuse: producerOf(reuseAnalyzer),
  stances: producerOf(stancesAnalyzer),
  narratives: producerOf(narrativesAnalyzer),
  facts: producerOf(contradictionsAnalyzer),
};
/** what the keys are derived from: documents indexed at another version are indexed again */
export const INDEX_VERSION = `1;${PRODUCERS.reuse};${PRODUCERS.stances};${PRODUCERS.narratives};${PRODUCERS.facts}`;

export type KeyKind = 'reuse' | 'fact' | 'stance' | 'frame' | 'word';

export const factKey = (f: Pick<Fact, 'subject' | 'attribute'>): number => hashString(`${f.subject}|${f.attribute}`);
export const frameKey = (frame: string): number => hashString(frame);
export const wordKey = (stemmed: string): number => hashString(stemmed);
export const stanceKey = (outlet: string, proposition: string, stance: 'supports' | 'opposes'): number => hashString(`${outlet.normalize('NFKC').toLowerCase()}\u0000${proposition}\u0000${stance}`);

/** A document's supports/opposes stances per proposition (the corpus stance rule applied to its own accusations). */
export function documentStances(doc: string, records: readonly AccusationRecord[] | null) {
  if (!records || records.length === 0) return [];
  return buildPropositions([{ doc, accusations: [...records] }]).flatMap((p) => {
    const s = p.stances.get(doc);
    return s && (s.stance === 'supports' || s.stance === 'opposes') ? [{ proposition: p.key, text: p.text, stance: s.stance, members: s.members }] : [];
  });
}

/** Stems of a narrative state's clustering candidates (role tokens left out). */
export function candidateStems(state: NarrativeState | null): Set<string> {
  const out = new Set<string>();
  for (const c of state?.candidates ?? []) for (const w of c.words) if (!w.startsWith('@')) out.add(stem(w));
  return out;
}

export interface StatesOf {
  reuse: ReuseState | null;
  stances: AccusationRecord[] | null;
  narratives: NarrativeState | null;
  facts: Array<Omit<Fact, 'doc'>> | null;
}

/** A corpus state of a document, as the alert rules read it. */
export type StateOf = (producer: string, doc: string) => Promise<unknown>;

/**
 * States as the corpus stage sees them: analysts' reviews change what the corpus analysers
 * read (a rejected accusation is left out, a corrected one names its corrected parties), so a
 * reviewed document's states are re-extracted from its reviewed findings (reviewed documents
 * are few: all reviews are read once per poll); the others are the stored states.
 */
export async function stateReader(store: Store, resources: Resources): Promise<StateOf> {
  const byDoc = new Map<string, Review[]>();
  for (const review of await store.listReviews()) {
    const list = byDoc.get(review.target.doc);
    if (list) list.push(review);
    else byDoc.set(review.target.doc, [review]);
  }
  const reviewed = new Map<string, Map<string, unknown>>();
  return async (producer, doc) => {
    const reviews = byDoc.get(doc);
    if (!reviews) return store.corpusState(producer, doc);
    let states = reviewed.get(doc);
    if (!states) {
      states = new Map();
      const found = await store.getDocument(doc);
      if (found) {
        const [analysed] = applyReviews([{ doc: found, findings: await store.getFindings(doc) }], reviews).documents;
        for (const analyzer of ALERT_ANALYZERS) {
          try {
            states.set(producerOf(analyzer), analyzer.extract(analysed, resources) ?? null);
          } catch {
            // keeps the stored state
          }
        }
      }
      reviewed.set(doc, states);
    }
    return states.has(producer) ? states.get(producer) : store.corpusState(producer, doc);
  };
}

export async function statesOf(state: StateOf, doc: string): Promise<StatesOf> {
  return {
    reuse: (await state(PRODUCERS.reuse, doc)) as ReuseState | null,
    stances: (await state(PRODUCERS.stances, doc)) as AccusationRecord[] | null,
    narratives: (await state(PRODUCERS.narratives, doc)) as NarrativeState | null,
    facts: (await state(PRODUCERS.facts, doc)) as Array<Omit<Fact, 'doc'>> | null,
  };
}

/** The index keys of one document; `outlet` (the watch source's name, else the document's outlet) keys its stances. */
export function indexKeys(doc: string, states: StatesOf, outlet: string | null): Array<{ kind: KeyKind; key: number }> {
  const keys: Array<{ kind: KeyKind; key: number }> = [];
  if (states.reuse) for (const key of prepareReuse(NO_REF, states.reuse).keys.keys()) keys.push({ kind: 'reuse', key });
  for (const f of states.facts ?? []) keys.push({ kind: 'fact', key: factKey(f) });
  if (outlet) for (const s of documentStances(doc, states.stances)) keys.push({ kind: 'stance', key: stanceKey(outlet, s.proposition, s.stance) });
  for (const u of states.narratives?.uses ?? []) keys.push({ kind: 'frame', key: frameKey(u.frame) });
  for (const w of candidateStems(states.narratives)) keys.push({ kind: 'word', key: wordKey(w) });
  return keys;
}

/** The outlet a document is filed under: the watch source's name, else the document's own outlet. */
export async function outletsOf(store: Store, docs: string[]): Promise<Map<string, string | null>> {
  const watched = await store.watch.sourcesOfDocuments(docs);
  const out = new Map<string, string | null>();
  for (const id of docs) {
    const name = watched.get(id)?.name;
    out.set(id, name ?? (await store.getDocument(id))?.source.outlet ?? null);
  }
  return out;
}

const INDEX_PAGE = 100;
const NO_REF = { id: '', title: null, outlet: null, path: null, url: null, publishedAt: null };

/**
 * Brings the index up to date: every document not indexed at INDEX_VERSION is indexed, a page
 * at a time — the new documents of a poll, and on the first poll of an existing database (or
 * after an analyser version change) the backlog, once. A document stored before one of the
 * alert analysers existed (or at another version of it) gets that state first, as the corpus
 * stage would give it. Work follows the documents indexed, not the corpus; memory is one page.
 */
export async function updateIndex(store: Store, resources: Resources, state: StateOf): Promise<number> {
  let indexed = 0;
  for (;;) {
    const page = await store.watch.documentsToIndex(INDEX_VERSION, INDEX_PAGE);
    if (page.length === 0) return indexed;
    const outlets = await outletsOf(store, page);
    for (const doc of page) {
      await ensureDocumentStates(store, resources, doc);
      await store.watch.indexDocument(doc, INDEX_VERSION, indexKeys(doc, await statesOf(state, doc), outlets.get(doc) ?? null));
      indexed++;
    }
  }
}

/** The alert analysers' states of one document, extracted and stored when it lacks a current one. */
async function ensureDocumentStates(store: Store, resources: Resources, doc: string): Promise<void> {
  const results = await store.analyzerResults(doc);
  const lacking = ALERT_ANALYZERS.filter((a) => {
    const r = results.get(a.name);
    return !r || r.version !== a.version || r.status !== 'ok';
  });
  if (lacking.length === 0) return;
  const found = await store.getDocument(doc);
  if (!found) return;
  const analysed = { doc: found, findings: await store.getFindings(doc) };
  const states = new Map<string, unknown>();
  const failures: Array<{ analyzer: string; message: string }> = [];
  for (const analyzer of lacking) {
    try {
      states.set(producerOf(analyzer), analyzer.extract(analysed, resources) ?? null);
    } catch (error) {
      failures.push({ analyzer: producerOf(analyzer), message: error instanceof Error ? error.message : String(error) });
    }
  }
  await store.saveCorpusStates(doc, states, failures);
}
