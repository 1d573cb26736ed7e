import { SectionGatherer, reportHead, toReportDocument, type ReportSource } from './model.js';
import { corpusFindingsOf, keepWarning, sectionKeep } from './corpus-feed.js';
import { describePolicy, filterFindings } from './thresholds.js';

/**
 * The `discern-report-v1` report as JSON Lines: one self-contained record per line, so that
 * `jq`, `grep`, a spreadsheet import or a bulk loader can read a report of any size record by
 * record, and nothing — writer or reader — ever holds it whole.
 *
 *   {"type":"head", schema, tool, generatedAt, run}
 *   {"type":"document", "document": {…}}          one per document, as in `documents[]`
 *   {"type":"corpus-finding", "finding": {…}}      one per corpus finding, as in `corpus.findings[]`
 *   {"type":"corpus-section", "key": "timeline", "value": …}   one per corpus section
 *   {"type":"tail", errors, warnings, analyzerFailures, reviews?, thresholds}
 *
 * `assembleJsonLines` turns the lines back into the JSON report, field for field (tested).
 */
export type JsonLinesRecord =
  | { type: 'head'; schema: string; tool: unknown; generatedAt: string; run: unknown }
  | { type: 'document'; document: Record<string, unknown> }
  | { type: 'corpus-finding'; finding: Record<string, unknown> }
  | { type: 'corpus-section'; key: string; value: unknown }
  | { type: 'tail'; errors: unknown[]; warnings: unknown[]; analyzerFailures: unknown[]; reviews?: unknown; thresholds: unknown };

export async function writeJsonLines(source: ReportSource, write: (chunk: string) => Promise<void> | void): Promise<void> {
  const line = (record: JsonLinesRecord): Promise<void> | void => write(`${JSON.stringify(record)}\n`);
  const { schema, tool, generatedAt, run, errors, warnings, analyzerFailures } = reportHead(source.header);
  await line({ type: 'head', schema, tool, generatedAt, run });
  const policy = source.thresholds;
  const sections = new SectionGatherer();
  for await (const { doc, findings: all } of source.documents()) {
    const findings = filterFindings(all, policy);
    sections.add(doc, findings);
    const { profiles, ...rest } = toReportDocument(doc, findings, policy);
    await line({ type: 'document', document: { ...rest, ...profiles } });
  }
  const keep = sectionKeep();
  for await (const f of corpusFindingsOf(source, policy)) {
    keep.add(f);
    await line({ type: 'corpus-finding', finding: f as unknown as Record<string, unknown> });
  }
  for (const [key, value] of Object.entries(sections.compute(keep.findings()))) await line({ type: 'corpus-section', key, value });
  const reviews = source.reviews?.();
  const capped = keepWarning(keep, 'The corpus sections (camps, contradictions, timeline)');
  await line({ type: 'tail', errors, warnings: capped ? [...warnings, capped] : warnings, analyzerFailures, ...(reviews ? { reviews } : {}), thresholds: describePolicy(policy) });
}

/** The JSON report from its JSON Lines (for readers that want the contract's shape back; holds it all). */
export function assembleJsonLines(lines: Iterable<string>): Record<string, unknown> {
  let head: Extract<JsonLinesRecord, { type: 'head' }> | undefined;
  let tail: Extract<JsonLinesRecord, { type: 'tail' }> | undefined;
  const documents: Array<Record<string, unknown>> = [];
  const findings: Array<Record<string, unknown>> = [];
  const sections: Record<string, unknown> = {};
  let n = 0;
  for (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    const record = JSON.parse(text) as JsonLinesRecord;
    if (record.type === 'head') head = record;
    else if (record.type === 'document') documents.push(record.document);
    else if (record.type === 'corpus-finding') findings.push(record.finding);
    else if (record.type === 'corpus-section') sections[record.key] = record.value;
    else if (record.type === 'tail') tail = record;
    else throw new Error(`line ${n}: unknown record type ${JSON.stringify((record as { type?: unknown }).type)}`);
  }
  if (!head || !tail) throw new Error(`the report is incomplete: ${head ? 'no tail record (was it cut short?)' : 'no head record'}`);
  const { type: _h, ...top } = head;
  const { type: _t, reviews, ...rest } = tail;
  return { ...top, documents, corpus: { findings, ...sections }, errors: rest.errors, warnings: rest.warnings, analyzerFailures: rest.analyzerFailures, ...(reviews ? { reviews } : {}), thresholds: rest.thresholds };
}
