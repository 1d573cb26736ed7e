import type { StoredCamps } from './stored-camps.js';
import type { Finding } from '../core/types.js';
import type { Store } from './store.js';
import type { ExpandedQuery } from './search-expand.js';
import type { SearchMatches } from './search-groups.js';
import type { ScoreThresholds } from './finding-sets.js';
import { HIT_END, HIT_START, searchTerms } from './search-text.js';

/**
 * Read-only queries the web API needs beyond the Store interface: paged and filtered
 * document lists, corpus aggregates, findings by kind and label, entities with their
 * aliases, and full-text search. One narrow interface, implemented by each backend
 * (sqlite-queries.ts, postgres-queries.ts) so `discern serve` works on either with the same
 * results; the API tests run against both.
 */

export { HIT_END, HIT_START };

export interface Page {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface DocumentSummary {
  id: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  path: string | null;
  publishedAt: string | null;
  lang: string | null;
  format: string;
  ingestedAt: string;
  /** length of the stored text in UTF-16 code units */
  chars: number;
  /** finding kind → how many */
  findings: Record<string, number>;
}

export interface DocumentFilter extends Page {
  /** exact outlet; '' means documents whose outlet is unknown */
  outlet?: string;
  /** inclusive bounds on publishedAt: YYYY, YYYY-MM or YYYY-MM-DD */
  from?: string;
  to?: string;
  /** only these documents (e.g. the members of a camp) */
  ids?: string[];
}


export interface OutletOverview {
  outlet: string | null;
  documents: number;
  first: string | null;
  last: string | null;
  /** documents per publication day (YYYY-MM-DD); documents without a date are left out */
  byDate: Array<{ date: string; documents: number }>;
  /** technique label → spans */
  techniques: Record<string, number>;
  /** claims by evidence strength (the sourcing profile's categories) */
  evidence: Record<string, number>;
  claims: number;
}

export interface CorpusOverview {
  documents: number;
  findings: Array<{ kind: string; count: number }>;
  outlets: OutletOverview[];
}

export interface LocatedFinding extends Finding {
  doc: string;
  docTitle: string | null;
  /** the document's display name: title, outlet and date, else its file name (src/document/names.ts) */
  docName?: string;
  outlet: string | null;
}

export interface FindingFilter extends Page {
  kind?: string;
  label?: string;
  doc?: string;
  /** only findings scoring at least their kind's threshold, counted and paged in SQL */
  minScores?: ScoreThresholds;
}

export interface FindingLabel {
  kind: string;
  label: string;
  count: number;
  documents: number;
}

export interface EntitySummary {
  /** the canonical name (the entity finding's label) */
  name: string;
  type: string | null;
  mentions: number;
  documents: number;
  /** every written form, most frequent first */
  aliases: Array<{ text: string; count: number }>;
}

export interface EntityFilter extends Page {
  /** a name matches through any of its aliases (case-insensitive substring) */
  q?: string;
  type?: string;
}

export interface EntityDetail extends EntitySummary {
  /** documents that mention it, most mentions first (at most 500) */
  inDocuments: Array<{ id: string; title: string | null; outlet: string | null; mentions: number }>;
}

export interface DocumentHit {
  id: string;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
  /** text around the hits; hits between HIT_START and HIT_END */
  snippet: string;
}

export interface FindingHit extends LocatedFinding {
  snippet: string;
}

/**
 * Beyond this many matching findings the count stops and hits come newest first instead of
 * by relevance: ranking every match of a common word among a million findings costs ~100 ms.
 */
export const FINDING_RANK_LIMIT = 2000;

export interface ReadQueries {
  listDocumentSummaries(filter: DocumentFilter): Promise<Paged<DocumentSummary>>;
  /** every document's outlet (null when unknown), for the outlet filter's choices */
  outlets(): Promise<Array<{ outlet: string | null; documents: number }>>;
  /** id → title for these documents (absent ids are left out) */
  documentTitles(ids: string[]): Promise<Record<string, string | null>>;
  corpusOverview(): Promise<CorpusOverview>;
  listFindings(filter: FindingFilter): Promise<Paged<LocatedFinding>>;
  /** every (kind, label) with its number of findings and documents */
  findingLabels(kind?: string): Promise<FindingLabel[]>;
  /** all findings of one kind (e.g. every accusation), by document and position, capped */
  findingsOfKind(kind: string, limit: number): Promise<LocatedFinding[]>;
  listEntities(filter: EntityFilter): Promise<Paged<EntitySummary>>;
  getEntity(name: string): Promise<EntityDetail | null>;
  /** entity types of these canonical names (for graph nodes) */
  entityTypes(names: string[]): Promise<Map<string, string>>;
  /** a plain string is searched as typed (words, phrases, last word as prefix); an expanded query with its alternatives */
  searchDocuments(q: string | ExpandedQuery, page: Page): Promise<Paged<DocumentHit>>;
  searchFindings(q: string | ExpandedQuery, page: Page & { kind?: string }): Promise<Paged<FindingHit> & { capped: boolean }>;
  /** every (canonical name, written form) of the entity findings, most frequent first: the corpus's own alias resolution */
  entityForms(limit: number): Promise<Array<{ label: string; surface: string; count: number }>>;
  /** the documents an expanded query matches — by text or title (ranked) or by any finding — with what grouping and facets need, capped */
  searchMatches(q: ExpandedQuery, cap: number): Promise<SearchMatches>;
  /** the text snippet of each of these documents that the query matches, hits between the markers */
  searchSnippets(q: ExpandedQuery, ids: string[]): Promise<Map<string, string>>;
  /** the findings of these documents that the query matches, best first within a document, at most `limit` in all */
  searchFindingsIn(q: ExpandedQuery, ids: string[], limit: number): Promise<FindingHit[]>;
  /** the camps of the newest finished run that stored any (stored-camps.ts), or null; never computes corpus findings */
  storedCamps(): Promise<StoredCamps | null>;
}

/** A store the web server can serve: the Store interface plus the read queries of the API. */
export interface ServableStore extends Store {
  readonly queries: ReadQueries;
}

/**
 * A user's search text as a safe FTS5 query: every term quoted (so FTS5 operators and
 * syntax in the input are plain text), all required, the last word also as a prefix.
 */
export function ftsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`).join(' ');
}

/** Outlet overview rows, filled by the backends' aggregate queries. */
export function outletCollector(): { of(outlet: unknown): OutletOverview; all(): OutletOverview[] } {
  const outlets = new Map<string | null, OutletOverview>();
  return {
    of(value: unknown): OutletOverview {
      const key = value === null || value === undefined ? null : String(value);
      let entry = outlets.get(key);
      if (!entry) {
        entry = { outlet: key, documents: 0, first: null, last: null, byDate: [], techniques: {}, evidence: {}, claims: 0 };
        outlets.set(key, entry);
      }
      return entry;
    },
    all: () => [...outlets.values()],
  };
}
