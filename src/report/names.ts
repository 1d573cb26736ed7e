import type { Document } from '../core/types.js';

/** A short name for a document in tables and explanations: outlet, title, file name, URL, id. */
export function displayName(doc: Pick<Document, 'id' | 'source'>): string {
  const s = doc.source;
  return s.outlet ?? s.title ?? s.path?.split(/[\\/]/).pop() ?? s.url ?? doc.id.slice(0, 12);
}
