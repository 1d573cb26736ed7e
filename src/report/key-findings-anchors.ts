import type { EvidenceRef, KeyFindingsView } from './key-findings-section.js';
import { KEY_FINDINGS_KEY } from './key-findings-section.js';
import type { Report, ReportDocument } from './model.js';

/**
 * Where a key finding's evidence is inside a report: the highlighted finding (`#f-<id>`), the
 * section holding the span (`#s-<doc>-<i>`), the document (`#doc-<id>`), or — for a document
 * the report only lists — the corpus finding's entry (`#c-<id>`).
 */
export function reportAnchor(report: Report, e: EvidenceRef, shown: ReadonlyMap<string, ReportDocument> = shownDocuments(report)): string {
  const doc = shown.get(e.doc);
  if (!doc) return e.corpusFinding ? `#c-${e.corpusFinding}` : '#key-findings';
  if (e.finding && doc.findings.some((f) => f.id === e.finding)) return `#f-${e.finding}`;
  if (e.start !== undefined) {
    const at = e.start;
    const index = doc.sections.findIndex((s) => s.start <= at && at < s.end);
    if (index >= 0) return `#s-${doc.id}-${index}`;
  }
  return `#doc-${doc.id}`;
}

export function shownDocuments(report: Report): Map<string, ReportDocument> {
  return new Map(report.documents.map((d) => [d.id, d]));
}

export function keyFindingsOfReport(report: Report): KeyFindingsView | null {
  return (report.corpus.sections[KEY_FINDINGS_KEY] as KeyFindingsView | undefined) ?? null;
}
