import { append } from '../../core/arrays.js';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { DiscernError, isDiscernError } from '../../core/errors.js';
import { documentId } from '../../document/document.js';
import { DEFAULT_MAX_BYTES, loadInputs, type IngestOptions } from '../../ingest/inputs.js';
import type { Gazetteer } from '../../nlp/entities/gazetteer.js';
import type { EvidenceDocumentInput, EvidenceFormat, EvidenceMeta } from '../../store/reference.js';
import { buildPassages } from './passages.js';
import { looksLikePdf, pdfText } from './pdf.js';

/**
 * Reads what `discern evidence add` names — files, folders, URLs, "-" — into reference
 * documents with passages. Text, Markdown and HTML go through the article readers (same
 * decoding, same Readability extraction); PDFs through pdf.ts. One bad input is reported
 * by name and the others go on.
 */

export interface EvidenceMetaOptions {
  issuer?: string | null;
  date?: string | null;
}

export type LoadedEvidence =
  | { ok: true; input: string; doc: EvidenceDocumentInput }
  | { ok: false; input: string; error: DiscernError };

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml']);

/** "2024", "2024-07", "2024-07-01" (or a full ISO timestamp): the --date the user gives. */
export function parseEvidenceDate(value: string): string {
  const v = value.trim();
  if (/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(v)) return v;
  if (!Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v)) return v;
  throw new DiscernError('USAGE', `--date needs an ISO date like 2024, 2024-07 or 2024-07-01, not "${value}"`, '--date');
}

export async function* readEvidence(
  specs: string[],
  gazetteer: Gazetteer,
  meta: EvidenceMetaOptions = {},
  options: IngestOptions = {},
): AsyncGenerator<LoadedEvidence> {
  for (const spec of specs) {
    if (spec === '-') {
      yield* fromStdin(gazetteer, meta, options);
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
      yield* fromArticleReader(spec, gazetteer, meta, options);
    } else {
      yield* fromPath(spec, gazetteer, meta, options);
    }
  }
}

async function* fromPath(spec: string, gazetteer: Gazetteer, meta: EvidenceMetaOptions, options: IngestOptions): AsyncGenerator<LoadedEvidence> {
  let info;
  try {
    info = await stat(resolve(spec));
  } catch {
    yield { ok: false, input: spec, error: new DiscernError('INPUT_NOT_FOUND', 'no such file or folder', spec) };
    return;
  }
  if (!info.isDirectory()) {
    if (extname(spec).toLowerCase() === '.pdf') yield await fromPdfFile(spec, gazetteer, meta, options);
    else yield* fromArticleReader(spec, gazetteer, meta, options);
    return;
  }
  const files = await listEvidenceFiles(spec);
  if (files.length === 0) {
    yield { ok: false, input: spec, error: new DiscernError('INPUT_NO_FILES', 'the folder holds no text, Markdown, HTML or PDF files', spec) };
    return;
  }
  for (const file of files) {
    if (extname(file).toLowerCase() === '.pdf') yield await fromPdfFile(file, gazetteer, meta, options);
    else yield* fromArticleReader(file, gazetteer, meta, options);
  }
}

/** How many items `readEvidence` yields for these specs (one per file of a folder), for a progress total. */
export async function countEvidenceInputs(specs: string[]): Promise<number> {
  let n = 0;
  for (const spec of specs) {
    const info = spec === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) ? null : await stat(resolve(spec)).catch(() => null);
    n += info?.isDirectory() ? Math.max(1, (await listEvidenceFiles(resolve(spec)).catch(() => [])).length) : 1;
  }
  return n;
}

async function listEvidenceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) append(found, await listEvidenceFiles(full));
    else if (entry.isFile() && (TEXT_EXTENSIONS.has(extname(entry.name).toLowerCase()) || extname(entry.name).toLowerCase() === '.pdf')) found.push(full);
  }
  return found;
}

async function fromPdfFile(file: string, gazetteer: Gazetteer, meta: EvidenceMetaOptions, options: IngestOptions): Promise<LoadedEvidence> {
  try {
    const size = (await stat(file)).size;
    const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (size > max) throw new DiscernError('INPUT_TOO_LARGE', `the file is ${size} bytes, over the ${max}-byte limit (--max-bytes)`, file);
    const bytes = await readFile(file);
    if (!looksLikePdf(bytes)) throw new DiscernError('INPUT_UNREADABLE', 'named .pdf but is not a PDF (no %PDF- header)', file);
    return { ok: true, input: file, doc: await pdfEvidence(bytes, file, gazetteer, meta) };
  } catch (error) {
    return { ok: false, input: file, error: asError(error, file) };
  }
}

async function pdfEvidence(bytes: Uint8Array, input: string, gazetteer: Gazetteer, meta: EvidenceMetaOptions): Promise<EvidenceDocumentInput> {
  const { text, title } = await pdfText(bytes, input);
  return toEvidence(text, 'pdf', input, { title, issuer: meta.issuer ?? null, publishedAt: meta.date ?? null, url: null }, gazetteer);
}

async function* fromStdin(gazetteer: Gazetteer, meta: EvidenceMetaOptions, options: IngestOptions): AsyncGenerator<LoadedEvidence> {
  const chunks: Buffer[] = [];
  let size = 0;
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  for await (const chunk of options.stdin ?? process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > max) {
      yield { ok: false, input: '-', error: new DiscernError('INPUT_TOO_LARGE', `standard input is over the ${max}-byte limit`, '-') };
      return;
    }
    chunks.push(buffer);
  }
  const bytes = Buffer.concat(chunks);
  if (looksLikePdf(bytes)) {
    try {
      yield { ok: true, input: '-', doc: await pdfEvidence(bytes, '-', gazetteer, meta) };
    } catch (error) {
      yield { ok: false, input: '-', error: asError(error, '-') };
    }
    return;
  }
  yield* fromArticleReader('-', gazetteer, meta, { ...options, stdin: Readable.from([bytes]) });
}

/** Text, Markdown, HTML and URLs: the article readers, then passages. */
async function* fromArticleReader(spec: string, gazetteer: Gazetteer, meta: EvidenceMetaOptions, options: IngestOptions): AsyncGenerator<LoadedEvidence> {
  for await (const loaded of loadInputs([spec], options)) {
    if (!loaded.ok) {
      yield { ok: false, input: loaded.input, error: loaded.error };
      continue;
    }
    const { extracted, origin } = loaded;
    const source = { ...origin, ...Object.fromEntries(Object.entries(extracted.source).filter(([, v]) => v !== null && v !== undefined)) };
    try {
      yield {
        ok: true,
        input: loaded.input,
        doc: toEvidence(extracted.text, extracted.format, loaded.input, {
          title: source.title ?? null,
          issuer: meta.issuer ?? source.outlet ?? null,
          publishedAt: meta.date ?? source.publishedAt ?? null,
          url: source.url ?? null,
        }, gazetteer),
      };
    } catch (error) {
      yield { ok: false, input: loaded.input, error: asError(error, loaded.input) };
    }
  }
}

function toEvidence(text: string, format: EvidenceFormat, origin: string, meta: EvidenceMeta, gazetteer: Gazetteer): EvidenceDocumentInput {
  const passages = buildPassages(text, gazetteer);
  if (passages.length === 0) throw new DiscernError('INPUT_EMPTY', 'no text to index', origin);
  return { id: documentId(text), format, origin, text, passages, ...meta };
}

function asError(error: unknown, input: string): DiscernError {
  if (isDiscernError(error)) return error;
  return new DiscernError('INPUT_UNREADABLE', error instanceof Error ? error.message : String(error), input, { cause: error });
}
