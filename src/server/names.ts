import { documentName } from '../document/names.js';
import type { ApiDeps } from './deps.js';

/** Display names (title, outlet, date, else file name: src/document/names.ts) of stored documents, by id. */
export async function documentNames(deps: Pick<ApiDeps, 'store'>, ids: Iterable<string>): Promise<Map<string, string>> {
  const all = [...new Set(ids)];
  const names = new Map<string, string>();
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const page = await deps.store.queries.listDocumentSummaries({ ids: chunk, limit: chunk.length, offset: 0 });
    for (const d of page.items) names.set(d.id, documentName(d));
  }
  return names;
}
