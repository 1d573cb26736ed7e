import { hashString } from '../minhash.js';

/**
 * Counts per token in typed arrays, keyed by two independent 32-bit hashes of the token (open
 * addressing), without keeping the token strings: frame discovery counts the tokens of every
 * candidate sentence of the corpus, and a Map entry per distinct token (its string, the
 * entry, the table's slack: ~90 bytes) grew with the corpus's vocabulary, word pairs included
 * (~200,000 entries at 5,000 bench documents). Here an entry is 12 bytes. Two tokens are taken
 * for one only when both hashes agree (about n²/2⁶⁵ pairs: one in ~10⁷ at a million tokens).
 * Each token keeps its slot once added (the table only grows while counting, and slots are
 * stable once counting is done), so a caller can hang its own per-token data on slot numbers.
 */
export class TokenCounts {
  private first: Uint32Array;
  private second: Uint32Array;
  private counts: Int32Array;
  private mask: number;
  /** distinct tokens held */
  size = 0;

  constructor(capacity = 1 << 12) {
    const n = 1 << Math.max(4, Math.ceil(Math.log2(capacity)));
    this.first = new Uint32Array(n);
    this.second = new Uint32Array(n);
    this.counts = new Int32Array(n);
    this.mask = n - 1;
  }

  /** Slots in the table (slot numbers are below this). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** The token's slot, or -1 when it was never added. */
  slot(token: string, h1 = hashString(token)): number {
    const h2 = secondHash(token);
    for (let s = h1 & this.mask; ; s = (s + 1) & this.mask) {
      if (this.counts[s] === 0) return -1;
      if (this.first[s] === h1 && this.second[s] === h2) return s;
    }
  }

  /** How many times the token was added (0 when never). */
  get(token: string, h1 = hashString(token)): number {
    const s = this.slot(token, h1);
    return s < 0 ? 0 : this.counts[s];
  }

  countAt(slot: number): number {
    return this.counts[slot];
  }

  add(token: string, h1 = hashString(token)): void {
    // grown at 5/8 full: probes stay short
    if ((this.size + 1) * 8 > this.capacity * 5) this.grow();
    const h2 = secondHash(token);
    for (let s = h1 & this.mask; ; s = (s + 1) & this.mask) {
      if (this.counts[s] === 0) {
        this.first[s] = h1;
        this.second[s] = h2;
        this.counts[s] = 1;
        this.size++;
        return;
      }
      if (this.first[s] === h1 && this.second[s] === h2) {
        this.counts[s]++;
        return;
      }
    }
  }

  /** Every token's first hash (hashString's) and count, in slot order. */
  forEachCount(f: (firstHash: number, count: number) => void): void {
    for (let s = 0; s < this.counts.length; s++) if (this.counts[s] !== 0) f(this.first[s], this.counts[s]);
  }

  /** Bytes the table holds (for benchmarks). */
  get bytes(): number {
    return this.first.byteLength + this.second.byteLength + this.counts.byteLength;
  }

  private grow(): void {
    const [first, second, counts] = [this.first, this.second, this.counts];
    const n = (this.mask + 1) * 2;
    this.first = new Uint32Array(n);
    this.second = new Uint32Array(n);
    this.counts = new Int32Array(n);
    this.mask = n - 1;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) continue;
      let s = first[i] & this.mask;
      while (this.counts[s] !== 0) s = (s + 1) & this.mask;
      this.first[s] = first[i];
      this.second[s] = second[i];
      this.counts[s] = counts[i];
    }
  }
}

/** A second hash independent of hashString's FNV-1a (another multiplier and mixing). */
function secondHash(text: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Posting lists of cluster numbers per token slot of a TokenCounts (which no longer grows), in
 * typed arrays: each list is a chain of nodes newest first, capped at `cap` (the oldest dropped,
 * its node reused). A Map of arrays per probe word held a string, an entry and an array for
 * each of the corpus's distinct probe words.
 */
export class PostingLists {
  private readonly head: Int32Array;
  private readonly length: Uint8Array;
  private cluster = new Int32Array(1 << 12);
  private next = new Int32Array(1 << 12);
  private used = 0;
  private free = -1;
  private readonly scratch: Int32Array;

  constructor(slots: number, private readonly cap: number) {
    if (cap < 1 || cap > 255) throw new Error('posting cap must be 1..255');
    this.head = new Int32Array(slots).fill(-1);
    this.length = new Uint8Array(slots);
    this.scratch = new Int32Array(cap);
  }

  /** Bytes held (for benchmarks). */
  get bytes(): number {
    return this.head.byteLength + this.length.byteLength + this.cluster.byteLength + this.next.byteLength;
  }

  /** Appends a cluster to a slot's list unless it is already the newest; drops the oldest past the cap. */
  add(slot: number, cluster: number): void {
    const h = this.head[slot];
    if (h >= 0 && this.cluster[h] === cluster) return;
    const node = this.node();
    this.cluster[node] = cluster;
    this.next[node] = h;
    this.head[slot] = node;
    if (this.length[slot] < this.cap) {
      this.length[slot]++;
      return;
    }
    // cap + 1 nodes: cut the oldest
    let before = node;
    for (let k = 1; k < this.cap; k++) before = this.next[before];
    const oldest = this.next[before];
    this.next[before] = -1;
    this.next[oldest] = this.free;
    this.free = oldest;
  }

  /** The slot's clusters, oldest first, into `out` (cleared first). */
  list(slot: number, out: number[]): number[] {
    out.length = 0;
    if (slot < 0) return out;
    let n = 0;
    for (let at = this.head[slot]; at >= 0; at = this.next[at]) this.scratch[n++] = this.cluster[at];
    for (let k = n - 1; k >= 0; k--) out.push(this.scratch[k]);
    return out;
  }

  private node(): number {
    if (this.free >= 0) {
      const node = this.free;
      this.free = this.next[node];
      return node;
    }
    if (this.used === this.cluster.length) {
      const grown = this.cluster.length * 2;
      const [cluster, next] = [new Int32Array(grown), new Int32Array(grown)];
      cluster.set(this.cluster);
      next.set(this.next);
      [this.cluster, this.next] = [cluster, next];
    }
    return this.used++;
  }
}
