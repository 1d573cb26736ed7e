import type { AnalysedDocument } from '../analysers/analyzer.js';
import type { CorpusFinding, Document, Finding } from '../core/types.js';
import type { ReviewedFinding } from '../review/apply.js';
import type { OrphanedReview } from '../review/state.js';
import type { InputError } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';
import { corpusSections } from './corpus-sections/index.js';
import { CorpusKeep, corpusFindingsOf, keepWarning } from './corpus-feed.js';
import { displayName } from './names.js';
import { documentProfiles } from './profiles/index.js';
import { describePolicy, filterFindings, type ThresholdPolicy } from './thresholds.js';

/** One document in a report: the document, its findings and its profiles (by profile key). */
export interface ReportDocument extends Document {
  /** reviewed findings carry the analysts' review under `review` */
  findings: ReviewedFinding[];
  profiles: Record<string, object>;
}

/** A document a capped report lists without its text and findings. */
export interface ListedDocument {
  id: string;
  title: string;
  author: string | null;
  publishedAt: string | null;
  lang: string | null;
  /** finding kind → how many */
  counts: Record<string, number>;
}

/** The report every reporter renders; its JSON form is the `discern-report-v1` contract. */
export interface Report {
  schema: 'discern-report-v1';
  tool: { name: 'discern'; version: string };
  generatedAt: string;
  run: { id: number | null; inputs: string[] } | null;
  /** documents shown in full (all of them, unless the report was capped) */
  documents: ReportDocument[];
  /** a capped report: how many documents it covers, and those listed without their text */
  omitted?: { total: number; listed: ListedDocument[]; unlisted: number };
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

export type ReportHeader = Pick<Report, 'run' | 'errors' | 'warnings' | 'analyzerFailures'>;

/** What a report is made from: documents streamed one at a time (from the store), corpus findings, run facts. */
export interface ReportSource {
  header: ReportHeader;
  corpusFindings: CorpusFinding[];
  /** corpus findings streamed instead (a large corpus: spooled, never held at once); `corpusFindings` is then empty */
  corpusStream?(): AsyncIterable<CorpusFinding>;
  documents(): AsyncIterable<AnalysedDocument>;
  /** what the reviews did to the documents streamed so far (read after `documents()` is done) */
  reviews?(): ReviewSummary | undefined;
  /** display thresholds (src/report/thresholds.ts); the per-kind defaults when absent */
  thresholds?: ThresholdPolicy;
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

export function memorySource(input: ReportInput): ReportSource {
  return {
    header: { run: input.run ?? null, errors: input.errors ?? [], warnings: input.warnings ?? [], analyzerFailures: input.analyzerFailures ?? [] },
    corpusFindings: input.corpusFindings,
    async *documents() {
      yield* input.documents;
    },
    reviews: () => input.reviews,
    thresholds: input.thresholds,
  };
}

/**
 * A report of documents held in memory (all shown in full). Everything in it (findings,
 * profiles, densities, corpus sections) sees only the findings that pass the thresholds.
 */
export function buildReport(input: ReportInput): Report {
  const policy = input.thresholds;
  const sections = new SectionGatherer();
  const documents = input.documents.map(({ doc, findings }) => {
    const shown = filterFindings(findings, policy);
    sections.add(doc, shown);
    return toReportDocument(doc, shown, policy);
  });
  const corpusFindings = filterFindings(input.corpusFindings, policy);
  return {
    ...reportHead({ run: input.run ?? null, errors: input.errors ?? [], warnings: input.warnings ?? [], analyzerFailures: input.analyzerFailures ?? [] }),
    documents,
    corpus: { findings: corpusFindings, sections: sections.compute(corpusFindings) },
    ...(input.reviews ? { reviews: input.reviews } : {}),
    thresholds: describePolicy(policy),
  };
}

/** Listed (not shown) documents beyond this many are only counted. */
const MAX_LISTED = 5_000;

/**
 * A report for the page-like formats (HTML, Markdown), streamed from its source: the first
 * `maxDocuments` documents in full, the rest listed by title and counts (up to MAX_LISTED),
 * so the report of any corpus stays a readable, bounded page. Corpus sections see every document.
 */
export async function collectReport(source: ReportSource, options: { maxDocuments: number }): Promise<Report> {
  const policy = source.thresholds;
  const sections = new SectionGatherer();
  const documents: ReportDocument[] = [];
  const listed: ListedDocument[] = [];
  let total = 0;
  for await (const { doc, findings: all } of source.documents()) {
    total++;
    const findings = filterFindings(all, policy);
    sections.add(doc, findings);
    if (documents.length < options.maxDocuments) documents.push(toReportDocument(doc, findings, policy));
    else if (listed.length < MAX_LISTED) listed.push(listDocument(doc, findings));
  }
  // the page formats show at most CORPUS_KEEP_PER_KIND corpus findings of each kind (those spanning the most documents)
  const keep = new CorpusKeep();
  for await (const f of corpusFindingsOf(source, policy)) keep.add(f);
  const corpusFindings = keep.findings();
  const omitted = total > documents.length ? { total, listed, unlisted: total - documents.length - listed.length } : undefined;
  const reviews = source.reviews?.();
  const capped = keepWarning(keep, 'Corpus findings and sections');
  const head = reportHead(source.header);
  return {
    ...head,
    ...(capped ? { warnings: [...head.warnings, capped] } : {}),
    documents,
    ...(omitted ? { omitted } : {}),
    corpus: { findings: corpusFindings, sections: sections.compute(corpusFindings) },
    ...(reviews ? { reviews } : {}),
    thresholds: describePolicy(policy),
  };
}

export function reportHead(header: ReportHeader): Pick<Report, 'schema' | 'tool' | 'generatedAt'> & ReportHeader {
  return { schema: 'discern-report-v1', tool: { name: 'discern', version: TOOL_VERSION }, generatedAt: new Date().toISOString(), ...header };
}

/** Feeds each corpus section what it gathers from the documents streaming past, and the names. */
export class SectionGatherer {
  private readonly names = new Map<string, string>();
  private readonly gathered = corpusSections.map((s) => s.gather?.start());

  add(doc: Document, findings: readonly Finding[]): void {
    this.names.set(doc.id, displayName(doc));
    corpusSections.forEach((s, i) => s.gather?.add(this.gathered[i], doc, findings));
  }

  compute(corpusFindings: readonly CorpusFinding[]): Record<string, object> {
    const sections: Record<string, object> = {};
    corpusSections.forEach((section, i) => {
      const value = section.compute(corpusFindings, this.names, this.gathered[i]);
      if (value) sections[section.key] = value;
    });
    return sections;
  }
}

export function toReportDocument(doc: Document, findings: readonly ReviewedFinding[], policy?: ThresholdPolicy): ReportDocument {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind));
  const profiles: Record<string, object> = {};
  for (const profile of documentProfiles) {
    const value = profile.compute(doc, sorted, policy);
    if (value) profiles[profile.key] = value;
  }
  return { ...doc, lang: doc.lang ?? null, findings: sorted, profiles };
}

function listDocument(doc: Document, findings: readonly Finding[]): ListedDocument {
  const counts: Record<string, number> = {};
  for (const f of findings) if (f.kind !== 'sentence') counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return { id: doc.id, title: displayTitle(doc), author: doc.source.author ?? null, publishedAt: doc.source.publishedAt ?? null, lang: doc.lang ?? null, counts };
}

/** What a person calls the document: its title with outlet and date, else its file name or URL (src/document/names.ts). */
export function displayTitle(doc: Pick<Document, 'id' | 'source'>): string {
  return displayName(doc);
}

/** Finding kinds in a stable order for legends and summaries. */
export function kindsOf(report: Report): string[] {
  const kinds = new Set<string>();
  for (const doc of report.documents) for (const f of doc.findings) kinds.add(f.kind);
  return [...kinds].sort();
}
