import { documentName } from '../document/names.js';
import type { Finding } from '../core/types.js';
import type { DocumentRow } from './finding-search.js';
import { setHasKind, sortFindings, thresholdOf, unpackFindingsWhere, type FindingView, type ScoreThresholds } from './finding-sets.js';
import type { LocatedFinding, Page } from './queries.js';
import { nullableString as str, type Row } from './rows.js';

/**
 * What both backends do with the rows they read for findings with their documents' names:
 * the SQL differs per engine, the unpacking, naming and paging below do not.
 */

export function documentRow(r: Row): DocumentRow {
  return { id: String(r.id), title: str(r.title), outlet: str(r.outlet), path: str(r.path), url: str(r.url), publishedAt: str(r.published_at) };
}

/**
 * One document's findings that `keep` accepts, by span, named after the document (`doc`: its
 * row with text, title, outlet, path, url, published_at; `sets`: its finding_sets rows). Sets
 * holding no kind `wantKind` accepts are not unpacked.
 */
export function locatedInDocument(id: string, doc: Row, sets: Iterable<Row>, keep: (f: FindingView) => boolean, wantKind: (kind: string) => boolean): LocatedFinding[] {
  const found: Finding[] = [];
  for (const set of sets) {
    if (!setHasKind(set.counts, wantKind)) continue;
    for (const f of unpackFindingsWhere(set.findings, id, String(set.analyzer), String(set.version), String(doc.text), keep)) found.push(f);
  }
  if (found.length === 0) return [];
  const named = { doc: id, docTitle: str(doc.title), docName: documentName(documentRow({ ...doc, id })), outlet: str(doc.outlet) };
  return sortFindings(found).map((f) => ({ ...named, ...f }));
}

/**
 * A page of findings from the (kind, label, doc_id, n, before) groups that overlap it, in
 * their order: each group's findings read from its document, the ones before the page skipped.
 */
export async function pageOfFindingGroups(
  groups: readonly Row[],
  page: Page,
  minScores: ScoreThresholds | undefined,
  located: (ids: string[], keep: (f: FindingView) => boolean, wantKind: (kind: string) => boolean) => Promise<LocatedFinding[]>,
): Promise<LocatedFinding[]> {
  const out: LocatedFinding[] = [];
  for (const g of groups) {
    const found = await located(
      [String(g.doc_id)],
      (f) => f.kind === g.kind && f.label === g.label && (!minScores || f.score >= thresholdOf(minScores, f.kind)),
      (kind) => kind === g.kind,
    );
    const from = Math.max(0, page.offset - Number(g.before));
    for (const f of found.slice(from)) {
      if (out.length < page.limit) out.push(f);
    }
  }
  return out;
}
