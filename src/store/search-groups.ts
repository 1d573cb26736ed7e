import type { DocumentRef } from '../analysers/analyzer.js';
import type { ExpandedQuery } from './search-expand.js';
import type { FindingHit, ReadQueries } from './queries.js';

/**
 * Search results grouped by document, with facets: the matching documents (their text or
 * title, or any of their findings) ranked by the backend's text rank, then by their finding
 * hits; per document one text snippet and its best finding hits — kinds an analyst acts on
 * first, entity mentions folded into one line ("mentioned 12 times as ISKP, ISIS-K") — so no
 * kind floods the page; facets by finding kind, outlet, camp and month, each counted with the
 * other filters applied. The same on every backend: the backends only answer the three
 * primitive queries (matches, snippets, finding hits of some documents).
 */

/** Beyond this many matching documents or findings the counts stop (`capped`). */
export const SEARCH_MATCH_CAP = 5000;

export interface DocumentMatch extends DocumentRef {
  /** position in the backend's text ranking (0 = best), null when only findings match */
  textRank: number | null;
  /** matching findings by kind */
  kinds: Record<string, number>;
}

export interface SearchMatches {
  documents: DocumentMatch[];
  capped: boolean;
}

export interface SearchFilter {
  outlet?: string;
  from?: string;
  to?: string;
  camp?: string;
  kind?: string;
  /** one document: every finding hit of it */
  doc?: string;
}

export interface FacetValue {
  value: string;
  documents: number;
  /** finding hits (kind facet only) */
  hits?: number;
}

export interface SearchFacets {
  kind: FacetValue[];
  outlet: FacetValue[];
  camp: FacetValue[];
  date: FacetValue[];
}

export interface EntityMentions {
  count: number;
  forms: Array<{ text: string; count: number }>;
  /** the first mention, to open the document at */
  finding: string;
}

export interface SearchGroup {
  doc: { id: string; title: string | null; outlet: string | null; publishedAt: string | null; path: string | null; url: string | null };
  camps: string[];
  /** the text around the best text hit, hits between the markers; null when only findings match */
  snippet: string | null;
  /** matching findings by kind */
  kinds: Record<string, number>;
  hits: FindingHit[];
  mentions: EntityMentions | null;
  /** matching findings not shown */
  more: number;
}

export interface GroupedSearch {
  total: number;
  capped: boolean;
  groups: SearchGroup[];
  facets: SearchFacets;
}

/** The order finding hits are shown in a group: what an analyst acts on first. */
const KIND_PRIORITY = ['contradiction', 'accusation', 'claim', 'verification', 'fact-check', 'technique', 'attribution', 'inauthentic-signal', 'repetition', 'certainty', 'stance', 'event'];
const priority = (kind: string) => {
  const i = KIND_PRIORITY.indexOf(kind);
  return i < 0 ? KIND_PRIORITY.length : i;
};

export const HITS_PER_GROUP = 3;
const UNKNOWN = '(unknown)';

function month(date: string | null): string {
  return date && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : date && /^\d{4}/.test(date) ? date.slice(0, 4) : UNKNOWN;
}

function inDates(date: string | null, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  if (from && date.slice(0, from.length) < from) return false;
  if (to && date.slice(0, to.length) > to) return false;
  return true;
}

type Dimension = 'kind' | 'outlet' | 'camp' | 'date';

function passes(d: DocumentMatch, filter: SearchFilter, campsOf: (doc: string) => string[], skip: Dimension | null): boolean {
  if (filter.doc && d.id !== filter.doc) return false;
  if (skip !== 'outlet' && filter.outlet !== undefined && (d.outlet ?? '') !== filter.outlet) return false;
  if (skip !== 'date' && !inDates(d.publishedAt, filter.from, filter.to)) return false;
  if (skip !== 'camp' && filter.camp !== undefined && !campsOf(d.id).includes(filter.camp)) return false;
  if (skip !== 'kind' && filter.kind !== undefined && !(d.kinds[filter.kind] > 0)) return false;
  return true;
}

function facet(values: Map<string, FacetValue>): FacetValue[] {
  return [...values.values()].sort((a, b) => b.documents - a.documents || a.value.localeCompare(b.value));
}

export function facetsOf(matches: DocumentMatch[], filter: SearchFilter, campsOf: (doc: string) => string[]): SearchFacets {
  const count = (dimension: Dimension, valuesOf: (d: DocumentMatch) => Array<[string, number]>) => {
    const out = new Map<string, FacetValue>();
    for (const d of matches) {
      if (!passes(d, filter, campsOf, dimension)) continue;
      for (const [value, hits] of valuesOf(d)) {
        const entry = out.get(value) ?? { value, documents: 0, ...(dimension === 'kind' ? { hits: 0 } : {}) };
        entry.documents++;
        if (entry.hits !== undefined) entry.hits += hits;
        out.set(value, entry);
      }
    }
    return dimension === 'date' ? [...out.values()].sort((a, b) => (a.value === UNKNOWN ? 1 : b.value === UNKNOWN ? -1 : a.value.localeCompare(b.value))) : facet(out);
  };
  return {
    kind: count('kind', (d) => Object.entries(d.kinds)),
    outlet: count('outlet', (d) => [[d.outlet ?? '', 1]]),
    camp: count('camp', (d) => campsOf(d.id).map((c): [string, number] => [c, 1])),
    date: count('date', (d) => [[month(d.publishedAt), 1]]),
  };
}

/** Documents with a text hit first, by the backend's rank; then by finding hits, most first. */
function rankDocuments(a: DocumentMatch, b: DocumentMatch): number {
  if (a.textRank !== null && b.textRank !== null) return a.textRank - b.textRank;
  if (a.textRank !== null) return -1;
  if (b.textRank !== null) return 1;
  const hits = (d: DocumentMatch) => Object.values(d.kinds).reduce((s, n) => s + n, 0);
  return hits(b) - hits(a) || a.id.localeCompare(b.id);
}

/** A group's hits: entity mentions folded into one line, the rest by kind priority then rank. */
export function groupHits(hits: FindingHit[], perGroup: number): { shown: FindingHit[]; mentions: EntityMentions | null; more: number } {
  const entities = hits.filter((f) => f.kind === 'entity');
  const others = hits.filter((f) => f.kind !== 'entity');
  let mentions: EntityMentions | null = null;
  if (entities.length > 0) {
    const forms = new Map<string, number>();
    for (const f of entities) forms.set(f.quote, (forms.get(f.quote) ?? 0) + 1);
    const first = [...entities].sort((a, b) => a.start - b.start)[0];
    mentions = { count: entities.length, forms: [...forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([text, count]) => ({ text, count })), finding: first.id };
  }
  // stable: within a kind, the backend's order (its rank)
  const ordered = others.map((f, i) => ({ f, i })).sort((a, b) => priority(a.f.kind) - priority(b.f.kind) || a.i - b.i);
  const shown = ordered.slice(0, perGroup).map((x) => x.f);
  return { shown, mentions, more: others.length - shown.length };
}

/**
 * The grouped answer: matches filtered, ranked and paged by document; snippets and finding
 * hits fetched only for the page's documents.
 */
export async function groupedSearch(
  queries: Pick<ReadQueries, 'searchMatches' | 'searchSnippets' | 'searchFindingsIn'>,
  query: ExpandedQuery,
  filter: SearchFilter,
  page: { limit: number; offset: number },
  campsOf: (doc: string) => string[],
): Promise<GroupedSearch> {
  const matches = await queries.searchMatches(query, SEARCH_MATCH_CAP);
  const facets = facetsOf(matches.documents, filter, campsOf);
  const kept = matches.documents.filter((d) => passes(d, filter, campsOf, null)).sort(rankDocuments);
  const pageDocs = kept.slice(page.offset, page.offset + page.limit);
  const ids = pageDocs.map((d) => d.id);
  const perGroup = filter.doc ? 500 : HITS_PER_GROUP;
  const [snippets, hits] = await Promise.all([queries.searchSnippets(query, ids), queries.searchFindingsIn(query, ids, filter.doc ? 2000 : 400)]);
  const byDoc = new Map<string, FindingHit[]>();
  for (const f of hits) {
    if (filter.kind && f.kind !== filter.kind) continue;
    const list = byDoc.get(f.doc) ?? [];
    list.push(f);
    byDoc.set(f.doc, list);
  }
  const groups = pageDocs.map((d): SearchGroup => {
    const { shown, mentions, more } = groupHits(byDoc.get(d.id) ?? [], perGroup);
    const kinds = filter.kind ? { [filter.kind]: d.kinds[filter.kind] ?? 0 } : d.kinds;
    const listed = Object.entries(kinds).filter(([k]) => k !== 'entity').reduce((s, [, n]) => s + n, 0);
    return {
      doc: { id: d.id, title: d.title, outlet: d.outlet, publishedAt: d.publishedAt, path: d.path, url: d.url },
      camps: campsOf(d.id),
      snippet: snippets.get(d.id) ?? null,
      kinds,
      hits: shown,
      mentions,
      // counted from the full match, not only the hits fetched for the page
      more: Math.max(more, listed - shown.length),
    };
  });
  return { total: kept.length, capped: matches.capped, groups, facets };
}
