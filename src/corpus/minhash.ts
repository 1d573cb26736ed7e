/**
 * MinHash signatures over word shingles, and banded LSH that turns them into candidate
 * pairs without comparing all pairs. Owned code: small, deterministic (fixed seeds), and
 * memory-bounded — the index keeps one 32-bit key per item and band, never the signatures,
 * and candidate pairs are verified by exact Jaccard / containment on the shingle sets.
 */

import { seededRandom } from '../core/random.js';

/** FNV-1a over the UTF-16 code units of a string: fast, stable across runs. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** MurmurHash3's finaliser: a bijection on 32-bit integers with good avalanche. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes of the k-word shingles of `words`, sorted and unique. A text shorter than k words
 * is one shingle of all its words, so short posts still get a set.
 */
export function shingleSet(words: readonly string[], k = 3): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const width = Math.min(k, words.length);
  const out = new Uint32Array(words.length - width + 1);
  for (let i = 0; i + width <= words.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + width; j++) {
      h = hashString(words[j], h ^ 0x20);
    }
    out[i] = h;
  }
  out.sort();
  return uniqueSorted(out);
}

function uniqueSorted(values: Uint32Array): Uint32Array {
  if (values.length < 2) return values;
  let w = 1;
  for (let r = 1; r < values.length; r++) {
    if (values[r] !== values[w - 1]) values[w++] = values[r];
  }
  return values.subarray(0, w);
}

/** |A ∩ B| of two sorted unique sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const inter = intersectionSize(a, b);
  return inter / (a.length + b.length - inter);
}

/** Share of the smaller set found in the larger: 1 when one text contains the other. */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const smaller = Math.min(a.length, b.length);
  if (smaller === 0) return 0;
  return intersectionSize(a, b) / smaller;
}

/** Seeded 32-bit integers for the hash seeds (mulberry32; exact, since its floats are k / 2^32). */
function seededUint32(seed: number): () => number {
  const next = seededRandom(seed);
  return () => next() * 4294967296;
}

export interface MinHashOptions {
  /** signature length = bands × rows */
  bands?: number;
  rows?: number;
  seed?: number;
}

/**
 * With b bands of r rows, two sets of Jaccard s become candidates with probability
 * 1 − (1 − s^r)^b: the default 16 × 4 puts the 50 % point near s ≈ 0.5 and catches
 * s ≥ 0.7 with probability > 0.99.
 */
export class MinHasher {
  readonly bands: number;
  readonly rows: number;
  private readonly seeds: Uint32Array;

  constructor(options: MinHashOptions = {}) {
    this.bands = options.bands ?? 16;
    this.rows = options.rows ?? 4;
    if (!Number.isInteger(this.bands) || !Number.isInteger(this.rows) || this.bands < 1 || this.rows < 1) {
      throw new RangeError('bands and rows must be positive integers');
    }
    const next = seededUint32(options.seed ?? 0x5eed);
    this.seeds = new Uint32Array(this.bands * this.rows);
    for (let i = 0; i < this.seeds.length; i++) this.seeds[i] = next();
  }

  get length(): number {
    return this.seeds.length;
  }

  /** The signature: per hash function, the minimum over the set of fmix32(x ^ seed). */
  signature(set: Uint32Array, out: Uint32Array = new Uint32Array(this.seeds.length)): Uint32Array {
    out.fill(0xffffffff);
    for (let s = 0; s < this.seeds.length; s++) {
      const seed = this.seeds[s];
      let min = 0xffffffff;
      for (let i = 0; i < set.length; i++) {
        const h = fmix32(set[i] ^ seed);
        if (h < min) min = h;
      }
      out[s] = min;
    }
    return out;
  }

  /** One key per band: a hash of the band's rows. Equal keys ⇒ candidate pair. */
  bandKeys(signature: Uint32Array, out: Uint32Array = new Uint32Array(this.bands)): Uint32Array {
    for (let b = 0; b < this.bands; b++) {
      let h = 0x9e3779b9 ^ b;
      for (let r = 0; r < this.rows; r++) {
        h = fmix32(Math.imul(h, 0x01000193) ^ signature[b * this.rows + r]);
      }
      out[b] = h;
    }
    return out;
  }

  /** Estimated Jaccard from two signatures (for diagnostics; verification is exact). */
  static estimate(a: Uint32Array, b: Uint32Array): number {
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
    return a.length === 0 ? 0 : same / a.length;
  }
}

/**
 * The LSH index: band keys in one flat typed array (items × bands). Sets with no shingles
 * are never candidates. Memory: 4 bytes × bands per item, plus sorting scratch per band.
 */
export class LshIndex {
  private keys: Uint32Array;
  private present: Uint8Array;
  private count = 0;
  private readonly scratchSig: Uint32Array;
  private readonly scratchKeys: Uint32Array;

  constructor(
    readonly hasher: MinHasher,
    capacity = 1024,
  ) {
    this.keys = new Uint32Array(Math.max(1, capacity) * hasher.bands);
    this.present = new Uint8Array(Math.max(1, capacity));
    this.scratchSig = new Uint32Array(hasher.length);
    this.scratchKeys = new Uint32Array(hasher.bands);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the next item (ids are 0, 1, 2, … in insertion order); returns its id. */
  add(set: Uint32Array): number {
    const id = this.count++;
    if (id >= this.present.length) this.grow();
    if (set.length > 0) {
      this.hasher.bandKeys(this.hasher.signature(set, this.scratchSig), this.scratchKeys);
      this.keys.set(this.scratchKeys, id * this.hasher.bands);
      this.present[id] = 1;
    }
    return id;
  }

  private grow(): void {
    const capacity = this.present.length * 2;
    const keys = new Uint32Array(capacity * this.hasher.bands);
    keys.set(this.keys);
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.keys = keys;
    this.present = present;
  }

  /**
   * Calls `visit(a, b)` (a < b) for candidate pairs, band by band. Within a bucket every
   * member is paired with the bucket's first `maxPerBucket` members only, so a bucket of
   * a million identical posts costs linear, not quadratic, work — enough to connect them
   * all into one cluster. A pair may be visited once per band it collides in.
   */
  forEachCandidate(visit: (a: number, b: number) => void, maxPerBucket = 8): void {
    const n = this.count;
    const bands = this.hasher.bands;
    // Pack (key, id) into one float so the native numeric sort orders a band without a
    // comparator callback (10× faster); ids must then fit in 21 bits.
    const packable = n <= 1 << 21;
    const packed = new Float64Array(packable ? n : 0);
    const order = new Uint32Array(n);
    const bandKey = new Uint32Array(packable ? 0 : n);
    for (let b = 0; b < bands; b++) {
      let m = 0;
      if (packable) {
        for (let i = 0; i < n; i++) {
          if (this.present[i]) packed[m++] = this.keys[i * bands + b] * 2097152 + i;
        }
        packed.subarray(0, m).sort();
        for (let i = 0; i < m; i++) order[i] = packed[i] % 2097152;
      } else {
        for (let i = 0; i < n; i++) {
          if (!this.present[i]) continue;
          order[m++] = i;
          bandKey[i] = this.keys[i * bands + b];
        }
        order.subarray(0, m).sort((x, y) => bandKey[x] - bandKey[y] || x - y);
      }
      const keyOf = (id: number): number => this.keys[id * bands + b];
      const view = order.subarray(0, m);
      let start = 0;
      while (start < m) {
        const key = keyOf(view[start]);
        let end = start + 1;
        while (end < m && keyOf(view[end]) === key) end++;
        for (let i = start + 1; i < end; i++) {
          const heads = Math.min(i - start, maxPerBucket);
          for (let h = 0; h < heads; h++) visit(view[start + h], view[i]);
        }
        start = end;
      }
    }
  }
}

/** Union-find over 0..n-1 with path halving and union by size. */
export class DisjointSet {
  private readonly parent: Uint32Array;
  private readonly size: Uint32Array;

  constructor(n: number) {
    this.parent = new Uint32Array(n);
    this.size = new Uint32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    let i = x;
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    return true;
  }

  same(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  /** Members of every set with at least `minSize` members, each sorted, ordered by first member. */
  groups(minSize = 2): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const root = this.find(i);
      if (this.size[root] < minSize) continue;
      let list = byRoot.get(root);
      if (!list) byRoot.set(root, (list = []));
      list.push(i);
    }
    return [...byRoot.values()];
  }
}

export interface NearDuplicateOptions extends MinHashOptions {
  /** exact Jaccard at or above which two sets are near-duplicates */
  threshold?: number;
  /** also accept pairs whose containment reaches this (one text inside the other) */
  containmentThreshold?: number;
  maxPerBucket?: number;
}

/**
 * Clusters of near-duplicate sets: LSH candidates, verified exactly, joined transitively.
 * `getSet(i)` is called once per item; the sets are kept in one flat typed array.
 */
export function nearDuplicateClusters(
  count: number,
  getSet: (i: number) => Uint32Array,
  options: NearDuplicateOptions = {},
): { clusters: number[][]; candidates: number; verified: number } {
  const threshold = options.threshold ?? 0.7;
  const containmentThreshold = options.containmentThreshold ?? Infinity;
  const index = new LshIndex(new MinHasher(options), count);
  // Every set once, in one flat array (4 bytes per shingle): verification never recomputes.
  const offsets = new Uint32Array(count + 1);
  let flat = new Uint32Array(Math.max(16, count * 8));
  for (let i = 0; i < count; i++) {
    const set = getSet(i);
    index.add(set);
    if (offsets[i] + set.length > flat.length) {
      const bigger = new Uint32Array(Math.max(flat.length * 2, offsets[i] + set.length));
      bigger.set(flat.subarray(0, offsets[i]));
      flat = bigger;
    }
    flat.set(set, offsets[i]);
    offsets[i + 1] = offsets[i] + set.length;
  }
  const setOf = (i: number): Uint32Array => flat.subarray(offsets[i], offsets[i + 1]);
  const sets = new DisjointSet(count);
  let candidates = 0;
  let verified = 0;
  index.forEachCandidate((a, b) => {
    if (sets.same(a, b)) return;
    candidates++;
    const sa = setOf(a);
    const sb = setOf(b);
    if (jaccard(sa, sb) >= threshold || containment(sa, sb) >= containmentThreshold) {
      verified++;
      sets.union(a, b);
    }
  }, options.maxPerBucket);
  return { clusters: sets.groups(2), candidates, verified };
}
