import { displayName } from '../report/names.js';
import type { ServableStore } from '../store/queries.js';

/**
 * How the views name a document: its title, outlet and date (and `name`, the report's short
 * name: never a hash while the document has a title, outlet, file name or URL).
 */
export interface DocumentRef {
  id: string;
  name: string;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
}

const CHUNK = 500;

/** id → reference for these documents (unknown ids are left out). */
export async function documentRefs(store: ServableStore, ids: Iterable<string>): Promise<Record<string, DocumentRef>> {
  const wanted = [...new Set(ids)];
  const out: Record<string, DocumentRef> = {};
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const chunk = wanted.slice(i, i + CHUNK);
    const page = await store.queries.listDocumentSummaries({ ids: chunk, limit: chunk.length, offset: 0 });
    for (const d of page.items) {
      out[d.id] = { id: d.id, name: displayName({ id: d.id, source: { title: d.title, outlet: d.outlet, path: d.path, url: d.url } }), title: d.title, outlet: d.outlet, publishedAt: d.publishedAt };
    }
  }
  return out;
}
