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
  private readonly slots: Int32Array;
  private readonly rowOf: Int32Array;
  private readonly slotMask: number;

  constructor(
    /** buckets = hash & (dim − 1) */
    readonly dim: number,
    readonly buckets: Uint32Array,
    /** row-major: buckets.length × width */
    readonly weights: Float32Array,
    readonly width: number,
  ) {
    let size = 16;
    while (size < buckets.length * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.rowOf = new Int32Array(size);
    this.slotMask = size - 1;
    buckets.forEach((b, row) => {
      let s = mix(b, 0x5bd1e995) & this.slotMask;
      while (this.slots[s] !== -1) s = (s + 1) & this.slotMask;
      this.slots[s] = b;
      this.rowOf[s] = row;
    });
  }

  /** Row of the bucket of `hash`, or −1 when the model keeps no weight for it. */
  row(hash: number): number {
    const b = (hash & (this.dim - 1)) | 0;
    let s = mix(b >>> 0, 0x5bd1e995) & this.slotMask;
    for (;;) {
      const v = this.slots[s];
      if (v === -1) return -1;
      if (v === b) return this.rowOf[s];
      s = (s + 1) & this.slotMask;
    }
  }

  /** The single weight of a binary model's bucket (0 when absent). */
  weight(hash: number): number {
    const r = this.row(hash);
    return r < 0 ? 0 : this.weights[r];
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
  /** base64 of little-endian Uint32Array: kept buckets, ascending */
  buckets: string;
  /** base64 of little-endian Float32Array: buckets × width */
  weights: string;
}

function typed<T extends Uint32Array | Float32Array>(text: string, make: (n: number) => T, what: string): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) throw new Error(`model ${what} are not whole 32-bit values`);
  const out = make(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function storeHashed(w: HashedWeights, bias: ArrayLike<number>): StoredHashed {
  const b64 = (a: Uint32Array | Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return { dim: w.dim, width: w.width, bias: Array.from(bias), buckets: b64(w.buckets), weights: b64(w.weights) };
}

export function loadHashed(stored: StoredHashed): { weights: HashedWeights; bias: Float64Array } {
  const buckets = typed(stored.buckets, (n) => new Uint32Array(n), 'buckets');
  const weights = typed(stored.weights, (n) => new Float32Array(n), 'weights');
  if (weights.length !== buckets.length * stored.width) throw new Error('model weights do not match its buckets');
  return { weights: new HashedWeights(stored.dim, buckets, weights, stored.width), bias: Float64Array.from(stored.bias) };
}
