import type { Report } from './model.js';

/**
 * The `discern-report-v1` contract (../shared/contract/report.schema.json). Each profile
 * appears under its key on the document (`documents[].sourcing`, `documents[].actors`), each
 * corpus section under its key in `corpus` (`corpus.timeline`).
 */
export function renderJson(report: Report): string {
  const documents = report.documents.map(({ profiles, ...doc }) => ({ ...doc, ...profiles }));
  const { sections, ...corpus } = report.corpus;
  return `${JSON.stringify({ ...report, documents, corpus: { ...corpus, ...sections } }, null, 2)}\n`;
}
