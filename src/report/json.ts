import { SectionGatherer, reportHead, toReportDocument, type Report, type ReportSource } from './model.js';
import { corpusFindingsOf, keepWarning, sectionKeep } from './corpus-feed.js';
import { describePolicy, filterFindings } from './thresholds.js';

/**
 * The `discern-report-v1` contract (../shared/contract/report.schema.json). Each profile
 * appears under its key on the document (`documents[].sourcing`, `documents[].actors`), each
 * corpus section under its key in `corpus` (`corpus.timeline`).
 *
 * Written as a stream of chunks, one document at a time: a report of any size is never one
 * string (V8 caps a string near 512 MB, a few thousand documents).
 */
export async function writeJson(source: ReportSource, write: (chunk: string) => Promise<void> | void): Promise<void> {
  const { schema, tool, generatedAt, run, errors, warnings, analyzerFailures } = reportHead(source.header);
  await write(`{\n  "schema": ${JSON.stringify(schema)},\n  "tool": ${JSON.stringify(tool)},\n  "generatedAt": ${JSON.stringify(generatedAt)},\n  "run": ${JSON.stringify(run)},\n  "documents": [`);
  const policy = source.thresholds;
  const sections = new SectionGatherer();
  let first = true;
  for await (const { doc, findings: all } of source.documents()) {
    const findings = filterFindings(all, policy);
    sections.add(doc, findings);
    const { profiles, ...rest } = toReportDocument(doc, findings, policy);
    await write(`${first ? '\n' : ',\n'}${indent(JSON.stringify({ ...rest, ...profiles }, null, 2), 4)}`);
    first = false;
  }
  await write(`${first ? '' : '\n  '}],\n  "corpus": {\n    "findings": [`);
  // every corpus finding is written as it streams past; the sections read a bounded selection
  const keep = sectionKeep();
  let written = 0;
  for await (const f of corpusFindingsOf(source, policy)) {
    keep.add(f);
    await write(`${written === 0 ? '\n' : ',\n'}${indent(JSON.stringify(f, null, 2), 6)}`);
    written++;
  }
  await write(`${written ? '\n    ' : ''}]`);
  for (const [key, value] of Object.entries(sections.compute(keep.findings()))) {
    await write(`,\n    ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), 4).trimStart()}`);
  }
  const reviews = source.reviews?.();
  const capped = keepWarning(keep, 'The corpus sections (camps, contradictions, timeline)');
  await write(`\n  },\n  "errors": ${JSON.stringify(errors)},\n  "warnings": ${JSON.stringify(capped ? [...warnings, capped] : warnings)},\n  "analyzerFailures": ${JSON.stringify(analyzerFailures)}${reviews ? `,\n  "reviews": ${JSON.stringify(reviews)}` : ''},\n  "thresholds": ${JSON.stringify(describePolicy(policy))}\n}\n`);
}

/** The JSON report of an in-memory report (tests, small outputs). */
export function renderJson(report: Report): string {
  const documents = report.documents.map(({ profiles, ...doc }) => ({ ...doc, ...profiles }));
  const { sections, ...corpus } = report.corpus;
  const { omitted: _omitted, ...rest } = report;
  return `${JSON.stringify({ ...rest, documents, corpus: { ...corpus, ...sections } }, null, 2)}\n`;
}

function indent(json: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return pad + json.replace(/\n/g, `\n${pad}`);
}
