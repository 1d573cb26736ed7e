import { TextDecoder } from 'node:util';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { DiscernError, isDiscernError } from '../core/errors.js';
import type { InputFormat, Source } from '../core/types.js';
import type { ExtractedDocument } from '../document/extracted.js';
import { decodeText, decodeWithEncoding, hasByteOrderMark, type DecodedText } from './decode.js';
import { extractHtml } from './html.js';
import { extractPlainText } from './plain-text/index.js';
import { fetchUrl, type FetchedResource } from './url.js';
import { metadataFor, type SourceMetadata } from './manifest.js';
import { append } from '../core/arrays.js';

/**
 * Turns what the user names on the command line — files, folders, URLs, "-" — into
 * extracted documents, one at a time, so a bad input is reported and the batch goes on.
 */

export interface IngestOptions {
  /** bytes; larger inputs are refused (default 50 MiB) */
  maxBytes?: number;
  /** fetch URLs that resolve to private or loopback addresses */
  allowPrivate?: boolean;
  /** URL fetch timeout in ms */
  timeoutMs?: number;
  /** force a text encoding instead of detecting it */
  encoding?: string;
  /** read "-" from here (default process.stdin) */
  stdin?: NodeJS.ReadableStream;
  /** what the user says about the sources (--outlet, --date, --manifest): wins over what the page says */
  metadata?: SourceMetadata;
}

export type LoadedInput =
  | { ok: true; input: string; extracted: ExtractedDocument; origin: Source }
  | { ok: false; input: string; error: DiscernError };

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const EXTENSIONS: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

export async function* loadInputs(specs: string[], options: IngestOptions = {}): AsyncGenerator<LoadedInput> {
  if (!options.metadata) {
    yield* readInputs(specs, options);
    return;
  }
  for await (const loaded of readInputs(specs, options)) {
    if (loaded.ok) {
      const given = metadataFor(options.metadata, loaded.input, loaded.origin.url);
      loaded.extracted = { ...loaded.extracted, source: { ...loaded.extracted.source, ...given } };
    }
    yield loaded;
  }
}

async function* readInputs(specs: string[], options: IngestOptions): AsyncGenerator<LoadedInput> {
  for (const spec of specs) {
    if (spec === '-') yield await settle(spec, () => loadStdin(options));
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) yield await settle(spec, () => loadUrl(spec, options));
    else yield* loadPath(spec, options);
  }
}

async function settle(input: string, load: () => Promise<Omit<Extract<LoadedInput, { ok: true }>, 'ok' | 'input'>>): Promise<LoadedInput> {
  try {
    return { ok: true, input, ...(await load()) };
  } catch (error) {
    return { ok: false, input, error: asDiscernError(error, input) };
  }
}

function asDiscernError(error: unknown, input: string): DiscernError {
  // every error about an input names it, even when the extractor that threw did not know it
  if (isDiscernError(error)) return error.input ? error : new DiscernError(error.code, error.message, input, { cause: error.cause });
  const message = error instanceof Error ? error.message : String(error);
  return new DiscernError('INPUT_UNREADABLE', message, input, { cause: error });
}

async function* loadPath(spec: string, options: IngestOptions): AsyncGenerator<LoadedInput> {
  const path = resolve(spec);
  let info;
  try {
    info = await stat(path);
  } catch {
    yield { ok: false, input: spec, error: new DiscernError('INPUT_NOT_FOUND', 'no such file or folder', spec) };
    return;
  }
  if (!info.isDirectory()) {
    yield await settle(spec, () => loadFile(spec, path, options));
    return;
  }
  const files = await listFiles(path);
  if (files.length === 0) {
    const error = new DiscernError('INPUT_NO_FILES', `the folder holds no ${Object.keys(EXTENSIONS).join(' ')} files`, spec);
    yield { ok: false, input: spec, error };
    return;
  }
  for (const file of files) yield await settle(file, () => loadFile(file, file, options));
}

/**
 * How many items `loadInputs` yields for these specs — one per file of a folder, one per other
 * spec (a missing path or an empty folder yields its one error) — for a progress bar's total.
 */
export async function countInputs(specs: string[]): Promise<number> {
  let n = 0;
  for (const spec of specs) {
    if (spec === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
      n++;
      continue;
    }
    const info = await stat(resolve(spec)).catch(() => null);
    n += info?.isDirectory() ? Math.max(1, (await listFiles(resolve(spec)).catch(() => [])).length) : 1;
  }
  return n;
}

/** Files with a known extension under `dir`, recursively, in a stable order; hidden folders skipped. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) append(found, await listFiles(full));
    else if (entry.isFile() && EXTENSIONS[extname(entry.name).toLowerCase()]) found.push(full);
  }
  return found;
}

async function loadFile(input: string, path: string, options: IngestOptions) {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const info = await stat(path);
  if (info.size > maxBytes) {
    throw new DiscernError('INPUT_TOO_LARGE', `the file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit (--max-bytes)`, input);
  }
  const bytes = await readFile(path);
  const format = EXTENSIONS[extname(path).toLowerCase()] ?? null;
  const extracted = extract(bytes, format, input, options);
  return { extracted, origin: { path: input, title: null } satisfies Source };
}

async function loadStdin(options: IngestOptions) {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of options.stdin ?? process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) throw new DiscernError('INPUT_TOO_LARGE', `standard input is over the ${formatBytes(maxBytes)} limit`, '-');
    chunks.push(buffer);
  }
  return { extracted: extract(Buffer.concat(chunks), null, '-', options), origin: { path: '-' } satisfies Source };
}

async function loadUrl(url: string, options: IngestOptions) {
  const fetched = await fetchUrl(url, {
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
  });
  return extractFetched(fetched, url, options);
}

/** A fetched page as an extracted document, as `analyze URL` reads it (also discern watch's articles). */
export function extractFetched(fetched: FetchedResource, url: string, options: IngestOptions = {}): { extracted: ExtractedDocument; origin: Source } {
  const type = fetched.contentType.toLowerCase();
  const format: InputFormat = type.includes('html') ? 'html' : type.includes('markdown') ? 'markdown' : 'text';
  const encoding = options.encoding ?? supportedCharset(fetched.charset);
  const extracted = extract(fetched.bytes, format, url, { ...options, encoding }, fetched.finalUrl);
  return { extracted, origin: { url: fetched.finalUrl } satisfies Source };
}

/** A declared charset other than UTF-8 is honoured; UTF-8 (or none) goes through detection. */
function supportedCharset(charset: string | null): string | undefined {
  if (!charset || /^utf-?8$/i.test(charset)) return undefined;
  try {
    return new TextDecoder(charset).encoding;
  } catch {
    return undefined;
  }
}

function extract(bytes: Uint8Array, format: InputFormat | null, input: string, options: IngestOptions, url?: string): ExtractedDocument {
  // An HTML page that declares a legacy charset (<meta charset="windows-1251">) is read in it.
  const declared = format !== 'markdown' && format !== 'text' ? declaredHtmlCharset(bytes) : null;
  const decoded = decode(bytes, input, options.encoding ?? declared ?? undefined);
  const kind = format ?? sniffFormat(decoded.text);
  const extracted = kind === 'html' ? extractHtml(decoded.text, { url }) : extractPlainText(decoded.text, { markdown: kind === 'markdown' });
  return { ...extracted, warnings: [...(extracted.warnings ?? []), ...decoded.warnings] };
}

/** The charset an HTML page declares in its first 2 KiB, when it is one other than UTF-8 that we can decode. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  if (!/<(?:!doctype html|html|head|meta)\b/i.test(head)) return null;
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  const encoding = match ? supportedCharset(match[1]) ?? null : null;
  // The HTML standard: a <meta> that declares UTF-16 is read as UTF-8 (a page whose <meta>
  // could be read as ASCII is not UTF-16); a byte-order mark wins over any <meta>.
  if (encoding === 'utf-16le' || encoding === 'utf-16be' || hasByteOrderMark(bytes)) return null;
  return encoding;
}

function decode(bytes: Uint8Array, input: string, encoding: string | undefined): DecodedText {
  return encoding ? decodeWithEncoding(bytes, encoding, input) : decodeText(bytes, input);
}

/** For stdin and unknown extensions: markup that starts like HTML is HTML. */
export function sniffFormat(text: string): InputFormat {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/^(<!doctype html|<html|<head|<body|<article|<meta|<!--)/.test(head) || /<(p|div|article|h1)[\s>]/.test(head)) return 'html';
  if (/^---\n[\s\S]*?\n---\n/.test(text.slice(0, 4096)) || /^#{1,6} \S/m.test(text.slice(0, 512))) return 'markdown';
  return 'text';
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
