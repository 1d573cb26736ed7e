import type { Document } from '../core/types.js';

/**
 * What a person calls a document, everywhere Discern names one (reports, explanations,
 * the workbench, exports): its title, with its outlet and date when known — else its file
 * name, else its URL — never its content hash unless nothing else is known.
 *   "Border talks stall (Harbour Post, 2024-05-02)" · "report-7.txt (Harbour Post)" · "a3f9c2…"
 */

export interface NameableDocument {
  id: string;
  title?: string | null;
  outlet?: string | null;
  publishedAt?: string | null;
  path?: string | null;
  url?: string | null;
}

/** Titles longer than this are cut in names (the full title stays in the document). */
const MAX_TITLE = 90;

export function documentName(doc: NameableDocument, options: { maxTitle?: number } = {}): string {
  const max = options.maxTitle ?? MAX_TITLE;
  const title = clean(doc.title);
  const primary = title ? cut(title, max) : (fileName(doc.path) ?? urlName(doc.url) ?? doc.id.slice(0, 12));
  const context = [clean(doc.outlet), dateOf(doc.publishedAt)].filter((x): x is string => !!x);
  return context.length > 0 ? `${primary} (${context.join(', ')})` : primary;
}

/** The naming fields of a stored or in-memory document. */
export function nameable(doc: Pick<Document, 'id' | 'source'>): NameableDocument {
  const s = doc.source;
  return { id: doc.id, title: s.title, outlet: s.outlet, publishedAt: s.publishedAt, path: s.path, url: s.url };
}

/** documentName of a Document. */
export function nameOf(doc: Pick<Document, 'id' | 'source'>): string {
  return documentName(nameable(doc));
}

function clean(value: string | null | undefined): string | null {
  const flat = value?.replace(/\s+/g, ' ').trim();
  return flat ? flat : null;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function fileName(path: string | null | undefined): string | null {
  if (!path || path === '-') return path === '-' ? 'standard input' : null;
  return path.split(/[\\/]/).filter(Boolean).pop() ?? null;
}

function urlName(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const last = u.pathname.split('/').filter(Boolean).pop();
    return `${u.hostname.replace(/^www\./, '')}${last ? `/…/${decodeURIComponent(last)}` : ''}`;
  } catch {
    return url;
  }
}

/** The calendar day of an ISO date or timestamp ("2024-05-02"); other strings as given. */
function dateOf(value: string | null | undefined): string | null {
  const v = clean(value);
  if (!v) return null;
  const m = /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(v);
  return m ? m[1] : v;
}
