import type { Report } from './model.js';

/**
 * The `discern-report-v1` contract (../shared/contract/report.schema.json). Each profile
 * appears under its key on the document (`documents[].sourcing`, `documents[].actors`).
 */
export function renderJson(report: Report): string {
  const documents = report.documents.map(({ profiles, ...doc }) => ({ ...doc, ...profiles }));
  return `${JSON.stringify({ ...report, documents }, null, 2)}\n`;
}
