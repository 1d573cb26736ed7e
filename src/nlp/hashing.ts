/**
 * Feature hashing with integers only: a feature is a template seed mixed with the hashes of
 * its parts (a word's identity, a shape, a bin), so no feature string is ever built. The
 * weights of a trained model are kept for the buckets that matter, in an open-addressing
 * table of typed arrays.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a string (or of text[from, to)), as an unsigned 32-bit integer. */
export function hashText(text: string, from = 0, to = text.length, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * Mixes a value into a hash (murmur3's finaliser over the xor). One step is symmetric, so a
 * feature always starts from its template's seed and adds its parts one by one: the nesting
 * makes the order of the parts matter (`mix(mix(t, a), b)` ≠ `mix(mix(t, b), a)`).
 */
export function mix(h: number, v: number): number {
  let x = Math.imul((h ^ v) >>> 0, 0x9e3779b1);
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A template's seed from its name ("w-1", "b+", ...). */
export const seed = (name: string): number => hashText(name);

/**
 * The stored weights of a hashed linear model: `width` weights (1 for a binary model, one per
 * class otherwise) for each kept bucket. Lookup by open addressing on the bucket number.
 */
export class HashedWeights {
  /** open addressing: slot s holds its bucket at 2s (−1: empty) and that bucket's row at 2s + 1, so a probe reads one cache line */
  private readonly table: Int32Array;
  private readonly slotMask: number;
  private readonly bucketMask: number;

  constructor(
    /** buckets = hash & (dim − 1) */
    readonly dim: number,
    readonly buckets: Uint32Array,
    /** row-major: buckets.length × width */
    readonly weights: Float32Array,
    readonly width: number,
    /** the int8 form of `weights` when they were quantised (stored so) */
    readonly int8: Int8Weights | null = null,
  ) {
    let size = 16;
    while (size < buckets.length * 2) size *= 2;
    this.table = new Int32Array(2 * size).fill(-1);
    this.slotMask = size - 1;
    this.bucketMask = dim - 1;
    buckets.forEach((b, row) => {
      let s = mix(b, 0x5bd1e995) & this.slotMask;
      while (this.table[2 * s] !== -1) s = (s + 1) & this.slotMask;
      this.table[2 * s] = b;
      this.table[2 * s + 1] = row;
    });
  }

  /** Row of the bucket of `hash`, or −1 when the model keeps no weight for it. */
  row(hash: number): number {
    const b = (hash & this.bucketMask) | 0;
    let s = mix(b >>> 0, 0x5bd1e995) & this.slotMask;
    const table = this.table;
    for (;;) {
      const v = table[2 * s];
      if (v === -1) return -1;
      if (v === b) return table[2 * s + 1];
      s = (s + 1) & this.slotMask;
    }
  }

  /** The single weight of a binary model's bucket (0 when absent). */
  weight(hash: number): number {
    if (this.width !== 1) {
      const r = this.row(hash);
      return r < 0 ? 0 : this.weights[r];
    }
    // one probe reads the bucket and its weight together (see packedSingle)
    const packed = (this.single ??= this.packedSingle());
    const b = (hash & this.bucketMask) | 0;
    let s = mix(b >>> 0, 0x5bd1e995) & this.slotMask;
    const { keys, values } = packed;
    for (;;) {
      const v = keys[2 * s];
      if (v === -1) return 0;
      if (v === b) return values[2 * s + 1];
      s = (s + 1) & this.slotMask;
    }
  }

  /**
   * Adds the row of `hash` to `z` (width values, each the float32 q × scale, as
   * `Math.fround(int8.q[r·width + c] · int8.scales[r])`), when the model keeps the bucket; for
   * int8 weights with one scale per row. Returns whether it did.
   */
  addInt8Row(hash: number, z: Float64Array): boolean {
    const packed = (this.rows8 ??= this.packedInt8Rows());
    const b = (hash & this.bucketMask) | 0;
    let s = mix(b >>> 0, 0x5bd1e995) & this.slotMask;
    const { keys, scales, q, stride } = packed;
    const width = this.width;
    for (;;) {
      const at = s * stride;
      const v = keys[at];
      if (v === -1) return false;
      if (v === b) {
        const scale = scales[at + 1];
        const o = 4 * (at + 2);
        for (let c = 0; c < width; c++) z[c] += Math.fround(q[o + c] * scale);
        return true;
      }
      s = (s + 1) & this.slotMask;
    }
  }

  /**
   * The lookups of the taggers' inner loops are cache misses on tables of megabytes: a probe,
   * then the row's weights elsewhere (and for int8 its scale in a third array). These copies
   * keep each slot's bucket and what it holds side by side, so a lookup touches one place.
   * Built on first use from the open-addressing table (same slots, same probe order), holding
   * the same stored values: results are bit for bit those of row() and the weight arrays.
   */
  private single: { keys: Int32Array; values: Float32Array } | null = null;
  private rows8: { keys: Int32Array; scales: Float32Array; q: Int8Array; stride: number } | null = null;

  private packedSingle(): { keys: Int32Array; values: Float32Array } {
    const buffer = new ArrayBuffer(this.table.byteLength);
    const keys = new Int32Array(buffer).fill(-1);
    const values = new Float32Array(buffer);
    for (let s = 0; 2 * s < this.table.length; s++) {
      const v = this.table[2 * s];
      if (v === -1) continue;
      keys[2 * s] = v;
      values[2 * s + 1] = this.weights[this.table[2 * s + 1]];
    }
    return { keys, values };
  }

  private packedInt8Rows(): { keys: Int32Array; scales: Float32Array; q: Int8Array; stride: number } {
    const int8 = this.int8;
    if (!int8 || int8.block !== this.width) throw new Error('addInt8Row needs int8 weights with one scale per row');
    // slot: [bucket, scale, q of the row (width bytes, padded to whole 32-bit words)]
    const stride = 2 + Math.ceil(this.width / 4);
    const slots = this.table.length / 2;
    const buffer = new ArrayBuffer(slots * stride * 4);
    const keys = new Int32Array(buffer).fill(-1);
    const scales = new Float32Array(buffer);
    const q = new Int8Array(buffer);
    for (let s = 0; s < slots; s++) {
      const v = this.table[2 * s];
      if (v === -1) continue;
      const r = this.table[2 * s + 1];
      const at = s * stride;
      keys[at] = v;
      scales[at + 1] = int8.scales[r];
      q.set(int8.q.subarray(r * this.width, (r + 1) * this.width), 4 * (at + 2));
    }
    return { keys, scales, q, stride };
  }

  /** Keeps the buckets of a dense weight table whose largest absolute weight is at least `minAbs`. */
  static fromDense(dense: Float32Array, dim: number, width: number, minAbs: number): HashedWeights {
    const buckets: number[] = [];
    for (let b = 0; b < dim; b++) {
      for (let c = 0; c < width; c++) {
        if (Math.abs(dense[b * width + c]) >= minAbs) {
          buckets.push(b);
          break;
        }
      }
    }
    const weights = new Float32Array(buckets.length * width);
    buckets.forEach((b, row) => weights.set(dense.subarray(b * width, b * width + width), row * width));
    return new HashedWeights(dim, Uint32Array.from(buckets), weights, width);
  }
}

export interface StoredHashed {
  dim: number;
  width: number;
  bias: number[];
  /** base64 of little-endian Uint32Array: kept buckets, ascending (without `int8`); with `int8`, base64 of their gaps as LEB128 varints */
  buckets: string;
  /** base64 of little-endian Float32Array: buckets × width; with `int8`, of Int8Array */
  weights: string;
  /** int8 weights: weight = q × scales[⌊index / block⌋], index in the row-major buckets × width table */
  int8?: { block: number; /** base64 of little-endian Float32Array */ scales: string } | null;
}

/** Quantised form of a weight table: q[i] × scales[⌊i / block⌋] is weight i. */
export interface Int8Weights {
  block: number;
  q: Int8Array;
  scales: Float32Array;
}

/**
 * Int8 weights with a float32 scale per block of `block` consecutive weights (a block's
 * largest |weight| maps to 127), so a table takes a quarter of the bytes. Returns the
 * quantised form and the weights it stands for (q × scale as float32): a model trained here
 * is quantised before it is tuned or stored, so what is tuned is exactly what is loaded.
 */
export function quantiseInt8(weights: Float32Array, block: number): { int8: Int8Weights; weights: Float32Array } {
  if (!(Number.isInteger(block) && block > 0)) throw new Error(`quantisation block must be a positive integer, got ${block}`);
  const blocks = Math.ceil(weights.length / block);
  const q = new Int8Array(weights.length);
  const scales = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(weights.length, (b + 1) * block);
    let max = 0;
    for (let i = b * block; i < end; i++) max = Math.max(max, Math.abs(weights[i]));
    const scale = Math.fround(max / 127);
    scales[b] = scale;
    if (scale === 0) continue;
    for (let i = b * block; i < end; i++) q[i] = Math.max(-127, Math.min(127, Math.round(weights[i] / scale)));
  }
  const int8 = { block, q, scales };
  return { int8, weights: dequantise(int8) };
}

function dequantise(int8: Int8Weights): Float32Array {
  const out = new Float32Array(int8.q.length);
  for (let i = 0; i < out.length; i++) out[i] = int8.q[i] * int8.scales[Math.floor(i / int8.block)];
  return out;
}

/** A copy of `w` whose weights are int8-quantised (quantiseInt8); storeHashed then writes them as int8. */
export function quantiseHashed(w: HashedWeights, block: number): HashedWeights {
  const { int8, weights } = quantiseInt8(w.weights, block);
  return new HashedWeights(w.dim, w.buckets, weights, w.width, int8);
}

function typed<T extends Uint32Array | Float32Array>(text: string, make: (n: number) => T, what: string): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) throw new Error(`model ${what} are not whole 32-bit values`);
  const out = make(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Ascending integers as the LEB128 varints of their gaps (buckets ≈ 10 apart: about one byte each instead of four). */
export function encodeGaps(values: Uint32Array): Uint8Array {
  const out: number[] = [];
  let last = 0;
  for (const v of values) {
    if (v < last) throw new Error('buckets must be ascending');
    let gap = v - last;
    last = v;
    while (gap >= 0x80) {
      out.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    out.push(gap);
  }
  return Uint8Array.from(out);
}

export function decodeGaps(bytes: Uint8Array): Uint32Array {
  const values: number[] = [];
  let last = 0;
  let gap = 0;
  let shift = 0;
  for (const b of bytes) {
    gap += (b & 0x7f) * 2 ** shift;
    if (b & 0x80) {
      shift += 7;
      if (shift > 28) throw new Error('model buckets: varint too long');
      continue;
    }
    last += gap;
    values.push(last);
    gap = 0;
    shift = 0;
  }
  if (shift !== 0) throw new Error('model buckets: truncated varint');
  return Uint32Array.from(values);
}

const b64 = (a: Uint8Array | Int8Array | Uint32Array | Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

export function storeHashed(w: HashedWeights, bias: ArrayLike<number>): StoredHashed {
  if (w.int8) return { dim: w.dim, width: w.width, bias: Array.from(bias), buckets: b64(encodeGaps(w.buckets)), weights: b64(w.int8.q), int8: { block: w.int8.block, scales: b64(w.int8.scales) } };
  return { dim: w.dim, width: w.width, bias: Array.from(bias), buckets: b64(w.buckets), weights: b64(w.weights) };
}

export function loadHashed(stored: StoredHashed): { weights: HashedWeights; bias: Float64Array } {
  if (stored.int8) {
    const buckets = decodeGaps(Buffer.from(stored.buckets, 'base64'));
    const raw = Buffer.from(stored.weights, 'base64');
    const q = new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength).slice();
    const scales = typed(stored.int8.scales, (n) => new Float32Array(n), 'scales');
    const block = stored.int8.block;
    if (q.length !== buckets.length * stored.width) throw new Error('model weights do not match its buckets');
    if (!(Number.isInteger(block) && block > 0) || scales.length !== Math.ceil(q.length / block)) throw new Error('model scales do not match its weights');
    const int8 = { block, q, scales };
    return { weights: new HashedWeights(stored.dim, buckets, dequantise(int8), stored.width, int8), bias: Float64Array.from(stored.bias) };
  }
  const buckets = typed(stored.buckets, (n) => new Uint32Array(n), 'buckets');
  const weights = typed(stored.weights, (n) => new Float32Array(n), 'weights');
  if (weights.length !== buckets.length * stored.width) throw new Error('model weights do not match its buckets');
  return { weights: new HashedWeights(stored.dim, buckets, weights, stored.width), bias: Float64Array.from(stored.bias) };
}
