import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DiscernError } from '../../core/errors.js';
import type { InputFormat, Source } from '../../core/types.js';
import type { ExtractedDocument } from '../../document/extracted.js';
import { decodeText } from '../../ingest/decode.js';
import { extractPlainText } from '../../ingest/plain-text/index.js';
import { ingestOne, type IngestOneResult } from '../../pipeline/ingest-one.js';
import type { ApiDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { checkMultipart } from '../multipart.js';
import { append } from '../../core/arrays.js';

/**
 * POST /ingest: a text, a URL or uploaded files → analysed and stored documents. The same
 * content is the same document (content-derived id), so posting it again changes nothing
 * and answers 200 instead of 201.
 *
 * Bodies: JSON `{ text | url, title?, outlet?, author?, publishedAt?, format? }`;
 * multipart form data with `file` fields (and/or `text`, `url` and the same metadata);
 * or a raw text/plain, text/markdown or text/html body.
 */

interface Metadata {
  title?: string;
  outlet?: string;
  author?: string;
  publishedAt?: string;
  format?: InputFormat;
}

interface IngestedItem extends IngestOneResult {
  input: string;
}

const FORMATS: readonly InputFormat[] = ['text', 'markdown', 'html'];
const EXTENSION_FORMATS: Record<string, InputFormat> = { txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', xhtml: 'html' };
const MAX_FILES = 50;

export function ingestRoutes(deps: ApiDeps, onIngested: () => void): Hono {
  const app = new Hono();
  app.post(
    '/ingest',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new HttpError('PAYLOAD_TOO_LARGE', `the request body is over the ${deps.maxBodyBytes} byte limit`);
      },
    }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      const items: IngestedItem[] = [];
      try {
        if (type === 'application/json') {
          const body = await c.req.json().catch(() => {
            throw new HttpError('BAD_REQUEST', 'the body is not valid JSON');
          });
          if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError('BAD_REQUEST', 'the body must be a JSON object');
          const fields = body as Record<string, unknown>;
          append(items, await ingestFields(deps, stringFields(fields), []));
        } else if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
          const form = type === 'multipart/form-data' ? await parseMultipart(c.req.raw, c.req.header('content-type') ?? '') : await c.req.parseBody({ all: true });
          const strings: Record<string, string> = {};
          const files: File[] = [];
          for (const [key, value] of Object.entries(form)) {
            for (const v of Array.isArray(value) ? value : [value]) {
              if (typeof v === 'string') strings[key] = v;
              else if (key === 'file' || key === 'files') files.push(v);
            }
          }
          if (files.length > MAX_FILES) throw new HttpError('BAD_REQUEST', `at most ${MAX_FILES} files per request`, 'file');
          append(items, await ingestFields(deps, strings, files));
        } else if (type === 'text/plain' || type === 'text/markdown' || type === 'text/html') {
          const format: InputFormat = type === 'text/html' ? 'html' : type === 'text/markdown' ? 'markdown' : 'text';
          append(items, await ingestFields(deps, { text: await c.req.text(), format }, []));
        } else {
          throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'send application/json, multipart/form-data, or a text/plain, text/markdown or text/html body');
        }
      } finally {
        if (items.length > 0) onIngested();
      }
      const created = items.some((i) => i.state === 'created');
      const documents = items.map(({ input, id, state, title, failures }) => ({ input, id, state, title, failures }));
      return c.json({ id: documents[0].id, documents }, created ? 201 : 200);
    },
  );
  return app;
}

/** The body checked first (multipart.ts), so a malformed one is a 400 naming the fault. */
async function parseMultipart(request: Request, contentType: string): Promise<Record<string, string | File | Array<string | File>>> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  checkMultipart(contentType, bytes);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw new HttpError('BAD_REQUEST', `the multipart body could not be parsed: ${(error as Error).message}`, 'body');
  }
  const out: Record<string, string | File | Array<string | File>> = {};
  for (const [key, value] of form.entries()) {
    const prior = out[key];
    out[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}

function stringFields(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new HttpError('BAD_REQUEST', `${key} must be a string`, key);
    out[key] = value;
  }
  return out;
}

function metadataOf(fields: Record<string, string>): Metadata {
  const meta: Metadata = {};
  for (const key of ['title', 'outlet', 'author', 'publishedAt'] as const) {
    const value = fields[key]?.trim();
    if (value) {
      if (value.length > 1000) throw new HttpError('BAD_REQUEST', `${key} is longer than 1000 characters`, key);
      meta[key] = value;
    }
  }
  if (fields.format) {
    if (!FORMATS.includes(fields.format as InputFormat)) throw new HttpError('BAD_REQUEST', 'format must be text, markdown or html', 'format');
    meta.format = fields.format as InputFormat;
  }
  return meta;
}

async function ingestFields(deps: ApiDeps, fields: Record<string, string>, files: File[]): Promise<IngestedItem[]> {
  const meta = metadataOf(fields);
  const text = fields.text && fields.text.trim() !== '' ? fields.text : undefined;
  const url = fields.url?.trim() || undefined;
  const given = [text, url].filter(Boolean).length + files.length;
  if (given === 0) throw new HttpError('BAD_REQUEST', 'nothing to ingest: give a text, a url or files');
  if (files.length === 0 && given > 1) throw new HttpError('BAD_REQUEST', 'give either a text or a url, not both');
  const items: IngestedItem[] = [];
  if (text !== undefined) items.push(await store(deps, await extractText(text, meta.format), meta, 'api:text'));
  if (url !== undefined) items.push(await ingestUrl(deps, url, meta));
  for (const file of files) {
    const input = `upload:${file.name || 'file'}`;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const decoded = decodeText(bytes, file.name || 'upload');
    const extension = /\.([a-z]+)$/i.exec(file.name ?? '')?.[1]?.toLowerCase() ?? '';
    const format = meta.format ?? EXTENSION_FORMATS[extension];
    const extracted = await extractText(decoded.text, format);
    items.push(await store(deps, { ...extracted, warnings: [...(extracted.warnings ?? []), ...decoded.warnings] }, meta, input));
  }
  return items;
}

async function store(deps: ApiDeps, extracted: ExtractedDocument, meta: Metadata, input: string, origin: Source = {}): Promise<IngestedItem> {
  const { format: _format, ...given } = meta;
  // what the person typed in the form wins over what the extractor guessed
  const withMeta: ExtractedDocument = { ...extracted, source: { ...extracted.source, ...given } };
  const result = await ingestOne({ extracted: withMeta, origin, input, store: deps.store, resources: deps.resources, analyzers: deps.documentAnalyzers, pool: deps.pool });
  return { input, ...result };
}

/** The HTML extractor and the format sniffer load on first use: most servers never see HTML posted. */
async function extractText(text: string, format: InputFormat | undefined, url?: string): Promise<ExtractedDocument> {
  if (text.trim() === '') throw new DiscernError('INPUT_EMPTY', 'the text is empty');
  const { sniffFormat } = await import('../../ingest/inputs.js');
  const kind = format ?? sniffFormat(text);
  if (kind === 'html') {
    const { extractHtml } = await import('../../ingest/html.js');
    return extractHtml(text, { url });
  }
  return extractPlainText(text, { markdown: kind === 'markdown' });
}

async function ingestUrl(deps: ApiDeps, url: string, meta: Metadata): Promise<IngestedItem> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DiscernError('URL_INVALID', 'not a valid URL', url);
  }
  // only http(s): anything else would reach loadInputs' file and stdin paths
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DiscernError('URL_INVALID', 'only http and https URLs can be ingested', url);
  const { loadInputs } = await import('../../ingest/inputs.js');
  for await (const loaded of loadInputs([parsed.href], { allowPrivate: deps.allowPrivate, maxBytes: deps.maxBodyBytes })) {
    if (!loaded.ok) throw loaded.error;
    return store(deps, loaded.extracted, meta, loaded.input, loaded.origin);
  }
  throw new DiscernError('URL_FETCH_FAILED', 'the URL gave nothing to ingest', url);
}
