import type { Document } from '../core/types.js';
import { nameOf } from '../document/names.js';

/** A document's name in tables and explanations: title, outlet and date, else its file name (src/document/names.ts). */
export function displayName(doc: Pick<Document, 'id' | 'source'>): string {
  return nameOf(doc);
}
