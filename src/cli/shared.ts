import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { dirname, extname, resolve } from 'node:path';
import { DiscernError } from '../core/errors.js';
import type { ResourceOptions } from '../nlp/resources.js';import { renderHtml } from '../report/html.js';
import { writeJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { collectReport, type Report, type ReportSource, type ReviewSummary } from '../report/model.js';
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

/** Documents HTML and Markdown reports show in full; the rest are listed (the JSON report has all). */
export const PAGE_DOCUMENTS = 200;

export function render(report: Report, format: 'md' | 'html'): string {
  return format === 'html' ? renderHtml(report) : renderMarkdown(report);
}

/**
 * The documents of a scope streamed from the store, each with its findings and the
 * analysts' reviews honoured: rejected findings left out unless `includeRejected`,
 * corrections applied, each reviewed finding carrying `review`.
 */
export function storeSource(
  store: Store,
  scope: CorpusScope,
  rest: Pick<ReportSource, 'corpusFindings' | 'header' | 'thresholds'>,
  options: { includeRejected?: boolean } = {},
): ReportSource {
  let summary: ReviewSummary = { hiddenRejected: 0, orphaned: [] };
  return {
    ...rest,
    async *documents() {
      summary = { hiddenRejected: 0, orphaned: [] };
      for await (const doc of store.iterateDocuments(scope)) {
        const findings = await store.getFindings(doc.id);
        const reviews = await store.listReviews({ doc: doc.id });
        if (reviews.length === 0) {
          yield { doc, findings };
          continue;
        }
        const reviewed = applyReviews([{ doc, findings }], reviews, options);
        summary.hiddenRejected += reviewed.hidden;
        for (const orphan of reviewed.orphans) summary.orphaned.push(orphan);
        yield reviewed.documents[0];
      }
    },
    reviews: () => summary,
  };
}

/** Writes the report to --out, or to stdout in the asked format, or a terminal summary. */
export async function emitReport(source: ReportSource, options: OutputOptions): Promise<void> {
  const format = resolveFormat(options);
  if (options.out) {
    await writeReport(source, format ?? 'md', createWriteStream(options.out, { encoding: 'utf8' }));
    const summary = await collectReport(source, { maxDocuments: 20 });
    process.stderr.write(renderTerminal(summary, { color: process.stderr.isTTY }));
    process.stderr.write(`Report written to ${options.out}\n`);
  } else if (format) {
    await writeReport(source, format, process.stdout);
  } else {
    process.stdout.write(renderTerminal(await collectReport(source, { maxDocuments: 20 }), { color: process.stdout.isTTY }));
  }
}

async function writeReport(source: ReportSource, format: ReportFormat, sink: Writable): Promise<void> {
  const write = (chunk: string): Promise<void> | void => {
    if (!sink.write(chunk)) return once(sink, 'drain').then(() => undefined);
  };
  if (format === 'json') await writeJson(source, write);
  else await write(render(await collectReport(source, { maxDocuments: PAGE_DOCUMENTS }), format));
  if (sink !== process.stdout) {
    sink.end();
    await finished(sink);
  }
}

/** `--out` must name a file in a folder that exists: checked before any work is done. */
export function checkOutPath(out: string | undefined): void {
  if (!out) return;
  const dir = dirname(resolve(out));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DiscernError('USAGE', `the folder ${dir} does not exist`, '--out');
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

import { applyReviews } from '../review/apply.js';
import type { CorpusScope, Store } from '../store/store.js';
