import type { AnalysedDocument } from '../analysers/analyzer.js';
import type { CorpusFinding, Document } from '../core/types.js';
import type { ReviewedFinding } from '../review/apply.js';
import type { OrphanedReview } from '../review/state.js';
import type { InputError } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';
import { corpusSections } from './corpus-sections/index.js';
import { documentProfiles } from './profiles/index.js';
import { describePolicy, filterFindings, type ThresholdPolicy } from './thresholds.js';

/** One document in a report: the document, its findings and its profiles (by profile key). */
export interface ReportDocument extends Document {
  /** reviewed findings carry the analysts' review under `review` */
  findings: ReviewedFinding[];
  profiles: Record<string, object>;
}

/** The report every reporter renders; its JSON form is the `discern-report-v1` contract. */
export interface Report {
  schema: 'discern-report-v1';
  tool: { name: 'discern'; version: string };
  generatedAt: string;
  run: { id: number | null; inputs: string[] } | null;
  documents: ReportDocument[];
  /** corpus findings, and each corpus section's value under its key */
  corpus: { findings: CorpusFinding[]; sections: Record<string, object> };
  errors: InputError[];
  warnings: Array<{ input: string; message: string }>;
  analyzerFailures: Array<{ doc: string; analyzer: string; message: string }>;
  /** the display thresholds in force: findings below them are left out and not counted */
  thresholds: ReturnType<typeof describePolicy>;
  /** analysts' reviews: how many rejected findings are left out, and reviews whose finding is gone */
  reviews?: ReviewSummary;
}

export interface ReviewSummary {
  hiddenRejected: number;
  orphaned: OrphanedReview[];
}

export interface ReportInput {
  documents: AnalysedDocument[];
  corpusFindings: CorpusFinding[];
  run?: { id: number | null; inputs: string[] } | null;
  errors?: InputError[];
  warnings?: Array<{ input: string; message: string }>;
  analyzerFailures?: Array<{ doc: string; analyzer: string; message: string }>;
  reviews?: ReviewSummary;
  /** display thresholds (src/report/thresholds.ts); the per-kind defaults when absent */
  thresholds?: ThresholdPolicy;
}

export function buildReport(raw: ReportInput): Report {
  // everything below (findings, profiles, densities, corpus sections) sees only what passes
  const input: ReportInput = {
    ...raw,
    documents: raw.documents.map((d) => ({ ...d, findings: filterFindings(d.findings, raw.thresholds) })),
    corpusFindings: filterFindings(raw.corpusFindings, raw.thresholds),
  };
  return {
    schema: 'discern-report-v1',
    tool: { name: 'discern', version: TOOL_VERSION },
    generatedAt: new Date().toISOString(),
    run: input.run ?? null,
    documents: input.documents.map(({ doc, findings }) => toReportDocument(doc, findings, raw.thresholds)),
    corpus: { findings: input.corpusFindings, sections: computeSections(input) },
    errors: input.errors ?? [],
    warnings: input.warnings ?? [],
    analyzerFailures: input.analyzerFailures ?? [],
    ...(input.reviews ? { reviews: input.reviews } : {}),
    thresholds: describePolicy(raw.thresholds),
  };
}

function computeSections(input: ReportInput): Record<string, object> {
  const sections: Record<string, object> = {};
  for (const section of corpusSections) {
    const value = section.compute(input.documents, input.corpusFindings);
    if (value) sections[section.key] = value;
  }
  return sections;
}

function toReportDocument(doc: Document, findings: ReviewedFinding[], policy?: ThresholdPolicy): ReportDocument {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind));
  const profiles: Record<string, object> = {};
  for (const profile of documentProfiles) {
    const value = profile.compute(doc, sorted, policy);
    if (value) profiles[profile.key] = value;
  }
  return { ...doc, lang: doc.lang ?? null, findings: sorted, profiles };
}

/** What a person calls the document: its title, else its file name or URL, else its id. */
export function displayTitle(doc: Document): string {
  return doc.source.title ?? doc.source.path?.split('/').pop() ?? doc.source.url ?? doc.id;
}

/** Finding kinds in a stable order for legends and summaries. */
export function kindsOf(report: Report): string[] {
  const kinds = new Set<string>();
  for (const doc of report.documents) for (const f of doc.findings) kinds.add(f.kind);
  return [...kinds].sort();
}
