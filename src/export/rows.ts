import type { CorpusFinding } from '../core/types.js';
import type { Report, ReportDocument } from '../report/model.js';
import { csvRows, type CsvCell } from '../report/csv.js';
import type { ReviewedFinding } from '../review/apply.js';
import { actorName } from '../server/graph.js';

/**
 * One row per finding — document findings, then corpus findings — for notebooks and
 * spreadsheets: where it is (document source, span, quote), what it is (kind, label, score,
 * explanation) and what analysts said (review status, verdict, note, correction).
 * CSV (spreadsheet-safe, see report/csv.ts) and JSON Lines (the same fields plus `data` and,
 * for corpus findings, `members`).
 */

/** Structural findings (a span per sentence, the document's language) are not exported as rows. */
export const STRUCTURAL_KINDS = new Set(['sentence', 'language']);

export const ROW_COLUMNS = [
  'scope', 'document', 'title', 'outlet', 'url', 'path', 'published_at', 'finding_id', 'analyzer', 'kind', 'label', 'start', 'end', 'quote', 'score', 'explanation',
  'accuser', 'accused', 'allegation', 'review_status', 'review_verdict', 'review_note', 'reviewer', 'reviewed_at', 'correction',
] as const;
export type FindingRow = Record<(typeof ROW_COLUMNS)[number], string | number | null>;

function documentRow(doc: ReportDocument, f: ReviewedFinding): FindingRow {
  const d = f.data ?? {};
  const r = f.review;
  const accusation = f.kind === 'accusation';
  return {
    scope: 'document', document: doc.id, title: doc.source.title ?? null, outlet: doc.source.outlet ?? null, url: doc.source.url ?? null, path: doc.source.path ?? null,
    published_at: doc.source.publishedAt ?? null, finding_id: f.id, analyzer: f.analyzer, kind: f.kind, label: f.label, start: f.start, end: f.end, quote: f.quote,
    score: f.score, explanation: f.explanation,
    accuser: accusation ? actorName(d.accuser) : null, accused: accusation ? actorName(d.accused) : null,
    allegation: accusation && typeof d.allegation === 'string' ? d.allegation : null,
    review_status: r?.status ?? null, review_verdict: r?.verdict ?? null, review_note: r?.note ?? null, reviewer: r?.reviewer ?? null, reviewed_at: r?.updatedAt ?? null,
    correction: r?.correction ? JSON.stringify(r.correction) : null,
  };
}

function corpusRow(f: CorpusFinding): FindingRow {
  const first = f.members.find((m) => m.quote !== undefined);
  return {
    scope: 'corpus', document: [...new Set(f.members.map((m) => m.doc))].join(' '), title: null, outlet: null, url: null, path: null, published_at: null,
    finding_id: f.id, analyzer: f.analyzer, kind: f.kind, label: f.label, start: first?.start ?? null, end: first?.end ?? null, quote: first?.quote ?? null,
    score: f.score, explanation: f.explanation, accuser: null, accused: null, allegation: null,
    review_status: null, review_verdict: null, review_note: null, reviewer: null, reviewed_at: null, correction: null,
  };
}

/** CSV in chunks of rows, header first. */
export function* csvChunks(report: Report): Generator<string> {
  yield csvRows([[...ROW_COLUMNS]]);
  const toCells = (row: FindingRow): CsvCell[] => ROW_COLUMNS.map((c) => row[c]);
  for (const doc of report.documents) {
    const rows = doc.findings.filter((f) => !STRUCTURAL_KINDS.has(f.kind)).map((f) => toCells(documentRow(doc, f)));
    if (rows.length > 0) yield csvRows(rows);
  }
  const corpus = report.corpus.findings.map((f) => toCells(corpusRow(f)));
  if (corpus.length > 0) yield csvRows(corpus);
}

/** JSON Lines: one finding per line, with its `data` (and `members` for corpus findings). */
export function* jsonlChunks(report: Report): Generator<string> {
  for (const doc of report.documents) {
    const lines = doc.findings.filter((f) => !STRUCTURAL_KINDS.has(f.kind)).map((f) => JSON.stringify({ ...documentRow(doc, f), data: f.data ?? null, review: f.review ?? null }));
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
  }
  for (const f of report.corpus.findings) yield `${JSON.stringify({ ...corpusRow(f), data: f.data ?? null, members: f.members })}\n`;
}
