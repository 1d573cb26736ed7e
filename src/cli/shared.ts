import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DiscernError } from '../core/errors.js';
import type { AnalysedDocument } from '../analysers/analyzer.js';
import type { ResourceOptions } from '../nlp/resources.js';
import { applyReviews } from '../review/apply.js';
import type { Store } from '../store/store.js';
import { renderHtml } from '../report/html.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report, ReviewSummary } from '../report/model.js';
import { renderTerminal } from '../report/terminal.js';

export type ReportFormat = 'md' | 'json' | 'html';

/** The --db option of every command that opens the database. */
export const DB_HELP = 'SQLite file, or postgres://user@host/db for PostgreSQL (env DISCERN_DB)';

/** Exit codes: what a script can rely on. */
export const EXIT = { OK: 0, SOME_INPUTS_FAILED: 1, USAGE: 2, FAILED: 3 } as const;

export interface OutputOptions {
  format?: string;
  out?: string;
}

export function resolveFormat(options: OutputOptions): ReportFormat | null {
  const format = options.format ?? formatFromExtension(options.out);
  if (format === undefined) return options.out ? 'md' : null;
  if (format === 'md' || format === 'markdown') return 'md';
  if (format === 'json' || format === 'html') return format;
  throw new DiscernError('USAGE', `unknown format "${format}": use md, json or html`, '--format');
}

function formatFromExtension(out: string | undefined): string | undefined {
  const ext = out ? extname(out).toLowerCase() : '';
  return { '.json': 'json', '.html': 'html', '.htm': 'html', '.md': 'md' }[ext];
}

export function render(report: Report, format: ReportFormat): string {
  if (format === 'json') return renderJson(report);
  if (format === 'html') return renderHtml(report);
  return renderMarkdown(report);
}

/** Writes the report to --out, or to stdout in the asked format, or a terminal summary. */
export async function emitReport(report: Report, options: OutputOptions): Promise<void> {
  const format = resolveFormat(options);
  if (options.out) {
    await writeFile(options.out, render(report, format ?? 'md'), 'utf8');
    process.stderr.write(renderTerminal(report, { color: process.stderr.isTTY }));
    process.stderr.write(`Report written to ${options.out}\n`);
  } else if (format) {
    process.stdout.write(render(report, format));
  } else {
    process.stdout.write(renderTerminal(report, { color: process.stdout.isTTY }));
  }
}

export function resourceOptions(options: { gazetteer?: string[] }): ResourceOptions {
  return { gazetteerFiles: options.gazetteer ?? [] };
}

export function parsePositiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new DiscernError('USAGE', `${name} needs a positive whole number, not "${value}"`, name);
  return n;
}

/** "50MB", "512k", "1048576" → bytes. */
export function parseBytes(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!match) throw new DiscernError('USAGE', `--max-bytes needs a size like 50MB or 1048576, not "${value}"`, '--max-bytes');
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(match[1]) * factor);
}

/** Documents with all their stored findings: every document, or these ids in this order. */
export async function loadAnalysed(store: Store, ids?: string[]): Promise<AnalysedDocument[]> {
  const docs = await store.listDocuments({ ids });
  return Promise.all(docs.map(async (doc) => ({ doc, findings: await store.getFindings(doc.id) })));
}

/**
 * Stored documents with the analysts' reviews honoured: rejected findings left out unless
 * `includeRejected`, corrections applied, each reviewed finding carrying `review`.
 */
export async function loadReviewed(store: Store, ids: string[] | undefined, options: { includeRejected?: boolean } = {}): Promise<{ documents: AnalysedDocument[]; reviews: ReviewSummary }> {
  const analysed = await loadAnalysed(store, ids);
  const reviewed = applyReviews(analysed, await store.listReviews(), options);
  return { documents: reviewed.documents, reviews: { hiddenRejected: reviewed.hidden, orphaned: reviewed.orphans } };
}
