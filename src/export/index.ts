import type { Report } from '../report/model.js';
import { claimReviewChunks } from './claimreview.js';
import { graphmlChunks } from './graphml.js';
import { csvChunks, jsonlChunks } from './rows.js';
import { stixChunks, toStixBundle } from './stix.js';

/** Every export format: its name, file extension, media type and writer (chunks of text). */
export const EXPORT_FORMATS = {
  stix: { extension: 'stix.json', mediaType: 'application/stix+json;version=2.1', write: (r: Report) => stixChunks(toStixBundle(r)) },
  claimreview: { extension: 'claimreview.jsonld', mediaType: 'application/ld+json', write: (r: Report, o: ExportOptions) => claimReviewChunks(r, o) },
  csv: { extension: 'csv', mediaType: 'text/csv; charset=utf-8', write: (r: Report) => csvChunks(r) },
  jsonl: { extension: 'jsonl', mediaType: 'application/x-ndjson', write: (r: Report) => jsonlChunks(r) },
  graphml: { extension: 'graphml', mediaType: 'application/graphml+xml', write: (r: Report) => graphmlChunks(r) },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export interface ExportOptions {
  /** ClaimReview: where the reviewed findings can be read */
  baseUrl?: string;
}

export function isExportFormat(value: string): value is ExportFormat {
  return Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, value);
}

export function exportChunks(report: Report, format: ExportFormat, options: ExportOptions = {}): Iterable<string> {
  return EXPORT_FORMATS[format].write(report, options);
}
