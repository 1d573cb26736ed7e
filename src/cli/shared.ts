import { closeSync, createWriteStream, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { dirname, extname, join, resolve } from 'node:path';
import { DiscernError } from '../core/errors.js';
import type { ResourceOptions } from '../nlp/resources.js';
import { renderHtml } from '../report/html.js';
import { writeJson } from '../report/json.js';
import { writeJsonLines } from '../report/json-lines.js';
import { renderMarkdown } from '../report/markdown.js';
import { collectReport, type Report, type ReportSource, type ReviewSummary } from '../report/model.js';
import { renderTerminal } from '../report/terminal.js';
import { applyReviews } from '../review/apply.js';
import { defaultDbLocation, openStore } from '../store/open.js';
import { isPostgresUrl } from '../store/postgres.js';
import type { ServableStore } from '../store/queries.js';
import type { CorpusScope, Store } from '../store/store.js';
import { parseSize } from './units.js';

export type ReportFormat = 'md' | 'json' | 'jsonl' | 'html';

/** The --db option of every command that opens the database. */
export const DB_HELP = 'SQLite file, or postgres://user@host/db for PostgreSQL (env DISCERN_DB)';

/**
 * Exit codes: what a script can rely on (shown in every command's --help: src/cli/help.ts).
 * 3 is everything that is not the caller's arguments: the database cannot be opened or is
 * not a Discern database, a gazetteer file is broken, a worker lost PostgreSQL, a bug.
 */
export const EXIT = { OK: 0, SOME_INPUTS_FAILED: 1, USAGE: 2, FAILED: 3 } as const;

/**
 * The store of a command that only reads (or adds to) what is there — report, serve, export,
 * reviews, jobs, verify…: a SQLite path that does not exist is refused, never created empty
 * (an empty new file would make a typo look like "no findings"). PostgreSQL URLs are opened
 * as they are. `analyze`, `ingest` and `evidence add` create the file with `openStore`.
 */
export async function openExistingStore(location: string = defaultDbLocation()): Promise<ServableStore> {
  checkExistingDb(location);
  return openStore(location);
}

/** The check of `openExistingStore`, for commands that open the store later (serve). */
export function checkExistingDb(location: string): void {
  if (isPostgresUrl(location)) return;
  const path = resolve(location);
  if (!existsSync(path)) {
    const hint = process.env.DISCERN_DB === location ? ' (from DISCERN_DB)' : '';
    throw new DiscernError('USAGE', `there is no database at ${path}${hint}: create one with \`discern analyze\` or \`discern ingest\`, or give --db the file you meant`, '--db');
  }
  if (statSync(path).isDirectory()) throw new DiscernError('USAGE', `${path} is a folder, not a database file`, '--db');
}

export interface OutputOptions {
  format?: string;
  out?: string;
}

export function resolveFormat(options: OutputOptions): ReportFormat | null {
  const format = options.format ?? formatFromExtension(options.out);
  if (format === undefined) return options.out ? 'md' : null;
  if (format === 'md' || format === 'markdown') return 'md';
  if (format === 'json' || format === 'html') return format;
  if (format === 'jsonl' || format === 'ndjson') return 'jsonl';
  throw new DiscernError('USAGE', `unknown format "${format}": use md, json, jsonl or html`, '--format');
}

function formatFromExtension(out: string | undefined): string | undefined {
  const ext = out ? extname(out).toLowerCase() : '';
  return { '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.html': 'html', '.htm': 'html', '.md': 'md' }[ext];
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
  else if (format === 'jsonl') await writeJsonLines(source, write);
  else await write(render(await collectReport(source, { maxDocuments: PAGE_DOCUMENTS }), format));
  if (sink !== process.stdout) {
    sink.end();
    await finished(sink);
  }
}

/**
 * `--out` (or any option naming a file to write) must name a file in a folder that exists and
 * can be written: checked before any work is done, so an hour of analysis never ends in
 * "no such folder". The probe creates and removes a file, which also catches read-only
 * file systems that permission bits do not show.
 */
export function checkOutPath(out: string | undefined, option = '--out'): void {
  if (!out) return;
  const target = resolve(out);
  const dir = dirname(target);
  if (!existsSync(dir)) throw new DiscernError('USAGE', `cannot write ${out}: the folder ${dir} does not exist (create it first)`, option);
  if (!statSync(dir).isDirectory()) throw new DiscernError('USAGE', `cannot write ${out}: ${dir} is not a folder`, option);
  if (existsSync(target) && statSync(target).isDirectory()) throw new DiscernError('USAGE', `${out} is a folder: give a file name, e.g. ${join(out, 'report.html')}`, option);
  const probe = join(dir, `.discern-write-check-${process.pid}-${Date.now()}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DiscernError('USAGE', `cannot write in the folder ${dir} (${code}): choose another --out`, option, { cause: error });
  }
  if (existsSync(target)) {
    try {
      closeSync(openSync(target, 'r+'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new DiscernError('USAGE', `cannot overwrite ${out} (${code})`, option, { cause: error });
    }
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

/** "50MB", "512KB", "2048B" → bytes (a bare number is refused: see units.ts). */
export function parseBytes(value: string, option = '--max-bytes'): number {
  return parseSize(value, option);
}

/**
 * SIGTERM/SIGINT handlers for a long-running command, installed before it says it is up:
 * `requested` resolves on the first signal; `release` removes the handlers.
 */
export function stopOnSignal(): { requested: Promise<void>; release(): void } {
  let resolveStop: () => void = () => undefined;
  const requested = new Promise<void>((resolve) => (resolveStop = resolve));
  const onSignal = () => {
    release();
    resolveStop();
  };
  const release = () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { requested, release };
}
