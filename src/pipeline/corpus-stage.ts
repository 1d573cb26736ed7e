import type { CorpusAnalyzer, CorpusState, DocumentRef } from '../analysers/analyzer.js';
import { corpusAnalyzers } from '../analysers/index.js';
import type { Resources } from '../nlp/resources.js';
import { applyReviews } from '../review/apply.js';
import type { Review } from '../review/types.js';
import type { CorpusScope, Store } from '../store/store.js';
import { combineCorpus, producerOf, withUses, type CorpusAnalysis, type CorpusFindingSink } from './analyze.js';

/**
 * The corpus stage on a store: the corpus analysers combine the states stored with the
 * documents, streamed a page at a time — never the documents. Documents stored before an
 * analyser existed or changed version get their state first (one document at a time).
 */
export async function analyzeStoredCorpus(
  store: Store,
  resources: Resources,
  scope: CorpusScope = {},
  analyzers: readonly CorpusAnalyzer[] = corpusAnalyzers,
  options: { includeRejected?: boolean; sink?: CorpusFindingSink } = {},
): Promise<CorpusAnalysis> {
  const needed = withUses(analyzers);
  const extractFailures = await ensureStates(store, resources, needed, scope);
  const reviewed = await reviewedStates(store, resources, needed, options);
  const size = await store.countScope(scope);
  const texts = new TextCache(store);
  const byName = new Map(needed.map((a) => [a.name, a]));
  const stateOf = (analyzer: CorpusAnalyzer): CorpusState<unknown> => {
    const producer = producerOf(analyzer);
    return {
      size,
      entries: () => overlay(store.iterateCorpusStates(producer, scope), reviewed.get(producer)),
      get: async (docId) => {
        const own = reviewed.get(producer);
        return own?.has(docId) ? own.get(docId) : store.corpusState(producer, docId);
      },
      slice: (docId, start, end) => texts.slice(docId, start, end),
      of<T>(name: string): CorpusState<T> {
        const other = byName.get(name);
        if (!other) throw new Error(`${analyzer.name} reads the state of ${name}, which it does not list in \`uses\``);
        return stateOf(other) as CorpusState<T>;
      },
    };
  };
  const result = await combineCorpus({ state: stateOf }, resources, analyzers, options.sink);
  return extractFailures.length === 0 ? result : { ...result, failures: [...summarizeFailures(extractFailures), ...result.failures] };
}

/** Extract failures of many documents as one line per analyser and message (a report lists them, not thousands). */
function summarizeFailures(failures: ExtractFailure[]): Array<{ analyzer: string; message: string }> {
  const groups = new Map<string, string[]>();
  for (const f of failures) {
    const key = `${f.analyzer}\u0000${f.message}`;
    const docs = groups.get(key);
    if (docs) docs.push(f.doc);
    else groups.set(key, [f.doc]);
  }
  return [...groups].map(([key, docs]) => {
    const [analyzer, message] = key.split('\u0000');
    const which = docs.length === 1 ? `document ${docs[0]}` : `${docs.length} documents (${docs.slice(0, 5).join(', ')}${docs.length > 5 ? ', …' : ''})`;
    return { analyzer, message: `extract failed on ${which}; these documents count as lacking its state: ${message}` };
  });
}

export interface ExtractFailure {
  doc: string;
  analyzer: string;
  message: string;
}

/**
 * Analysts' reviews change what the corpus analysers see: a rejected finding is left out, a
 * corrected accusation names its corrected accuser and accused. Reviewed documents are few,
 * so their states are re-extracted from the reviewed findings for this computation only
 * (producer → document → state); the stored states stay the analysers' own.
 */
async function reviewedStates(store: Store, resources: Resources, analyzers: readonly CorpusAnalyzer[], options: { includeRejected?: boolean }): Promise<Map<string, Map<string, unknown>>> {
  const out = new Map<string, Map<string, unknown>>(analyzers.map((a) => [producerOf(a), new Map()]));
  const byDoc = new Map<string, Review[]>();
  for (const review of await store.listReviews()) {
    const list = byDoc.get(review.target.doc);
    if (list) list.push(review);
    else byDoc.set(review.target.doc, [review]);
  }
  for (const [docId, reviews] of byDoc) {
    const doc = await store.getDocument(docId);
    if (!doc) continue;
    const [analysed] = applyReviews([{ doc, findings: await store.getFindings(docId) }], reviews, options).documents;
    for (const analyzer of analyzers) {
      try {
        out.get(producerOf(analyzer))?.set(docId, analyzer.extract(analysed, resources) ?? null);
      } catch {
        // keeps the stored state
      }
    }
  }
  return out;
}

async function* overlay(entries: AsyncIterable<{ doc: DocumentRef; state: unknown }>, replaced: Map<string, unknown> | undefined): AsyncIterable<{ doc: DocumentRef; state: unknown }> {
  for await (const entry of entries) yield replaced?.has(entry.doc.id) ? { doc: entry.doc, state: replaced.get(entry.doc.id) } : entry;
}

/**
 * Extracts and stores the states documents in scope lack (new analysers, version bumps, old
 * databases). An analyser whose extract throws on a document keeps nothing for it: its
 * failure is stored (the document still lacks that state and is tried again next time) and
 * returned, so the corpus stage reports it; the other analysers' states are stored.
 */
export async function ensureStates(store: Store, resources: Resources, analyzers: readonly CorpusAnalyzer[], scope: CorpusScope): Promise<ExtractFailure[]> {
  const producers = analyzers.map(producerOf);
  const failed: ExtractFailure[] = [];
  for await (const id of store.documentsLackingStates(producers, scope)) {
    const doc = await store.getDocument(id);
    if (!doc) continue;
    const analysed = { doc, findings: await store.getFindings(id) };
    const states = new Map<string, unknown>();
    const failures: Array<{ analyzer: string; message: string }> = [];
    for (const analyzer of analyzers) {
      try {
        states.set(producerOf(analyzer), analyzer.extract(analysed, resources) ?? null);
      } catch (error) {
        failures.push({ analyzer: producerOf(analyzer), message: error instanceof Error ? error.message : String(error) });
      }
    }
    await store.saveCorpusStates(id, states, failures);
    for (const f of failures) failed.push({ doc: id, ...f });
  }
  return failed;
}

/** Texts of the documents members quote, a few at a time (a reuse pair reads two). */
class TextCache {
  private readonly texts = new Map<string, string>();

  constructor(private readonly store: Store, private readonly capacity = 64) {}

  async slice(docId: string, start: number, end: number): Promise<string> {
    let text = this.texts.get(docId);
    if (text === undefined) {
      text = (await this.store.documentText(docId)) ?? '';
      this.texts.set(docId, text);
      if (this.texts.size > this.capacity) this.texts.delete(this.texts.keys().next().value as string);
    }
    return text.slice(start, end);
  }
}
