import type { Finding } from '../core/types.js';
import { FINDING_RANK_LIMIT, type FindingHit, type LocatedFinding, type Page, type Paged } from './queries.js';
import type { FindingView } from './finding-sets.js';
import { expandedFindingSnippet, type ExpandedQuery } from './search-expand.js';
import type { DocumentMatch, SearchMatches } from './search-groups.js';
import { findingSnippet, searchTerms, UNSEARCHED_KINDS, type SearchTerm } from './search-text.js';

/**
 * The finding searches, the same on every backend (GET /search: the grouped answer's
 * matches and hits, and the flat list of finding hits).
 *
 * Findings have no full-text index of their own (migration 010): their passages are spans
 * of the document text, which the documents index already holds, and their labels are in
 * `finding_labels`. A search therefore reads candidate documents — those whose text matches
 * the query (in the engine's rank order), then those with a finding label that contains one
 * of the query's words — and keeps the findings where every group of the query has an
 * alternative in the label, the passage or the explanation (a phrase within one field), as
 * the per-finding indexes did. Words only in an explanation, in a document whose text
 * and labels do not match, are not found. At most a capped number of candidate documents
 * are read; beyond that the result says `capped`.
 */

/** What the backend answers: candidate documents and their findings. */
export interface FindingSearchSource {
  /** documents whose title or text matches the query, best first, at most `cap` */
  textMatches(q: ExpandedQuery, cap: number): Promise<DocumentRow[]>;
  /** documents with a searched finding whose label contains one of these lower-cased words, at most `cap` */
  labelMatches(probes: string[], cap: number): Promise<DocumentRow[]>;
  /**
   * the findings of these documents that `keep` accepts, in this order (each document's by
   * span), with their names; sets of an analyser with no kind `wantKind` accepts are skipped
   * unread. The test runs on the stored rows, so findings that do not match cost no object.
   */
  located(docIds: string[], keep: (f: FindingView) => boolean, wantKind: (kind: string) => boolean): Promise<LocatedFinding[]>;
}

export type DocumentRow = Omit<DocumentMatch, 'textRank' | 'kinds'>;

/** Lower-cased, accents removed: what the engines' simple tokenizers compare. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A plain search text as a query: each term is one group with one alternative (no variants). */
export function plainQuery(q: string): ExpandedQuery {
  return { groups: searchTerms(q).map((t) => ({ text: t.words.join(' '), alternatives: [t], via: [] })) };
}

/** Groups of alternatives as folded word sequences; an alternative with no word left is dropped, a group with none makes the query empty. */
export type FoldedQuery = SearchTerm[][];

export function foldQuery(q: ExpandedQuery): FoldedQuery {
  const groups = q.groups.map((g) => g.alternatives.map((a) => ({ words: a.words.flatMap(words), prefix: a.prefix })).filter((a) => a.words.length > 0));
  return groups.some((g) => g.length === 0) ? [] : groups;
}

/** The query's terms as folded word sequences, each its own group (underscores separate words, as in the engines). */
export function foldedTerms(q: string): FoldedQuery {
  return foldQuery(plainQuery(q));
}

function hasPhrase(tokens: string[], term: SearchTerm): boolean {
  const n = term.words.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const last = j === n - 1;
      ok = term.prefix && last ? tokens[i + j].startsWith(term.words[j]) : tokens[i + j] === term.words[j];
    }
    if (ok) return true;
  }
  return false;
}

const ASCII = /^[\x00-\x7f]*$/;

/** One field of a finding, tokenised only when a cheap substring test cannot rule it out. */
class Field {
  private tokens: string[] | null = null;
  private readonly lower: string | null;

  constructor(private readonly text: string) {
    // for ASCII text, lower-casing is the whole fold: a missing substring rules a term out
    this.lower = ASCII.test(text) ? text.toLowerCase() : null;
  }

  has(term: SearchTerm): boolean {
    if (this.lower !== null && !this.lower.includes(term.words[0])) return false;
    this.tokens ??= words(this.text);
    return hasPhrase(this.tokens, term);
  }
}

/** Whether every group has an alternative that occurs (as a phrase) in the finding's label, passage or explanation. */
export function matchesFinding(f: Pick<Finding, 'label' | 'quote' | 'explanation'>, query: FoldedQuery): boolean {
  if (query.length === 0) return false;
  const fields = [new Field(f.label), new Field(f.quote), new Field(f.explanation)];
  return query.every((alternatives) => alternatives.some((t) => fields.some((field) => field.has(t))));
}

/** Words a stored label must contain (as a substring, lower-cased) to make its document a candidate. */
export function labelProbes(query: FoldedQuery): string[] {
  return [...new Set(query.flatMap((g) => g.flatMap((t) => t.words)))];
}

const BATCH = 32;

interface Candidates {
  docs: Array<DocumentRow & { textRank: number | null }>;
  capped: boolean;
}

async function candidates(source: FindingSearchSource, folded: FoldedQuery, q: ExpandedQuery, cap: number): Promise<Candidates> {
  // the engines fold as they index (SQLite drops accents, PostgreSQL's 'simple' only lower-cases)
  const texts = await source.textMatches(q, cap + 1);
  const byId = new Map<string, DocumentRow & { textRank: number | null }>();
  texts.slice(0, cap).forEach((d, i) => byId.set(d.id, { ...d, textRank: i }));
  const labelled = await source.labelMatches(labelProbes(folded), cap + 1);
  for (const d of labelled.slice(0, cap)) if (!byId.has(d.id)) byId.set(d.id, { ...d, textRank: null });
  return { docs: [...byId.values()], capped: texts.length > cap || labelled.length > cap };
}

/** The matching, searched findings of these documents, in the documents' order, each document's by span. */
async function* hitsOf(source: FindingSearchSource, ids: string[], folded: FoldedQuery, kind?: string): AsyncGenerator<LocatedFinding> {
  const wantKind = (k: string) => !UNSEARCHED_KINDS.has(k) && (!kind || k === kind);
  const keep = (f: FindingView) => wantKind(f.kind) && matchesFinding(f, folded);
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const f of await source.located(ids.slice(i, i + BATCH), keep, wantKind)) yield f;
  }
}

function snippetOf(q: string | ExpandedQuery): (f: LocatedFinding) => string {
  if (typeof q !== 'string') return (f) => expandedFindingSnippet(f, q);
  const shown = searchTerms(q);
  return (f) => findingSnippet(f, shown);
}

/** The flat, paged list of finding hits (text-matching documents first, by rank), at most FINDING_RANK_LIMIT counted. */
export async function searchFindingsPaged(source: FindingSearchSource, q: string | ExpandedQuery, page: Page & { kind?: string }): Promise<Paged<FindingHit> & { capped: boolean }> {
  const expanded = typeof q === 'string' ? plainQuery(q) : q;
  const folded = foldQuery(expanded);
  const empty = { total: 0, limit: page.limit, offset: page.offset, items: [], capped: false };
  if (folded.length === 0) return empty;
  const found = await candidates(source, folded, expanded, FINDING_RANK_LIMIT);
  let capped = found.capped;
  const hits: LocatedFinding[] = [];
  for await (const f of hitsOf(source, found.docs.map((d) => d.id), folded, page.kind)) {
    if (hits.length === FINDING_RANK_LIMIT) {
      capped = true;
      break;
    }
    hits.push(f);
  }
  const snippet = snippetOf(q);
  const items = hits.slice(page.offset, page.offset + page.limit).map((f): FindingHit => ({ ...f, snippet: snippet(f) }));
  return { total: hits.length, capped, limit: page.limit, offset: page.offset, items };
}

/** The documents the query matches by text or by any finding, with their finding hits by kind. */
export async function searchMatchesOf(source: FindingSearchSource, q: ExpandedQuery, cap: number): Promise<SearchMatches> {
  const folded = foldQuery(q);
  if (folded.length === 0) return { documents: [], capped: false };
  const found = await candidates(source, folded, q, cap);
  const kinds = new Map<string, Record<string, number>>();
  for await (const f of hitsOf(source, found.docs.map((d) => d.id), folded)) {
    const entry = kinds.get(f.doc) ?? {};
    entry[f.kind] = (entry[f.kind] ?? 0) + 1;
    kinds.set(f.doc, entry);
  }
  const documents: DocumentMatch[] = [];
  for (const d of found.docs) {
    const k = kinds.get(d.id);
    // a label candidate whose findings do not match is no match
    if (d.textRank === null && !k) continue;
    documents.push({ ...d, kinds: k ?? {} });
  }
  return { documents, capped: found.capped };
}

/** The finding hits of these documents (in their order, each document's by span), at most `limit`. */
export async function findingHitsIn(source: FindingSearchSource, q: ExpandedQuery, ids: string[], limit: number): Promise<FindingHit[]> {
  const folded = foldQuery(q);
  if (folded.length === 0 || ids.length === 0) return [];
  const out: FindingHit[] = [];
  for await (const f of hitsOf(source, ids, folded)) {
    if (out.length >= limit) break;
    out.push({ ...f, snippet: expandedFindingSnippet(f, q) });
  }
  return out;
}
