import type Database from 'better-sqlite3';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { addDictionaryLoader } from './pack-dictionaries.js';

/**
 * SQLite stores a document's text deflated (migration 020; docs/performance.md "Database size
 * per document"): about 40 % of its size, where it was the largest column. PostgreSQL needs
 * no such thing (it compresses long text itself, TOAST).
 *
 * Stored form: a BLOB, 0x00 then deflate-raw of the UTF-8 text; a TEXT value (written before
 * migration 020 and not yet converted) is the text itself. SQL reads the text through
 * `discern_text(text)`, which every connection of the store registers (registerTextFunctions)
 * before anything else: the full-text index reads its content through the view
 * `documents_content`, whose text column is `discern_text(documents.text)`, so snippets,
 * rebuilds and deletes of the index see the plain text. A connection without the functions
 * (the sqlite3 shell) can read every other column, but not the text or the index's snippets.
 */

const DEFLATED = 0x00;

export function packText(text: string): Buffer {
  const body = deflateRawSync(Buffer.from(text, 'utf8'));
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = DEFLATED;
  body.copy(out, 1);
  return out;
}

/** The text of a stored value (either form); null stays null. */
export function unpackText(stored: unknown): string | null {
  if (stored === null || stored === undefined) return null;
  if (typeof stored === 'string') return stored;
  if (stored instanceof Uint8Array) {
    const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
    if (bytes.length > 0 && bytes[0] === DEFLATED) return inflateRawSync(bytes.subarray(1)).toString('utf8');
    return bytes.toString('utf8');
  }
  return String(stored);
}

/** discern_text(stored) → the text; discern_pack_text(text) → the stored form (migration 020 converts with it). */
export function registerTextFunctions(db: Database.Database): void {
  db.function('discern_text', { deterministic: true }, (stored: unknown) => unpackText(stored));
  db.function('discern_pack_text', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? packText(text) : (text as Buffer | null)));
}

/**
 * What a connection opened outside the store (tests, scripts reading the file directly) needs
 * to read what the store wrote: the text functions, and the database's pack dictionaries for
 * unpacking sets and states (pack-dictionaries.ts). Returns the function that undoes the latter.
 */
export function readLikeTheStore(db: Database.Database): () => void {
  registerTextFunctions(db);
  const bytes = db.prepare('SELECT bytes FROM pack_dictionaries WHERE hash = ?').pluck();
  return addDictionaryLoader((hash) => (db.open ? ((bytes.get(hash) as Buffer | undefined) ?? null) : null));
}
