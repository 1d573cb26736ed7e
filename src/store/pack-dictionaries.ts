import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Preset deflate dictionaries for the packed values of the store (finding sets, corpus
 * states, corpus findings' members and payloads), learned from the database's own data
 * (migration 018, docs/performance.md "Database size per document").
 *
 * Each packed value is compressed on its own, so deflate starts from nothing every time,
 * while most of what it holds recurs from document to document: the JSON keys, the
 * analysers' templated explanations, labels. A dictionary is a sample of earlier values
 * of the same producer and version (`purpose`): deflate can refer back into it from the first
 * byte. The first SAMPLES values of a purpose a process writes are kept as they are written
 * (plain deflate); then their JSON, newest last (deflate reaches back 32 KB, so the end counts
 * most), becomes the purpose's dictionary, stored once in `pack_dictionaries`; values written
 * afterwards use it. Several processes may build one for the same purpose at once: the first
 * stored wins and the others adopt it (purpose is unique).
 *
 * A value names its dictionary by a hash of the dictionary's bytes, not by a row id, so one
 * process-wide registry serves every open database and a value can never be read with the
 * wrong dictionary. Stores register the dictionaries they read (SQLite reads one when a value
 * names it; PostgreSQL loads those its fetched rows name before they are unpacked).
 *
 * Stored bytes: 0x00 + deflate-raw (no dictionary), or 0x01 + the dictionary's 6-byte hash +
 * deflate-raw with that dictionary; values written before migration 010 are plain JSON.
 */

export const PLAIN_DEFLATE = 0x00;
export const WITH_DICTIONARY = 0x01;
const HASH_BYTES = 6;
/** values of a purpose sampled before its dictionary is built */
export const SAMPLES = 8;
/** deflate's window: a dictionary longer than this is not used beyond its last 32 KB */
const MAX_DICTIONARY = 32 * 1024;

export interface StoredDictionary {
  /** hex of the first 6 bytes of the dictionary's SHA-256 */
  hash: string;
  purpose: string;
  bytes: Buffer;
}

export function dictionaryHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest().subarray(0, HASH_BYTES).toString('hex');
}

/** The dictionary these samples make: their concatenation, the newest last, cut to deflate's window. */
export function buildDictionary(samples: readonly Buffer[]): Buffer {
  const joined = Buffer.concat(samples);
  return joined.length > MAX_DICTIONARY ? Buffer.from(joined.subarray(joined.length - MAX_DICTIONARY)) : joined;
}

export class MissingDictionaryError extends Error {
  constructor(readonly hash: string) {
    super(`a stored value names pack dictionary ${hash}, which is not in the database`);
  }
}

/** Dictionaries by hash, for every database this process has open (the hash makes them safe to share). */
const registry = new Map<string, Buffer>();
/** Synchronous sources asked when a value names a dictionary not yet registered (open SQLite stores). */
const loaders = new Set<(hash: string) => Buffer | null>();

export function registerDictionary(hash: string, bytes: Buffer): void {
  registry.set(hash, bytes);
}

export function knowsDictionary(hash: string): boolean {
  return registry.has(hash);
}

/** Adds a synchronous source of dictionaries; returns the function that removes it. */
export function addDictionaryLoader(load: (hash: string) => Buffer | null): () => void {
  loaders.add(load);
  return () => loaders.delete(load);
}

function dictionaryOf(hash: string): Buffer {
  let bytes = registry.get(hash);
  if (!bytes) {
    for (const load of loaders) {
      const found = load(hash);
      if (found && dictionaryHash(found) === hash) {
        registry.set(hash, (bytes = found));
        break;
      }
    }
  }
  if (!bytes) throw new MissingDictionaryError(hash);
  return bytes;
}

/** The dictionary hash a stored value names, or null (plain deflate, JSON, anything else). */
export function namedDictionary(packed: unknown): string | null {
  if (!(packed instanceof Uint8Array) || packed.length < 1 + HASH_BYTES || packed[0] !== WITH_DICTIONARY) return null;
  return Buffer.from(packed.buffer, packed.byteOffset + 1, HASH_BYTES).toString('hex');
}

/** Every dictionary hash named by a value of these rows that is not registered yet. */
export function unknownDictionaries(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const missing = new Set<string>();
  for (const row of rows) {
    for (const key in row) {
      const hash = namedDictionary(row[key]);
      if (hash !== null && !registry.has(hash)) missing.add(hash);
    }
  }
  return [...missing];
}

/** JSON as stored bytes: with the dictionary when one is given, else plain deflate. */
export function packBytes(json: Buffer, dictionary: StoredDictionary | null): Buffer {
  if (!dictionary) return Buffer.concat([Buffer.of(PLAIN_DEFLATE), deflateRawSync(json)]);
  const head = Buffer.alloc(1 + HASH_BYTES);
  head[0] = WITH_DICTIONARY;
  Buffer.from(dictionary.hash, 'hex').copy(head, 1);
  return Buffer.concat([head, deflateRawSync(json, { dictionary: dictionary.bytes })]);
}

/** The JSON text of stored bytes (either packed form, or plain JSON bytes). */
export function unpackBytes(bytes: Buffer): Buffer {
  if (bytes.length > 0 && bytes[0] === PLAIN_DEFLATE) return inflateRawSync(bytes.subarray(1));
  if (bytes.length > HASH_BYTES && bytes[0] === WITH_DICTIONARY) {
    const hash = bytes.subarray(1, 1 + HASH_BYTES).toString('hex');
    return inflateRawSync(bytes.subarray(1 + HASH_BYTES), { dictionary: dictionaryOf(hash) });
  }
  return bytes;
}

/**
 * One store's side of packing: which dictionary each purpose uses, the samples of purposes
 * that have none yet, and the dictionaries built but not yet stored. `lookup` finds a
 * purpose's stored dictionary (called once per purpose while it has none known).
 */
export class DictionaryPacker {
  private readonly known = new Map<string, StoredDictionary>();
  private readonly looked = new Set<string>();
  private readonly samples = new Map<string, Buffer[]>();
  private readonly built = new Map<string, Buffer>();

  constructor(private readonly lookup: ((purpose: string) => StoredDictionary | null) | null = null) {}

  /** A stored dictionary, known from now on (read at open, or the winner of a store). */
  adopt(dictionary: StoredDictionary): void {
    registerDictionary(dictionary.hash, dictionary.bytes);
    this.known.set(dictionary.purpose, dictionary);
    this.samples.delete(dictionary.purpose);
    this.built.delete(dictionary.purpose);
  }

  pack(purpose: string, value: unknown): Buffer {
    const json = Buffer.from(JSON.stringify(value), 'utf8');
    let dictionary = this.known.get(purpose) ?? null;
    if (!dictionary && this.lookup && !this.looked.has(purpose)) {
      this.looked.add(purpose);
      const stored = this.lookup(purpose);
      if (stored) this.adopt((dictionary = stored));
    }
    if (!dictionary && !this.built.has(purpose)) {
      const list = this.samples.get(purpose) ?? [];
      list.push(json);
      if (list.length >= SAMPLES) {
        this.built.set(purpose, buildDictionary(list));
        this.samples.delete(purpose);
      } else this.samples.set(purpose, list);
    }
    return packBytes(json, dictionary);
  }

  /**
   * Before a batch write (a run's corpus findings: one analyser's come in one call): a purpose
   * with no dictionary known takes its samples from the batch itself, so the store can store
   * the dictionary before the batch and the batch use it.
   */
  prime(purpose: string, values: readonly unknown[]): void {
    if (this.known.has(purpose) || this.built.has(purpose) || values.length <= SAMPLES) return;
    if (this.lookup && !this.looked.has(purpose)) {
      this.looked.add(purpose);
      const stored = this.lookup(purpose);
      if (stored) return this.adopt(stored);
    }
    const samples = [...(this.samples.get(purpose) ?? [])];
    for (const value of values) {
      if (samples.length >= SAMPLES) break;
      samples.push(Buffer.from(JSON.stringify(value), 'utf8'));
    }
    this.built.set(purpose, buildDictionary(samples));
    this.samples.delete(purpose);
  }

  /** Dictionaries built and waiting to be stored (the store calls this after its write commits). */
  pending(): StoredDictionary[] {
    return [...this.built].map(([purpose, bytes]) => ({ hash: dictionaryHash(bytes), purpose, bytes }));
  }
}

/** How the store names what a packed value is, so each kind of value gets its own dictionary. */
export const purposes = {
  findings: (producer: string) => `findings ${producer}`,
  state: (producer: string) => `state ${producer}`,
  members: (analyzer: string) => `members ${analyzer}`,
  data: (analyzer: string) => `data ${analyzer}`,
};

/** Tests only: forget every registered dictionary, as a new process starts (loaders stay). */
export function forgetDictionaries(): void {
  registry.clear();
}
